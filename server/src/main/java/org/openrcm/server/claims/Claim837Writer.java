package org.openrcm.server.claims;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Error;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12TransactionBody;
import org.openrcm.server.x12.X12ValidationException;

/**
 * Writes claims as ASC X12 837 interchanges: professional claims as 837P (005010X222A1), institutional claims
 * ({@code Claim.type} {@code institutional}) as 837I (005010X223A2); one claim in an interchange of its own
 * ({@link #write}), or many claims for one clearinghouse connection, one transaction set each ({@link #writeBatch}),
 * always through {@link X12InterchangeWriter}, so the result is validated against the guide's schema before it is
 * returned. A claim without a type is taken as professional; oral, vision and pharmacy claims are refused. The
 * claim's references are resolved among its contained resources, then through {@link ClaimSources}.
 *
 * <p>Nothing is written for a claim that cannot be mapped: a {@link Claim837Exception} lists every reason at once
 * with the FHIRPath of the element, using the wording of the scrubber's REQUIRED-ELEMENT rule where it checks the
 * same element (patient, member id, payer, billing provider, diagnoses, each line's date, charge, units and place of
 * service, total). A claim that scrubs clean can still lack what only the 837 needs, above all the payer id.
 *
 * <p>Where each part comes from: the loops both guides share (envelope, submitter, receiver, billing provider,
 * subscriber, payer, patient, claim references, other payers) in {@link Claim837Mapping}; the professional claim and
 * lines in {@link Claim837pMapping}; the institutional claim and lines in {@link Claim837iMapping}.
 *
 * <p>The payer's claim control number for REF*F8 (replacements and voids): {@code Claim.related.reference}, else an
 * identifier of the original claim with system {@value #PAYER_CLAIM_NUMBER_SYSTEM}, else the identifier of the most
 * recent ClaimResponse to the original claim with that system, else its first identifier.
 *
 * <p>Free text is folded to upper-case X12 characters and cut to the element's length; identifiers and codes are
 * written as recorded, and one that breaks an X12 rule fails the claim with
 * {@link ErrorCode#CLAIM_837_NOT_REPRESENTABLE}.
 *
 * <p>Thread-safe; calls are independent of each other.
 */
public final class Claim837Writer {

	/** A coding system for X12 date/time qualifiers (element 374), for {@code Claim.supportingInfo.code}. */
	static final String X12_DATE_QUALIFIER_SYSTEM = "https://codesystem.x12.org/005010/374";
	/** The payer's claim control number of a claim (the 277CA's and 835's number for it). */
	static final String PAYER_CLAIM_NUMBER_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/payer-claim-number";
	static final String NDC_SYSTEM = "http://hl7.org/fhir/sid/ndc";
	static final String CLAIM_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/claim-type";
	static final String INFORMATION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/claiminformationcategory";
	static final String V2_IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

	private final X12InterchangeWriter interchanges;
	private final X12Schemas schemas;
	private final ClearinghouseProperties connection;
	private final X12Envelope envelope;
	private final ClaimsProperties defaults;
	private final Clock clock;

	/**
	 * @param interchanges writes and validates the interchanges, with the server's control numbers
	 * @param schemas the X12 schemas, for telling which claims of a batch broke an X12 rule
	 * @param connection the clearinghouse connection {@link #write(Claim, ClaimSources)} addresses
	 * @param defaults the codes the claims do not carry
	 * @param clock the time written in BHT
	 * @throws IllegalArgumentException when the connection's ids cannot be written in an ISA
	 */
	public Claim837Writer(X12InterchangeWriter interchanges, X12Schemas schemas, ClearinghouseProperties connection,
			ClaimsProperties defaults, Clock clock) {
		this.interchanges = interchanges;
		this.schemas = schemas;
		this.connection = connection;
		this.envelope = connection.envelope();
		this.defaults = defaults;
		this.clock = clock;
	}

	/**
	 * The claim as a validated 837P or 837I interchange of its own, addressed through the default clearinghouse
	 * connection, with fresh control numbers.
	 *
	 * @param sources the stored resources the claim's non-contained references name
	 * @throws Claim837Exception listing every reason when the claim cannot be mapped, or when the written 837
	 *     broke an X12 rule
	 */
	public WrittenInterchange write(Claim claim, ClaimSources sources) {
		Mapped mapped = map(claim, sources, connection, ZonedDateTime.now(clock));
		try {
			return interchanges.write(envelope, mapped.guide(), List.of(mapped.body()));
		} catch (X12ValidationException e) {
			throw mapped.refusal(e.errors());
		}
	}

	/**
	 * Writes many claims for one clearinghouse connection: one interchange per implementation guide, each claim in
	 * a transaction set (ST/SE) of its own, in batch order. Claims may come from different tenants, each with its
	 * own sources.
	 *
	 * <p>One transaction set per claim, rather than all claims under one ST: a 999 accepts or rejects transaction
	 * sets (AK2/IK5 name an ST02), so with one claim per set a syntax rejection refuses exactly that claim and the
	 * others go on to the payers; a 999 that rejected a set of many claims would send them all back. The hierarchy
	 * (2000A billing provider, 2000B subscriber) is repeated per claim, which costs some bytes and nothing else.
	 *
	 * <p>A claim that cannot be mapped is refused with every reason and the others are written. When the written
	 * interchange breaks an X12 rule, each claim's transaction set is checked on its own (with throwaway control
	 * numbers) to find the claims the faults belong to; those are refused with the faults
	 * ({@link ErrorCode#CLAIM_837_NOT_REPRESENTABLE}) and the rest is written again, with new control numbers: the
	 * numbers of the failed attempt stay spent (gaps are harmless).
	 *
	 * @param connection the clearinghouse connection: ISA/GS addressing, the 1000A submitter and 1000B receiver
	 * @param claims the claims, each under a key unique in the batch
	 * @return the interchanges written and the claims refused; every key is in exactly one of them
	 * @throws IllegalArgumentException when two claims share a key, or the connection's ids cannot be written in
	 *     an ISA
	 * @throws IllegalStateException when the interchange breaks an X12 rule that no single claim explains
	 */
	public Claim837Batch writeBatch(ClearinghouseProperties connection, List<ClaimToWrite> claims) {
		X12Envelope batchEnvelope = connection.envelope();
		ZonedDateTime now = ZonedDateTime.now(clock);
		Map<String, Claim837Exception> refused = new LinkedHashMap<>();
		Map<X12Guide, List<Mapped>> byGuide = new EnumMap<>(X12Guide.class);
		Set<String> keys = new HashSet<>();
		for (ClaimToWrite claim : claims) {
			if (!keys.add(claim.key())) {
				throw new IllegalArgumentException("two claims of the batch have the key " + claim.key());
			}
		}
		for (ClaimToWrite claim : claims) {
			try {
				Mapped mapped = map(claim.claim(), claim.sources(), connection, now).withKey(claim.key());
				byGuide.computeIfAbsent(mapped.guide(), g -> new ArrayList<>()).add(mapped);
			} catch (Claim837Exception e) {
				refused.put(claim.key(), e);
			}
		}
		List<Claim837Batch.BatchInterchange> written = new ArrayList<>();
		for (Map.Entry<X12Guide, List<Mapped>> guide : byGuide.entrySet()) {
			Claim837Batch.BatchInterchange interchange = writeGuide(batchEnvelope, guide.getKey(), guide.getValue(),
					refused);
			if (interchange != null) {
				written.add(interchange);
			}
		}
		Map<String, Claim837Exception> inBatchOrder = new LinkedHashMap<>();
		for (ClaimToWrite claim : claims) {
			Claim837Exception refusal = refused.get(claim.key());
			if (refusal != null) {
				inBatchOrder.put(claim.key(), refusal);
			}
		}
		return new Claim837Batch(written, inBatchOrder);
	}

	/** One guide's interchange; the claims whose transaction sets break an X12 rule are refused and left out. */
	private Claim837Batch.BatchInterchange writeGuide(X12Envelope batchEnvelope, X12Guide guide, List<Mapped> claims,
			Map<String, Claim837Exception> refused) {
		List<Mapped> toWrite = claims;
		while (!toWrite.isEmpty()) {
			try {
				WrittenInterchange written = interchanges.write(batchEnvelope, guide,
						toWrite.stream().map(Mapped::body).toList());
				List<Claim837Batch.BatchEntry> entries = new ArrayList<>(toWrite.size());
				for (int i = 0; i < toWrite.size(); i++) {
					entries.add(new Claim837Batch.BatchEntry(toWrite.get(i).key(),
							written.transactionControlNumbers().get(i), toWrite.get(i).patientControlNumber()));
				}
				return new Claim837Batch.BatchInterchange(guide, written, entries);
			} catch (X12ValidationException e) {
				List<Mapped> valid = new ArrayList<>();
				X12InterchangeWriter probe = new X12InterchangeWriter(schemas, new InMemoryControlNumbers(), clock,
						interchanges.readsBack());
				for (Mapped claim : toWrite) {
					try {
						probe.write(batchEnvelope, guide, List.of(claim.body()));
						valid.add(claim);
					} catch (X12ValidationException fault) {
						refused.put(claim.key(), claim.refusal(fault.errors()));
					}
				}
				if (valid.size() == toWrite.size()) {
					throw new IllegalStateException("the " + guide.version() + " interchange breaks an X12 rule that no "
							+ "single claim explains: " + e.getMessage(), e);
				}
				toWrite = valid;
			}
		}
		return null;
	}

	/** The guide a claim is written in, by {@code Claim.type}: 837P for professional (or none), 837I for institutional. */
	public static Optional<X12Guide> guide(Claim claim) {
		Coding type = FhirValues.coding(claim.getType(), CLAIM_TYPE_SYSTEM);
		String code = type == null ? "professional" : type.getCode();
		return switch (code) {
			case "professional" -> Optional.of(X12Guide.CLAIM_837P);
			case "institutional" -> Optional.of(X12Guide.CLAIM_837I);
			default -> Optional.empty();
		};
	}

	private Mapped map(Claim claim, ClaimSources sources, ClearinghouseProperties connection, ZonedDateTime now) {
		String label = claim.hasIdElement() && claim.getIdElement().hasIdPart()
				? "Claim/" + claim.getIdElement().getIdPart() : "The claim";
		ClaimReferences references = new ClaimReferences(claim, sources);
		X12Guide guide = guide(claim).orElseThrow(() -> new Claim837Exception(label, "837",
				List.of(new Claim837Problem(ErrorCode.CLAIM_837_NOT_SUPPORTED, "The claim is of type "
						+ FhirValues.coding(claim.getType(), CLAIM_TYPE_SYSTEM).getCode() + "; only professional "
						+ "(837P) and institutional (837I) claims are written as an 837.", "Dental claims go to the "
						+ "payer as an 837D and pharmacy claims through NCPDP, which OpenRCM does not write.",
						"Claim.type"))));
		Claim837Mapping mapping = guide == X12Guide.CLAIM_837I
				? new Claim837iMapping(claim, references, label, connection, defaults, now)
				: new Claim837pMapping(claim, references, label, connection, defaults, now);
		List<Claim837Mapping.Segment> segments = mapping.map();
		return new Mapped(null, label, guide, mapping.transaction(), mapping.patientControlNumber(), segments);
	}

	/**
	 * A claim mapped to its transaction set's segments.
	 *
	 * @param key the batch key, or {@code null} for a single claim
	 * @param label how problems name the claim, e.g. {@code Claim/1001}
	 * @param transaction {@code 837P} or {@code 837I}
	 * @param patientControlNumber CLM01
	 */
	private record Mapped(String key, String label, X12Guide guide, String transaction, String patientControlNumber,
			List<Claim837Mapping.Segment> segments) {

		Mapped withKey(String batchKey) {
			return new Mapped(batchKey, label, guide, transaction, patientControlNumber, segments);
		}

		X12TransactionBody body() {
			return out -> {
				for (Claim837Mapping.Segment segment : segments) {
					out.segment(segment.id(), segment.elements());
				}
			};
		}

		/** The claim refused for the X12 faults of its transaction set. */
		Claim837Exception refusal(List<X12Error> errors) {
			List<Claim837Problem> problems = new ArrayList<>();
			for (X12Error error : errors) {
				problems.add(Claim837Problem.notRepresentable("The " + transaction + " written from the claim breaks an "
						+ "X12 rule: " + error + ".", "Correct the claim data that goes into this element (names and "
						+ "identifiers must fit the element's length and hold only X12 characters).", null));
			}
			return new Claim837Exception(label, transaction, problems);
		}
	}
}
