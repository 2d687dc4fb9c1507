package org.openrcm.server.remittance;

import static org.openrcm.server.remittance.ExplanationOfBenefitsPosting.ADJUDICATION_SYSTEM;
import static org.openrcm.server.remittance.ExplanationOfBenefitsPosting.CARIN_ADJUDICATION_SYSTEM;
import static org.openrcm.server.remittance.ExplanationOfBenefitsPosting.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.NoteType;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.ExplanationOfBenefit.AdjudicationComponent;
import org.hl7.fhir.r4.model.ExplanationOfBenefit.ItemComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.remittance.ExplanationOfBenefitsPosting.Adjudication;
import org.openrcm.server.remittance.ExplanationOfBenefitsPosting.Adjustment;

/**
 * Builds the patient-facing ExplanationOfBenefit of a claim the payer adjudicated: the billed claim (a
 * {@link Claim}, professional or institutional) joined with the payer's adjudication as the 835 posting records it
 * on the {@link ClaimResponse} (the shape read is documented on {@link ExplanationOfBenefitsPosting}). Pure: no
 * storage, no clock; the caller resolves both resources and stores the result.
 *
 * <p>It follows the CARIN Blue Button (C4BB) 2.1 EOB profiles (Professional-NonClinician for a professional claim,
 * Outpatient-/Inpatient-Institutional for an institutional one) wherever the data allows:
 * <ul>
 * <li>{@code identifier}: the payer's claim number (CLP07) typed C4BBIdentifierType {@code uc} (unique claim id),
 * with the payer-claim-number system; left out when the response has none.</li>
 * <li>{@code status} {@code cancelled} when the response is (a reversed payment), else {@code active};
 * {@code use} claim; {@code type} from the claim; an institutional claim gets {@code subType}
 * C4BBInstitutionalClaimSubType {@code inpatient} (type of bill facility 1, 2, 4 or 6 with classification 1, 2 or
 * 8, as the 837I mapping reads it) or {@code outpatient}; {@code outcome} and {@code disposition} from the
 * response; {@code created} the response's {@code created} (C4BB: the adjudication date), else its payment
 * date.</li>
 * <li>{@code patient}, {@code provider} (billing), {@code facility}, {@code insurance} (every coverage of the claim
 * with its {@code focal} flag and prior authorizations), {@code careTeam}, {@code diagnosis}, {@code procedure},
 * {@code billablePeriod} (else the span of the line dates) from the claim; {@code insurer} from the response, else
 * the claim; {@code payee} the billing provider (the 835 pays the provider); {@code claim} and
 * {@code claimResponse} reference the two inputs (R4's EOB has both elements) when they have an id.</li>
 * <li>Care team roles in C4BB codes: OpenRCM's {@code primary} (the rendering provider, 2310B) and
 * {@code performing} become C4BBClaimCareTeamRole {@code rendering} on a professional claim; {@code supervising}
 * becomes claimcareteamrole {@code supervisor}; other codes are kept. Diagnosis types: the claim's, else
 * {@code principal} for the first by sequence and C4BB {@code secondary} (professional) or {@code other}
 * (institutional) for the rest. Procedures: the claim's type, else C4BBClaimProcedureType principal/other.</li>
 * <li>{@code supportingInfo}: the claim's entries with their sequences (institutional type of bill, admission
 * type, point of origin, discharge status, admission period are already in C4BB categories on an OpenRCM claim);
 * added: {@code patientaccountnumber} (CLM01: the claim's id, else its first identifier) and, on a professional
 * claim with a facility, {@code servicefacility}. Not written: {@code clmrecvddate} (optional in C4BB 2.x; the
 * payer's receipt date is not on the posted response).</li>
 * <li>{@code item} per claim line: sequence, care team, diagnosis, procedure and information pointers, revenue,
 * productOrService, modifiers, serviced, location, quantity, unit price, net; and the line's adjudication in C4BB
 * categories: {@code submitted} (the line's, else the claim line's net), {@code eligible} (the posted allowed
 * amount, else paid + patient share), the adjustments mapped by {@link AmountType#of}, {@code benefit} (0 on a
 * denied line that has none), {@code memberliability} (the PR sum, 0 when none), then one
 * {@code adjustmentreason} entry per CARC and RARC of the line (the 2.x slice; 1.x called it
 * {@code denialreason}); on a professional claim, the required item-level {@code benefitpaymentstatus}. Amount
 * entries carry their CARC in {@code reason}; the adjusted units of a CAS are not carried. A claim line the
 * response does not mention gets its submitted amount only (and benefit 0 when the claim was denied); response
 * items that match no claim line, and line details, are not carried.</li>
 * <li>{@code adjudication} (claim level): the claim-level CAS, mapped the same way, with their reasons;
 * {@code billingnetworkstatus} when the network status is known; on an institutional claim the required
 * header-level {@code benefitpaymentstatus}.</li>
 * <li>{@code total}: submitted, eligible, each adjustment category summed over lines and claim, benefit,
 * {@code paidtoprovider} (the same amount: an 835 pays the provider) and {@code memberliability} (CLP05, else the
 * PR sum).</li>
 * <li>{@code payment}: type C4BBPayerAdjudicationStatus {@code paid}, {@code denied} (every line denied) or
 * {@code partiallypaid} (some lines denied), the response's payment date, amount and
 * identifier (the trace number, TRN02); the amount is the {@code benefit} total, else {@code payment.amount}.</li>
 * <li>{@code processNote}: one per distinct RARC (type display; text: the code and the display the posting
 * recorded, if any), numbered from 1; lines point at theirs with {@code noteNumber}.</li>
 * </ul>
 * <p>{@code meta.profile} is not set, so the resource does not claim C4BB conformance, because: C4BB requires
 * {@code meta.lastUpdated} (the server sets it on storage) and references to C4BB-conformant Patient, Coverage and
 * Organization resources, which this builder cannot vouch for; the professional profile requires
 * {@code item.location}, which a claim line may lack, and the institutional profiles a header-or-line (not both)
 * rule for amounts, which a claim with line and claim-level adjustments breaks; {@code benefitpaymentstatus} is
 * {@code other} when the network status is unknown. The claim's priority is not copied (of no use to a patient, and
 * R4's EOB binds it to a code system URL by mistake, which C4BB has to work around).
 */
final class ExplanationOfBenefits {

	static final String CARIN_BASE = "http://hl7.org/fhir/us/carin-bb/CodeSystem/";
	static final String CARIN_DISCRIMINATOR_SYSTEM = CARIN_BASE + "C4BBAdjudicationDiscriminator";
	static final String CARIN_STATUS_SYSTEM = CARIN_BASE + "C4BBPayerAdjudicationStatus";
	static final String CARIN_INFORMATION_SYSTEM = CARIN_BASE + "C4BBSupportingInfoType";
	static final String CARIN_IDENTIFIER_TYPE_SYSTEM = CARIN_BASE + "C4BBIdentifierType";
	static final String CARIN_CARE_TEAM_ROLE_SYSTEM = CARIN_BASE + "C4BBClaimCareTeamRole";
	static final String CARIN_DIAGNOSIS_TYPE_SYSTEM = CARIN_BASE + "C4BBClaimDiagnosisType";
	static final String CARIN_PROCEDURE_TYPE_SYSTEM = CARIN_BASE + "C4BBClaimProcedureType";
	static final String CARIN_SUBTYPE_SYSTEM = CARIN_BASE + "C4BBInstitutionalClaimSubType";
	static final String CLAIM_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/claim-type";
	static final String CARE_TEAM_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/claimcareteamrole";
	static final String DIAGNOSIS_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/ex-diagnosistype";
	static final String PAYEE_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/payeetype";
	static final String TYPE_OF_BILL_SYSTEM = "https://www.nubc.org/CodeSystem/TypeOfBill";
	/** CLM01 is at most this long; a longer claim id was not the patient control number. */
	private static final int MAX_PATIENT_CONTROL_NUMBER = 38;
	private static final Set<String> RENDERING_ROLES = Set.of("primary", "rendering", "performing");
	private static final Set<String> CARIN_ROLES =
			Set.of("attending", "referring", "operating", "otheroperating", "rendering", "purchasedservice");

	private ExplanationOfBenefits() {}

	/** The provider's network status for the patient's coverage, when the caller knows it (the 835 does not say). */
	enum NetworkStatus {
		/** In network: C4BB {@code innetwork}. */
		IN_NETWORK("innetwork"),
		/** Out of network: C4BB {@code outofnetwork}. */
		OUT_OF_NETWORK("outofnetwork"),
		/** Not known: no {@code billingnetworkstatus}, and {@code benefitpaymentstatus} {@code other}. */
		UNKNOWN("other");

		private final String code;

		NetworkStatus(String code) {
			this.code = code;
		}
	}

	/**
	 * The C4BB adjudication amount types this builder writes, with the label a patient app can show
	 * ({@code category.text}).
	 */
	enum AmountType {
		SUBMITTED(ADJUDICATION_SYSTEM, "submitted", "Submitted Amount", "Billed"),
		ELIGIBLE(ADJUDICATION_SYSTEM, "eligible", "Eligible Amount", "Allowed"),
		DEDUCTIBLE(ADJUDICATION_SYSTEM, "deductible", "Deductible", "Deductible"),
		COPAY(ADJUDICATION_SYSTEM, "copay", "CoPay", "Copay"),
		COINSURANCE(CARIN_ADJUDICATION_SYSTEM, "coinsurance", "Co-insurance", "Coinsurance"),
		NONCOVERED(CARIN_ADJUDICATION_SYSTEM, "noncovered", "Noncovered", "Not covered"),
		DISCOUNT(CARIN_ADJUDICATION_SYSTEM, "discount", "Discount", "Network discount"),
		PRIOR_PAYER_PAID(CARIN_ADJUDICATION_SYSTEM, "priorpayerpaid", "Prior payer paid", "Paid by other insurance"),
		BENEFIT(ADJUDICATION_SYSTEM, "benefit", "Benefit Amount", "Paid by plan"),
		PAID_TO_PROVIDER(CARIN_ADJUDICATION_SYSTEM, "paidtoprovider", "Paid to provider", "Paid to provider"),
		MEMBER_LIABILITY(CARIN_ADJUDICATION_SYSTEM, "memberliability", "Member liability", "You owe");

		final String system;
		final String code;
		final String display;
		final String label;

		AmountType(String system, String code, String display, String label) {
			this.system = system;
			this.code = code;
			this.display = display;
			this.label = label;
		}

		/**
		 * The amount type of an adjustment: PR-1 (and PR-66, blood) deductible, PR-2 coinsurance, PR-3 copay, any other
		 * PR noncovered (not covered, and the patient owes it); CO-45 (charge above the contracted fee) discount; OA-23
		 * (an earlier payer's adjudication) priorpayerpaid; every other CO, OA, PI or CR adjustment noncovered (the
		 * provider writes it off).
		 */
		static AmountType of(Adjustment adjustment) {
			String reason = adjustment.code();
			if (adjustment.patientResponsibility()) {
				return switch (reason) {
					case "1", "66" -> DEDUCTIBLE;
					case "2" -> COINSURANCE;
					case "3" -> COPAY;
					default -> NONCOVERED;
				};
			}
			if ("CO".equals(adjustment.group()) && "45".equals(reason)) {
				return DISCOUNT;
			}
			if ("OA".equals(adjustment.group()) && "23".equals(reason)) {
				return PRIOR_PAYER_PAID;
			}
			return NONCOVERED;
		}

		/** Whether this is the patient's cost sharing: deductible, coinsurance or copay. */
		boolean costSharing() {
			return this == DEDUCTIBLE || this == COINSURANCE || this == COPAY;
		}

		CodeableConcept concept() {
			CodeableConcept concept = new CodeableConcept(new Coding(system, code, display));
			concept.setText(label);
			return concept;
		}
	}

	/**
	 * The ExplanationOfBenefit of an adjudicated claim.
	 *
	 * @param claim the billed claim, with its id; {@code type} professional or institutional
	 * @param response the posted ClaimResponse of the claim (shape: {@link ExplanationOfBenefitsPosting})
	 * @param network the billing provider's network status for the coverage, {@link NetworkStatus#UNKNOWN} if not known
	 * @return a new ExplanationOfBenefit, without id
	 * @throws IllegalArgumentException when the response has neither {@code created} nor a payment date
	 */
	static ExplanationOfBenefit from(Claim claim, ClaimResponse response, NetworkStatus network) {
		boolean institutional = isInstitutional(claim);
		Adjudication header = ExplanationOfBenefitsPosting.read(response.getAdjudication());
		String currency = currency(response, header);
		ExplanationOfBenefit eob = new ExplanationOfBenefit();
		String claimNumber = ExplanationOfBenefitsPosting.payerClaimNumber(response);
		if (claimNumber != null) {
			eob.addIdentifier(new Identifier()
					.setType(new CodeableConcept(new Coding(CARIN_IDENTIFIER_TYPE_SYSTEM, "uc", "Unique Claim ID")))
					.setSystem(ExplanationOfBenefitsPosting.PAYER_CLAIM_NUMBER_SYSTEM)
					.setValue(claimNumber));
		}
		eob.setStatus(response.getStatus() == ClaimResponse.ClaimResponseStatus.CANCELLED
				? ExplanationOfBenefit.ExplanationOfBenefitStatus.CANCELLED
				: ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
		eob.setType(claim.getType().copy());
		if (institutional) {
			eob.setSubType(institutionalSubType(claim));
		}
		eob.setUse(ExplanationOfBenefit.Use.CLAIM);
		eob.setPatient(claim.getPatient().copy());
		eob.setBillablePeriod(billablePeriod(claim));
		eob.setCreatedElement(created(response));
		eob.setInsurer(response.hasInsurer() ? response.getInsurer().copy() : claim.getInsurer().copy());
		eob.setProvider(claim.getProvider().copy());
		if (claim.hasFacility()) {
			eob.setFacility(claim.getFacility().copy());
		}
		eob.getPayee().setType(new CodeableConcept(new Coding(PAYEE_TYPE_SYSTEM, "provider", "Provider")))
				.setParty(claim.getProvider().copy());
		eob.setClaim(reference(claim));
		eob.setClaimResponse(reference(response));
		eob.setOutcome(outcome(response));
		if (response.hasDisposition()) {
			eob.setDisposition(response.getDisposition());
		}
		careTeam(claim, eob, institutional);
		supportingInfo(claim, eob, institutional);
		diagnoses(claim, eob, institutional);
		procedures(claim, eob);
		for (Claim.InsuranceComponent insurance : claim.getInsurance()) {
			ExplanationOfBenefit.InsuranceComponent copy = eob.addInsurance()
					.setFocal(insurance.getFocal())
					.setCoverage(insurance.getCoverage().copy());
			insurance.getPreAuthRef().forEach(ref -> copy.addPreAuthRef(ref.getValue()));
		}

		Map<String, Integer> notes = new LinkedHashMap<>();
		header.remarks().forEach(remark -> note(eob, notes, remark));
		Totals totals = new Totals();
		boolean claimDenied = ExplanationOfBenefitsPosting.claimDenied(response);
		int deniedLines = 0;
		for (Claim.ItemComponent line : claim.getItem()) {
			Adjudication posted = posted(response, line.getSequence());
			boolean denied = ExplanationOfBenefitsPosting.lineDenied(posted, claimDenied);
			deniedLines += denied ? 1 : 0;
			ItemComponent item = item(eob, line);
			String lineCurrency = posted == Adjudication.NONE ? currency : posted.currency();
			lineAdjudication(item, line, posted, denied, lineCurrency, totals);
			for (Coding remark : posted.remarks()) {
				int number = note(eob, notes, remark);
				if (item.getNoteNumber().stream().noneMatch(n -> n.getValue() == number)) {
					item.addNoteNumber(number);
				}
			}
			if (!institutional) {
				item.addAdjudication(paymentStatus(network));
			}
		}

		headerAdjudication(eob, header, network, institutional, currency, totals);
		totals(eob, response, totals, currency);
		boolean allDenied = claimDenied || (!claim.getItem().isEmpty() && deniedLines == claim.getItem().size());
		payment(eob, response, allDenied ? "denied" : deniedLines > 0 ? "partiallypaid" : "paid", currency);
		return eob;
	}

	/** Sums of the amounts over the lines and the claim level, by type, for {@code total}. */
	private static final class Totals {
		final Map<AmountType, BigDecimal> sums = new EnumMap<>(AmountType.class);

		void add(AmountType type, BigDecimal amount) {
			sums.merge(type, amount, BigDecimal::add);
		}
	}

	private static boolean isInstitutional(Claim claim) {
		Coding type = FhirValues.coding(claim.getType(), CLAIM_TYPE_SYSTEM);
		return type != null && "institutional".equals(type.getCode());
	}

	private static String currency(ClaimResponse response, Adjudication header) {
		for (ClaimResponse.TotalComponent total : response.getTotal()) {
			if (total.hasAmount() && total.getAmount().hasCurrency()) {
				return total.getAmount().getCurrency();
			}
		}
		return header.currency();
	}

	/** The claim's C4BB subtype, else inpatient or outpatient by its type of bill. */
	private static CodeableConcept institutionalSubType(Claim claim) {
		if (claim.hasSubType() && FhirValues.coding(claim.getSubType(), CARIN_SUBTYPE_SYSTEM) != null) {
			return claim.getSubType().copy();
		}
		String typeOfBill = null;
		for (Claim.SupportingInformationComponent info : claim.getSupportingInfo()) {
			Coding category = FhirValues.coding(info.getCategory(), CARIN_INFORMATION_SYSTEM);
			if (category != null && "typeofbill".equals(category.getCode()) && info.hasCode()) {
				Coding code = FhirValues.coding(info.getCode(), TYPE_OF_BILL_SYSTEM);
				code = code == null && info.getCode().getCodingFirstRep().hasCode() ? info.getCode().getCodingFirstRep()
						: code;
				typeOfBill = code == null ? null : code.getCode().strip();
			}
		}
		boolean inpatient = false;
		if (typeOfBill != null) {
			String digits = typeOfBill.length() == 4 && typeOfBill.startsWith("0")
					? typeOfBill.substring(1) : typeOfBill;
			inpatient = digits.length() >= 2 && "1246".indexOf(digits.charAt(0)) >= 0
					&& "128".indexOf(digits.charAt(1)) >= 0;
		}
		String code = inpatient ? "inpatient" : "outpatient";
		return new CodeableConcept(new Coding(CARIN_SUBTYPE_SYSTEM, code, inpatient ? "Inpatient" : "Outpatient"));
	}

	/** The claim's billable period, else the span of its line dates; C4BB requires a start. */
	private static Period billablePeriod(Claim claim) {
		if (claim.hasBillablePeriod()) {
			return claim.getBillablePeriod().copy();
		}
		LocalDate first = null;
		LocalDate last = null;
		for (Claim.ItemComponent line : claim.getItem()) {
			LocalDate from = null;
			LocalDate to = null;
			if (line.hasServicedDateType()) {
				from = FhirValues.day(line.getServicedDateType());
				to = from;
			} else if (line.hasServicedPeriod()) {
				from = FhirValues.day(line.getServicedPeriod().getStartElement());
				to = FhirValues.day(line.getServicedPeriod().getEndElement());
				to = to == null ? from : to;
			}
			if (from != null) {
				first = first == null || from.isBefore(first) ? from : first;
				last = last == null || to.isAfter(last) ? to : last;
			}
		}
		Period period = new Period();
		if (first != null) {
			period.setStartElement(new DateTimeType(first.toString()));
			period.setEndElement(new DateTimeType(last.toString()));
		}
		return period;
	}

	/** The response's {@code created} as recorded (precision and zone kept), else its payment date. */
	private static DateTimeType created(ClaimResponse response) {
		if (response.hasCreated()) {
			return response.getCreatedElement().copy();
		}
		if (response.hasPayment() && response.getPayment().hasDate()) {
			return new DateTimeType(response.getPayment().getDateElement().getValueAsString());
		}
		throw new IllegalArgumentException("The ClaimResponse has neither created nor payment.date: the EOB needs "
				+ "the date of the adjudication");
	}

	private static ExplanationOfBenefit.RemittanceOutcome outcome(ClaimResponse response) {
		if (!response.hasOutcome()) {
			return ExplanationOfBenefit.RemittanceOutcome.COMPLETE;
		}
		return ExplanationOfBenefit.RemittanceOutcome.fromCode(response.getOutcome().toCode());
	}

	/** A reference to a resource by its id (type/id, or the urn:uuid of a transaction entry); {@code null} if none. */
	private static Reference reference(Resource resource) {
		IdType id = resource.getIdElement();
		if (id.isEmpty() || id.getValue() == null) {
			return null;
		}
		if (id.isUrn()) {
			return new Reference(id.getValue());
		}
		return new Reference(resource.fhirType() + "/" + id.getIdPart());
	}

	private static void careTeam(Claim claim, ExplanationOfBenefit eob, boolean institutional) {
		for (Claim.CareTeamComponent member : claim.getCareTeam()) {
			ExplanationOfBenefit.CareTeamComponent copy = eob.addCareTeam()
					.setSequence(member.getSequence())
					.setProvider(member.getProvider().copy());
			if (member.hasResponsible()) {
				copy.setResponsible(member.getResponsible());
			}
			if (member.hasQualification()) {
				copy.setQualification(member.getQualification().copy());
			}
			if (member.hasRole()) {
				copy.setRole(role(member.getRole(), institutional));
			}
		}
	}

	/** A care team role in the C4BB value sets' codes where OpenRCM's codes differ; see the type's doc. */
	private static CodeableConcept role(CodeableConcept role, boolean institutional) {
		for (Coding coding : role.getCoding()) {
			String code = coding.hasCode() ? coding.getCode().strip() : "";
			if (CARIN_CARE_TEAM_ROLE_SYSTEM.equals(coding.getSystem())) {
				return role.copy();
			}
			if ((!institutional && RENDERING_ROLES.contains(code)) || "performing".equals(code)) {
				return carinRole("rendering", "Rendering provider");
			}
			if ("supervising".equals(code) || "supervisor".equals(code)) {
				return new CodeableConcept(new Coding(CARE_TEAM_ROLE_SYSTEM, "supervisor", "Supervising Provider"));
			}
			if (CARIN_ROLES.contains(code)) {
				return carinRole(code, null);
			}
		}
		return role.copy();
	}

	private static CodeableConcept carinRole(String code, String display) {
		return new CodeableConcept(new Coding(CARIN_CARE_TEAM_ROLE_SYSTEM, code, display));
	}

	private static void supportingInfo(Claim claim, ExplanationOfBenefit eob, boolean institutional) {
		int next = 1;
		boolean hasAccountNumber = false;
		for (Claim.SupportingInformationComponent info : claim.getSupportingInfo()) {
			ExplanationOfBenefit.SupportingInformationComponent copy = eob.addSupportingInfo()
					.setSequence(info.getSequence())
					.setCategory(info.getCategory().copy());
			if (info.hasCode()) {
				copy.setCode(info.getCode().copy());
			}
			if (info.hasTiming()) {
				copy.setTiming(info.getTiming().copy());
			}
			if (info.hasValue()) {
				copy.setValue(info.getValue().copy());
			}
			if (info.hasReason()) {
				copy.setReason(new Coding().setSystem(info.getReason().getCodingFirstRep().getSystem())
						.setCode(info.getReason().getCodingFirstRep().getCode())
						.setDisplay(info.getReason().getCodingFirstRep().getDisplay()));
			}
			Coding category = FhirValues.coding(info.getCategory(), CARIN_INFORMATION_SYSTEM);
			hasAccountNumber |= category != null && "patientaccountnumber".equals(category.getCode());
			next = Math.max(next, info.getSequence() + 1);
		}
		String accountNumber = patientControlNumber(claim);
		if (!hasAccountNumber && accountNumber != null) {
			eob.addSupportingInfo().setSequence(next++)
					.setCategory(carinInformation("patientaccountnumber", "Patient Account Number"))
					.setValue(new StringType(accountNumber));
		}
		if (!institutional && claim.hasFacility()) {
			eob.addSupportingInfo().setSequence(next)
					.setCategory(carinInformation("servicefacility", "Service Facility"))
					.setValue(claim.getFacility().copy());
		}
	}

	/** CLM01 as the 837 mapping writes it: the claim's id, else its first identifier. */
	private static String patientControlNumber(Claim claim) {
		String id = claim.getIdElement().isEmpty() || claim.getIdElement().isUrn() ? null
				: claim.getIdElement().getIdPart();
		if (id != null && id.length() <= MAX_PATIENT_CONTROL_NUMBER) {
			return id;
		}
		return claim.hasIdentifier() && claim.getIdentifierFirstRep().hasValue()
				? claim.getIdentifierFirstRep().getValue() : null;
	}

	private static CodeableConcept carinInformation(String code, String display) {
		return new CodeableConcept(new Coding(CARIN_INFORMATION_SYSTEM, code, display));
	}

	private static void diagnoses(Claim claim, ExplanationOfBenefit eob, boolean institutional) {
		int lowest = claim.getDiagnosis().stream().mapToInt(Claim.DiagnosisComponent::getSequence).min().orElse(1);
		for (Claim.DiagnosisComponent diagnosis : claim.getDiagnosis()) {
			ExplanationOfBenefit.DiagnosisComponent copy = eob.addDiagnosis()
					.setSequence(diagnosis.getSequence())
					.setDiagnosis(diagnosis.getDiagnosis().copy());
			if (diagnosis.hasOnAdmission()) {
				copy.setOnAdmission(diagnosis.getOnAdmission().copy());
			}
			if (diagnosis.hasPackageCode()) {
				copy.setPackageCode(diagnosis.getPackageCode().copy());
			}
			if (diagnosis.hasType()) {
				diagnosis.getType().forEach(type -> copy.addType(type.copy()));
			} else if (diagnosis.getSequence() == lowest) {
				copy.addType(new CodeableConcept(
						new Coding(DIAGNOSIS_TYPE_SYSTEM, "principal", "Principal Diagnosis")));
			} else {
				copy.addType(new CodeableConcept(institutional
						? new Coding(CARIN_DIAGNOSIS_TYPE_SYSTEM, "other", "Other")
						: new Coding(CARIN_DIAGNOSIS_TYPE_SYSTEM, "secondary", "Secondary")));
			}
		}
	}

	private static void procedures(Claim claim, ExplanationOfBenefit eob) {
		int lowest = claim.getProcedure().stream().mapToInt(Claim.ProcedureComponent::getSequence).min().orElse(1);
		for (Claim.ProcedureComponent procedure : claim.getProcedure()) {
			ExplanationOfBenefit.ProcedureComponent copy = eob.addProcedure()
					.setSequence(procedure.getSequence())
					.setProcedure(procedure.getProcedure().copy());
			if (procedure.hasDate()) {
				copy.setDateElement(procedure.getDateElement().copy());
			}
			if (procedure.hasType()) {
				procedure.getType().forEach(type -> copy.addType(type.copy()));
			} else {
				boolean principal = procedure.getSequence() == lowest;
				copy.addType(new CodeableConcept(new Coding(CARIN_PROCEDURE_TYPE_SYSTEM,
						principal ? "principal" : "other", principal ? "Principal" : "Other")));
			}
		}
	}

	private static Adjudication posted(ClaimResponse response, int sequence) {
		for (ClaimResponse.ItemComponent item : response.getItem()) {
			if (item.getItemSequence() == sequence) {
				return ExplanationOfBenefitsPosting.read(item.getAdjudication());
			}
		}
		return Adjudication.NONE;
	}

	/** The EOB item of a claim line: what was billed, without adjudication. */
	private static ItemComponent item(ExplanationOfBenefit eob, Claim.ItemComponent line) {
		ItemComponent item = eob.addItem().setSequence(line.getSequence());
		line.getCareTeamSequence().forEach(n -> item.addCareTeamSequence(n.getValue()));
		line.getDiagnosisSequence().forEach(n -> item.addDiagnosisSequence(n.getValue()));
		line.getProcedureSequence().forEach(n -> item.addProcedureSequence(n.getValue()));
		line.getInformationSequence().forEach(n -> item.addInformationSequence(n.getValue()));
		if (line.hasRevenue()) {
			item.setRevenue(line.getRevenue().copy());
		}
		if (line.hasCategory()) {
			item.setCategory(line.getCategory().copy());
		}
		item.setProductOrService(line.getProductOrService().copy());
		line.getModifier().forEach(modifier -> item.addModifier(modifier.copy()));
		if (line.hasServiced()) {
			item.setServiced(line.getServiced().copy());
		}
		if (line.hasLocation()) {
			item.setLocation(line.getLocation().copy());
		}
		if (line.hasQuantity()) {
			item.setQuantity(line.getQuantity().copy());
		}
		if (line.hasUnitPrice()) {
			item.setUnitPrice(line.getUnitPrice().copy());
		}
		if (line.hasFactor()) {
			item.setFactor(line.getFactor());
		}
		if (line.hasNet()) {
			item.setNet(line.getNet().copy());
		}
		return item;
	}

	private static void lineAdjudication(ItemComponent item, Claim.ItemComponent line, Adjudication posted,
			boolean denied, String currency, Totals totals) {
		BigDecimal submitted = posted.submitted() != null ? posted.submitted()
				: ExplanationOfBenefitsPosting.amount(line.getNet());
		BigDecimal patientShare = posted.patientShare();
		BigDecimal benefit = posted.benefit() == null && denied ? BigDecimal.ZERO : posted.benefit();
		BigDecimal eligible = posted.eligible() != null ? posted.eligible()
				: benefit == null ? null : benefit.add(patientShare);
		amount(item.getAdjudication(), AmountType.SUBMITTED, submitted, null, currency, totals);
		amount(item.getAdjudication(), AmountType.ELIGIBLE, eligible, null, currency, totals);
		for (Adjustment adjustment : posted.adjustments()) {
			amount(item.getAdjudication(), AmountType.of(adjustment), adjustment.amount(), adjustment.reason(),
					currency, totals);
		}
		amount(item.getAdjudication(), AmountType.BENEFIT, benefit, null, currency, totals);
		amount(item.getAdjudication(), AmountType.MEMBER_LIABILITY, patientShare, null, currency, null);
		reasons(item.getAdjudication(), posted);
	}

	private static void headerAdjudication(ExplanationOfBenefit eob, Adjudication header, NetworkStatus network,
			boolean institutional, String currency, Totals totals) {
		for (Adjustment adjustment : header.adjustments()) {
			amount(eob.getAdjudication(), AmountType.of(adjustment), adjustment.amount(), adjustment.reason(),
					currency, totals);
		}
		reasons(eob.getAdjudication(), header);
		if (network != NetworkStatus.UNKNOWN) {
			eob.addAdjudication()
					.setCategory(discriminator("billingnetworkstatus", "Billing Network Status"))
					.setReason(new CodeableConcept(new Coding(CARIN_STATUS_SYSTEM, network.code, null)));
		}
		if (institutional) {
			eob.addAdjudication(paymentStatus(network));
		}
	}

	/** Adds an amount entry (when the amount is known) and counts it in the totals (unless {@code totals} is null). */
	private static void amount(List<AdjudicationComponent> entries, AmountType type, BigDecimal amount, Coding reason,
			String currency, Totals totals) {
		if (amount == null) {
			return;
		}
		AdjudicationComponent entry = new AdjudicationComponent()
				.setCategory(type.concept())
				.setAmount(money(amount, currency));
		if (reason != null) {
			entry.setReason(new CodeableConcept(reason.copy()));
		}
		entries.add(entry);
		if (totals != null) {
			totals.add(type, amount);
		}
	}

	/** One {@code adjustmentreason} entry per distinct CARC and RARC. */
	private static void reasons(List<AdjudicationComponent> entries, Adjudication posted) {
		Map<String, Coding> reasons = new LinkedHashMap<>();
		for (Adjustment adjustment : posted.adjustments()) {
			reasons.putIfAbsent(adjustment.reason().getSystem() + "|" + adjustment.code(), adjustment.reason());
		}
		for (Coding remark : posted.remarks()) {
			reasons.putIfAbsent(remark.getSystem() + "|" + remark.getCode().strip(), remark);
		}
		for (Coding reason : reasons.values()) {
			entries.add(new AdjudicationComponent()
					.setCategory(discriminator("adjustmentreason", "Adjustment Reason"))
					.setReason(new CodeableConcept(reason.copy())));
		}
	}

	private static AdjudicationComponent paymentStatus(NetworkStatus network) {
		return new AdjudicationComponent()
				.setCategory(discriminator("benefitpaymentstatus", "Benefit Payment Status"))
				.setReason(new CodeableConcept(new Coding(CARIN_STATUS_SYSTEM, network.code, null)));
	}

	private static CodeableConcept discriminator(String code, String display) {
		return new CodeableConcept(new Coding(CARIN_DISCRIMINATOR_SYSTEM, code, display));
	}

	/** The number of a remark's process note, adding the note the first time. */
	private static int note(ExplanationOfBenefit eob, Map<String, Integer> notes, Coding remark) {
		String code = remark.getCode().strip();
		return notes.computeIfAbsent(code, c -> {
			int number = notes.size() + 1;
			String text = "Remark " + c + (remark.hasDisplay() ? ": " + remark.getDisplay() : "");
			eob.addProcessNote().setNumber(number).setType(NoteType.DISPLAY).setText(text);
			return number;
		});
	}

	private static void totals(ExplanationOfBenefit eob, ClaimResponse response, Totals totals, String currency) {
		Map<AmountType, BigDecimal> values = new EnumMap<>(AmountType.class);
		values.putAll(totals.sums);
		BigDecimal submitted = ExplanationOfBenefitsPosting.total(response, ADJUDICATION_SYSTEM, "submitted");
		BigDecimal eligible = ExplanationOfBenefitsPosting.total(response, ADJUDICATION_SYSTEM, "eligible");
		BigDecimal paid = ExplanationOfBenefitsPosting.paid(response);
		BigDecimal liability =
				ExplanationOfBenefitsPosting.total(response, CARIN_ADJUDICATION_SYSTEM, "memberliability");
		if (submitted != null) {
			values.put(AmountType.SUBMITTED, submitted);
		}
		if (paid != null) {
			values.put(AmountType.BENEFIT, paid);
		}
		if (liability == null) {
			BigDecimal share = ExplanationOfBenefitsPosting.read(response.getAdjudication()).patientShare();
			for (ClaimResponse.ItemComponent item : response.getItem()) {
				share = share.add(ExplanationOfBenefitsPosting.read(item.getAdjudication()).patientShare());
			}
			liability = share;
		}
		values.put(AmountType.MEMBER_LIABILITY, liability);
		if (eligible != null) {
			values.put(AmountType.ELIGIBLE, eligible);
		}
		if (values.containsKey(AmountType.BENEFIT)) {
			values.put(AmountType.PAID_TO_PROVIDER, values.get(AmountType.BENEFIT));
		}
		values.forEach((type, amount) -> eob.addTotal()
				.setCategory(type.concept())
				.setAmount(money(amount, currency)));
	}

	private static void payment(ExplanationOfBenefit eob, ClaimResponse response, String status, String currency) {
		ExplanationOfBenefit.PaymentComponent payment = eob.getPayment();
		payment.setType(new CodeableConcept(new Coding(CARIN_STATUS_SYSTEM, status, null)));
		ClaimResponse.PaymentComponent posted = response.getPayment();
		if (posted.hasDate()) {
			payment.setDateElement(posted.getDateElement().copy());
		}
		BigDecimal paid = ExplanationOfBenefitsPosting.paid(response);
		if (paid != null) {
			payment.setAmount(money(paid, currency));
		}
		if (posted.hasIdentifier()) {
			payment.setIdentifier(posted.getIdentifier().copy());
		}
	}
}
