package org.openrcm.server.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.config.JpaConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.openrcm.server.fhir.FhirServerContribution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * The billing code sets in the server: the catalog in service, its import from {@code openrcm.terminology.import-dir}
 * in the background after start-up, the terminology operations that answer from it, and health contributor
 * {@code terminology} (the import's state and the versions in service).
 */
@Configuration
class TerminologyConfig implements DisposableBean {

	private volatile Thread importer;

	@Bean
	TerminologyService codeSetCatalog() {
		return new TerminologyService();
	}

	@Bean
	CodeSetValidationSupport codeSetValidationSupport(
			FhirContext fhirContext,
			TerminologyService terminology,
			Clock clock,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) IValidationSupport chain) {
		CodeSetValidationSupport support = new CodeSetValidationSupport(fhirContext, terminology, clock);
		// first in HAPI's chain, so its own operations and validation see the same code sets
		((ValidationSupportChain) chain).addValidationSupport(0, support);
		return support;
	}

	@Bean
	@Order(30)
	FhirServerContribution terminologyOperations(
			FhirContext fhirContext,
			CodeSetValidationSupport codeSets,
			TerminologyService terminology,
			DaoRegistry daos,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) IValidationSupport chain,
			Clock clock) {
		TerminologyOperationInterceptor interceptor =
				new TerminologyOperationInterceptor(fhirContext, codeSets, terminology, clock);
		SuggestCodesProvider suggestCodes = new SuggestCodesProvider(terminology, clock);
		EncounterSuggestCodesProvider encounterCodes = new EncounterSuggestCodesProvider(daos, terminology, chain, clock);
		return server -> {
			server.registerInterceptor(interceptor);
			server.registerProviders(suggestCodes, encounterCodes);
		};
	}

	@Bean("terminology")
	HealthIndicator terminologyHealth(TerminologyService terminology) {
		return () -> (terminology.state() == TerminologyService.State.FAILED ? Health.down() : Health.up())
				.withDetails(terminology.details())
				.build();
	}

	@EventListener(ApplicationReadyEvent.class)
	void importInBackground(ApplicationReadyEvent event) {
		TerminologyProperties properties = event.getApplicationContext().getBean(TerminologyProperties.class);
		if (properties.importDir() == null) {
			return;
		}
		TerminologyService terminology = event.getApplicationContext().getBean(TerminologyService.class);
		ValidationSupportChain chain = event.getApplicationContext()
				.getBean(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN, ValidationSupportChain.class);
		Path snapshots = properties.snapshotDir() != null
				? properties.snapshotDir()
				: Path.of(event.getApplicationContext().getEnvironment().getProperty("openrcm.data-dir", "./data"))
						.resolve("terminology-snapshots");
		Thread thread = new Thread(
				() -> terminology.importFolder(properties.importDir(), snapshots, chain::invalidateCaches),
				"openrcm-terminology-import");
		importer = thread;
		thread.start();
	}

	/** A running import only reads files and writes snapshots atomically; stopping waits a little for it. */
	@Override
	public void destroy() throws InterruptedException {
		Thread thread = importer;
		if (thread != null) {
			thread.join(10_000);
		}
	}
}
