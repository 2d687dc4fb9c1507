package org.openrcm.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validation switches, without Spring, on the validator's own in-memory support chain. */
class ProfileValidationInterceptorTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static ProfileValidator validator;

	@BeforeAll
	static void buildValidator() {
		validator = new ProfileValidator(FHIR, ProfileValidator.inMemorySupport(FHIR));
	}

	private static ProfileValidationInterceptor interceptor(boolean claim, boolean coverage) {
		return new ProfileValidationInterceptor(FHIR, validator, new ValidationProperties(claim, coverage));
	}

	private static Coverage coverageWithoutMemberId() {
		return new Coverage()
				.setStatus(Coverage.CoverageStatus.ACTIVE)
				.setBeneficiary(new Reference("Patient/1"))
				.setRelationship(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)))
				.addPayor(new Reference("Organization/2"));
	}

	@Test
	void coverageValidationCanBeSwitchedOn() {
		assertThatThrownBy(() -> interceptor(true, true).created(coverageWithoutMemberId()))
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
					OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
					assertThat(outcome.getIssue())
							.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("Coverage.subscriberId"));
				});
	}

	@Test
	void coverageIsNotValidatedWhenSwitchedOff() {
		assertThatCode(() -> interceptor(true, false).created(coverageWithoutMemberId())).doesNotThrowAnyException();
	}

	@Test
	void claimValidationCanBeSwitchedOffAndDraftsAreNeverHeldToTheProfile() {
		Claim incomplete = new Claim().setStatus(Claim.ClaimStatus.ACTIVE);
		Claim draft = new Claim().setStatus(Claim.ClaimStatus.DRAFT);

		assertThatThrownBy(() -> interceptor(true, false).created(incomplete))
				.isInstanceOf(UnprocessableEntityException.class);
		assertThatThrownBy(() -> interceptor(true, false).updated(draft, incomplete))
				.isInstanceOf(UnprocessableEntityException.class);
		assertThatCode(() -> interceptor(false, false).created(incomplete)).doesNotThrowAnyException();
		assertThatCode(() -> interceptor(true, false).created(draft)).doesNotThrowAnyException();
	}
}
