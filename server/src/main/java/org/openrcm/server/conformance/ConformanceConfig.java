package org.openrcm.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.utilities.npm.NpmPackage;
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
	 * Once the server is ready, and off the start-up path because both take seconds: first validates a coverage and
	 * the IG's complete example claim so that the validator's one-off set-up (the definitions, the profiles'
	 * snapshots, the validation engine) is not paid by the first claim an EHR sends, then stores the IG. (Validating
	 * the example 300 times to get the JIT going was tried and measured: the write figures did not move.) One after the other, because HAPI's snapshot generator is not
	 * safe to run on the same base definitions from two threads at once.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void completeInBackground(ApplicationReadyEvent event) {
		ProfileValidator validator = event.getApplicationContext().getBean(ProfileValidator.class);
		ImplementationGuideInstaller installer =
				new ImplementationGuideInstaller(event.getApplicationContext().getBean(IPackageInstallerSvc.class));
		FhirContext fhirContext = event.getApplicationContext().getBean(FhirContext.class);
		Thread thread = new Thread(() -> {
			long start = System.nanoTime();
			validator.validate(new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE), OpenRcmIg.COVERAGE_PROFILE);
			validator.validate(exampleClaim(fhirContext), OpenRcmIg.PROFESSIONAL_CLAIM_PROFILE);
			log.info("Profile validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
			installer.install();
		}, "openrcm-conformance-startup");
		startupWork = thread;
		thread.start();
	}

	/** The professional claim example of the IG package: complete, so it exercises every rule of the profile. */
	static Claim exampleClaim(FhirContext fhirContext) {
		try {
			NpmPackage ig = NpmPackage.fromPackage(new ByteArrayInputStream(OpenRcmIg.packageBytes()));
			try (InputStream in = ig.load("example", "Claim-example-professional.json")) {
				return fhirContext.newJsonParser().parseResource(Claim.class, in);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
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
