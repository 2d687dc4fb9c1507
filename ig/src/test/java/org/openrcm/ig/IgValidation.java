package org.openrcm.ig;

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
import org.hl7.fhir.utilities.http.ManagedWebAccess;
import org.openrcm.terminology.StarterTerminology;

/** A validator over the built IG package, the FHIR core and the starter terminology: the server's view, offline. */
final class IgValidation {

	static {
		// Tests never use the network. The HL7 validator would otherwise try to download hl7.fhir.r4.core from
		// packages.fhir.org when it checks an extension's context (see ImplementationGuideTest).
		ManagedWebAccess.setAccessPolicy(ManagedWebAccess.WebAccessPolicy.PROHIBITED);
	}

	static final FhirContext FHIR = FhirContext.forR4Cached();
	/** What the validator knows: the FHIR core, the IG package, the starter terminology; snapshots generated. */
	static final IValidationSupport SUPPORT = support();
	private static final FhirValidator VALIDATOR = build();

	private IgValidation() {}

	private static IValidationSupport support() {
		try {
			NpmPackageValidationSupport ig = new NpmPackageValidationSupport(FHIR);
			ig.loadPackageFromClasspath("classpath:" + OpenRcmIg.PACKAGE_CLASSPATH_LOCATION);
			PrePopulatedValidationSupport terminology = new PrePopulatedValidationSupport(FHIR);
			StarterTerminology.codeSystems().forEach(terminology::addCodeSystem);
			return new ValidationSupportChain(
					new DefaultProfileValidationSupport(FHIR),
					ig,
					terminology,
					new SnapshotGeneratingValidationSupport(FHIR),
					new InMemoryTerminologyServerValidationSupport(FHIR),
					new CommonCodeSystemsTerminologyService(FHIR));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static FhirValidator build() {
		FhirInstanceValidator module = new FhirInstanceValidator(SUPPORT);
		module.setAnyExtensionsAllowed(true);
		return FHIR.newValidator().registerValidatorModule(module);
	}

	static ValidationResult validate(IBaseResource resource, String profile) {
		return VALIDATOR.validateWithResult(resource, new ValidationOptions().addProfile(profile));
	}

	/** The messages of severity error or fatal when validating the resource against the profile. */
	static List<SingleValidationMessage> errors(IBaseResource resource, String profile) {
		return validate(resource, profile).getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
	}
}
