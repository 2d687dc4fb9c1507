package org.openrcm.server.scrubbing;

import static org.openrcm.server.scrubbing.ScrubFinding.error;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim.DiagnosisComponent;
import org.hl7.fhir.r4.model.Coding;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.mce.MceDiagnosisEdits;
import org.openrcm.terminology.mce.MceFinding;
import org.openrcm.terminology.mce.Sex;

/**
 * The diagnosis codes against the ICD-10-CM release and the MCE edits in effect on the first date of service:
 * {@code DX-INVALID} (unknown, deleted, not yet in effect, or not ICD-10-CM), {@code DX-NOT-BILLABLE} (a header
 * code), {@code DX-SEX}, {@code DX-AGE} (MCE edits 4 and 5 against the patient) and {@code DX-MANIFESTATION-PRIMARY}
 * (MCE edit 6: a manifestation code listed first).
 */
final class DiagnosisCheck implements ScrubCheck {

	@Override
	public void check(ScrubContext context) {
		Optional<LocalDate> date = context.firstDateOfService();
		if (date.isEmpty()) {
			return; // REQUIRED-ELEMENT reports the missing date; validity depends on it
		}
		LocalDate dos = date.get();
		Optional<MceDiagnosisEdits> mce = context.table("MCE diagnosis edits", context.terminology().mce(dos), dos);
		Optional<Integer> age = context.patientAge(dos);
		Sex sex = context.patientSex();
		List<DiagnosisComponent> diagnoses = context.claim().getDiagnosis();
		for (int i = 0; i < diagnoses.size(); i++) {
			DiagnosisComponent diagnosis = diagnoses.get(i);
			String path = "Claim.diagnosis[" + i + "].diagnosis";
			Coding coding = diagnosis.hasDiagnosisCodeableConcept()
					? FhirValues.coding(diagnosis.getDiagnosisCodeableConcept(), Icd10CmCodeSet.SYSTEM) : null;
			if (coding == null) {
				context.add(error(ScrubRule.DX_INVALID, "Diagnosis " + (i + 1) + " has no ICD-10-CM code.",
						"Code the diagnosis in ICD-10-CM (system " + Icd10CmCodeSet.SYSTEM + "); an 837 carries codes, "
								+ "not references to Conditions.", path));
				continue;
			}
			CodeValidation validation = context.terminology().diagnosis(coding.getCode(), dos);
			context.codeSet("ICD-10-CM", validation);
			String release = "ICD-10-CM " + validation.version();
			if (validation.status() == CodeStatus.NOT_BILLABLE) {
				context.add(error(ScrubRule.DX_NOT_BILLABLE, validation.code() + " is a category code, not a billable "
						+ "diagnosis.", "Report the more specific code below " + validation.code() + " that the "
						+ "documentation supports (" + release + ").", path));
			} else if (!validation.reportable()) {
				context.add(error(ScrubRule.DX_INVALID, invalidText(validation), "Use a code valid on " + dos + " ("
						+ release + ").", path));
			}
			if (mce.isPresent() && validation.reportable()) {
				mce(context, mce.get(), validation.code(), age, sex, i, path);
			}
		}
	}

	private static void mce(ScrubContext context, MceDiagnosisEdits mce, String code, Optional<Integer> age, Sex sex,
			int index, String path) {
		// without an age only the sex and manifestation edits can be judged: -1 fails no age range test below
		int years = age.orElse(-1);
		for (MceFinding finding : mce.check(code, Math.max(years, 0), sex, index == 0)) {
			String source = " (MCE " + mce.version() + ")";
			switch (finding.edit()) {
				case AGE_CONFLICT -> {
					if (years >= 0) {
						context.add(error(ScrubRule.DX_AGE, finding.message() + ".", "Check the patient's birth date and "
								+ "the code: the code's age range excludes this patient" + source + ".", path));
					}
				}
				case SEX_CONFLICT -> context.add(error(ScrubRule.DX_SEX, finding.message() + ".",
						"Check the patient's gender and the code" + source + ".", path));
				case MANIFESTATION_AS_PRINCIPAL -> context.add(error(ScrubRule.DX_MANIFESTATION_PRIMARY,
						code + " is a manifestation code listed as the first diagnosis.", "List the underlying "
								+ "condition first and the manifestation after it" + source + ".", path));
			}
		}
	}

	private static String invalidText(CodeValidation validation) {
		return switch (validation.status()) {
			case TERMINATED -> validation.code() + " was deleted from ICD-10-CM before " + validation.dateOfService() + ".";
			case NOT_YET_EFFECTIVE -> validation.code() + " is not yet in effect on " + validation.dateOfService() + ".";
			default -> validation.code() + " is not an ICD-10-CM code.";
		};
	}
}
