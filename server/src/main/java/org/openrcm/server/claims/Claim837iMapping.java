package org.openrcm.server.claims;

import static org.openrcm.server.x12.X12SegmentSink.composite;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.DiagnosisComponent;
import org.hl7.fhir.r4.model.Claim.ItemComponent;
import org.hl7.fhir.r4.model.Claim.ProcedureComponent;
import org.hl7.fhir.r4.model.Claim.SupportingInformationComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.openrcm.server.claims.PartyData.Provider;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;

/**
 * An institutional claim ({@code Claim.type} {@code institutional}) as an 837I (005010X223A2) transaction set: the
 * shared loops of {@link Claim837Mapping}, and the institutional claim and line loops. The FHIR side follows the
 * CARIN Blue Button institutional profiles (C4BB supporting information categories, diagnosis types and care team
 * roles, the NUBC code systems) and base R4's code systems where CARIN has none. US Core defines no claim profile.
 * <ul>
 * <li>2010AA: an institutional claim is billed by the facility, an organization with an EIN (NM102 2, REF*EI).</li>
 * <li>SBR09: as for the 837P, except that Medicare in Source of Payment Typology (1) is Part A, {@code MA}.</li>
 * <li>2300 CLM: CLM05-1 the facility type code and CLM05-3 the claim frequency code, the first two and the last
 * digit of the type of bill: a {@code supportingInfo} of category {@code typeofbill} (CARIN,
 * {@value Claim837Mapping#CARIN_INFORMATION_SYSTEM}) whose {@code code} is a NUBC type of bill
 * ({@value #TYPE_OF_BILL_SYSTEM}, e.g. {@code 0111} or {@code 111}); CLM05-2 A (uniform billing claim form bill
 * type); CLM05-3 is 8 when the claim's status is {@code cancelled}; CLM07..CLM09 from {@link ClaimsProperties}
 * (CLM06 is not used in the 837I). A frequency of 7 or 8 carries REF*F8, found as for the 837P.</li>
 * <li>2300 DTP: 434 statement period (RD8) from {@code billablePeriod}, else from the earliest and latest line
 * dates; 435 admission date from a {@code supportingInfo} of category {@code admissionperiod} (CARIN) or
 * {@code hospitalized} (claiminformationcategory), its {@code timingPeriod.start}, or one whose {@code code} is X12
 * date qualifier 435 (required on an inpatient claim), with the hour (DT) when the start has a time of day; 096
 * discharge hour (TM) from that period's end when it has a time of day, on an inpatient claim. Hours are written
 * as recorded, in the zone of the recorded time. Inpatient: a type of bill of facility type 1, 2, 4 or 6 (hospital, skilled
 * nursing, religious non-medical, intermediate care) with bill classification 1 or 2 (inpatient) or 8 (swing
 * bed).</li>
 * <li>2300 CL1: CL101 admission type ({@code supportingInfo} of category {@code admtype}, NUBC
 * {@value #ADMISSION_TYPE_SYSTEM}; required on an inpatient claim), CL102 point of origin ({@code pointoforigin},
 * {@value #POINT_OF_ORIGIN_SYSTEM}), CL103 patient discharge status ({@code discharge-status}, or base
 * {@code discharge}; {@value #DISCHARGE_STATUS_SYSTEM}; always required). Codes are taken from the named system,
 * else the first coding of {@code supportingInfo.code}.</li>
 * <li>2300 HI, by {@code Claim.diagnosis.type} (ex-diagnosistype {@code principal} and {@code admitting}, CARIN
 * C4BBClaimDiagnosisType {@code patientreasonforvisit}, {@code externalcauseofinjury}, {@code other},
 * {@code secondary}) and {@code sequence}: ABK the principal diagnosis (typed principal, else the first by sequence
 * that is not only an admitting, reason-for-visit or external-cause diagnosis), ABJ admitting, APR the patient's
 * reasons for visit (up to 3), ABN external causes of injury (up to 12), ABF every other diagnosis (up to 24, in two
 * HI segments); the present-on-admission indicator ({@code onAdmission}: Y, N, U or W of NUBC's
 * PresentOnAdmissionIndicator; the exempt 1 is left blank) in HI0x-9 of ABK, ABF and ABN. ICD-10-PCS procedures
 * ({@code Claim.procedure}, {@value #ICD10_PCS_SYSTEM}, with their {@code date}): BBR the principal (typed
 * {@code principal}, else the first by sequence), BBQ the others (up to 24). From {@code supportingInfo.code}:
 * occurrence spans BI ({@value #OCCURRENCE_SPAN_SYSTEM}, with {@code timingPeriod}), occurrences BH
 * ({@value #OCCURRENCE_SYSTEM}, with a timing date), values BE ({@value #VALUE_SYSTEM}, with
 * {@code valueQuantity} as the amount) and conditions BG ({@value #CONDITION_SYSTEM}), up to 24 each.</li>
 * <li>2310A attending (NM1*71, PRV*AT*PXC when the taxonomy is known; required): the care team member of role
 * {@code attending}, else {@code primary}; 2310B operating (NM1*72, role {@code operating}); 2310C other operating
 * (NM1*ZZ, {@code otheroperating}); 2310D rendering (NM1*82, {@code rendering} or {@code performing}, left out when
 * it is the attending or billing provider); 2310E service facility (NM1*77: {@code Claim.facility}, unless it has
 * the billing provider's address); 2310F referring (NM1*DN, {@code referring}). Each is a person with an NPI.</li>
 * <li>2400 per {@code Claim.item}: LX; SV2 with the revenue code ({@code revenue}, NUBC {@value #REVENUE_SYSTEM},
 * four digits), HC and the CPT or HCPCS code with up to four modifiers when the line has one, {@code net}, UN and
 * {@code quantity}; DTP*472 the service date when recorded; REF*6R; 2410 drug; 2430 each earlier payer's
 * adjudication of the line (SVD with the procedure as billed in SVD03 and the revenue code in SVD04, CAS,
 * DTP*573), see {@link PayerAdjudication}.</li>
 * </ul>
 * Not written: PWK attachments, 2300 AMT*F3 patient estimated amount due, DRG, treatment codes, line-level 2420
 * providers and non-covered charges (SV207).
 */
final class Claim837iMapping extends Claim837Mapping {

	static final String TYPE_OF_BILL_SYSTEM = "https://www.nubc.org/CodeSystem/TypeOfBill";
	static final String POINT_OF_ORIGIN_SYSTEM = "https://www.nubc.org/CodeSystem/PointOfOrigin";
	static final String ADMISSION_TYPE_SYSTEM = "https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit";
	static final String DISCHARGE_STATUS_SYSTEM = "https://www.nubc.org/CodeSystem/PatDischargeStatus";
	static final String REVENUE_SYSTEM = "https://www.nubc.org/CodeSystem/RevenueCodes";
	static final String CONDITION_SYSTEM = "https://www.nubc.org/CodeSystem/ConditionCodes";
	static final String OCCURRENCE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0350";
	static final String OCCURRENCE_SPAN_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0351";
	static final String VALUE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0153";
	static final String ICD10_PCS_SYSTEM = "http://www.cms.gov/Medicare/Coding/ICD10";

	static final int MAX_LINES = 999;
	/** Codes per HI segment, and HI segments per kind of code (other diagnoses, procedures, occurrences, ...). */
	private static final int PER_HI = 12;
	private static final int HI_SEGMENTS = 2;
	private static final int MAX_REASONS = 3;

	private static final Set<String> ATTENDING_ROLES = Set.of("attending");
	private static final Set<String> PRIMARY_ROLES = Set.of("primary");
	private static final Set<String> OPERATING_ROLES = Set.of("operating");
	private static final Set<String> OTHER_OPERATING_ROLES = Set.of("otheroperating");
	private static final Set<String> RENDERING_ROLES = Set.of("rendering", "performing");
	private static final Set<String> REFERRING_ROLES = Set.of("referring");
	private static final Set<String> REASON_TYPES = Set.of("patientreasonforvisit", "patient-reason-for-visit");
	private static final Set<String> EXTERNAL_CAUSE_TYPES = Set.of("externalcauseofinjury", "external-cause-of-injury");
	private static final Set<String> PRESENT_ON_ADMISSION = Set.of("Y", "N", "U", "W");

	Claim837iMapping(Claim claim, ClaimReferences references, String label, ClearinghouseProperties connection,
			ClaimsProperties defaults, ZonedDateTime now) {
		super(claim, references, label, connection, defaults, now);
	}

	@Override
	X12Guide guide() {
		return X12Guide.CLAIM_837I;
	}

	@Override
	String transaction() {
		return "837I";
	}

	@Override
	String filingIndicator(Coverage coverage, String fallback) {
		return Claim837Codes.filingIndicator(coverage, fallback, true);
	}

	@Override
	void checkBillingProvider(Provider provider) {
		if ("1".equals(provider.name().entity())) {
			problems.add(Claim837Problem.notRepresentable("The billing provider is a person; an institutional "
					+ "claim is billed by the facility, an organization.", "Point Claim.provider at the facility's "
					+ "Organization.", "Claim.provider"));
		}
		if (provider.taxId() != null && !"EI".equals(provider.taxId().qualifier())) {
			problems.add(Claim837Problem.notRepresentable("The billing provider's tax id is a social security "
					+ "number; the 837I carries the facility's EIN only.", "Add the facility's EIN (identifier "
					+ "system " + PartyData.EIN_SYSTEM + ").", "Claim.provider.resolve().identifier"));
		}
	}

	@Override
	void claimLevel(String controlNumber, int focal) {
		String typeOfBill = typeOfBill();
		boolean inpatient = typeOfBill != null && inpatient(typeOfBill);
		String frequency = claim.getStatus() == Claim.ClaimStatus.CANCELLED ? "8"
				: typeOfBill == null ? null : typeOfBill.substring(2);
		String total = totalCharge();
		add("CLM", controlNumber, total, "", "",
				composite(typeOfBill == null ? null : typeOfBill.substring(0, 2), "A", frequency), "",
				defaults.assignment(), defaults.benefitsAssignment(), defaults.releaseOfInformation());
		claimDates(inpatient);
		institutionalCodes(inpatient);
		claimReferences(frequency, focal);
		diagnoses();
		procedures();
		codes("BI", OCCURRENCE_SPAN_SYSTEM, "occurrence span");
		codes("BH", OCCURRENCE_SYSTEM, "occurrence");
		codes("BE", VALUE_SYSTEM, "value");
		codes("BG", CONDITION_SYSTEM, "condition");
		careTeam();
		otherPayers(focal);
		int lines = lineCount(MAX_LINES);
		for (int i = 0; i < lines; i++) {
			line(i);
		}
		balance();
	}

	/** The first supporting information of a CARIN category, else of a claiminformationcategory code. */
	private SupportingInformationComponent info(String carinCategory, String baseCategory) {
		for (SupportingInformationComponent info : claim.getSupportingInfo()) {
			if (hasCategory(info, CARIN_INFORMATION_SYSTEM, carinCategory)) {
				return info;
			}
		}
		if (baseCategory != null) {
			for (SupportingInformationComponent info : claim.getSupportingInfo()) {
				if (hasCategory(info, Claim837Writer.INFORMATION_CATEGORY_SYSTEM, baseCategory)) {
					return info;
				}
			}
		}
		return null;
	}

	/** A code of a concept: its coding in {@code system}, else its first coding with a code; {@code null} if none. */
	private static String code(CodeableConcept concept, String system) {
		Coding coding = FhirValues.coding(concept, system);
		if (coding == null) {
			for (Coding any : concept.getCoding()) {
				if (any.hasCode()) {
					coding = any;
					break;
				}
			}
		}
		return coding == null ? null : coding.getCode().strip();
	}

	/** The three digits of the type of bill (facility type, bill classification, frequency); a problem if unknown. */
	private String typeOfBill() {
		SupportingInformationComponent info = info("typeofbill", null);
		String code = info == null ? null : code(info.getCode(), TYPE_OF_BILL_SYSTEM);
		if (code == null) {
			missing("The type of bill", "Add a supportingInfo of category typeofbill (" + CARIN_INFORMATION_SYSTEM
					+ ") whose code is the NUBC type of bill (" + TYPE_OF_BILL_SYSTEM + "), e.g. 0111.",
					"Claim.supportingInfo");
			return null;
		}
		String digits = code.length() == 4 && code.startsWith("0") ? code.substring(1) : code;
		if (!digits.matches("[1-9]\\d[0-9A-Z]")) {
			problems.add(Claim837Problem.notRepresentable("The type of bill " + code + " is not a NUBC type of bill "
					+ "(facility type, bill classification and frequency, e.g. 0111).", "Correct the type of bill.",
					"Claim.supportingInfo[" + claim.getSupportingInfo().indexOf(info) + "].code"));
			return null;
		}
		return digits;
	}

	/** Hospital, skilled nursing, religious non-medical or intermediate care, billed as inpatient or swing bed. */
	private static boolean inpatient(String typeOfBill) {
		return "1246".indexOf(typeOfBill.charAt(0)) >= 0 && "128".indexOf(typeOfBill.charAt(1)) >= 0;
	}

	/** 2300 DTP: 096 discharge hour, 434 statement period, 435 admission date (and hour, when recorded). */
	private void claimDates(boolean inpatient) {
		SupportingInformationComponent admission = info("admissionperiod", "hospitalized");
		LocalDate admitted = admission == null ? null : timing(admission, true);
		String admissionHour = admission != null && admission.hasTimingPeriod()
				? hourMinute(admission.getTimingPeriod().getStartElement()) : null;
		for (SupportingInformationComponent info : claim.getSupportingInfo()) {
			Coding qualifier = FhirValues.coding(info.getCode(), Claim837Writer.X12_DATE_QUALIFIER_SYSTEM);
			if (admitted == null && qualifier != null && "435".equals(qualifier.getCode())) {
				admitted = timing(info, true);
			}
		}
		String dischargeHour = inpatient && admission != null && admission.hasTimingPeriod()
				? hourMinute(admission.getTimingPeriod().getEndElement()) : null;
		if (dischargeHour != null) {
			add("DTP", "096", "TM", dischargeHour);
		}
		LocalDate from = null;
		LocalDate through = null;
		if (claim.hasBillablePeriod()) {
			Period period = claim.getBillablePeriod();
			from = FhirValues.day(period.getStartElement());
			through = FhirValues.day(period.getEndElement());
		}
		if (from == null) {
			for (ItemComponent item : claim.getItem()) {
				LocalDate start = lineFrom(item);
				LocalDate end = lineTo(item) == null ? start : lineTo(item);
				from = start != null && (from == null || start.isBefore(from)) ? start : from;
				through = end != null && (through == null || end.isAfter(through)) ? end : through;
			}
		}
		if (from == null) {
			missing("The statement period", "Enter the period the claim covers (Claim.billablePeriod).",
					"Claim.billablePeriod");
		} else {
			add("DTP", "434", "RD8", X12Values.range(from, through == null || through.isBefore(from) ? from : through));
		}
		if (admitted != null) {
			if (admissionHour != null) {
				add("DTP", "435", "DT", X12Values.date(admitted) + admissionHour);
			} else {
				add("DTP", "435", "D8", X12Values.date(admitted));
			}
		} else if (inpatient) {
			missing("The admission date", "Add a supportingInfo of category admissionperiod ("
					+ CARIN_INFORMATION_SYSTEM + ") with the admission as timingPeriod.start.", "Claim.supportingInfo");
		}
	}

	/** HHMM of a date-time recorded to the minute, as recorded (its own zone); {@code null} when less precise. */
	private static String hourMinute(DateTimeType time) {
		if (time == null || time.getValue() == null
				|| time.getPrecision().ordinal() < TemporalPrecisionEnum.MINUTE.ordinal()) {
			return null;
		}
		String text = time.getValueAsString();
		return text.substring(11, 13) + text.substring(14, 16);
	}

	/** CL1: admission type, point of origin, patient discharge status. */
	private void institutionalCodes(boolean inpatient) {
		SupportingInformationComponent type = info("admtype", null);
		SupportingInformationComponent origin = info("pointoforigin", null);
		SupportingInformationComponent status = info("discharge-status", "discharge");
		String admissionType = type == null ? null : code(type.getCode(), ADMISSION_TYPE_SYSTEM);
		String pointOfOrigin = origin == null ? null : code(origin.getCode(), POINT_OF_ORIGIN_SYSTEM);
		String dischargeStatus = status == null ? null : code(status.getCode(), DISCHARGE_STATUS_SYSTEM);
		if (admissionType == null && inpatient) {
			missing("The admission type", "Add a supportingInfo of category admtype (" + CARIN_INFORMATION_SYSTEM
					+ ") with the NUBC priority (type) of admission (" + ADMISSION_TYPE_SYSTEM + ").",
					"Claim.supportingInfo");
		}
		if (dischargeStatus == null) {
			missing("The patient's discharge status", "Add a supportingInfo of category discharge-status ("
					+ CARIN_INFORMATION_SYSTEM + ") with the NUBC patient discharge status ("
					+ DISCHARGE_STATUS_SYSTEM + ").", "Claim.supportingInfo");
		}
		add("CL1", admissionType, pointOfOrigin, dischargeStatus);
	}

	/** The type codes of a diagnosis, in lower case. */
	private static Set<String> types(DiagnosisComponent diagnosis) {
		Set<String> types = new HashSet<>();
		for (CodeableConcept type : diagnosis.getType()) {
			for (Coding coding : type.getCoding()) {
				if (coding.hasCode()) {
					types.add(coding.getCode().strip().toLowerCase(Locale.ROOT));
				}
			}
		}
		return types;
	}

	/** A diagnosis that only names an admitting, reason-for-visit or external-cause diagnosis. */
	private static boolean onlySpecial(Set<String> types) {
		if (types.isEmpty()) {
			return false;
		}
		for (String type : types) {
			if (!type.equals("admitting") && !REASON_TYPES.contains(type) && !EXTERNAL_CAUSE_TYPES.contains(type)) {
				return false;
			}
		}
		return true;
	}

	/** HI: ABK, ABJ, APR, ABN, ABF by diagnosis type and sequence. */
	private void diagnoses() {
		List<DiagnosisComponent> diagnoses = claim.getDiagnosis();
		if (diagnoses.isEmpty()) {
			problems.add(new Claim837Problem(ErrorCode.CLAIM_837_MISSING_DATA, "The claim has no diagnosis.",
					"Add the ICD-10-CM diagnoses of the stay or visit, the principal one typed principal.",
					"Claim.diagnosis"));
			return;
		}
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < diagnoses.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingInt(i -> diagnoses.get(i).getSequence()));
		int principal = -1;
		for (int i : order) {
			if (types(diagnoses.get(i)).contains("principal")) {
				principal = i;
				break;
			}
		}
		if (principal < 0) {
			for (int i : order) {
				if (!onlySpecial(types(diagnoses.get(i)))) {
					principal = i;
					break;
				}
			}
		}
		List<Object> admitting = new ArrayList<>();
		List<Object> reasons = new ArrayList<>();
		List<Object> external = new ArrayList<>();
		List<Object> others = new ArrayList<>();
		Object principalCode = null;
		for (int i : order) {
			DiagnosisComponent diagnosis = diagnoses.get(i);
			String code = diagnosis.hasDiagnosisCodeableConcept() ? icd10Cm(diagnosis.getDiagnosisCodeableConcept())
					: null;
			if (code == null) {
				missing("The ICD-10-CM code of diagnosis " + (i + 1), "Code the diagnosis in ICD-10-CM "
						+ "(diagnosisCodeableConcept, system " + Icd10CmCodeSet.SYSTEM + ").",
						"Claim.diagnosis[" + i + "].diagnosis");
				continue;
			}
			String poa = presentOnAdmission(diagnosis);
			Set<String> types = types(diagnosis);
			if (i == principal) {
				principalCode = hiCode("ABK", code, poa);
			}
			if (types.contains("admitting") && admitting.isEmpty()) {
				admitting.add(composite("ABJ", code));
			}
			if (types.stream().anyMatch(REASON_TYPES::contains)) {
				reasons.add(composite("APR", code));
			}
			if (types.stream().anyMatch(EXTERNAL_CAUSE_TYPES::contains)) {
				external.add(hiCode("ABN", code, poa));
			}
			if (i != principal && !onlySpecial(types)) {
				others.add(hiCode("ABF", code, poa));
			}
		}
		if (principalCode == null) {
			if (principal < 0) {
				missing("The principal diagnosis", "Type the principal diagnosis principal (Claim.diagnosis.type, "
						+ "http://terminology.hl7.org/CodeSystem/ex-diagnosistype).", "Claim.diagnosis");
			}
			return;
		}
		add("HI", principalCode);
		if (!admitting.isEmpty()) {
			add("HI", admitting.toArray());
		}
		hi(reasons, MAX_REASONS, "patient's reasons for visit", "Claim.diagnosis");
		hi(external, PER_HI, "external causes of injury", "Claim.diagnosis");
		hi(others, PER_HI * HI_SEGMENTS, "other diagnoses", "Claim.diagnosis");
	}

	/** HI0x-9 from {@code onAdmission}: Y, N, U or W; {@code null} otherwise (the exempt 1 is left blank). */
	private static String presentOnAdmission(DiagnosisComponent diagnosis) {
		for (Coding coding : diagnosis.getOnAdmission().getCoding()) {
			String code = coding.hasCode() ? coding.getCode().strip().toUpperCase(Locale.ROOT) : "";
			if (PRESENT_ON_ADMISSION.contains(code)) {
				return code;
			}
		}
		return null;
	}

	/** An HI composite with the code, and the present-on-admission indicator in component 9 when known. */
	private static List<String> hiCode(String qualifier, String code, String poa) {
		return poa == null ? composite(qualifier, code) : composite(qualifier, code, "", "", "", "", "", "", poa);
	}

	/** HI segments of at most 12 codes each; a problem when there are more than {@code max}. */
	private void hi(List<Object> codes, int max, String what, String expression) {
		if (codes.size() > max) {
			problems.add(Claim837Problem.notRepresentable("The claim lists " + codes.size() + " " + what + "; an 837I "
					+ "carries at most " + max + ".", "Keep the " + max + " that matter for payment.", expression));
		}
		for (int from = 0; from < codes.size() && from < max; from += PER_HI) {
			add("HI", codes.subList(from, Math.min(Math.min(codes.size(), max), from + PER_HI)).toArray());
		}
	}

	/** HI BBR/BBQ: the ICD-10-PCS procedures with their dates, the principal first. */
	private void procedures() {
		List<ProcedureComponent> procedures = new ArrayList<>(claim.getProcedure());
		procedures.sort(Comparator.comparingInt(ProcedureComponent::getSequence));
		int principal = -1;
		for (int i = 0; i < procedures.size(); i++) {
			if (procedures.get(i).getType().stream().flatMap(t -> t.getCoding().stream())
					.anyMatch(c -> "principal".equals(c.getCode()) || "primary".equals(c.getCode()))) {
				principal = i;
				break;
			}
		}
		Object principalCode = null;
		List<Object> others = new ArrayList<>();
		for (int i = 0; i < procedures.size(); i++) {
			ProcedureComponent procedure = procedures.get(i);
			int index = claim.getProcedure().indexOf(procedure);
			Coding coding = procedure.hasProcedureCodeableConcept()
					? FhirValues.coding(procedure.getProcedureCodeableConcept(), ICD10_PCS_SYSTEM) : null;
			if (coding == null) {
				continue;
			}
			LocalDate date = FhirValues.day(procedure.getDateElement());
			if (date == null) {
				missing("The date of procedure " + coding.getCode().strip(), "Enter the date the procedure was "
						+ "performed.", "Claim.procedure[" + index + "].date");
				continue;
			}
			String code = coding.getCode().strip().replace(".", "").toUpperCase(Locale.ROOT);
			if (principalCode == null && (principal < 0 || i == principal)) {
				principalCode = composite("BBR", code, "D8", X12Values.date(date));
			} else {
				others.add(composite("BBQ", code, "D8", X12Values.date(date)));
			}
		}
		if (principalCode != null) {
			add("HI", principalCode);
		}
		hi(others, PER_HI * HI_SEGMENTS, "other procedures", "Claim.procedure");
	}

	/**
	 * HI occurrence spans (BI), occurrences (BH), values (BE) or conditions (BG): every {@code supportingInfo}
	 * whose code is in {@code system}, with its dates or amount.
	 */
	private void codes(String qualifier, String system, String what) {
		List<Object> codes = new ArrayList<>();
		List<SupportingInformationComponent> infos = claim.getSupportingInfo();
		for (int i = 0; i < infos.size(); i++) {
			SupportingInformationComponent info = infos.get(i);
			Coding coding = FhirValues.coding(info.getCode(), system);
			if (coding == null) {
				continue;
			}
			String code = coding.getCode().strip().toUpperCase(Locale.ROOT);
			String at = "Claim.supportingInfo[" + i + "]";
			switch (qualifier) {
				case "BI" -> {
					LocalDate from = timing(info, true);
					LocalDate to = timing(info, false);
					if (from == null || to == null) {
						missing("The dates of occurrence span " + code, "Enter the span as timingPeriod.", at + ".timing");
					} else {
						codes.add(composite(qualifier, code, "RD8", X12Values.range(from, to)));
					}
				}
				case "BH" -> {
					LocalDate date = timing(info, true);
					if (date == null) {
						missing("The date of occurrence " + code, "Enter the date as timingDate.", at + ".timing");
					} else {
						codes.add(composite(qualifier, code, "D8", X12Values.date(date)));
					}
				}
				case "BE" -> {
					Quantity amount = info.hasValueQuantity() ? info.getValueQuantity() : null;
					if (amount == null || amount.getValue() == null) {
						missing("The amount of value code " + code, "Enter the amount as valueQuantity.", at + ".value");
					} else {
						codes.add(composite(qualifier, code, "", "", X12Values.amount(amount.getValue())));
					}
				}
				default -> codes.add(composite(qualifier, code));
			}
		}
		hi(codes, PER_HI * HI_SEGMENTS, what + " codes", "Claim.supportingInfo");
	}

	/** 2310A attending, B operating, C other operating, D rendering, E service facility, F referring. */
	private void careTeam() {
		int member = careTeamMember(ATTENDING_ROLES);
		if (member < 0) {
			member = careTeamMember(PRIMARY_ROLES);
		}
		Provider attending = person(member, "attending");
		if (member < 0) {
			missing("The attending provider", "Add the attending physician to the care team (Claim.careTeam, role "
					+ "attending).", "Claim.careTeam");
		}
		person("71", attending);
		if (attending != null && attending.taxonomy() != null) {
			add("PRV", "AT", "PXC", attending.taxonomy());
		}
		person("72", person(careTeamMember(OPERATING_ROLES), "operating"));
		person("ZZ", person(careTeamMember(OTHER_OPERATING_ROLES), "other operating"));
		int rendering = careTeamMember(RENDERING_ROLES);
		if (rendering >= 0) {
			Provider provider = careTeamProvider(rendering, "rendering");
			if (provider != null && (attending == null || !sameProvider(provider, attending))
					&& !isBillingProvider(provider)) {
				person("82", person(rendering, "rendering"));
			}
		}
		facility();
		person("DN", person(careTeamMember(REFERRING_ROLES), "referring"));
	}

	private void line(int index) {
		ItemComponent item = claim.getItem().get(index);
		add("LX", Integer.toString(index + 1));
		String revenue = revenueCode(item, index);
		List<String> procedure = procedure(item, index, true);
		String charge = lineCharge(item, index);
		String units = lineUnits(item, index);
		add("SV2", revenue, procedure, charge, "UN", units);
		lineDate(item);
		add("REF", "6R", Integer.toString(item.getSequence()));
		drug(item, index);
		lineAdjudications(item, procedure, revenue, units);
	}

	/** SV201: the line's four-digit NUBC revenue code; {@code null}, with a problem, when it has none. */
	private String revenueCode(ItemComponent item, int index) {
		String path = "Claim.item[" + index + "].revenue";
		String code = item.hasRevenue() ? code(item.getRevenue(), REVENUE_SYSTEM) : null;
		if (code == null) {
			missing("The revenue code of line " + (index + 1), "Enter the NUBC revenue code of the line "
					+ "(Claim.item.revenue, system " + REVENUE_SYSTEM + ").", path);
			return null;
		}
		if (code.matches("\\d{3}")) {
			return "0" + code;
		}
		if (!code.matches("\\d{4}")) {
			problems.add(Claim837Problem.notRepresentable("The revenue code " + code + " of line " + (index + 1)
					+ " is not a four-digit NUBC revenue code.", "Correct the line's revenue code.", path));
			return null;
		}
		return code;
	}
}
