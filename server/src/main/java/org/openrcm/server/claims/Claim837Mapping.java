package org.openrcm.server.claims;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.CareTeamComponent;
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
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.claims.PartyData.Name;
import org.openrcm.server.claims.PartyData.PostalAddress;
import org.openrcm.server.claims.PartyData.Provider;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.terminology.BillingTerminology;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;

/**
 * One claim's mapping to the segments of its 837 transaction set (BHT to the last line, without ST/SE): the loops
 * the professional and institutional guides share, written here once, and the claim and line loops each guide
 * writes its own way ({@link Claim837pMapping}, {@link Claim837iMapping}). Problems are collected as the mapping
 * goes, and {@link #map()} throws them all at once.
 *
 * <p>Shared, as both TR3s define them:
 * <ul>
 * <li>BHT, 1000A submitter (NM1*41 name and id, PER*IC contact) and 1000B receiver (NM1*40): the clearinghouse
 * connection. BHT01 0019, BHT02 00 (original), BHT03 the time of writing and the patient control number, BHT06 CH
 * (chargeable).</li>
 * <li>2000A/2010AA billing provider: {@code Claim.provider} (Organization, Practitioner or PractitionerRole), see
 * {@link PartyData}: PRV*BI*PXC taxonomy, NM1*85 name and NPI (XX), N3/N4 address, REF*EI EIN (REF*SY for an
 * SSN).</li>
 * <li>2000B SBR: SBR01 payer responsibility from the focal insurance's place among {@code Claim.insurance} ordered
 * by {@code sequence} (P, S, T, then A..H); SBR02 18 when the patient is the subscriber; SBR03 the group number
 * ({@code Coverage.class} of type {@code group}), SBR04 its name when there is no number; SBR09 the claim filing
 * indicator from {@code Coverage.type} (see {@link Claim837Codes#filingIndicator}).</li>
 * <li>The patient is the subscriber when {@code Coverage.relationship} is {@code self}, or when it is absent and
 * {@code Coverage.subscriber} is absent or the patient. Otherwise the subscriber is {@code Coverage.subscriber}
 * (Patient or RelatedPerson), else {@code Coverage.policyHolder} when it is a person, and the patient gets the 2000C
 * level with PAT01 from the relationship: spouse 01, child 19, common (law spouse) 53, parent, injured and other G8,
 * not stated 21.</li>
 * <li>2010BA subscriber: NM1*IL name with MI {@code Coverage.subscriberId}; N3/N4 and DMG (birth date, gender
 * F/M/U) from the patient when the patient is the subscriber, else from the subscriber when recorded.</li>
 * <li>2010BB payer: {@code Claim.insurer}, else the focal coverage's first {@code payor}: NM1*PR name with PI and
 * the payer id ({@value PartyData#PAYER_ID_SYSTEM}), N3/N4 when its address is recorded.</li>
 * <li>2000C/2010CA patient (when not the subscriber): PAT01, NM1*QC name, N3/N4, DMG.</li>
 * <li>CLM01 patient control number: the claim's id (at most 38 characters), else its first identifier. CLM02
 * {@code Claim.total}, which must be the sum of the line charges (the TR3s' balancing rule).</li>
 * <li>2300 REF: F8 the payer's claim control number of the claim a replacement (frequency 7) or void (8) refers to
 * (see {@link Claim837Writer}); G1 the focal insurance's first {@code preAuthRef}; EA the medical record number: a
 * {@code supportingInfo} of CARIN category {@code medicalrecordnumber} ({@code valueString}), else the patient's
 * identifier of type MR.</li>
 * <li>2320/2330A/2330B other payers: each non-focal insurance in sequence order, with SBR (its responsibility, the
 * patient's relationship to its subscriber: 18 self, else as PAT01), OI (benefits assignment and release codes), the
 * subscriber's name and member id, the payer's name and id. A payer earlier in the order than the focal one passes
 * on its adjudication when its ClaimResponse is known: 2320 CAS, AMT*D and AMT*EAF, 2330B DTP*573 and REF*F8, and
 * 2430 per line (see {@link PayerAdjudication}), which must balance to the charges
 * ({@link ErrorCode#CLAIM_837_COB_UNBALANCED} otherwise).</li>
 * <li>2400 REF*6R: the line's {@code sequence}, which the 835 echoes. 2410 LIN*N4 with the 11-digit NDC and CTP
 * quantity and unit when the line (or its first {@code detail}) carries a coding in
 * {@value Claim837Writer#NDC_SYSTEM}.</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance maps one claim once.
 */
abstract class Claim837Mapping {

	static final int MAX_OTHER_PAYERS = 10;
	static final int MAX_MODIFIERS = 4;

	/** SBR01 by place in the order of payment: primary, secondary, tertiary, then payers four to eleven. */
	private static final String RESPONSIBILITY = "PSTABCDEFGH";
	private static final DateTimeFormatter BHT_TIME = DateTimeFormatter.ofPattern("HHmm");
	private static final DateTimeFormatter BATCH_STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmssSSS");
	/** CARIN's supporting information categories (medical record number, type of bill, admission, ...). */
	static final String CARIN_INFORMATION_SYSTEM = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBSupportingInfoType";

	/** One segment to write: its id and elements (strings, or lists of strings for composites). */
	record Segment(String id, Object[] elements) {}

	/** The patient or a subscriber: who an insurance covers, and how the patient relates to its subscriber. */
	record Insured(boolean patientIsSubscriber, String relationship, Name name, PostalAddress address,
			LocalDate birthDate, String gender, String memberId) {}

	/** A payer as 2010BB / 2330B name it. */
	record Payer(Organization organization, Name name, String id, PostalAddress address) {}

	final Claim claim;
	final ClaimReferences references;
	final String label;
	final ClaimsProperties defaults;
	private final ClearinghouseProperties connection;
	private final ZonedDateTime now;
	final List<Segment> segments = new ArrayList<>(64);
	final List<Claim837Problem> problems = new ArrayList<>();
	/** {@code Claim.insurance} indexes in the order of payment ({@code sequence}). */
	final List<Integer> payerOrder;
	Patient patient;
	Provider billing;
	private String patientControlNumber;
	/** The earlier payers whose adjudication the claim passes on, in the order of payment. */
	private final List<PriorPayer> priorPayers = new ArrayList<>();

	Claim837Mapping(Claim claim, ClaimReferences references, String label, ClearinghouseProperties connection,
			ClaimsProperties defaults, ZonedDateTime now) {
		this.claim = claim;
		this.references = references;
		this.label = label;
		this.connection = connection;
		this.defaults = defaults;
		this.now = now;
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < claim.getInsurance().size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingInt(i -> claim.getInsurance().get(i).getSequence()));
		this.payerOrder = List.copyOf(order);
	}

	/** The guide this mapping writes. */
	abstract X12Guide guide();

	/** The transaction's short name in messages: {@code 837P}, {@code 837I}. */
	abstract String transaction();

	/** Writes the 2300 loop and everything under it. */
	abstract void claimLevel(String controlNumber, int focal);

	/**
	 * SBR09 of a coverage.
	 *
	 * @param fallback the configured default
	 */
	abstract String filingIndicator(Coverage coverage, String fallback);

	/**
	 * The claim's segments.
	 *
	 * @throws Claim837Exception with every problem found
	 */
	final List<Segment> map() {
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
			throw new Claim837Exception(label, transaction(), problems);
		}
		return segments;
	}

	/** CLM01, once {@link #map()} has run. */
	final String patientControlNumber() {
		return patientControlNumber;
	}

	/** A claim for payment, or nothing is mapped at all. */
	private void supported() {
		List<Claim837Problem> refusals = new ArrayList<>();
		if (claim.getUse() == Claim.Use.PREAUTHORIZATION || claim.getUse() == Claim.Use.PREDETERMINATION) {
			refusals.add(new Claim837Problem(ErrorCode.CLAIM_837_NOT_SUPPORTED, "The claim is a "
					+ claim.getUse().toCode() + ", not a claim for payment.",
					"A prior authorization goes to the payer as a 278, not an 837.", "Claim.use"));
		}
		if (claim.getStatus() == Claim.ClaimStatus.ENTEREDINERROR) {
			refusals.add(new Claim837Problem(ErrorCode.CLAIM_837_NOT_SUPPORTED,
					"The claim was entered in error.", "Nothing is sent for a claim entered in error.",
					"Claim.status"));
		}
		if (!refusals.isEmpty()) {
			throw new Claim837Exception(label, transaction(), refusals);
		}
	}

	final void add(String id, Object... elements) {
		segments.add(new Segment(id, elements));
	}

	final void missing(String what, String fix, String expression) {
		problems.add(Claim837Problem.missing(what, fix, expression));
	}

	final boolean reported(String expression) {
		for (Claim837Problem problem : problems) {
			if (expression.equals(problem.expression())) {
				return true;
			}
		}
		return false;
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
		add("BHT", "0019", "00", batch.length() > 50 ? batch.substring(0, 50) : batch,
				X12Values.date(now.toLocalDate()), now.format(BHT_TIME), "CH");
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
		checkBillingProvider(billing);
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

	/** What the guide asks of the billing provider beyond the shared rules; nothing by default. */
	void checkBillingProvider(Provider provider) {}

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
	final Coverage coverage(int index) {
		InsuranceComponent insurance = claim.getInsurance().get(index);
		Coverage coverage = references.resolve(insurance.getCoverage(), claim, Coverage.class);
		if (coverage == null && !reported("Claim.insurance[" + index + "].coverage")) {
			missing("The coverage of insurance " + (index + 1), insurance.getCoverage().hasReference()
					? "The coverage reference does not resolve in this tenant; point it at the stored Coverage."
					: "Reference the Coverage in Claim.insurance.coverage.", "Claim.insurance[" + index + "].coverage");
		}
		return coverage;
	}

	/**
	 * Who the coverage insures and how the patient relates to the subscriber; problems for what the subscriber
	 * loop needs and is not recorded (reported once per insurance entry).
	 */
	final Insured insured(int index, Coverage coverage) {
		String at = "Claim.insurance[" + index + "].coverage.resolve()";
		boolean report = !reported(at + ".subscriberId") && !reported(at + ".subscriber");
		String memberId = coverage.hasSubscriberId() ? X12Values.id(coverage.getSubscriberId()) : null;
		if (memberId == null && report) {
			missing("The subscriber's member id", "Enter the member id from the insurance card "
					+ "(Coverage.subscriberId).", at + ".subscriberId");
		}
		String relationship = Claim837Codes.relationshipCode(coverage);
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
		return new Insured(false, Claim837Codes.individualRelationship(relationship), name,
				PartyData.personAddress(subscriber), PartyData.birthDate(subscriber), PartyData.gender(subscriber),
				memberId);
	}

	final Payer payer(Reference reference, Resource holder, String at) {
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
		return new Payer(organization, Name.organization(organization.getName()), id,
				PostalAddress.of(organization.getAddress()));
	}

	/** CLM02: {@code Claim.total}; {@code null}, with a problem, when it is absent. */
	final String totalCharge() {
		if (!claim.hasTotal() || claim.getTotal().getValue() == null) {
			missing("The total charge", "Enter the claim total, the sum of the line charges.", "Claim.total");
			return null;
		}
		return X12Values.amount(claim.getTotal().getValue());
	}

	/** The TR3s' balancing rule: CLM02 is the sum of the line charges (checked when all are known). */
	final void balance() {
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
			problems.add(Claim837Problem.notRepresentable("The total charge " + total.toPlainString()
					+ " is not the sum of the line charges, " + sum.toPlainString() + ".", "An " + transaction()
					+ "'s total (CLM02) must equal the sum of its line charges: correct Claim.total or the lines' net.",
					"Claim.total"));
		}
	}

	/** The lines: a problem when there are none or more than the guide allows; {@code min(count, max)}. */
	final int lineCount(int max) {
		List<ItemComponent> items = claim.getItem();
		if (items.isEmpty()) {
			problems.add(new Claim837Problem(ErrorCode.CLAIM_837_MISSING_DATA, "The claim has no service lines.",
					"Add a line per billed service.", "Claim.item"));
		} else if (items.size() > max) {
			problems.add(Claim837Problem.notRepresentable("The claim has " + items.size() + " service lines; an "
					+ transaction() + " claim carries at most " + max + ".", "Split the services over several claims.",
					"Claim.item"));
		}
		return Math.min(items.size(), max);
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

	/** The index of the {@code Claim.related} entry naming the claim this one replaces or voids; -1 if none. */
	final int priorClaim() {
		List<RelatedClaimComponent> related = claim.getRelated();
		for (int i = 0; i < related.size(); i++) {
			if (related.get(i).getRelationship().getCoding().stream().anyMatch(c -> "prior".equals(c.getCode()))) {
				return i;
			}
		}
		return -1;
	}

	/** 2300 REF: F8 for a replacement or void, G1 the prior authorization, EA the medical record number. */
	final void claimReferences(String frequency, int focal) {
		if ("7".equals(frequency) || "8".equals(frequency)) {
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
		String record = medicalRecordNumber();
		if (record != null) {
			add("REF", "EA", record);
		}
	}

	private String medicalRecordNumber() {
		for (SupportingInformationComponent info : claim.getSupportingInfo()) {
			if (hasCategory(info, CARIN_INFORMATION_SYSTEM, "medicalrecordnumber") && info.hasValueStringType()
					&& !info.getValueStringType().isEmpty()) {
				return X12Values.id(info.getValueStringType().getValue());
			}
		}
		if (patient != null) {
			for (Identifier identifier : patient.getIdentifier()) {
				Coding type = FhirValues.coding(identifier.getType(), Claim837Writer.V2_IDENTIFIER_TYPE_SYSTEM);
				if (type != null && "MR".equals(type.getCode()) && identifier.hasValue()) {
					return X12Values.id(identifier.getValue());
				}
			}
		}
		return null;
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
					+ Claim837Writer.PAYER_CLAIM_NUMBER_SYSTEM + " on the original claim, or its ClaimResponse's "
					+ "identifier.", index < 0 ? "Claim.related" : "Claim.related[" + index + "]");
		}
		return number;
	}

	/** The payer's claim number among identifiers; with {@code anyIfNone}, else the first identifier. */
	static String payerClaimNumber(List<Identifier> identifiers, boolean anyIfNone) {
		for (Identifier identifier : identifiers) {
			if (Claim837Writer.PAYER_CLAIM_NUMBER_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
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

	/** The ICD-10-CM code of a concept as the HI segment carries it (no dot, upper case); {@code null} if none. */
	static String icd10Cm(CodeableConcept concept) {
		Coding coding = FhirValues.coding(concept, Icd10CmCodeSet.SYSTEM);
		return coding == null ? null : coding.getCode().strip().replace(".", "").toUpperCase(Locale.ROOT);
	}

	static boolean hasCategory(SupportingInformationComponent info, String system, String code) {
		Coding category = FhirValues.coding(info.getCategory(), system);
		return category != null && code.equals(category.getCode());
	}

	/** {@code timingDate}, or the start (or end) of {@code timingPeriod}. */
	static LocalDate timing(SupportingInformationComponent info, boolean start) {
		if (info.hasTimingDateType()) {
			return start ? FhirValues.day(info.getTimingDateType()) : null;
		}
		if (info.hasTimingPeriod()) {
			Period period = info.getTimingPeriod();
			return FhirValues.day(start ? period.getStartElement() : period.getEndElement());
		}
		return null;
	}

	/** The first care team member with one of the role codes; -1 when none. */
	final int careTeamMember(Set<String> roles) {
		List<CareTeamComponent> team = claim.getCareTeam();
		for (int i = 0; i < team.size(); i++) {
			for (Coding coding : team.get(i).getRole().getCoding()) {
				if (roles.contains(coding.getCode())) {
					return i;
				}
			}
		}
		return -1;
	}

	/** The provider of care team member {@code index}; {@code null}, with a problem, when it has none to write. */
	final Provider careTeamProvider(int index, String role) {
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

	final Provider provider(Resource resource) {
		if (resource instanceof PractitionerRole role) {
			return PartyData.provider(role, references.resolve(role.getPractitioner(), role, Practitioner.class),
					references.resolve(role.getOrganization(), role, Organization.class));
		}
		return PartyData.provider(resource, null, null);
	}

	/**
	 * A 2310 provider who must be a person with an NPI (referring, supervising, attending, operating, rendering):
	 * problems when it is not.
	 *
	 * @param member the care team member's index, or -1 for nobody
	 * @param role the role in messages, e.g. {@code referring}
	 * @return the provider, or {@code null} (nobody in that role, or a problem recorded)
	 */
	final Provider person(int member, String role) {
		if (member < 0) {
			return null;
		}
		Provider provider = careTeamProvider(member, role);
		if (provider == null) {
			return null;
		}
		String at = "Claim.careTeam[" + member + "].provider";
		if (!"1".equals(provider.name().entity())) {
			problems.add(Claim837Problem.notRepresentable("The " + role + " provider is an organization; the "
					+ transaction() + " names a person there.", "Point the care team member at the Practitioner.", at));
			return null;
		}
		requireNpi(provider, "The " + role + " provider's NPI", at + ".resolve()");
		return provider;
	}

	/** NM1 (person, XX and the NPI) of a 2310/2420 provider; nothing for {@code null}. */
	final void person(String entity, Provider provider) {
		if (provider != null) {
			name(entity, provider.name(), "XX", provider.npi());
		}
	}

	final void requireNpi(Provider provider, String what, String at) {
		if (provider.npi() == null) {
			missing(what, "Add the NPI (identifier system " + PartyData.NPI_SYSTEM + ").", at + ".identifier");
		}
	}

	final boolean isBillingProvider(Provider provider) {
		return billing != null && sameProvider(provider, billing);
	}

	static boolean sameProvider(Provider a, Provider b) {
		return ClaimReferences.same(a.resource(), b.resource()) || a.npi() != null && a.npi().equals(b.npi());
	}

	/** The service facility (NM1*77, N3/N4): the Location, unless it has the billing provider's address. */
	final void facility() {
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

	/**
	 * 2320/2330A/2330B: every insurance other than the focal one, in the order of payment; for a payer earlier in
	 * that order, its adjudication when its ClaimResponse is known (see {@link PayerAdjudication}): 2320 CAS, AMT*D,
	 * AMT*EAF, 2330B DTP*573 (when no line of the claim has the payer's line adjudication) and REF*F8. An earlier
	 * payer without a response is listed without adjudication: whether a payer takes a secondary claim without the
	 * primary's remittance is a payer rule for the scrubber, not the writer's call.
	 */
	final void otherPayers(int focal) {
		List<Integer> others = payerOrder.stream().filter(i -> i != focal).toList();
		if (focal < 0 || others.isEmpty()) {
			return;
		}
		if (others.size() > MAX_OTHER_PAYERS) {
			problems.add(Claim837Problem.notRepresentable("The claim lists " + others.size() + " other "
					+ "insurances; an " + transaction() + " carries at most " + MAX_OTHER_PAYERS + ".",
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
			Payer payer = payer(coverage.hasPayor() ? coverage.getPayorFirstRep() : null, coverage, at);
			PayerAdjudication adjudication = payerOrder.indexOf(index) < payerOrder.indexOf(focal)
					? adjudication(index, payer) : null;
			sbr(index, insured.relationship(), coverage);
			boolean lineLevel = false;
			if (adjudication != null) {
				cas(adjudication.adjustments(), "Claim.insurance[" + index + "].claimResponse");
				add("AMT", "D", X12Values.amount(adjudication.paid()));
				if (adjudication.patientLiability() != null) {
					add("AMT", "EAF", X12Values.amount(adjudication.patientLiability()));
				}
				lineLevel = claim.getItem().stream().anyMatch(item -> adjudication.lines().containsKey(item.getSequence()));
			}
			add("OI", "", "", defaults.benefitsAssignment(), "", "", defaults.releaseOfInformation());
			name("IL", insured.name(), "MI", insured.memberId());
			if (insured.address() != null) {
				address(insured.address());
			}
			if (payer != null) {
				name("PR", payer.name(), "PI", payer.id());
				if (payer.address() != null) {
					address(payer.address());
				}
				if (adjudication != null) {
					if (!lineLevel && adjudication.date() != null) {
						add("DTP", "573", "D8", X12Values.date(adjudication.date()));
					}
					if (adjudication.claimNumber() != null) {
						add("REF", "F8", adjudication.claimNumber());
					}
					priorPayers.add(new PriorPayer(payer.id(), adjudication, "Claim.insurance[" + index + "].claimResponse"));
				}
			}
		}
	}

	/**
	 * An earlier payer whose line adjudications follow the lines (2430): its payer id (SVD01), its adjudication, and
	 * the FHIRPath of its response in messages.
	 */
	private record PriorPayer(String payerId, PayerAdjudication adjudication, String at) {}

	/**
	 * The adjudication of insurance {@code index}'s payer: {@code claimResponse}, else the most recent response to
	 * this claim from that payer; {@code null} when none is known. Checks that it balances.
	 */
	private PayerAdjudication adjudication(int index, Payer payer) {
		InsuranceComponent insurance = claim.getInsurance().get(index);
		String at = "Claim.insurance[" + index + "].claimResponse";
		ClaimResponse response = null;
		if (insurance.hasClaimResponse()) {
			response = references.resolve(insurance.getClaimResponse(), claim, ClaimResponse.class);
			if (response == null) {
				missing("The earlier payer's response", "The claimResponse reference does not resolve to a "
						+ "ClaimResponse in this tenant.", at);
				return null;
			}
		} else if (payer != null && claim.getIdElement().hasIdPart()) {
			for (ClaimResponse candidate : references.responsesTo("Claim/" + claim.getIdElement().getIdPart())) {
				if (PayerAdjudication.adjudicated(candidate) && fromPayer(candidate, payer)) {
					response = candidate;
					break;
				}
			}
		}
		if (response == null || !PayerAdjudication.adjudicated(response)) {
			return null;
		}
		PayerAdjudication adjudication = PayerAdjudication.read(response, at + ".resolve()", problems);
		balanced(adjudication, payer, at);
		return adjudication;
	}

	/** Whether a response's insurer is the payer: the same Organization, or one with the same payer id. */
	private boolean fromPayer(ClaimResponse response, Payer payer) {
		Organization insurer = references.resolve(response.getInsurer(), response, Organization.class);
		if (insurer == null) {
			return false;
		}
		if (ClaimReferences.same(insurer, payer.organization())) {
			return true;
		}
		String id = PartyData.payerId(insurer);
		return id != null && id.equals(payer.id());
	}

	/**
	 * The TR3s' coordination-of-benefits balancing: each line's charge is the payer's line payment plus its line
	 * adjustments, and the claim's charge is the payer's payment plus the claim and line adjustments.
	 */
	private void balanced(PayerAdjudication adjudication, Payer payer, String at) {
		String who = payer == null ? "The earlier payer" : payer.name().last();
		BigDecimal lineAdjustments = BigDecimal.ZERO;
		for (ItemComponent item : claim.getItem()) {
			PayerAdjudication.Line line = adjudication.lines().get(item.getSequence());
			if (line == null) {
				continue;
			}
			BigDecimal adjusted = PayerAdjudication.sum(line.adjustments());
			lineAdjustments = lineAdjustments.add(adjusted);
			BigDecimal charge = item.getNet().getValue();
			if (charge != null && PayerAdjudication.cents(charge)
					.compareTo(PayerAdjudication.cents(line.paid().add(adjusted))) != 0) {
				problems.add(new Claim837Problem(ErrorCode.CLAIM_837_COB_UNBALANCED, who + "'s adjudication of line "
						+ item.getSequence() + " does not balance: its charge " + money(charge) + " is not the paid "
						+ money(line.paid()) + " plus the adjustments " + money(adjusted) + ".", "Correct the payer's "
						+ "line adjudication (ClaimResponse.item.adjudication) to what its remittance says.", at));
			}
		}
		BigDecimal total = claim.hasTotal() ? claim.getTotal().getValue() : null;
		BigDecimal claimAdjustments = PayerAdjudication.sum(adjudication.adjustments());
		if (total != null && PayerAdjudication.cents(total).compareTo(
				PayerAdjudication.cents(adjudication.paid().add(claimAdjustments).add(lineAdjustments))) != 0) {
			problems.add(new Claim837Problem(ErrorCode.CLAIM_837_COB_UNBALANCED, who + "'s adjudication does not "
					+ "balance: the claim's charge " + money(total) + " is not the paid " + money(adjudication.paid())
					+ " plus the claim adjustments " + money(claimAdjustments) + " and the line adjustments "
					+ money(lineAdjustments) + ".", "Correct the payer's adjudication (ClaimResponse total, "
					+ "adjudication and item.adjudication) to what its remittance says.", at));
		}
	}

	private static String money(BigDecimal amount) {
		return PayerAdjudication.cents(amount).toPlainString();
	}

	/** CAS segments of adjustments; a problem when a loop would need more than five. */
	private void cas(List<PayerAdjudication.Adjustment> adjustments, String at) {
		List<Object[]> cas = PayerAdjudication.cas(adjustments);
		if (cas.size() > PayerAdjudication.MAX_CAS) {
			problems.add(Claim837Problem.notRepresentable("The earlier payer's adjustments take " + cas.size()
					+ " CAS segments; an " + transaction() + " loop carries at most " + PayerAdjudication.MAX_CAS + ".",
					"Combine adjustments of the same group and reason.", at));
		}
		for (int i = 0; i < cas.size() && i < PayerAdjudication.MAX_CAS; i++) {
			add("CAS", cas.get(i));
		}
	}

	/**
	 * 2430 for each earlier payer that adjudicated the line: SVD (payer id, paid amount, the line's procedure and
	 * revenue code as billed, units), CAS, DTP*573.
	 *
	 * @param procedure SVD03 (HC, code, modifiers), or {@code null}
	 * @param revenue SVD04 (837I), or {@code null}
	 * @param units SVD05
	 */
	final void lineAdjudications(ItemComponent item, List<String> procedure, String revenue, String units) {
		for (PriorPayer prior : priorPayers) {
			PayerAdjudication.Line line = prior.adjudication().lines().get(item.getSequence());
			if (line == null) {
				continue;
			}
			add("SVD", prior.payerId(), X12Values.amount(line.paid()), procedure, revenue, units);
			cas(line.adjustments(), prior.at());
			if (prior.adjudication().date() != null) {
				add("DTP", "573", "D8", X12Values.date(prior.adjudication().date()));
			}
		}
	}

	/** The CPT or HCPCS coding of a concept; {@code null} when it has none. */
	static Coding procedureCoding(CodeableConcept concept) {
		for (Coding coding : concept.getCoding()) {
			if (BillingTerminology.isProcedureSystem(coding.getSystem()) && coding.hasCode()) {
				return coding;
			}
		}
		return null;
	}

	/**
	 * The procedure composite of a line (SV101, SV202, SVD03): HC, the code and up to four modifiers; {@code null}
	 * when the line has no CPT or HCPCS code.
	 *
	 * @param report whether to report more than four modifiers (once per line)
	 */
	final List<String> procedure(ItemComponent item, int index, boolean report) {
		Coding code = procedureCoding(item.getProductOrService());
		if (code == null) {
			return null;
		}
		List<String> procedure = new ArrayList<>(2 + MAX_MODIFIERS);
		procedure.add("HC");
		procedure.add(code.getCode().strip().toUpperCase(Locale.ROOT));
		if (report && item.getModifier().size() > MAX_MODIFIERS) {
			problems.add(Claim837Problem.notRepresentable("Line " + (index + 1) + " has " + item.getModifier().size()
					+ " modifiers; an " + transaction() + " line carries at most " + MAX_MODIFIERS + ".",
					"Keep the four that affect payment.", "Claim.item[" + index + "].modifier"));
		}
		for (int m = 0; m < item.getModifier().size() && m < MAX_MODIFIERS; m++) {
			Coding modifier = item.getModifier().get(m).getCodingFirstRep();
			procedure.add(modifier.hasCode() ? modifier.getCode().strip().toUpperCase(Locale.ROOT) : "");
		}
		return procedure;
	}

	/** A line's charge (SV102, SV203); {@code null}, with a problem, when absent. */
	final String lineCharge(ItemComponent item, int index) {
		if (item.getNet().getValue() == null) {
			missing("The charge of line " + (index + 1), "Enter the line charge (net).", "Claim.item[" + index + "].net");
			return null;
		}
		return X12Values.amount(item.getNet().getValue());
	}

	/** A line's units (SV104, SV205); {@code null}, with a problem, when absent. */
	final String lineUnits(ItemComponent item, int index) {
		if (item.getQuantity().getValue() == null) {
			missing("The units of line " + (index + 1), "Enter the service units (quantity).",
					"Claim.item[" + index + "].quantity");
			return null;
		}
		return X12Values.quantity(item.getQuantity().getValue());
	}

	/** The first day of a line's service; {@code null} when not recorded. */
	static LocalDate lineFrom(ItemComponent item) {
		return item.hasServicedDateType() ? FhirValues.day(item.getServicedDateType())
				: item.hasServicedPeriod() ? FhirValues.day(item.getServicedPeriod().getStartElement()) : null;
	}

	/** The last day of a line's service when it is a period; {@code null} otherwise. */
	static LocalDate lineTo(ItemComponent item) {
		return item.hasServicedPeriod() ? FhirValues.day(item.getServicedPeriod().getEndElement()) : null;
	}

	/** DTP*472 for a line's service date (D8), or period over several days (RD8); nothing when unknown. */
	final void lineDate(ItemComponent item) {
		LocalDate from = lineFrom(item);
		LocalDate to = lineTo(item);
		if (from == null) {
			return;
		}
		if (to != null && to.isAfter(from)) {
			add("DTP", "472", "RD8", X12Values.range(from, to));
		} else {
			add("DTP", "472", "D8", X12Values.date(from));
		}
	}

	/** 2410: the drug of a line that carries an NDC (on the line, or on its first detail). */
	final void drug(ItemComponent item, int index) {
		Coding ndc = FhirValues.coding(item.getProductOrService(), Claim837Writer.NDC_SYSTEM);
		Quantity quantity = item.getQuantity();
		String path = "Claim.item[" + index + "].productOrService";
		if (ndc == null && item.hasDetail()) {
			ndc = FhirValues.coding(item.getDetailFirstRep().getProductOrService(), Claim837Writer.NDC_SYSTEM);
			quantity = item.getDetailFirstRep().getQuantity();
			path = "Claim.item[" + index + "].detail[0].productOrService";
		}
		if (ndc == null) {
			return;
		}
		String code = Claim837Codes.ndc11(ndc.getCode());
		if (code == null) {
			problems.add(Claim837Problem.notRepresentable("The NDC " + ndc.getCode() + " of line " + (index + 1)
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
		add("CTP", "", "", "", X12Values.quantity(quantity.getValue()), composite(Claim837Codes.drugUnit(quantity)));
	}

	/** NM1 with its name and, when given, its id qualifier and id. */
	final void name(String entity, Name name, String idQualifier, String id) {
		if (name == null) {
			return;
		}
		boolean hasId = idQualifier != null && id != null;
		add("NM1", entity, name.entity(), name.last(), name.first(), name.middle(), "", name.suffix(),
				hasId ? idQualifier : "", hasId ? id : "");
	}

	final void address(PostalAddress address) {
		add("N3", address.line1(), address.line2());
		add("N4", address.city(), address.state(), address.zip());
	}

	/** SBR of an insurance entry (2000B or 2320): responsibility, relationship, group, claim filing indicator. */
	private void sbr(int index, String relationship, Coverage coverage) {
		String group = Claim837Codes.groupNumber(coverage);
		add("SBR", responsibility(index), relationship, group, group.isEmpty() ? Claim837Codes.groupName(coverage) : "",
				"", "", "", "", filingIndicator(coverage, defaults.claimFilingIndicator()));
	}

	/** SBR01 of an insurance entry: its place in the order of payment. */
	private String responsibility(int index) {
		int place = payerOrder.indexOf(index);
		return place >= 0 && place < RESPONSIBILITY.length() ? String.valueOf(RESPONSIBILITY.charAt(place)) : "U";
	}
}
