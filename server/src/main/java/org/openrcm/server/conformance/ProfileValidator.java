package org.openrcm.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.StringType;
import org.openrcm.server.errors.ErrorCode;

/**
 * Validates a resource against one OpenRCM profile with HAPI's instance validator, over the server's validation
 * support chain (core definitions, the installed IG, stored terminology). References are not followed: whether a
 * referenced resource exists is checked by the storage layer in the caller's tenant, never across tenants.
 */
final class ProfileValidator {

	private final FhirValidator validator;

	ProfileValidator(FhirContext fhirContext, IValidationSupport validationSupport) {
		FhirInstanceValidator module = new FhirInstanceValidator(validationSupport);
		module.setAnyExtensionsAllowed(true);
		module.setBestPracticeWarningLevel(org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel.Ignore);
		module.setNoTerminologyChecks(false);
		this.validator = fhirContext.newValidator().registerValidatorModule(module);
		this.validator.setConcurrentBundleValidation(false);
	}

	/**
	 * @return {@code null} when the resource conforms; otherwise an OperationOutcome listing every error (and
	 *         warning) with the FHIRPath location of the offending element and the stable code
	 *         {@link ErrorCode#PROFILE_VALIDATION_FAILED}
	 */
	OperationOutcome validate(IBaseResource resource, String profileUrl) {
		ValidationResult result = validator.validateWithResult(resource, new ValidationOptions().addProfile(profileUrl));
		List<SingleValidationMessage> messages = result.getMessages();
		boolean failed = messages.stream().anyMatch(ProfileValidator::isError);
		if (!failed) {
			return null;
		}
		OperationOutcome outcome = new OperationOutcome();
		String type = resource.fhirType();
		for (SingleValidationMessage message : messages) {
			if (message.getSeverity() == null
					|| message.getSeverity().ordinal() < ResultSeverityEnum.WARNING.ordinal()) {
				continue;
			}
			OperationOutcome.OperationOutcomeIssueComponent issue = ErrorCode.PROFILE_VALIDATION_FAILED.addIssue(
					outcome,
					isError(message) ? IssueSeverity.ERROR : IssueSeverity.WARNING,
					type + " does not conform to " + profileUrl + ": " + message.getMessage());
			if (message.getLocationString() != null) {
				issue.addExpression(message.getLocationString());
				issue.getLocation().add(new StringType(message.getLocationString()));
			}
		}
		return outcome;
	}

	private static boolean isError(SingleValidationMessage message) {
		return message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL;
	}
}
