package org.openrcm.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.openrcm.server.OpenRcmApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context every integration test shares: the whole server on a random port. Every test class uses
 * exactly this annotation and nothing that changes the context, so Spring's context cache starts the server once
 * per test JVM. The database comes from the failsafe run (H2 by default, PostgreSQL in the second CI pass); each
 * test makes its own tenant and data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(
		classes = OpenRcmApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"openrcm.fhir.max-request-body=2MB",
			// tiny ICD-10-CM releases and NCCI/MCE tables (src/test/resources/terminology-import), imported after start-up
			"openrcm.terminology.import-dir=target/test-classes/terminology-import",
			// scrub on write is off by default; these two tenants (created by ScrubIT) annotate and reject
			"openrcm.scrubbing.tenant-on-write.SCRUBANNOTATE=annotate",
			"openrcm.scrubbing.tenant-on-write.SCRUBREJECT=reject",
			// claims move only when a test calls $clearinghouse-exchange; the payer sandbox answers quickly
			"openrcm.submission.scheduled=false",
			"openrcm.sandbox.server.poll-interval=200ms",
			// this tenant (created by SubmissionIT) has its own clearinghouse: a folder nobody answers from
			"openrcm.clearinghouse.tenants.SUBMITFOLDER.channel.type=folder",
			"openrcm.clearinghouse.tenants.SUBMITFOLDER.channel.folder=${openrcm.data-dir}/folder-clearinghouse",
			// AuditTrailIT's tenant with a folder clearinghouse of its own (its files do not meet SubmissionIT's)
			"openrcm.clearinghouse.tenants.AUDITFOLDER.channel.type=folder",
			"openrcm.clearinghouse.tenants.AUDITFOLDER.channel.folder=${openrcm.data-dir}/audit-folder-clearinghouse",
			// claim status (ClaimStatusIT): a tenant whose 276s travel as files through the sandbox's SFTP, and one
			// whose real-time channel gives up after 2 s while the sandbox holds SLOW member ids' answers for 5 s;
			// the sandbox cannot answer 276s for payer id STATUSDOWN
			"openrcm.clearinghouse.tenants.STATUSBATCH.channel.type=sandbox",
			"openrcm.clearinghouse.tenants.STATUSBATCH.channel.real-time.enabled=false",
			"openrcm.clearinghouse.tenants.STATUSSLOW.channel.type=sandbox",
			"openrcm.clearinghouse.tenants.STATUSSLOW.channel.real-time.timeout=2s",
			"openrcm.sandbox.claim-status.slow-delay=5s",
			"openrcm.sandbox.claim-status.unavailable-payer-ids=STATUSDOWN",
			// every interchange written (837, the sandbox's 999 and 277CA) is also read back, as a second check
			"openrcm.x12.read-back=true"
		})
public @interface OpenRcmServerTest {}
