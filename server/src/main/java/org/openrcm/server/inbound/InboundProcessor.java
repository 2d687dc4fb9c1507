package org.openrcm.server.inbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openrcm.server.inbound.InboundFileStore.State;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Error;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.ack.Ack999Writer;
import org.openrcm.server.x12.ack.ImplementationAcknowledger;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes stored inbound X12 files: reads each one against the implementation schemas, hands every valid
 * transaction set to the {@link X12TransactionHandler} of its guide, and records the outcome in the
 * {@link InboundFileStore}. A copy of each file lands in the archive folder ({@code <inbound-dir>/archive/<month>/})
 * or, when it was rejected, in the error folder ({@code <inbound-dir>/error/}) next to a {@code .reason.txt} that
 * says why; the database keeps the bytes either way. When anything in a file whose envelope can be read was
 * rejected, its sender is owed a 999: it is written next to the copy ({@code .999}) and handed back in the outcome,
 * for the clearinghouse exchange to upload.
 *
 * <p>Rules: a file whose interchange or group envelope is broken, or that holds no transaction set at all, is rejected
 * whole. A transaction set that breaks its guide is not applied and is named in the notes with its segment and
 * element; the others are applied. A file is rejected when none of its transaction sets could be applied, or when a
 * handler turned it away before applying anything ({@link InboundResult#reject}: an 835 that does not balance). An
 * interchange whose sender and ISA13 match a file already processed is a duplicate and is not applied again.
 * Transaction sets no handler applies yet (a 271 before eligibility exists) leave the file
 * {@code UNHANDLED}, to be processed again when the server starts.
 */
public final class InboundProcessor {

	/**
	 * What processing one file made of it.
	 *
	 * @param acknowledgment the 999 owed to the file's sender when something in it was rejected and its envelope
	 *     could be read, or {@code null}
	 */
	public record Outcome(long fileId, String source, String name, State state, InboundResult result,
			List<X12Error> rejections, String reason, byte[] acknowledgment) {

		/** The clearinghouse connection the file was fetched from, or {@code null} for a posted file. */
		public String connection() {
			return source.startsWith(InboundFile.CLEARINGHOUSE) ? source.substring(InboundFile.CLEARINGHOUSE.length())
					: null;
		}

		/** Whether the file was turned away (nothing in it applied). */
		public boolean rejected() {
			return state == State.REJECTED;
		}
	}

	private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

	private final InboundFileStore store;
	private final X12Reader reader;
	private final Map<X12Guide, X12TransactionHandler> handlers = new EnumMap<>(X12Guide.class);
	private final Ack999Writer acknowledger;
	private final Path directory;
	private final Clock clock;

	InboundProcessor(InboundFileStore store, X12Reader reader, Ack999Writer acknowledger,
			List<X12TransactionHandler> handlers, Path directory, Clock clock) {
		this.store = store;
		this.reader = reader;
		this.acknowledger = acknowledger;
		for (X12TransactionHandler handler : handlers) {
			for (X12Guide guide : handler.guides()) {
				if (this.handlers.put(guide, handler) != null) {
					throw new IllegalStateException("two handlers apply " + guide);
				}
			}
		}
		this.directory = directory;
		this.clock = clock;
	}

	/** Processes one stored file and records the outcome. */
	public Outcome process(InboundFile file) {
		X12ReadResult read = reader.read(file.content(), X12Reader.Options.DEFAULT.skippingLeadingText()
				.keepingSegments());
		Outcome outcome = withAcknowledgment(apply(file, read), read);
		String interchange = read.interchanges().isEmpty() ? null : key(file, read.interchanges().get(0));
		store.finish(file.id(), outcome.state(), interchange, detail(outcome), clock.instant());
		keepCopy(file, outcome);
		log.info("Inbound file {} ({}) from {}: {}{}", file.id(), file.name(), file.source(), outcome.state(),
				outcome.reason() == null ? "" : ": " + outcome.reason());
		return outcome;
	}

	private Outcome apply(InboundFile file, X12ReadResult read) {
		InboundResult result = new InboundResult();
		List<X12Error> envelope = new ArrayList<>(read.errors());
		for (X12Interchange interchange : read.interchanges()) {
			envelope.addAll(interchange.errors());
			interchange.groups().forEach(group -> envelope.addAll(group.errors()));
		}
		if (read.interchanges().isEmpty() || !envelope.isEmpty()) {
			return rejected(file, result, envelope, read.interchanges().isEmpty() && envelope.isEmpty()
					? "the file holds no X12 interchange" : "the X12 envelope is broken: " + envelope.get(0));
		}
		for (X12Interchange interchange : read.interchanges()) {
			String key = key(file, interchange);
			if (store.processedInterchange(key, file.id())) {
				return new Outcome(file.id(), file.source(), file.name(), State.DUPLICATE, result, List.of(),
						"interchange " + key + " was processed before; nothing was applied again", null);
			}
		}
		List<X12Error> rejections = new ArrayList<>();
		int applied = 0;
		int unhandled = 0;
		for (X12Interchange interchange : read.interchanges()) {
			for (X12FunctionalGroup group : interchange.groups()) {
				Map<X12TransactionHandler, List<X12Transaction>> toApply = new LinkedHashMap<>();
				for (X12Transaction transaction : group.transactions()) {
					if (!transaction.isValid()) {
						rejections.addAll(transaction.errors());
						result.note("Transaction set " + transaction.transactionSetId() + " "
								+ transaction.controlNumber() + " was not applied: " + transaction.errors().get(0));
						continue;
					}
					X12TransactionHandler handler = transaction.guide().map(handlers::get).orElse(null);
					if (handler == null) {
						unhandled++;
						result.note("Transaction set " + transaction.transactionSetId() + " "
								+ transaction.controlNumber() + " (" + transaction.implementationReference()
								+ ") is not applied by this server yet; the file is kept.");
						continue;
					}
					toApply.computeIfAbsent(handler, h -> new ArrayList<>()).add(transaction);
					applied++;
				}
				toApply.forEach((handler, transactions) -> handler.applyAll(file, interchange, group, transactions,
						result));
			}
		}
		if (result.rejection() != null) {
			return rejected(file, result, rejections, result.rejection());
		}
		if (applied == 0 && unhandled == 0) {
			return rejected(file, result, rejections, rejections.isEmpty() ? "the file holds no transaction set"
					: "no transaction set in it could be applied: " + rejections.get(0));
		}
		State state = applied == 0 ? State.UNHANDLED : State.PROCESSED;
		return new Outcome(file.id(), file.source(), file.name(), state, result, rejections, null, null);
	}

	private static Outcome rejected(InboundFile file, InboundResult result, List<X12Error> errors, String reason) {
		return new Outcome(file.id(), file.source(), file.name(), State.REJECTED, result, List.copyOf(errors), reason,
				null);
	}

	/**
	 * Adds the 999 the sender is owed when a group or transaction set of its file was rejected: one 999 per
	 * functional group, from the receiver of the file to its sender. None when no group or transaction set was at
	 * fault, when the file was a duplicate, or when no envelope could be read to address it (faults of the ISA/IEA
	 * envelope alone are a TA1's business, which this server does not send; the file is still rejected with its
	 * reason).
	 */
	private Outcome withAcknowledgment(Outcome outcome, X12ReadResult read) {
		boolean groupFault = read.interchanges().stream().flatMap(i -> i.groups().stream())
				.anyMatch(group -> !group.errors().isEmpty());
		boolean transactionFault = read.interchanges().stream().flatMap(i -> i.groups().stream())
				.flatMap(group -> group.transactions().stream()).anyMatch(transaction -> !transaction.isValid());
		if (outcome.state() == State.DUPLICATE || read.interchanges().isEmpty() || !(groupFault || transactionFault)) {
			return outcome;
		}
		X12Interchange interchange = read.interchanges().get(0);
		List<ImplementationAcknowledgment> acknowledgments = new ArrayList<>();
		interchange.groups().forEach(group -> acknowledgments.add(
				ImplementationAcknowledger.acknowledge(group, EnumSet.allOf(X12Guide.class))));
		if (acknowledgments.isEmpty()) {
			return outcome;
		}
		try {
			X12FunctionalGroup first = interchange.groups().get(0);
			X12Envelope envelope = new X12Envelope(interchange.receiverQualifier(), interchange.receiverId(),
					interchange.senderQualifier(), interchange.senderId(), first.receiverCode(), first.senderCode(),
					"P".equals(interchange.usageIndicator()) ? X12Usage.PRODUCTION : X12Usage.TEST, false);
			byte[] ack = acknowledger.write(envelope, acknowledgments).bytes();
			return new Outcome(outcome.fileId(), outcome.source(), outcome.name(), outcome.state(), outcome.result(),
					outcome.rejections(), outcome.reason(), ack);
		} catch (RuntimeException e) {
			log.warn("No 999 could be written for inbound file {}: {}", outcome.fileId(), e.getMessage());
			return outcome;
		}
	}

	/**
	 * What makes an interchange the same as one processed before: its sender, its receiver and the sender's control
	 * number (a sender numbers its interchanges per receiver), and, for a file posted to a tenant, that tenant (two
	 * practices' files are never the same interchange, whatever their envelopes say), as eight hex digits of its
	 * SHA-256 so that the key fits its column.
	 */
	private static String key(InboundFile file, X12Interchange interchange) {
		String tenant = file.tenant() == null ? "" : "@" + InboundFileStore.sha256(file.tenant()
				.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
		return interchange.senderQualifier() + ":" + interchange.senderId() + ">" + interchange.receiverQualifier()
				+ ":" + interchange.receiverId() + ":" + interchange.controlNumber() + tenant;
	}

	private static String detail(Outcome outcome) {
		List<String> lines = new ArrayList<>();
		if (outcome.reason() != null) {
			lines.add(outcome.reason());
		}
		outcome.rejections().forEach(error -> lines.add(error.toString()));
		lines.addAll(outcome.result().notes());
		return lines.isEmpty() ? null : String.join("\n", lines);
	}

	/** The human copy of the file: archive or error folder. Best effort: the database holds the bytes anyway. */
	private void keepCopy(InboundFile file, Outcome outcome) {
		String name = file.id() + "-" + file.name().replaceAll("[^A-Za-z0-9._-]", "_");
		try {
			Path folder = outcome.rejected() ? directory.resolve("error")
					: directory.resolve("archive").resolve(MONTH.format(file.receivedAt()));
			Files.createDirectories(folder);
			Path target = folder.resolve(name);
			Path temporary = folder.resolve(name + ".part");
			Files.write(temporary, file.content());
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			if (outcome.rejected()) {
				Files.writeString(folder.resolve(name + ".reason.txt"), detail(outcome) + "\n",
						StandardCharsets.UTF_8);
			}
			if (outcome.acknowledgment() != null) {
				Files.write(folder.resolve(name + ".999"), outcome.acknowledgment());
			}
		} catch (IOException e) {
			log.warn("Inbound file {} could not be copied to {}: {}", file.id(), directory, e.getMessage());
		}
	}
}
