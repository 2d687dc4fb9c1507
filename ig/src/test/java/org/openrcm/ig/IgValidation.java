package org.openrcm.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.openrcm.terminology.StarterTerminology;

/** A validator over the built IG package, the FHIR core and the starter terminology: the server's view, offline. */
final class IgValidation {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final FhirValidator VALIDATOR = build();

	private IgValidation() {}

	private static FhirValidator build() {
		try {
			NpmPackageValidationSupport ig = new NpmPackageValidationSupport(FHIR);
			ig.loadPackageFromClasspath("classpath:" + OpenRcmIg.PACKAGE_CLASSPATH_LOCATION);
			PrePopulatedValidationSupport terminology = new PrePopulatedValidationSupport(FHIR);
			StarterTerminology.codeSystems().forEach(terminology::addCodeSystem);
			ValidationSupportChain chain = new ValidationSupportChain(
					new DefaultProfileValidationSupport(FHIR),
					ig,
					terminology,
					new SnapshotGeneratingValidationSupport(FHIR),
					new InMemoryTerminologyServerValidationSupport(FHIR),
					new CommonCodeSystemsTerminologyService(FHIR));
			FhirInstanceValidator module = new FhirInstanceValidator(chain);
			module.setAnyExtensionsAllowed(true);
			return FHIR.newValidator().registerValidatorModule(module);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ValidationResult validate(IBaseResource resource, String profile) {
		return VALIDATOR.validateWithResult(resource, new ValidationOptions().addProfile(profile));
	}
}
