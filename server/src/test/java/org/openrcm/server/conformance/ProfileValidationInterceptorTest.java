package org.openrcm.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.support.ClaimFixtures;

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

	@Test
	void firstValidationsOfClaimsAndCoveragesAtOnceDoNotDeadlock() {
		ProfileValidator fresh = new ProfileValidator(FHIR, ProfileValidator.inMemorySupport(FHIR));
		Claim claim = ConformanceConfig.exampleClaim(FHIR);
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Object>> validations = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			boolean coverage = i % 2 == 0;
			validations.add(CompletableFuture.supplyAsync(() -> {
				awaitQuietly(start);
				return coverage
						? fresh.validate(coverageWithoutMemberId(), OpenRcmIg.COVERAGE_PROFILE)
						: fresh.validate(claim, OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE);
			}, Executors.newSingleThreadExecutor()));
		}
		start.countDown();

		assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
			for (CompletableFuture<Object> validation : validations) {
				validation.join();
			}
		});
		assertThat(validations.get(1).join()).isNull(); // the complete claim conforms
		assertThat(validations.get(0).join()).isNotNull(); // the coverage lacks its member id
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void theClaimTheValidatorWarmsUpWithIsTheIgsCompleteExample() {
		Claim example = ConformanceConfig.exampleClaim(FHIR);

		assertThat(example.getItem()).isNotEmpty();
		assertThat(validator.validate(example, OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE)).isNull();
	}

	@Test
	void aPooledEngineCarriesNothingFromOneClaimToTheNext() {
		Claim complete = ClaimFixtures.professionalClaim(new ClaimFixtures.Parties(
				"Patient/1", "Organization/2", "Organization/3", "Coverage/4"));
		Claim withoutTotal = complete.copy().setTotal(null);

		List<String> firstFindings = findings(validator.validate(withoutTotal, OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE));
		assertThat(firstFindings)
				.anySatisfy(finding -> assertThat(finding).contains("Claim.total: minimum required = 1"))
				.anySatisfy(finding -> assertThat(finding).contains("orcm-claim-2"));

		// one thread: every call reuses the same engine, well past the point where it is retired and replaced
		for (int i = 0; i < ProfileValidator.USES_PER_ENGINE + 10; i++) {
			assertThat(validator.validate(complete, OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE)).isNull();
			assertThat(findings(validator.validate(withoutTotal, OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE)))
					.isEqualTo(firstFindings);
		}
	}

	private static List<String> findings(OperationOutcome outcome) {
		assertThat(outcome).isNotNull();
		return outcome.getIssue().stream()
				.map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
				.toList();
	}
}
