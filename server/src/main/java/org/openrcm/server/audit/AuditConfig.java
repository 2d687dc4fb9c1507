package org.openrcm.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.expunge.ExpungeService;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.openrcm.server.clearinghouse.ChannelDecorator;
import org.openrcm.server.fhir.FhirServerContribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * The HIPAA audit trail: the REST interceptor, the refusal listener of the security filters, the clearinghouse
 * channel decorator, the outbox ({@value AuditOutbox#TABLE}) and its drain, and the retention purge. With
 * {@code openrcm.audit.enabled=false} nothing is recorded, but changes to AuditEvents are still refused.
 */
@Configuration
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfig {

	private static final Logger log = LoggerFactory.getLogger(AuditConfig.class);

	@Bean
	AuditContext auditContext() {
		return new AuditContext();
	}

	@Bean
	AuditEvents auditEvents(AuditProperties properties) {
		return new AuditEvents(properties.observer());
	}

	@Bean
	DaoAuditStore.AuditPartitions auditPartitions(IPartitionLookupSvc partitions, PartitionSettings settings) {
		return new DaoAuditStore.AuditPartitions(partitions, settings);
	}

	@Bean
	AuditOutbox auditOutbox(DataSource dataSource, FhirContext fhirContext, IFhirSystemDao<Bundle, Meta> systemDao,
			DaoAuditStore.AuditPartitions partitions, Clock clock, AuditProperties properties) {
		AuditOutbox outbox = new AuditOutbox(dataSource, fhirContext, new DaoAuditStore(systemDao, partitions), clock,
				properties.drainBatch(), properties.syncEachEvent());
		outbox.createTable();
		return outbox;
	}

	/** The trail every recorder writes to: the outbox, or nothing when the audit is disabled. */
	@Bean
	@Primary
	AuditTrail auditTrail(AuditProperties properties, AuditOutbox outbox) {
		return properties.enabled() ? outbox : AuditTrail.NONE;
	}

	@Bean
	FileTransfers fileTransfers(AuditTrail trail, AuditEvents events, AuditContext context, Clock clock) {
		return new FileTransfers(trail, events, context, clock);
	}

	@Bean
	ChannelDecorator auditingChannels(FileTransfers transfers) {
		return new AuditingChannels(transfers);
	}

	@Bean
	RefusalAuditor refusalAuditor(AuditTrail trail, AuditEvents events, Clock clock) {
		return new RefusalAuditor(trail, events, clock);
	}

	/** The REST interceptor, after tenancy (0) and the SMART authorization (1). */
	@Bean
	@Order(2)
	FhirServerContribution auditInterceptor(AuditTrail trail, AuditEvents events, AuditContext context, Clock clock,
			FhirContext fhirContext) {
		AuditInterceptor interceptor = new AuditInterceptor(trail, events, context, clock, fhirContext);
		return server -> server.registerInterceptor(interceptor);
	}

	@Bean
	AuditRetention auditRetention(DaoRegistry daos, DaoAuditStore.AuditPartitions partitions,
			ObjectProvider<ExpungeService> expunge, AuditProperties properties) {
		return new AuditRetention(daos.getResourceDao(AuditEvent.class), partitions,
				Optional.ofNullable(expunge.getIfAvailable()), properties.retention());
	}

	/** Drains the outbox every drain interval and purges every purge interval, from when the server is ready. */
	@Bean(destroyMethod = "shutdown")
	ScheduledExecutorService auditScheduler() {
		return Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "openrcm-audit");
			thread.setDaemon(true);
			return thread;
		});
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule(ApplicationReadyEvent event) {
		var context = event.getApplicationContext();
		AuditProperties properties = context.getBean(AuditProperties.class);
		AuditOutbox outbox = context.getBean(AuditOutbox.class);
		AuditRetention retention = context.getBean(AuditRetention.class);
		Clock clock = context.getBean(Clock.class);
		ScheduledExecutorService scheduler = context.getBean("auditScheduler", ScheduledExecutorService.class);
		long drain = properties.drainInterval().toMillis();
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				outbox.flush();
			} catch (RuntimeException e) {
				log.warn("Audit outbox: events could not be stored now; they stay queued and are tried again: {}",
						e.toString());
			}
		}, drain, drain, TimeUnit.MILLISECONDS);
		long purge = properties.purgeInterval().toMillis();
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				retention.purge(clock.instant());
			} catch (RuntimeException e) {
				log.warn("Audit retention: the purge failed and is tried again later: {}", e.toString());
			}
		}, purge, purge, TimeUnit.MILLISECONDS);
	}
}
