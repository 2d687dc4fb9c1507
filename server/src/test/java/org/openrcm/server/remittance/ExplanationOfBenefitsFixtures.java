package org.openrcm.server.remittance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Small claims and posted ClaimResponses (the shape the 835 posting writes) for the EOB and statement tests, and a
 * base-R4 instance validator. Codes are real billing codes; no descriptions.
 */
final class ExplanationOfBenefitsFixtures {

	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String CPT = "http://www.ama-assn.org/go/cpt";
	static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
	static final String REVENUE = "https://www.nubc.org/CodeSystem/RevenueCodes";
	static final String ADJUDICATION = ExplanationOfBenefitsPosting.ADJUDICATION_SYSTEM;
	static final String TRACE_NUMBER = "EFT000123456";

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static FhirValidator validator;

	private ExplanationOfBenefitsFixtures() {}

	/** The error and fatal messages of validating against base R4 only. */
	static synchronized List<String> baseR4Errors(IBaseResource resource) {
		if (validator == null) {
			ValidationSupportChain chain = new ValidationSupportChain(
					new DefaultProfileValidationSupport(FHIR),
					new SnapshotGeneratingValidationSupport(FHIR),
					new InMemoryTerminologyServerValidationSupport(FHIR),
					new CommonCodeSystemsTerminologyService(FHIR));
			validator = FHIR.newValidator();
			validator.registerValidatorModule(new FhirInstanceValidator(chain));
		}
		return validator.validateWithResult(resource).getMessages().stream()
				.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
				.map(SingleValidationMessage::toString)
				.toList();
	}

	/** A professional claim: 99213 ($125) and 36415 ($30) on 2024-06-17, office, two diagnoses, one rendering. */
	static Claim professionalClaim() {
		Claim claim = claim("clm-1001", "professional");
		claim.addCareTeam().setSequence(1).setProvider(new Reference("Practitioner/dr-lee"))
				.setRole(new CodeableConcept(new Coding(ExplanationOfBenefits.CARE_TEAM_ROLE_SYSTEM, "primary", null)));
		claim.addDiagnosis().setSequence(1).setDiagnosis(concept(ICD10CM, "E11.9"));
		claim.addDiagnosis().setSequence(2).setDiagnosis(concept(ICD10CM, "I10"));
		line(claim, 1, null, "99213", "125.00").addCareTeamSequence(1).addDiagnosisSequence(1).addDiagnosisSequence(2);
		line(claim, 2, null, "36415", "30.00").addCareTeamSequence(1).addDiagnosisSequence(1);
		claim.setTotal(usd("155.00"));
		return claim;
	}

	/** An outpatient hospital claim (type of bill 0131): ER visit (0450, 99283) $800 and lab (0301, 80053) $200. */
	static Claim institutionalClaim(String typeOfBill) {
		Claim claim = claim("clm-2002", "institutional");
		claim.setBillablePeriod(new Period().setStartElement(new DateTimeType("2024-06-17"))
				.setEndElement(new DateTimeType("2024-06-17")));
		claim.addSupportingInfo().setSequence(1)
				.setCategory(concept(ExplanationOfBenefits.CARIN_INFORMATION_SYSTEM, "typeofbill"))
				.setCode(concept(ExplanationOfBenefits.TYPE_OF_BILL_SYSTEM, typeOfBill));
		claim.addCareTeam().setSequence(1).setProvider(new Reference("Practitioner/dr-lee"))
				.setRole(concept(ExplanationOfBenefits.CARIN_CARE_TEAM_ROLE_SYSTEM, "attending"));
		claim.addDiagnosis().setSequence(1).setDiagnosis(concept(ICD10CM, "R07.9"));
		claim.addDiagnosis().setSequence(2).setDiagnosis(concept(ICD10CM, "I10"));
		line(claim, 1, "0450", "99283", "800.00").setLocation(null);
		line(claim, 2, "0301", "80053", "200.00").setLocation(null);
		claim.setTotal(usd("1000.00"));
		return claim;
	}

	private static Claim claim(String id, String type) {
		Claim claim = new Claim()
				.setStatus(Claim.ClaimStatus.ACTIVE)
				.setType(new CodeableConcept(new Coding(ExplanationOfBenefits.CLAIM_TYPE_SYSTEM, type, null)))
				.setUse(Claim.Use.CLAIM)
				.setPatient(new Reference("Patient/pat-1"))
				.setCreatedElement(new DateTimeType("2024-06-18"))
				.setProvider(new Reference("Organization/springfield-clinic"))
				.setInsurer(new Reference("Organization/prairie-health"))
				.setPriority(concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal"));
		claim.setId(id);
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("Coverage/cov-1"));
		return claim;
	}

	private static Claim.ItemComponent line(Claim claim, int sequence, String revenue, String code, String charge) {
		Claim.ItemComponent item = claim.addItem()
				.setSequence(sequence)
				.setProductOrService(concept(CPT, code))
				.setServiced(new DateType("2024-06-17"))
				.setLocation(concept(POS, "11"))
				.setQuantity(new Quantity(1))
				.setUnitPrice(usd(charge))
				.setNet(usd(charge));
		if (revenue != null) {
			item.setRevenue(concept(REVENUE, revenue));
		}
		return item;
	}

	/** A posted response: active, complete, paid on 2024-07-01 by {@value #TRACE_NUMBER}, payer claim 7100001. */
	static ClaimResponse response(Claim claim, String disposition) {
		ClaimResponse response = new ClaimResponse()
				.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE)
				.setType(claim.getType().copy())
				.setUse(ClaimResponse.Use.CLAIM)
				.setPatient(claim.getPatient().copy())
				.setCreatedElement(new DateTimeType("2024-07-01T10:15:00Z"))
				.setInsurer(new Reference("Organization/prairie-health").setDisplay("Prairie Health Plan"))
				.setRequestor(claim.getProvider().copy())
				.setRequest(new Reference("Claim/" + claim.getIdElement().getIdPart()))
				.setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE)
				.setDisposition(disposition);
		response.setId("cr-" + claim.getIdElement().getIdPart());
		response.addIdentifier(new Identifier().setSystem(ExplanationOfBenefitsPosting.PAYER_CLAIM_NUMBER_SYSTEM)
				.setValue("7100001"));
		return response;
	}

	/** Posts one line: charge, allowed (or null), paid, then adjustments as group, CARC, amount triplets. */
	static ClaimResponse.ItemComponent postLine(ClaimResponse response, int sequence, String charge, String allowed,
			String paid, String... adjustments) {
		ClaimResponse.ItemComponent item = response.addItem().setItemSequence(sequence);
		item.addAdjudication(value("submitted", charge));
		if (allowed != null) {
			item.addAdjudication(value("eligible", allowed));
		}
		item.addAdjudication(value("benefit", paid));
		for (int i = 0; i < adjustments.length; i += 3) {
			item.addAdjudication(adjustment(adjustments[i], adjustments[i + 1], adjustments[i + 2]));
		}
		return item;
	}

	/** A remark (RARC) on a line. */
	static void remark(ClaimResponse.ItemComponent item, String rarc) {
		item.addAdjudication()
				.setCategory(concept(ExplanationOfBenefitsPosting.REMARK_CATEGORY_SYSTEM, "remark"))
				.setReason(concept(ExplanationOfBenefitsPosting.RARC_SYSTEM, rarc));
	}

	/** The claim totals and payment: charge (CLP03), paid (CLP04), patient responsibility (CLP05, or null). */
	static void postTotals(ClaimResponse response, String charge, String allowed, String paid, String patient) {
		response.addTotal().setCategory(concept(ADJUDICATION, "submitted")).setAmount(usd(charge));
		if (allowed != null) {
			response.addTotal().setCategory(concept(ADJUDICATION, "eligible")).setAmount(usd(allowed));
		}
		response.addTotal().setCategory(concept(ADJUDICATION, "benefit")).setAmount(usd(paid));
		if (patient != null) {
			response.addTotal()
					.setCategory(concept(ExplanationOfBenefitsPosting.CARIN_ADJUDICATION_SYSTEM, "memberliability"))
					.setAmount(usd(patient));
		}
		response.getPayment()
				.setType(concept("http://terminology.hl7.org/CodeSystem/ex-paymenttype", "complete"))
				.setDateElement(new DateType("2024-07-01"))
				.setAmount(usd(paid))
				.setIdentifier(new Identifier().setSystem("http://openrcm.org/fhir/sid/payment-trace-number")
						.setValue(TRACE_NUMBER));
	}

	static ClaimResponse.AdjudicationComponent adjustment(String group, String carc, String amount) {
		return new ClaimResponse.AdjudicationComponent()
				.setCategory(concept(ExplanationOfBenefitsPosting.GROUP_SYSTEM, group))
				.setReason(concept(ExplanationOfBenefitsPosting.CARC_SYSTEM, carc))
				.setAmount(usd(amount));
	}

	private static ClaimResponse.AdjudicationComponent value(String code, String amount) {
		return new ClaimResponse.AdjudicationComponent()
				.setCategory(concept(ADJUDICATION, code))
				.setAmount(usd(amount));
	}

	static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}

	static Money usd(String amount) {
		return new Money().setValue(new BigDecimal(amount)).setCurrency("USD");
	}
}
