package org.openrcm.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coverage;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.FhirServerContribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/** The OpenRCM implementation guide in the server: enforced on incoming resources, stored once the server is up. */
@Configuration
class ConformanceConfig implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ConformanceConfig.class);

	private volatile Thread startupWork;

	@Bean
	ProfileValidator profileValidator(FhirContext fhirContext) {
		return new ProfileValidator(fhirContext, ProfileValidator.inMemorySupport(fhirContext));
	}

	@Bean
	@Order(20)
	FhirServerContribution profileValidation(
			FhirContext fhirContext, ProfileValidator validator, ValidationProperties properties) {
		ProfileValidationInterceptor interceptor = new ProfileValidationInterceptor(fhirContext, validator, properties);
		return server -> server.registerInterceptor(interceptor);
	}

	/**
	 * Once the server is ready, and off the start-up path because both take seconds: first validates one claim and
	 * one coverage so that the validator's one-off set-up (the profiles' snapshots, the validation engine) is not
	 * paid by the first request, then stores the IG. One after the other, because HAPI's snapshot generator is not
	 * safe to run on the same base definitions from two threads at once.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void completeInBackground(ApplicationReadyEvent event) {
		ProfileValidator validator = event.getApplicationContext().getBean(ProfileValidator.class);
		ImplementationGuideInstaller installer =
				new ImplementationGuideInstaller(event.getApplicationContext().getBean(IPackageInstallerSvc.class));
		Thread thread = new Thread(() -> {
			long start = System.nanoTime();
			validator.validate(new Claim().setStatus(Claim.ClaimStatus.ACTIVE), OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE);
			validator.validate(new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE), OpenRcmIg.COVERAGE_PROFILE);
			log.info("Profile validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
			installer.install();
		}, "openrcm-conformance-startup");
		startupWork = thread;
		thread.start();
	}

	/** Lets a running install finish before the storage it writes to is closed. */
	@Override
	public void destroy() throws InterruptedException {
		Thread thread = startupWork;
		if (thread != null) {
			thread.join(TimeUnit.MINUTES.toMillis(2));
		}
	}
}
