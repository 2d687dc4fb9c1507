package org.openrcm.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.StringType;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.terminology.StarterTerminology;

/**
 * Validates a resource against one OpenRCM profile with HAPI's instance validator.
 *
 * <p>It runs on an in-memory support chain ({@link #inMemorySupport}): the FHIR core definitions, the OpenRCM IG
 * package and the starter terminology, the same content the server installs, without a database round trip per
 * code or profile. References are not followed: whether a referenced resource exists is checked by the storage
 * layer in the caller's tenant, never across tenants.
 */
final class ProfileValidator {

	private final FhirValidator validator;

	ProfileValidator(FhirContext fhirContext, IValidationSupport validationSupport) {
		FhirInstanceValidator module = new FhirInstanceValidator(validationSupport);
		module.setAnyExtensionsAllowed(true);
		module.setBestPracticeWarningLevel(org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel.Ignore);
		this.validator = fhirContext.newValidator().registerValidatorModule(module);
	}

	/** The FHIR core definitions, the OpenRCM IG package and the starter code systems, all in memory. */
	static IValidationSupport inMemorySupport(FhirContext fhirContext) {
		NpmPackageValidationSupport ig = new NpmPackageValidationSupport(fhirContext);
		try {
			ig.loadPackageFromClasspath("classpath:" + OpenRcmIg.PACKAGE_CLASSPATH_LOCATION);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		PrePopulatedValidationSupport terminology = new PrePopulatedValidationSupport(fhirContext);
		StarterTerminology.codeSystems().forEach(terminology::addCodeSystem);
		return new ValidationSupportChain(
				new DefaultProfileValidationSupport(fhirContext),
				ig,
				terminology,
				new SnapshotGeneratingValidationSupport(fhirContext),
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				new CommonCodeSystemsTerminologyService(fhirContext));
	}

	/**
	 * @return {@code null} when the resource conforms; otherwise an OperationOutcome listing every error (and
	 *         warning) with the FHIRPath location of the offending element and the stable code
	 *         {@link ErrorCode#PROFILE_VALIDATION_FAILED}
	 */
	OperationOutcome validate(IBaseResource resource, String profileUrl) {
		ValidationResult result = validator.validateWithResult(resource, new ValidationOptions().addProfile(profileUrl));
		List<SingleValidationMessage> messages = result.getMessages();
		if (messages.stream().noneMatch(ProfileValidator::isError)) {
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
