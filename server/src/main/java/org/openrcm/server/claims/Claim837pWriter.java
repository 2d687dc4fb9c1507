package org.openrcm.server.claims;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.CareTeamComponent;
import org.hl7.fhir.r4.model.Claim.DiagnosisComponent;
import org.hl7.fhir.r4.model.Claim.InsuranceComponent;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.Claim.RelatedClaimComponent;
import org.hl7.fhir.r4.model.Claim.SupportingInformationComponent;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.claims.PartyData.Name;
import org.openrcm.server.claims.PartyData.PostalAddress;
import org.openrcm.server.claims.PartyData.Provider;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.terminology.BillingTerminology;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Error;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12TransactionBody;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;

/**
 * Writes professional Claims as ASC X12 837P (005010X222A1) interchanges: one claim in an interchange of its own
 * ({@link #write}), or many claims for one clearinghouse connection, one transaction set each ({@link #writeBatch}),
 * always through {@link X12InterchangeWriter}, so the result is validated against the guide's schema before it is
 * returned. The claim's references are resolved among its contained resources, then through {@link ClaimSources}.
 *
 * <p>Nothing is written for a claim that cannot be mapped: a {@link Claim837pException} lists every reason at once
 * with the FHIRPath of the element, using the wording of the scrubber's REQUIRED-ELEMENT rule where it checks the
 * same element (patient, member id, payer, billing provider, diagnoses, each line's date, charge, units and place of
 * service, total). A claim that scrubs clean can still lack what only the 837 needs, above all the payer id.
 *
 * <p>Where each part of the 837P comes from:
 * <ul>
 * <li>Envelope, BHT, 1000A submitter (NM1*41 name and id, PER*IC contact) and 1000B receiver (NM1*40): the
 * clearinghouse connection ({@link ClearinghouseProperties}). BHT01 0019, BHT02 00 (original), BHT03 the time of
 * writing and the patient control number, BHT06 CH (chargeable).</li>
 * <li>2000A/2010AA billing provider: {@code Claim.provider} (Organization, Practitioner or PractitionerRole), see
 * {@link PartyData}: PRV*BI*PXC taxonomy, NM1*85 name and NPI (XX), N3/N4 address, REF*EI EIN (REF*SY for an SSN).
 * </li>
 * <li>2000B SBR: SBR01 payer responsibility from the focal insurance's place among {@code Claim.insurance} ordered
 * by {@code sequence} (P, S, T, then A..H); SBR02 18 when the patient is the subscriber; SBR03 the group number
 * ({@code Coverage.class} of type {@code group}), SBR04 its name when there is no number; SBR09 the claim filing
 * indicator from {@code Coverage.type}.</li>
 * <li>The patient is the subscriber when {@code Coverage.relationship} is {@code self}, or when it is absent and
 * {@code Coverage.subscriber} is absent or the patient. Otherwise the subscriber is {@code Coverage.subscriber}
 * (Patient or RelatedPerson), else {@code Coverage.policyHolder} when it is a person, and the patient gets the 2000C
 * level with PAT01 from the relationship: spouse 01, child 19, common (law spouse) 53, parent, injured and other G8,
 * not stated 21.</li>
 * <li>2010BA subscriber: NM1*IL name with MI {@code Coverage.subscriberId}; N3/N4 and DMG (birth date, gender F/M/U)
 * from the patient when the patient is the subscriber, else from the subscriber when recorded.</li>
 * <li>2010BB payer: {@code Claim.insurer}, else the focal coverage's first {@code payor}: NM1*PR name with PI and the
 * payer id ({@value PartyData#PAYER_ID_SYSTEM}), N3/N4 when its address is recorded.</li>
 * <li>2000C/2010CA patient (when not the subscriber): PAT01, NM1*QC name, N3/N4, DMG.</li>
 * <li>2300 CLM: CLM01 patient control number, the claim's id (at most 38 characters), else its first identifier;
 * CLM02 {@code Claim.total}, which must be the sum of the line charges (the TR3's balancing rule); CLM05 the
 * first line's place of service, B, and the frequency code: 1 original, 7 when a
 * {@code Claim.related} entry has relationship {@code prior} (a replacement), 8 when the claim's status is
 * {@code cancelled} (a void of the related prior claim, or of this claim itself when it names none); CLM06..CLM09
 * from {@link ClaimsProperties}; CLM11 related causes from {@code Claim.accident.type} (v3 ActCode MVA: AA with the
 * accident state in CLM11-4, WPA: EM, anything else: OA).</li>
 * <li>2300 DTP: 439 {@code accident.date}; 431 onset of current illness from a {@code supportingInfo} of category
 * {@code onset}; any 2300 date qualifier (454 initial treatment, 304 last seen, 453, 484, 455, 471, 314, 360, 361,
 * 297, 296, 435, 096, 090, 091, 444, 050) from a {@code supportingInfo} whose {@code code} is coded in
 * {@value #X12_DATE_QUALIFIER_SYSTEM}; 435/096 admission and discharge from a {@code supportingInfo} of category
 * {@code hospitalized} with a period. The date is {@code timingDate}, else {@code timingPeriod.start}.</li>
 * <li>2300 REF: F8 the payer's claim control number of the claim a replacement or void refers to (below); G1 the
 * focal insurance's first {@code preAuthRef}; EA the patient's medical record number (an identifier of type MR).</li>
 * <li>2300 HI: the ICD-10-CM codes of {@code Claim.diagnosis} by {@code sequence}, without the dot: ABK the first,
 * ABF the others (at most 12).</li>
 * <li>2310A referring (NM1*DN), 2310B rendering (NM1*82 and PRV*PE taxonomy when known; left out when it is the
 * billing provider), 2310D supervising (NM1*DQ): the first {@code careTeam} member whose role code is
 * {@code referring}; {@code primary} or {@code rendering}; {@code supervisor} or {@code supervising} (the codes of
 * claimcareteamrole and of CARIN's care team roles). 2310C service facility (NM1*77, N3/N4, NPI when it has one):
 * the {@code Claim.facility} Location, unless it has the billing provider's address.</li>
 * <li>2320/2330A/2330B other payers: each non-focal insurance in sequence order, with SBR (its responsibility, the
 * patient's relationship to its subscriber: 18 self, else as PAT01), OI (benefits assignment and release codes),
 * the subscriber's name and member id, the payer's name and id. The earlier payers' adjudication (2320 CAS/AMT,
 * 2430) is not written.</li>
 * <li>2400 per {@code Claim.item}: LX; SV1 with HC, the CPT or HCPCS code and up to four modifiers, {@code net},
 * UN and {@code quantity}, the place of service when it differs from CLM05-1, and the diagnosis pointers (the HI
 * positions of {@code diagnosisSequence}, up to four); DTP*472 the date ({@code servicedDate}, or RD8 for a period
 * over several days); REF*6R the line's {@code sequence}, which the 835 echoes. 2410 LIN*N4 with the 11-digit NDC
 * and CTP quantity and unit when the line (or its first {@code detail}) carries a coding in {@value #NDC_SYSTEM}.
 * 2420A rendering when the line's care team member is not the claim's rendering provider.</li>
 * </ul>
 * The claim filing indicator (SBR09) comes from {@code Coverage.type}, see {@link Claim837pCodes#filingIndicator}.
 *
 * <p>The payer's claim control number for REF*F8: {@code Claim.related.reference}, else an identifier of the
 * original claim with system {@value #PAYER_CLAIM_NUMBER_SYSTEM}, else the identifier of the most recent
 * ClaimResponse to the original claim with that system, else its first identifier.
 *
 * <p>Free text is folded to upper-case X12 characters and cut to the element's length; identifiers and codes are
 * written as recorded, and one that breaks an X12 rule fails the claim with
 * {@link ErrorCode#CLAIM_837_NOT_REPRESENTABLE}.
 *
 * <p>Thread-safe; calls are independent of each other.
 */
public final class Claim837pWriter {

	/** A coding system for X12 date/time qualifiers (element 374), for {@code Claim.supportingInfo.code}. */
	static final String X12_DATE_QUALIFIER_SYSTEM = "https://codesystem.x12.org/005010/374";
	/** The payer's claim control number of a claim (the 277CA's and 835's number for it). */
	static final String PAYER_CLAIM_NUMBER_SYSTEM = OpenRcmIg.CANONICAL_BASE + "/sid/payer-claim-number";
	static final String NDC_SYSTEM = "http://hl7.org/fhir/sid/ndc";
	static final String CLAIM_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/claim-type";
	static final String INFORMATION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/claiminformationcategory";
	static final String V2_IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

	static final int MAX_DIAGNOSES = 12;
	static final int MAX_LINES = 50;
	static final int MAX_MODIFIERS = 4;
	static final int MAX_POINTERS = 4;
	static final int MAX_OTHER_PAYERS = 10;

	/** SBR01 by place in the order of payment: primary, secondary, tertiary, then payers four to eleven. */
	private static final String RESPONSIBILITY = "PSTABCDEFGH";
	/** The 2300 DTP qualifiers of 005010X222A1. */
	private static final Set<String> CLAIM_DATE_QUALIFIERS = Set.of("431", "454", "304", "453", "439", "484", "455",
			"471", "314", "360", "361", "297", "296", "435", "096", "090", "091", "444", "050");
	private static final Set<String> RENDERING_ROLES = Set.of("primary", "rendering");
	private static final Set<String> REFERRING_ROLES = Set.of("referring");
	private static final Set<String> SUPERVISING_ROLES = Set.of("supervisor", "supervising");
	private static final DateTimeFormatter BHT_TIME = DateTimeFormatter.ofPattern("HHmm");
	private static final DateTimeFormatter BATCH_STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmssSSS");

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
	public Claim837pWriter(X12InterchangeWriter interchanges, X12Schemas schemas, ClearinghouseProperties connection,
			ClaimsProperties defaults, Clock clock) {
		this.interchanges = interchanges;
		this.schemas = schemas;
		this.connection = connection;
		this.envelope = connection.envelope();
		this.defaults = defaults;
		this.clock = clock;
	}

	/**
	 * The claim as a validated 837P interchange of its own, addressed through the default clearinghouse connection,
	 * with fresh control numbers.
	 *
	 * @param sources the stored resources the claim's non-contained references name
	 * @throws Claim837pException listing every reason when the claim cannot be mapped, or when the written 837P
	 *     broke an X12 rule
	 */
	public WrittenInterchange write(Claim claim, ClaimSources sources) {
		Mapped mapped = map(claim, sources, connection, ZonedDateTime.now(clock));
		try {
			return interchanges.write(envelope, X12Guide.CLAIM_837P, List.of(mapped.body()));
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
		Map<String, Claim837pException> refused = new LinkedHashMap<>();
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
			} catch (Claim837pException e) {
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
		Map<String, Claim837pException> inBatchOrder = new LinkedHashMap<>();
		for (ClaimToWrite claim : claims) {
			Claim837pException refusal = refused.get(claim.key());
			if (refusal != null) {
				inBatchOrder.put(claim.key(), refusal);
			}
		}
		return new Claim837Batch(written, inBatchOrder);
	}

	/** One guide's interchange; the claims whose transaction sets break an X12 rule are refused and left out. */
	private Claim837Batch.BatchInterchange writeGuide(X12Envelope batchEnvelope, X12Guide guide, List<Mapped> claims,
			Map<String, Claim837pException> refused) {
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
				X12InterchangeWriter probe = new X12InterchangeWriter(schemas, new InMemoryControlNumbers(), clock);
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

	private Mapped map(Claim claim, ClaimSources sources, ClearinghouseProperties connection, ZonedDateTime now) {
		String label = claim.hasIdElement() && claim.getIdElement().hasIdPart()
				? "Claim/" + claim.getIdElement().getIdPart() : "The claim";
		Mapping mapping = new Mapping(claim, new ClaimReferences(claim, sources), label, connection, now);
		List<Segment> segments = mapping.map();
		return new Mapped(null, label, X12Guide.CLAIM_837P, mapping.patientControlNumber, segments);
	}

	/**
	 * A claim mapped to its transaction set's segments.
	 *
	 * @param key the batch key, or {@code null} for a single claim
	 * @param label how problems name the claim, e.g. {@code Claim/1001}
	 * @param patientControlNumber CLM01
	 */
	private record Mapped(String key, String label, X12Guide guide, String patientControlNumber,
			List<Segment> segments) {

		Mapped withKey(String batchKey) {
			return new Mapped(batchKey, label, guide, patientControlNumber, segments);
		}

		X12TransactionBody body() {
			return out -> {
				for (Segment segment : segments) {
					out.segment(segment.id(), segment.elements());
				}
			};
		}

		/** The claim refused for the X12 faults of its transaction set. */
		Claim837pException refusal(List<X12Error> errors) {
			List<Claim837pProblem> problems = new ArrayList<>();
			for (X12Error error : errors) {
				problems.add(Claim837pProblem.notRepresentable("The 837P written from the claim breaks an X12 rule: "
						+ error + ".", "Correct the claim data that goes into this element (names and "
						+ "identifiers must fit the element's length and hold only X12 characters).", null));
			}
			return new Claim837pException(label, problems);
		}
	}

	/** One segment to write: its id and elements (strings, or lists of strings for composites). */
	private record Segment(String id, Object[] elements) {}

	/** The patient or a subscriber: who an insurance covers, and how the patient relates to its subscriber. */
	private record Insured(boolean patientIsSubscriber, String relationship, Name name, PostalAddress address,
			LocalDate birthDate, String gender, String memberId) {}

	/** A payer as 2010BB / 2330B name it. */
	private record Payer(Name name, String id, PostalAddress address) {}

	/** One claim's mapping: the segments in order and the problems found on the way. */
	private final class Mapping {

		private final Claim claim;
		private final ClaimReferences references;
		private final String label;
		private final List<Segment> segments = new ArrayList<>();
		private final List<Claim837pProblem> problems = new ArrayList<>();
		/** {@code Claim.insurance} indexes in the order of payment ({@code sequence}). */
		private final List<Integer> payerOrder;
		/** HI position (1-based) of each {@code Claim.diagnosis.sequence}. */
		private final Map<Integer, Integer> diagnosisPositions = new HashMap<>();
		private final ClearinghouseProperties connection;
		private final ZonedDateTime now;
		private Patient patient;
		private Provider billing;
		private String claimPlaceOfService;
		private String patientControlNumber;

		Mapping(Claim claim, ClaimReferences references, String label, ClearinghouseProperties connection,
				ZonedDateTime now) {
			this.claim = claim;
			this.references = references;
			this.label = label;
			this.connection = connection;
			this.now = now;
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < claim.getInsurance().size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparingInt(i -> claim.getInsurance().get(i).getSequence()));
			this.payerOrder = List.copyOf(order);
		}

		List<Segment> map() {
			supported();
			patient = references.resolve(claim.getPatient(), claim, Patient.class);
			int focal = focalInsurance();
			String controlNumber = controlNumber();
			patientControlNumber = controlNumber;

			patient();
			header(controlNumber);
			billingProvider();
			Insured insured = subscriberLevel(focal);
			if (insured != null && !insured.patientIsSubscriber()) {
				patientLevel(insured);
			}
			claimLevel(controlNumber, focal);
			if (!problems.isEmpty()) {
				throw new Claim837pException(label, problems);
			}
			return segments;
		}

		/** A professional claim for payment, or nothing is mapped at all. */
		private void supported() {
			List<Claim837pProblem> refusals = new ArrayList<>();
			Coding type = FhirValues.coding(claim.getType(), CLAIM_TYPE_SYSTEM);
			if (type != null && !"professional".equals(type.getCode())) {
				refusals.add(new Claim837pProblem(ErrorCode.CLAIM_837_NOT_SUPPORTED, "The claim is of type "
						+ type.getCode() + "; only professional claims are written as an 837P.",
						"Institutional claims (837I) are not written yet.", "Claim.type"));
			}
			if (claim.getUse() == Claim.Use.PREAUTHORIZATION || claim.getUse() == Claim.Use.PREDETERMINATION) {
				refusals.add(new Claim837pProblem(ErrorCode.CLAIM_837_NOT_SUPPORTED, "The claim is a "
						+ claim.getUse().toCode() + ", not a claim for payment.",
						"A prior authorization goes to the payer as a 278, not an 837.", "Claim.use"));
			}
			if (claim.getStatus() == Claim.ClaimStatus.ENTEREDINERROR) {
				refusals.add(new Claim837pProblem(ErrorCode.CLAIM_837_NOT_SUPPORTED,
						"The claim was entered in error.", "Nothing is sent for a claim entered in error.",
						"Claim.status"));
			}
			if (!refusals.isEmpty()) {
				throw new Claim837pException(label, refusals);
			}
		}

		private void add(String id, Object... elements) {
			segments.add(new Segment(id, elements));
		}

		private void missing(String what, String fix, String expression) {
			problems.add(Claim837pProblem.missing(what, fix, expression));
		}

		/** What the subscriber or patient loop needs of the patient (the scrubber's REQUIRED-ELEMENT checks). */
		private void patient() {
			if (patient == null) {
				missing("The patient", claim.getPatient().hasReference()
						? "The patient reference does not resolve in this tenant; point Claim.patient at the stored Patient."
						: "Reference the Patient in Claim.patient.", "Claim.patient");
				return;
			}
			String at = "Claim.patient.resolve()";
			Name name = Name.person(patient.getName());
			if (name == null || !name.hasFirst()) {
				missing("The patient's family and given name", "Enter the patient's name as on the insurance card.",
						at + ".name");
			}
			if (FhirValues.day(patient.getBirthDateElement()) == null) {
				missing("The patient's birth date", "Enter the patient's full birth date.", at + ".birthDate");
			}
			if (PartyData.gender(patient) == null) {
				missing("The patient's gender", "Enter the patient's administrative gender.", at + ".gender");
			}
			if (PostalAddress.of(patient.getAddress()) == null) {
				missing("The patient's address (street, city, state, ZIP)", "Enter the patient's home address.",
						at + ".address");
			}
		}

		private void header(String controlNumber) {
			String batch = now.format(BATCH_STAMP) + "-" + (controlNumber == null ? "" : controlNumber);
			add("BHT", "0019", "00", batch.length() > 50 ? batch.substring(0, 50) : batch, X12Values.date(now.toLocalDate()),
					now.format(BHT_TIME), "CH");
			add("NM1", "41", "2", X12Values.text(connection.submitterName(), 60), "", "", "", "", "46",
					connection.submitterId());
			String email = connection.submitterContactEmail();
			if (email.isBlank()) {
				add("PER", "IC", X12Values.text(connection.submitterContactName(), 60), "TE",
						connection.submitterContactPhone());
			} else {
				add("PER", "IC", X12Values.text(connection.submitterContactName(), 60), "TE",
						connection.submitterContactPhone(), "EM", email.strip());
			}
			add("NM1", "40", "2", X12Values.text(connection.receiverName(), 60), "", "", "", "", "46",
					connection.receiverId());
		}

		private void billingProvider() {
			add("HL", "1", "", "20", "1");
			Resource resource = references.resolve(claim.getProvider(), claim);
			billing = provider(resource);
			String at = "Claim.provider.resolve()";
			if (resource == null) {
				missing("The billing provider", claim.getProvider().hasReference()
						? "The billing provider reference does not resolve in this tenant; point Claim.provider at it."
						: "Reference the billing provider (the practice's Organization) in Claim.provider.",
						"Claim.provider");
				return;
			}
			if (billing == null) {
				missing("The billing provider's name", "Enter the name of the billing provider (an Organization, "
						+ "Practitioner or PractitionerRole).", at + ".name");
				return;
			}
			if (billing.taxonomy() == null) {
				missing("The billing provider's taxonomy code", "Add the NUCC taxonomy code (system "
						+ PartyData.NUCC_SYSTEM + ") to the billing provider: Organization.type, "
						+ "PractitionerRole.specialty or Practitioner.qualification.code.", at);
			} else {
				add("PRV", "BI", "PXC", billing.taxonomy());
			}
			if (billing.npi() == null) {
				missing("The billing provider's NPI", "Add the billing provider's NPI (identifier system "
						+ PartyData.NPI_SYSTEM + ").", at + ".identifier");
			}
			name("85", billing.name(), "XX", billing.npi());
			if (billing.address() == null) {
				missing("The billing provider's address (street, city, state, ZIP)",
						"Enter the billing provider's street address (not a PO box).", at + ".address");
			} else {
				address(billing.address());
			}
			if (billing.taxId() == null) {
				missing("The billing provider's tax id (EIN or SSN)",
						"Add the billing provider's EIN (identifier system " + PartyData.EIN_SYSTEM + ").",
						at + ".identifier");
			} else {
				add("REF", billing.taxId().qualifier(), billing.taxId().value());
			}
		}

		/**
		 * Writes the subscriber level (2000B, 2010BA, 2010BB) of the focal insurance.
		 *
		 * @return who it insures; {@code null} when its coverage is unknown (a problem is recorded)
		 */
		private Insured subscriberLevel(int focal) {
			Coverage coverage = focal < 0 ? null : coverage(focal);
			Insured insured = coverage == null ? null : insured(focal, coverage);
			add("HL", "2", "1", "22", insured != null && !insured.patientIsSubscriber() ? "1" : "0");
			if (coverage == null) {
				return null;
			}
			sbr(focal, insured.patientIsSubscriber() ? "18" : "", coverage);
			name("IL", insured.name(), "MI", insured.memberId());
			if (insured.address() != null) {
				address(insured.address());
			}
			if (insured.birthDate() != null) {
				add("DMG", "D8", X12Values.date(insured.birthDate()), insured.gender() == null ? "U" : insured.gender());
			}
			Reference payerReference = claim.hasInsurer() ? claim.getInsurer()
					: coverage.hasPayor() ? coverage.getPayorFirstRep() : null;
			Resource holder = claim.hasInsurer() ? claim : coverage;
			String at = claim.hasInsurer() || !coverage.hasPayor() ? "Claim.insurer"
					: "Claim.insurance[" + focal + "].coverage.resolve().payor[0]";
			Payer payer = payer(payerReference, holder, at);
			if (payer != null) {
				name("PR", payer.name(), "PI", payer.id());
				if (payer.address() != null) {
					address(payer.address());
				}
			}
			return insured;
		}

		/** 2000C/2010CA: the patient, who is not the subscriber. */
		private void patientLevel(Insured insured) {
			add("HL", "3", "2", "23", "0");
			add("PAT", insured.relationship());
			Name name = patient == null ? null : Name.person(patient.getName());
			if (name != null) {
				name("QC", name, null, null);
			}
			if (patient != null) {
				PostalAddress address = PostalAddress.of(patient.getAddress());
				if (address != null) {
					address(address);
				}
				LocalDate birth = FhirValues.day(patient.getBirthDateElement());
				if (birth != null && PartyData.gender(patient) != null) {
					add("DMG", "D8", X12Values.date(birth), PartyData.gender(patient));
				}
			}
		}

		/** Index of the focal insurance (the only one when just one is listed); -1, with a problem, when none. */
		private int focalInsurance() {
			List<InsuranceComponent> insurance = claim.getInsurance();
			for (int i = 0; i < insurance.size(); i++) {
				if (insurance.get(i).getFocal()) {
					return i;
				}
			}
			if (insurance.size() == 1) {
				return 0;
			}
			missing(insurance.isEmpty() ? "The claim's coverage" : "The focal insurance",
					insurance.isEmpty() ? "Add the patient's Coverage to Claim.insurance."
							: "Mark the insurance this claim is sent to as focal (Claim.insurance.focal).",
					"Claim.insurance");
			return -1;
		}

		/** The coverage of an insurance entry; a problem when it does not resolve. */
		private Coverage coverage(int index) {
			InsuranceComponent insurance = claim.getInsurance().get(index);
			Coverage coverage = references.resolve(insurance.getCoverage(), claim, Coverage.class);
			if (coverage == null && !reported("Claim.insurance[" + index + "].coverage")) {
				missing("The coverage of insurance " + (index + 1), insurance.getCoverage().hasReference()
						? "The coverage reference does not resolve in this tenant; point it at the stored Coverage."
						: "Reference the Coverage in Claim.insurance.coverage.", "Claim.insurance[" + index + "].coverage");
			}
			return coverage;
		}

		private boolean reported(String expression) {
			return problems.stream().anyMatch(p -> expression.equals(p.expression()));
		}

		/**
		 * Who the coverage insures and how the patient relates to the subscriber; problems for what the subscriber
		 * loop needs and is not recorded (reported once per insurance entry).
		 */
		private Insured insured(int index, Coverage coverage) {
			String at = "Claim.insurance[" + index + "].coverage.resolve()";
			boolean report = !reported(at + ".subscriberId") && !reported(at + ".subscriber");
			String memberId = coverage.hasSubscriberId() ? X12Values.id(coverage.getSubscriberId()) : null;
			if (memberId == null && report) {
				missing("The subscriber's member id", "Enter the member id from the insurance card "
						+ "(Coverage.subscriberId).", at + ".subscriberId");
			}
			String relationship = Claim837pCodes.relationshipCode(coverage);
			Resource subscriber = references.resolve(coverage.getSubscriber(), coverage);
			if (subscriber == null) {
				Resource holder = references.resolve(coverage.getPolicyHolder(), coverage);
				subscriber = holder instanceof Patient || holder instanceof RelatedPerson ? holder : null;
			}
			boolean self = "self".equals(relationship)
					|| relationship == null && (subscriber == null || ClaimReferences.same(subscriber, patient));
			if (self) {
				return new Insured(true, "18", patient == null ? null : Name.person(patient.getName()),
						patient == null ? null : PostalAddress.of(patient.getAddress()),
						patient == null ? null : FhirValues.day(patient.getBirthDateElement()),
						patient == null ? null : PartyData.gender(patient), memberId);
			}
			Name name = PartyData.personName(subscriber);
			if (name == null && report) {
				missing(subscriber == null ? "The subscriber" : "The subscriber's family name", subscriber == null
						? "The patient is not the subscriber (Coverage.relationship " + relationship + "): reference "
								+ "the subscriber (Patient or RelatedPerson) in Coverage.subscriber."
						: "Enter the subscriber's name as on the insurance card.", at + ".subscriber");
			}
			return new Insured(false, Claim837pCodes.individualRelationship(relationship), name,
					PartyData.personAddress(subscriber), PartyData.birthDate(subscriber), PartyData.gender(subscriber),
					memberId);
		}

		private Payer payer(Reference reference, Resource holder, String at) {
			Resource resource = references.resolve(reference, holder);
			if (!(resource instanceof Organization organization)) {
				missing("The payer", reference != null && reference.hasReference()
						? "The payer reference does not resolve to an Organization in this tenant."
						: "Name the payer in Claim.insurer or Coverage.payor.", at);
				return null;
			}
			String id = PartyData.payerId(organization);
			if (id == null) {
				missing("The payer's id", "Add the payer id the clearinghouse lists for this payer to the payer "
						+ "Organization (identifier system " + PartyData.PAYER_ID_SYSTEM + ").",
						at + ".resolve().identifier");
			}
			if (!organization.hasName()) {
				missing("The payer's name", "Enter the payer Organization's name.", at + ".resolve().name");
				return null;
			}
			return new Payer(Name.organization(organization.getName()), id,
					PostalAddress.of(organization.getAddress()));
		}

		private void claimLevel(String controlNumber, int focal) {
			String frequency = frequency();
			List<ItemComponent> items = claim.getItem();
			claimPlaceOfService = items.isEmpty() ? null : placeOfService(items.get(0));
			String total = null;
			if (!claim.hasTotal() || claim.getTotal().getValue() == null) {
				missing("The total charge", "Enter the claim total, the sum of the line charges.", "Claim.total");
			} else {
				total = X12Values.amount(claim.getTotal().getValue());
			}
			String[] relatedCauses = relatedCauses();
			add("CLM", controlNumber, total, "", "",
					composite(claimPlaceOfService, "B", frequency),
					defaults.providerSignatureOnFile() ? "Y" : "N", defaults.assignment(), defaults.benefitsAssignment(),
					defaults.releaseOfInformation(), "",
					relatedCauses == null ? "" : composite(relatedCauses));
			claimDates();
			claimReferences(frequency, focal);
			diagnoses();
			careTeam();
			otherPayers(focal);
			if (items.isEmpty()) {
				problems.add(new Claim837pProblem(ErrorCode.CLAIM_837_MISSING_DATA, "The claim has no service lines.",
						"Add a line per billed service with its CPT or HCPCS code.", "Claim.item"));
			} else if (items.size() > MAX_LINES) {
				problems.add(Claim837pProblem.notRepresentable("The claim has " + items.size() + " service lines; an "
						+ "837P claim carries at most " + MAX_LINES + ".", "Split the services over several claims.",
						"Claim.item"));
			}
			for (int i = 0; i < items.size() && i < MAX_LINES; i++) {
				line(i);
			}
			balance();
		}

		/** The TR3's balancing rule: CLM02 is the sum of the SV102 line charges (checked when all are known). */
		private void balance() {
			if (!claim.hasTotal() || claim.getTotal().getValue() == null || claim.getItem().isEmpty()) {
				return;
			}
			BigDecimal sum = BigDecimal.ZERO;
			for (ItemComponent item : claim.getItem()) {
				if (item.getNet().getValue() == null) {
					return;
				}
				sum = sum.add(item.getNet().getValue().setScale(2, RoundingMode.HALF_UP));
			}
			BigDecimal total = claim.getTotal().getValue().setScale(2, RoundingMode.HALF_UP);
			if (total.compareTo(sum) != 0) {
				problems.add(Claim837pProblem.notRepresentable("The total charge " + total.toPlainString()
						+ " is not the sum of the line charges, " + sum.toPlainString() + ".", "An 837P's total "
						+ "(CLM02) must equal the sum of its line charges (SV102): correct Claim.total or the lines' net.",
						"Claim.total"));
			}
		}

		/** CLM01: the claim's id, else its first identifier, of at most 38 characters. */
		private String controlNumber() {
			String id = claim.getIdElement().getIdPart();
			if (id != null && !id.isBlank() && id.length() <= 38) {
				return id;
			}
			for (Identifier identifier : claim.getIdentifier()) {
				if (identifier.hasValue() && identifier.getValue().strip().length() <= 38) {
					return identifier.getValue().strip();
				}
			}
			missing("The patient control number", "Store the claim (its id becomes the number), or give it an "
					+ "identifier of at most 38 characters.", "Claim.identifier");
			return null;
		}

		/** CLM05-3: 1 original, 7 replacement, 8 void. */
		private String frequency() {
			if (claim.getStatus() == Claim.ClaimStatus.CANCELLED) {
				return "8";
			}
			return priorClaim() >= 0 ? "7" : "1";
		}

		/** The index of the {@code Claim.related} entry naming the claim this one replaces or voids; -1 if none. */
		private int priorClaim() {
			List<RelatedClaimComponent> related = claim.getRelated();
			for (int i = 0; i < related.size(); i++) {
				if (related.get(i).getRelationship().getCoding().stream().anyMatch(c -> "prior".equals(c.getCode()))) {
					return i;
				}
			}
			return -1;
		}

		/** CLM11: AA auto accident (with the state), EM employment, OA another accident; null without one. */
		private String[] relatedCauses() {
			if (!claim.hasAccident()) {
				return null;
			}
			Set<String> types = new HashSet<>();
			claim.getAccident().getType().getCoding().forEach(c -> types.add(String.valueOf(c.getCode())));
			if (types.contains("MVA")) {
				String state = claim.getAccident().hasLocationAddress()
						? X12Values.text(claim.getAccident().getLocationAddress().getState(), 30) : "";
				if (state.isEmpty()) {
					missing("The state of the auto accident", "Enter the state where the accident happened "
							+ "(Claim.accident.locationAddress.state).", "Claim.accident.location");
				}
				return new String[] {"AA", "", "", state};
			}
			return new String[] {types.contains("WPA") ? "EM" : "OA"};
		}

		private void claimDates() {
			LocalDate accident = claim.hasAccident() ? FhirValues.day(claim.getAccident().getDateElement()) : null;
			if (accident != null) {
				add("DTP", "439", "D8", X12Values.date(accident));
			}
			for (SupportingInformationComponent info : claim.getSupportingInfo()) {
				LocalDate date = timing(info, true);
				Coding qualifier = FhirValues.coding(info.getCode(), X12_DATE_QUALIFIER_SYSTEM);
				if (qualifier != null && CLAIM_DATE_QUALIFIERS.contains(qualifier.getCode()) && date != null) {
					add("DTP", qualifier.getCode(), "D8", X12Values.date(date));
				} else if (hasCategory(info, "onset") && date != null) {
					add("DTP", "431", "D8", X12Values.date(date));
				} else if (hasCategory(info, "hospitalized") && info.hasTimingPeriod()) {
					if (date != null) {
						add("DTP", "435", "D8", X12Values.date(date));
					}
					LocalDate discharge = timing(info, false);
					if (discharge != null) {
						add("DTP", "096", "D8", X12Values.date(discharge));
					}
				}
			}
		}

		private static boolean hasCategory(SupportingInformationComponent info, String code) {
			Coding category = FhirValues.coding(info.getCategory(), INFORMATION_CATEGORY_SYSTEM);
			return category != null && code.equals(category.getCode());
		}

		/** {@code timingDate}, or the start (or end) of {@code timingPeriod}. */
		private static LocalDate timing(SupportingInformationComponent info, boolean start) {
			if (info.hasTimingDateType()) {
				return start ? FhirValues.day(info.getTimingDateType()) : null;
			}
			if (info.hasTimingPeriod()) {
				Period period = info.getTimingPeriod();
				return FhirValues.day(start ? period.getStartElement() : period.getEndElement());
			}
			return null;
		}

		private void claimReferences(String frequency, int focal) {
			if (!"1".equals(frequency)) {
				String number = originalPayerClaimNumber(frequency);
				if (number != null) {
					add("REF", "F8", number);
				}
			}
			if (focal >= 0) {
				InsuranceComponent insurance = claim.getInsurance().get(focal);
				insurance.getPreAuthRef().stream().filter(r -> r.getValue() != null && !r.getValue().isBlank())
						.findFirst().ifPresent(r -> add("REF", "G1", X12Values.id(r.getValue())));
			}
			if (patient != null) {
				for (Identifier identifier : patient.getIdentifier()) {
					Coding type = FhirValues.coding(identifier.getType(), V2_IDENTIFIER_TYPE_SYSTEM);
					if (type != null && "MR".equals(type.getCode()) && identifier.hasValue()) {
						add("REF", "EA", X12Values.id(identifier.getValue()));
						break;
					}
				}
			}
		}

		/** REF*F8: the payer's number for the claim a replacement or void refers to; a problem when unknown. */
		private String originalPayerClaimNumber(String frequency) {
			int index = priorClaim();
			RelatedClaimComponent related = index < 0 ? null : claim.getRelated().get(index);
			if (related != null && related.getReference().hasValue()) {
				return X12Values.id(related.getReference().getValue());
			}
			Claim original;
			String originalReference;
			if (related != null) {
				original = references.resolve(related.getClaim(), claim, Claim.class);
				originalReference = original != null && original.getIdElement().hasIdPart()
						? "Claim/" + original.getIdElement().getIdPart() : related.getClaim().getReference();
			} else {
				original = claim;
				originalReference = claim.getIdElement().hasIdPart() ? "Claim/" + claim.getIdElement().getIdPart() : null;
			}
			String number = original == null ? null : payerClaimNumber(original.getIdentifier(), false);
			if (number == null && originalReference != null && !originalReference.startsWith("#")) {
				for (ClaimResponse response : references.responsesTo(originalReference)) {
					number = payerClaimNumber(response.getIdentifier(), true);
					if (number != null) {
						break;
					}
				}
			}
			if (number == null) {
				String what = "7".equals(frequency) ? "replaces" : "voids";
				missing("The payer's claim number of the claim this one " + what, "Record the number the payer gave "
						+ "the original claim: Claim.related.reference, an identifier with system "
						+ PAYER_CLAIM_NUMBER_SYSTEM + " on the original claim, or its ClaimResponse's identifier.",
						index < 0 ? "Claim.related" : "Claim.related[" + index + "]");
			}
			return number;
		}

		private static String payerClaimNumber(List<Identifier> identifiers, boolean anyIfNone) {
			for (Identifier identifier : identifiers) {
				if (PAYER_CLAIM_NUMBER_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
					return X12Values.id(identifier.getValue());
				}
			}
			if (anyIfNone) {
				for (Identifier identifier : identifiers) {
					if (identifier.hasValue()) {
						return X12Values.id(identifier.getValue());
					}
				}
			}
			return null;
		}

		/** HI: ABK then ABF, by sequence; remembers each sequence's position for the line pointers. */
		private void diagnoses() {
			List<DiagnosisComponent> diagnoses = new ArrayList<>(claim.getDiagnosis());
			if (diagnoses.isEmpty()) {
				problems.add(new Claim837pProblem(ErrorCode.CLAIM_837_MISSING_DATA, "The claim has no diagnosis.",
						"Add the ICD-10-CM diagnoses the services treat (the HI segment needs at least one).",
						"Claim.diagnosis"));
				return;
			}
			if (diagnoses.size() > MAX_DIAGNOSES) {
				problems.add(Claim837pProblem.notRepresentable("The claim has " + diagnoses.size() + " diagnoses; an "
						+ "837P carries at most " + MAX_DIAGNOSES + ".", "Keep the " + MAX_DIAGNOSES + " the services "
						+ "point to, or split the claim.", "Claim.diagnosis"));
			}
			List<Object> codes = new ArrayList<>();
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < diagnoses.size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparingInt(i -> diagnoses.get(i).getSequence()));
			for (int i : order) {
				DiagnosisComponent diagnosis = diagnoses.get(i);
				Coding coding = diagnosis.hasDiagnosisCodeableConcept()
						? FhirValues.coding(diagnosis.getDiagnosisCodeableConcept(), Icd10CmCodeSet.SYSTEM) : null;
				if (coding == null) {
					missing("The ICD-10-CM code of diagnosis " + (i + 1), "Code the diagnosis in ICD-10-CM "
							+ "(diagnosisCodeableConcept, system " + Icd10CmCodeSet.SYSTEM + ").",
							"Claim.diagnosis[" + i + "].diagnosis");
					continue;
				}
				if (codes.size() < MAX_DIAGNOSES) {
					String code = coding.getCode().strip().replace(".", "").toUpperCase(Locale.ROOT);
					codes.add(composite(codes.isEmpty() ? "ABK" : "ABF", code));
					diagnosisPositions.put(diagnosis.getSequence(), codes.size());
				}
			}
			if (!codes.isEmpty()) {
				add("HI", codes.toArray());
			}
		}

		/** 2310A referring, 2310B rendering, 2310C service facility, 2310D supervising, in that order. */
		private void careTeam() {
			int referring = careTeamMember(REFERRING_ROLES);
			if (referring >= 0) {
				Provider provider = careTeamProvider(referring, "referring");
				if (provider != null) {
					person("DN", provider, "Claim.careTeam[" + referring + "]", "referring");
				}
			}
			int rendering = careTeamMember(RENDERING_ROLES);
			if (rendering >= 0) {
				Provider provider = careTeamProvider(rendering, "rendering");
				if (provider != null && !isBillingProvider(provider)) {
					String at = "Claim.careTeam[" + rendering + "].provider.resolve()";
					requireNpi(provider, "The rendering provider's NPI", at);
					name("82", provider.name(), "XX", provider.npi());
					if (provider.taxonomy() != null) {
						add("PRV", "PE", "PXC", provider.taxonomy());
					}
				}
			}
			facility();
			int supervising = careTeamMember(SUPERVISING_ROLES);
			if (supervising >= 0) {
				Provider provider = careTeamProvider(supervising, "supervising");
				if (provider != null) {
					person("DQ", provider, "Claim.careTeam[" + supervising + "]", "supervising");
				}
			}
		}

		/** A referring or supervising provider: a person with an NPI. */
		private void person(String entity, Provider provider, String member, String role) {
			String at = member + ".provider.resolve()";
			if (!"1".equals(provider.name().entity())) {
				problems.add(Claim837pProblem.notRepresentable("The " + role + " provider is an organization; the "
						+ "837P names a person there.", "Point the care team member at the Practitioner.",
						member + ".provider"));
				return;
			}
			requireNpi(provider, "The " + role + " provider's NPI", at);
			name(entity, provider.name(), "XX", provider.npi());
		}

		private void requireNpi(Provider provider, String what, String at) {
			if (provider.npi() == null) {
				missing(what, "Add the NPI (identifier system " + PartyData.NPI_SYSTEM + ").", at + ".identifier");
			}
		}

		private boolean isBillingProvider(Provider provider) {
			return billing != null && (ClaimReferences.same(provider.resource(), billing.resource())
					|| provider.npi() != null && provider.npi().equals(billing.npi()));
		}

		private void facility() {
			if (!claim.hasFacility()) {
				return;
			}
			Location location = references.resolve(claim.getFacility(), claim, Location.class);
			if (location == null) {
				missing("The service facility", "The facility reference does not resolve to a Location in this "
						+ "tenant; point Claim.facility at it, or leave it out when the services were given at the "
						+ "billing provider's address.", "Claim.facility");
				return;
			}
			Provider facility = PartyData.facility(location);
			if (facility == null) {
				missing("The service facility's name", "Enter the Location's name.", "Claim.facility.resolve().name");
				return;
			}
			if (facility.address() == null) {
				missing("The service facility's address (street, city, state, ZIP)", "Enter the Location's address.",
						"Claim.facility.resolve().address");
				return;
			}
			if (billing != null && facility.address().equals(billing.address())) {
				return;
			}
			name("77", facility.name(), facility.npi() == null ? null : "XX", facility.npi());
			address(facility.address());
		}

		/** The first care team member with one of the role codes; -1 when none. */
		private int careTeamMember(Set<String> roles) {
			List<CareTeamComponent> team = claim.getCareTeam();
			for (int i = 0; i < team.size(); i++) {
				if (team.get(i).getRole().getCoding().stream().anyMatch(c -> roles.contains(c.getCode()))) {
					return i;
				}
			}
			return -1;
		}

		private Provider careTeamProvider(int index, String role) {
			CareTeamComponent member = claim.getCareTeam().get(index);
			String at = "Claim.careTeam[" + index + "].provider";
			if (reported(at) || reported(at + ".resolve().name")) {
				return null;
			}
			Resource resource = references.resolve(member.getProvider(), claim);
			Provider provider = provider(resource);
			if (provider == null) {
				missing(resource == null ? "The " + role + " provider" : "The " + role + " provider's name",
						resource == null ? "The care team member's provider does not resolve in this tenant."
								: "Enter the provider's name.", resource == null ? at : at + ".resolve().name");
			}
			return provider;
		}

		private Provider provider(Resource resource) {
			if (resource instanceof PractitionerRole role) {
				return PartyData.provider(role, references.resolve(role.getPractitioner(), role, Practitioner.class),
						references.resolve(role.getOrganization(), role, Organization.class));
			}
			return PartyData.provider(resource, null, null);
		}

		private void otherPayers(int focal) {
			List<Integer> others = payerOrder.stream().filter(i -> i != focal).toList();
			if (focal < 0 || others.isEmpty()) {
				return;
			}
			if (others.size() > MAX_OTHER_PAYERS) {
				problems.add(Claim837pProblem.notRepresentable("The claim lists " + others.size() + " other "
						+ "insurances; an 837P carries at most " + MAX_OTHER_PAYERS + ".",
						"List only the coverages that may pay on this claim.", "Claim.insurance"));
				return;
			}
			for (int index : others) {
				Coverage coverage = coverage(index);
				if (coverage == null) {
					continue;
				}
				Insured insured = insured(index, coverage);
				String at = "Claim.insurance[" + index + "].coverage.resolve().payor[0]";
				sbr(index, insured.relationship(), coverage);
				add("OI", "", "", defaults.benefitsAssignment(), "", "", defaults.releaseOfInformation());
				name("IL", insured.name(), "MI", insured.memberId());
				if (insured.address() != null) {
					address(insured.address());
				}
				Payer payer = payer(coverage.hasPayor() ? coverage.getPayorFirstRep() : null, coverage, at);
				if (payer != null) {
					name("PR", payer.name(), "PI", payer.id());
					if (payer.address() != null) {
						address(payer.address());
					}
				}
			}
		}

		private void line(int index) {
			ItemComponent item = claim.getItem().get(index);
			String path = "Claim.item[" + index + "]";
			String at = "line " + (index + 1);
			add("LX", Integer.toString(index + 1));

			List<String> procedure = new ArrayList<>();
			procedure.add("HC");
			Coding code = procedureCoding(item.getProductOrService());
			if (code == null) {
				missing("The CPT or HCPCS code of " + at, "Code the service in CPT or HCPCS (productOrService).",
						path + ".productOrService");
				procedure.add("");
			} else {
				procedure.add(code.getCode().strip().toUpperCase(Locale.ROOT));
			}
			if (item.getModifier().size() > MAX_MODIFIERS) {
				problems.add(Claim837pProblem.notRepresentable("Line " + (index + 1) + " has " + item.getModifier().size()
						+ " modifiers; an 837P line carries at most " + MAX_MODIFIERS + ".",
						"Keep the four that affect payment.", path + ".modifier"));
			}
			for (int m = 0; m < item.getModifier().size() && m < MAX_MODIFIERS; m++) {
				Coding modifier = item.getModifier().get(m).getCodingFirstRep();
				procedure.add(modifier.hasCode() ? modifier.getCode().strip().toUpperCase(Locale.ROOT) : "");
			}

			String charge = null;
			if (item.getNet().getValue() == null) {
				missing("The charge of " + at, "Enter the line charge (net).", path + ".net");
			} else {
				charge = X12Values.amount(item.getNet().getValue());
			}
			String units = null;
			if (item.getQuantity().getValue() == null) {
				missing("The units of " + at, "Enter the service units (quantity).", path + ".quantity");
			} else {
				units = X12Values.quantity(item.getQuantity().getValue());
			}
			String place = placeOfService(item);
			if (place == null) {
				missing("The place of service of " + at,
						"Enter the CMS place-of-service code (locationCodeableConcept).", path + ".location");
			}
			add("SV1", procedure, charge, "UN", units, Objects.equals(place, claimPlaceOfService) ? "" : place, "",
					pointers(item, index));

			LocalDate from = item.hasServicedDateType() ? FhirValues.day(item.getServicedDateType())
					: item.hasServicedPeriod() ? FhirValues.day(item.getServicedPeriod().getStartElement()) : null;
			LocalDate to = item.hasServicedPeriod() ? FhirValues.day(item.getServicedPeriod().getEndElement()) : null;
			if (from == null) {
				missing("The service date of " + at, "Enter the date of service (servicedDate).", path + ".serviced");
			} else if (to != null && to.isAfter(from)) {
				add("DTP", "472", "RD8", X12Values.range(from, to));
			} else {
				add("DTP", "472", "D8", X12Values.date(from));
			}
			add("REF", "6R", Integer.toString(item.getSequence()));
			drug(item, index);
			lineRendering(item);
		}

		private static Coding procedureCoding(CodeableConcept concept) {
			for (Coding coding : concept.getCoding()) {
				if (BillingTerminology.isProcedureSystem(coding.getSystem()) && coding.hasCode()) {
					return coding;
				}
			}
			return null;
		}

		private static String placeOfService(ItemComponent item) {
			if (!item.hasLocationCodeableConcept()) {
				return null;
			}
			Coding coding = FhirValues.coding(item.getLocationCodeableConcept(), PlaceOfServiceCodeSet.SYSTEM);
			return coding == null ? null : coding.getCode().strip();
		}

		/** SV107: the HI positions of the line's diagnosis sequences. */
		private List<String> pointers(ItemComponent item, int index) {
			String path = "Claim.item[" + index + "].diagnosisSequence";
			List<PositiveIntType> sequences = item.getDiagnosisSequence();
			List<String> pointers = new ArrayList<>();
			if (sequences.isEmpty()) {
				missing("The diagnosis pointers of line " + (index + 1), "Point the line at the diagnoses it treats "
						+ "(diagnosisSequence, one to four).", path);
			} else if (sequences.size() > MAX_POINTERS) {
				problems.add(Claim837pProblem.notRepresentable("Line " + (index + 1) + " points at "
						+ sequences.size() + " diagnoses; an 837P line carries at most " + MAX_POINTERS + ".",
						"Keep the four most relevant pointers.", path));
			}
			for (int p = 0; p < sequences.size() && p < MAX_POINTERS; p++) {
				Integer sequence = sequences.get(p).getValue();
				Integer position = sequence == null ? null : diagnosisPositions.get(sequence);
				if (position == null) {
					if (!claim.getDiagnosis().isEmpty() && claim.getDiagnosis().size() <= MAX_DIAGNOSES) {
						problems.add(Claim837pProblem.notRepresentable("Line " + (index + 1) + " points at diagnosis "
								+ sequence + ", which the claim does not list.",
								"Point at a Claim.diagnosis.sequence of this claim.", path + "[" + p + "]"));
					}
					continue;
				}
				pointers.add(position.toString());
			}
			return pointers.isEmpty() ? null : pointers;
		}

		/** 2410: the drug of a line that carries an NDC (on the line, or on its first detail). */
		private void drug(ItemComponent item, int index) {
			Coding ndc = FhirValues.coding(item.getProductOrService(), NDC_SYSTEM);
			Quantity quantity = item.getQuantity();
			String path = "Claim.item[" + index + "].productOrService";
			if (ndc == null && item.hasDetail()) {
				ndc = FhirValues.coding(item.getDetailFirstRep().getProductOrService(), NDC_SYSTEM);
				quantity = item.getDetailFirstRep().getQuantity();
				path = "Claim.item[" + index + "].detail[0].productOrService";
			}
			if (ndc == null) {
				return;
			}
			String code = Claim837pCodes.ndc11(ndc.getCode());
			if (code == null) {
				problems.add(Claim837pProblem.notRepresentable("The NDC " + ndc.getCode() + " of line " + (index + 1)
						+ " cannot be written in the 11-digit 5-4-2 form.", "Record the NDC with its hyphens "
						+ "(4-4-2, 5-3-2 or 5-4-1) or as 11 digits.", path));
				return;
			}
			if (quantity.getValue() == null) {
				missing("The drug quantity of line " + (index + 1), "Enter the quantity of the drug given (the "
						+ "line's quantity with its unit, or the detail's).", path.replace("productOrService", "quantity"));
				return;
			}
			add("LIN", "", "N4", code);
			add("CTP", "", "", "", X12Values.quantity(quantity.getValue()), composite(Claim837pCodes.drugUnit(quantity)));
		}

		/** 2420A when the line's care team member is not the claim's rendering provider. */
		private void lineRendering(ItemComponent item) {
			int claimRendering = careTeamMember(RENDERING_ROLES);
			for (PositiveIntType sequence : item.getCareTeamSequence()) {
				for (int m = 0; m < claim.getCareTeam().size(); m++) {
					CareTeamComponent member = claim.getCareTeam().get(m);
					boolean rendering = !member.hasRole()
							|| member.getRole().getCoding().stream().anyMatch(c -> RENDERING_ROLES.contains(c.getCode()));
					if (sequence.getValue() == null || member.getSequence() != sequence.getValue() || !rendering) {
						continue;
					}
					if (m == claimRendering || claimRendering >= 0 && Objects.equals(member.getProvider().getReference(),
							claim.getCareTeam().get(claimRendering).getProvider().getReference())) {
						return;
					}
					Provider provider = careTeamProvider(m, "rendering");
					if (provider != null && !isBillingProvider(provider)) {
						requireNpi(provider, "The rendering provider's NPI",
								"Claim.careTeam[" + m + "].provider.resolve()");
						name("82", provider.name(), "XX", provider.npi());
						if (provider.taxonomy() != null) {
							add("PRV", "PE", "PXC", provider.taxonomy());
						}
					}
					return;
				}
			}
		}

		/** NM1 with its name and, when given, its id qualifier and id. */
		private void name(String entity, Name name, String idQualifier, String id) {
			if (name == null) {
				return;
			}
			boolean hasId = idQualifier != null && id != null;
			add("NM1", entity, name.entity(), name.last(), name.first(), name.middle(), "", name.suffix(),
					hasId ? idQualifier : "", hasId ? id : "");
		}

		private void address(PostalAddress address) {
			add("N3", address.line1(), address.line2());
			add("N4", address.city(), address.state(), address.zip());
		}

		/** SBR of an insurance entry (2000B or 2320): responsibility, relationship, group, claim filing indicator. */
		private void sbr(int index, String relationship, Coverage coverage) {
			String group = Claim837pCodes.groupNumber(coverage);
			add("SBR", responsibility(index), relationship, group, group.isEmpty() ? Claim837pCodes.groupName(coverage) : "",
					"", "", "", "", Claim837pCodes.filingIndicator(coverage, defaults.claimFilingIndicator()));
		}

		/** SBR01 of an insurance entry: its place in the order of payment. */
		private String responsibility(int index) {
			int place = payerOrder.indexOf(index);
			return place >= 0 && place < RESPONSIBILITY.length() ? String.valueOf(RESPONSIBILITY.charAt(place)) : "U";
		}
	}
}
