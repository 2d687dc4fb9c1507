package org.openrcm.server.sandbox;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.openrcm.server.sandbox.SandboxResponse.Problem;
import org.openrcm.server.sandbox.SandboxResponse.ResponseFile;
import org.openrcm.server.x12.ControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Error;
import org.openrcm.server.x12.X12ErrorCode;
import org.openrcm.server.x12.X12ErrorLevel;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.ack.Ack277caWriter;
import org.openrcm.server.x12.ack.Ack999Writer;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance835Writer;
import org.openrcm.server.x12.ack.ClaimAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledger;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;

/**
 * The clearinghouse and payer a developer talks to: answers a submitted 837P or 837I file with the acknowledgments a
 * real clearinghouse sends back, deterministically, without any I/O of its own (the integrator runs the polling loop
 * over the SFTP folders and drops the returned files into the submitter's inbound folder).
 *
 * <p>Per interchange in the file (read with {@link X12Reader}, segments kept):
 * <ol>
 * <li>a 999 ({@code <name>.<ISA13>.999}): one 999 transaction set per functional group, from what the reader found
 * (see {@link ImplementationAcknowledger}): IK3/IK4 name each segment and element at fault, IK5 {@code A}, {@code E}
 * (only unused data noted) or {@code R}; transaction sets other than 837P/837I and the requests an answerer
 * takes are rejected as not supported (IK502 {@code 1}); so is a request whose subscriber member id starts with
 * {@code X12REJ} (see {@link SandboxSyntaxRejections}), which therefore gets no answer;</li>
 * <li>then, when at least one 837 transaction set was accepted, a 277CA ({@code <name>.<ISA13>.277}): one 277 per
 * accepted 837 transaction set, a claim status (2200D) per claim, decided by the {@link SandboxRules}: accepted with
 * {@code A2:20} and a payer claim control number (REF*1K: the 837's ISA13 followed by eight digits of a hash of
 * its ST02 and CLM01, so the same claim in the same file always gets the same number), or rejected with the codes
 * the rules document. A transaction set the 999 rejected gets no 277CA entry; neither do the transaction sets of a
 * group whose envelope is at fault.</li>
 * <li>then, when the {@link SandboxRemittanceRules} are enabled (the default in the server) and claims were
 * accepted, an 835 ({@code <name>.<ISA13>.835}) paying them by those rules ({@link SandboxAdjudicator}): one 835
 * transaction set per payer and billing provider;</li>
 * <li>then, for the accepted requests of each kind a {@link SandboxRequestAnswerer} answers (a 270, 276 or 278), that
 * answerer's interchange ({@code <name>.<ISA13>.<extension>}, e.g. {@code .271}).</li>
 * </ol>
 * The real-time channel asks {@link #respondRealTime} instead: the same reading and answering, one answer back.
 * {@code <name>} is the submitted file name without directories and without its last extension, reduced to letters,
 * digits, {@code .}, {@code _} and {@code -}.
 *
 * <p>The sandbox answers as the 837's receiver: its ISA06/ISA05 are the 837's ISA08/ISA07 (and GS02/GS03 the 837's
 * GS03/GS02), addressed back to the 837's sender; ISA15 follows the 837 (production only for {@code P}). It draws its
 * control numbers from the {@link ControlNumbers} it is given, under its own sender id. The 277CA names the
 * clearinghouse as the 837's 1000B receiver (NM1*AY) and the submitter as the 837's 1000A (NM1*41, TRN02 the 837's
 * BHT03); the receipt and process dates, the STC02 dates and BHT04/BHT05 are the clock's current day and time.
 *
 * <p>A file without a readable ISA header gets no files, only a reason ({@link SandboxResponse#reason()}); so does
 * an interchange whose header names no sender or receiver, or a group whose GS06 is not a number (a 999 could not
 * name it). An interchange cut short still gets its 999 for what was read: its last group counts as missing its GE
 * (AK9 {@code R}, AK905 {@code 3}) and a transaction set without its SE is rejected (IK502 {@code 2}); neither gets a
 * 277CA entry. Faults of the ISA/IEA envelope itself would be a TA1's business, which the sandbox does not send.
 *
 * <p>Instances are immutable apart from the control numbers they draw, and may be shared.
 */
public final class SandboxResponder {

	/** The transaction sets the sandbox takes: professional and institutional claims. */
	public static final Set<X12Guide> CLAIM_GUIDES = Set.of(X12Guide.CLAIM_837P, X12Guide.CLAIM_837I);

	private final X12Reader reader;
	private final X12InterchangeWriter writer;
	private final Map<X12Guide, SandboxRequestAnswerer> answerers = new LinkedHashMap<>();
	/** The claim guides and the guides of the requests the answerers take: the rest the 999 rejects. */
	private final Set<X12Guide> supported;
	private final Ack999Writer ack999;
	private final Ack277caWriter ack277;
	private final SandboxScreening screening;
	private final Remittance835Writer remittance835;
	/** Null when the sandbox pays nothing. */
	private final SandboxAdjudicator adjudicator;
	private final Clock clock;

	/**
	 * @param schemas the X12 schemas
	 * @param controlNumbers where the sandbox's own ISA13/GS06/ST02 come from
	 * @param rules which claims the sandbox rejects
	 * @param clock the day files are received on (rule: no date of service after it) and the acknowledgments' dates
	 */
	public SandboxResponder(X12Schemas schemas, ControlNumbers controlNumbers, SandboxRules rules, Clock clock) {
		this(schemas, controlNumbers, rules, SandboxRemittanceRules.defaults().disabled(), List.of(), clock, true);
	}

	/**
	 * @param remittance how the sandbox pays the claims it accepted (an 835), if at all
	 * @param answerers how it answers requests other than claims, at most one per request guide
	 * @param readBack whether the answers are read back after they were written and validated (see
	 *     {@link X12InterchangeWriter})
	 */
	public SandboxResponder(X12Schemas schemas, ControlNumbers controlNumbers, SandboxRules rules,
			SandboxRemittanceRules remittance, List<SandboxRequestAnswerer> answerers, Clock clock, boolean readBack) {
		this.writer = new X12InterchangeWriter(schemas, controlNumbers, clock, readBack);
		this.reader = new X12Reader(schemas);
		for (SandboxRequestAnswerer answerer : answerers) {
			if (CLAIM_GUIDES.contains(answerer.requestGuide())
					|| this.answerers.putIfAbsent(answerer.requestGuide(), answerer) != null) {
				throw new IllegalArgumentException("two sandbox answers for " + answerer.requestGuide());
			}
		}
		Set<X12Guide> guides = EnumSet.copyOf(CLAIM_GUIDES);
		guides.addAll(this.answerers.keySet());
		this.supported = Collections.unmodifiableSet(guides);
		this.ack999 = new Ack999Writer(writer);
		this.ack277 = new Ack277caWriter(writer);
		this.remittance835 = new Remittance835Writer(writer);
		this.screening = new SandboxScreening(rules);
		this.adjudicator = remittance.enabled() ? new SandboxAdjudicator(remittance, clock) : null;
		this.clock = clock;
	}

	/**
	 * Answers one submitted file.
	 *
	 * @param fileName the name it was submitted under (a path is reduced to its last part)
	 * @param content the file as submitted
	 * @return the files to deliver, in order, and the problems that kept parts of it from an answer
	 */
	public SandboxResponse respond(String fileName, byte[] content) {
		LocalDateTime received = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
		X12ReadResult result = reader.read(content, X12Reader.Options.DEFAULT.keepingSegments());
		if (result.interchanges().isEmpty()) {
			String why = result.errors().isEmpty() ? "no X12 interchange" : result.errors().get(0).message();
			return SandboxResponse.unanswered(
					new Problem(Problem.NOT_X12, fileName + " has no readable ISA interchange header: " + why));
		}
		Answer answer = new Answer(baseName(fileName), received);
		result.interchanges().forEach(answer::interchange);
		return new SandboxResponse(answer.files, answer.problems);
	}

	/**
	 * Answers one request that came on the real-time channel: read and acknowledged as a file would be, and answered
	 * with the one interchange the requester waits for.
	 *
	 * @param content the request interchange
	 * @return the answer (e.g. {@code realtime.<ISA13>.271}) when a request was accepted and answered, else the 999
	 *     that says why not; empty, with the reason, when the content could not be acknowledged at all
	 */
	public RealTimeResponse respondRealTime(byte[] content) {
		SandboxResponse response = respond("realtime", content);
		Optional<ResponseFile> answer = response.files().stream().filter(file -> !file.name().endsWith(".999"))
				.findFirst().or(() -> response.files().stream().findFirst());
		return new RealTimeResponse(answer, response.problems());
	}

	/**
	 * The sandbox's answer on the real-time channel.
	 *
	 * @param answer the answer interchange, or the 999 when the request was refused; empty when nothing could be
	 *     acknowledged (see the problems)
	 * @param problems what kept parts of the request from an answer
	 */
	public record RealTimeResponse(Optional<ResponseFile> answer, List<Problem> problems) {

		public RealTimeResponse {
			problems = List.copyOf(problems);
		}
	}

	/** The file name without directories and its last extension, in safe characters. */
	static String baseName(String fileName) {
		String name = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'),
				fileName.lastIndexOf('\\')) + 1);
		int dot = name.lastIndexOf('.');
		if (dot > 0) {
			name = name.substring(0, dot);
		}
		name = safe(name);
		return name.isEmpty() ? "submission" : name;
	}

	private static String safe(String text) {
		return text.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	/** The answer to one file, as it is built. */
	private final class Answer {
		private final String base;
		private final LocalDateTime received;
		final List<ResponseFile> files = new ArrayList<>();
		final List<Problem> problems = new ArrayList<>();
		private final Set<String> names = new HashSet<>();

		Answer(String base, LocalDateTime received) {
			this.base = base;
			this.received = received;
		}

		void interchange(X12Interchange interchange) {
			String isa13 = interchange.controlNumber();
			String label = "interchange " + (isa13.isEmpty() ? "without control number" : isa13);
			if (interchange.senderId().isEmpty() || interchange.receiverId().isEmpty()) {
				problems.add(new Problem(Problem.NO_ADDRESS, label + ": its ISA header names no sender or receiver"));
				return;
			}
			List<X12FunctionalGroup> groups = new ArrayList<>();
			List<ImplementationAcknowledgment> acknowledgments = new ArrayList<>();
			boolean cutShort = interchange.errors().stream().anyMatch(e -> e.level() == X12ErrorLevel.INPUT);
			int lastGroup = -1;
			for (int i = 0; i < interchange.groups().size(); i++) {
				lastGroup = interchange.groups().get(i).functionalIdentifier().isEmpty() ? lastGroup : i;
			}
			for (int i = 0; i < interchange.groups().size(); i++) {
				X12FunctionalGroup group = interchange.groups().get(i);
				if (cutShort && i == lastGroup) {
					group = withoutTrailer(group);
				}
				if (group.functionalIdentifier().isEmpty()) {
					problems.add(new Problem(Problem.NO_GROUP,
							label + ": transaction sets outside a functional group get no 999"));
				} else if (!group.controlNumber().matches("\\d{1,9}")) {
					problems.add(new Problem(Problem.NO_GROUP, label + ": group control number GS06 \""
							+ group.controlNumber() + "\" is not a number, so no 999 can name the group"));
				} else {
					groups.add(group);
					acknowledgments.add(SandboxSyntaxRejections.apply(group,
							ImplementationAcknowledger.acknowledge(group, supported)));
				}
			}
			if (groups.isEmpty()) {
				problems.add(new Problem(Problem.NO_GROUP, label + ": no functional group to acknowledge"));
				return;
			}
			X12Envelope envelope;
			try {
				envelope = new X12Envelope(interchange.receiverQualifier(), interchange.receiverId(),
						interchange.senderQualifier(), interchange.senderId(), groups.get(0).receiverCode(),
						groups.get(0).senderCode(), "P".equals(interchange.usageIndicator()) ? X12Usage.PRODUCTION
								: X12Usage.TEST, false);
			} catch (IllegalArgumentException e) {
				problems.add(new Problem(Problem.NO_ADDRESS, label + ": cannot be answered: " + e.getMessage()));
				return;
			}
			if (!write(label, isa13, "999", () -> ack999.write(envelope, acknowledgments))) {
				return;
			}

			List<ClaimAcknowledgment> claims = new ArrayList<>();
			List<Remittance> payments = new ArrayList<>();
			Map<SandboxRequestAnswerer, List<X12Transaction>> requests = new LinkedHashMap<>();
			for (int i = 0; i < groups.size(); i++) {
				if (acknowledgments.get(i).groupResponse().rejected()) {
					continue;
				}
				for (X12Transaction transaction : groups.get(i).transactions()) {
					SandboxRequestAnswerer answerer = transaction.guide().map(answerers::get).orElse(null);
					if (answerer != null && ImplementationAcknowledger.respond(transaction, supported).accepted()
							&& SandboxSyntaxRejections.fault(transaction).isEmpty()) {
						requests.computeIfAbsent(answerer, a -> new ArrayList<>()).add(transaction);
						continue;
					}
					boolean claimGuide = transaction.guide().map(CLAIM_GUIDES::contains).orElse(false);
					if (claimGuide && ImplementationAcknowledger.respond(transaction, CLAIM_GUIDES).accepted()) {
						Inbound837 inbound = Inbound837.of(transaction);
						if (!inbound.claims().isEmpty()) {
							ClaimAcknowledgment acknowledgment = screening.acknowledge(isa13,
									transaction.controlNumber(), interchange.receiverId(), inbound, received);
							claims.add(acknowledgment);
							if (adjudicator != null) {
								payments.addAll(adjudicator.adjudicate(isa13, transaction.controlNumber(), inbound,
										acknowledgment));
							}
						}
					}
				}
			}
			if (!claims.isEmpty()) {
				write(label, isa13, "277", () -> ack277.write(envelope, claims));
			}
			if (!payments.isEmpty()) {
				write(label, isa13, "835", () -> remittance835.write(envelope, payments));
			}
			requests.forEach((answerer, accepted) -> write(label, isa13, answerer.answerExtension(),
					() -> answerer.answer(writer, envelope, accepted, received)));
		}

		/**
		 * The last group of an interchange cut short: the reader records the end of the input on the interchange, so
		 * the group is taken to miss its GE (AK905 {@code 3}) and is rejected as a whole.
		 */
		private static X12FunctionalGroup withoutTrailer(X12FunctionalGroup group) {
			List<X12Error> errors = new ArrayList<>(group.errors());
			X12ErrorCode missing = X12ErrorCode.GROUP_TRAILER_MISSING;
			errors.add(new X12Error(missing, 0, "GE", 0, 0, null, null, null, missing.reason()));
			return new X12FunctionalGroup(group.functionalIdentifier(), group.senderCode(), group.receiverCode(),
					group.date(), group.time(), group.controlNumber(), group.version(), group.transactions(), errors);
		}

		/** Writes one answer file; a fault becomes a problem. */
		private boolean write(String label, String isa13, String extension,
				Supplier<WrittenInterchange> writing) {
			try {
				files.add(new ResponseFile(name(isa13, extension), writing.get().bytes()));
				return true;
			} catch (X12ValidationException e) {
				problems.add(new Problem(Problem.WRITE,
						label + ": the " + extension + " could not be written: " + e.getMessage()));
				return false;
			}
		}

		private String name(String isa13, String extension) {
			String stem = base + "." + (isa13.isEmpty() ? "0" : safe(isa13));
			String name = stem + "." + extension;
			for (int n = 2; !names.add(name); n++) {
				name = stem + "-" + n + "." + extension;
			}
			return name;
		}
	}
}
