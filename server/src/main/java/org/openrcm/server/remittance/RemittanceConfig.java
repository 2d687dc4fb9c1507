package org.openrcm.server.remittance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import java.math.BigDecimal;
import java.time.Clock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.openrcm.server.denials.DenialClassifier;
import org.openrcm.server.submission.SentClaims;
import org.openrcm.server.submission.TenantRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Remittance posting: the 835 handler the inbound processor hands every 835 to, and the table of posted payments
 * ({@value RemittanceStore#TABLE}).
 */
@Configuration
class RemittanceConfig {

	@Bean
	RemittanceStore remittanceStore(DataSource dataSource) {
		RemittanceStore store = new RemittanceStore(dataSource);
		store.createTable();
		return store;
	}

	@Bean
	RemittanceHandler remittanceHandler(RemittanceStore store, SentClaims sentClaims, TenantRequests tenants,
			DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao, DenialClassifier classifier,
			RemittanceProperties properties, Clock clock) {
		DenialTasks denials = new DenialTasks(classifier, properties::resubmissionSlaDays,
				BigDecimal.valueOf(properties.urgentAmount()), properties::denialOwner);
		return new RemittanceHandler(store, sentClaims, tenants, daos, systemDao,
				new RemittanceDerivations(properties.statementDueDays(), denials), properties.chunkSize(), clock);
	}
}
