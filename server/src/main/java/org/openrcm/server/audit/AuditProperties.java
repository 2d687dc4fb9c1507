package org.openrcm.server.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HIPAA audit trail (45 CFR 164.312(b)), under {@code openrcm.audit.*}.
 *
 * @param enabled whether FHIR requests, refusals and X12 files are recorded as AuditEvents. Default true.
 * @param retention how long an AuditEvent is kept: those recorded before now minus this are purged. A period
 *                  ({@code 6y}, {@code P6Y}, {@code 2191d}). Default six years, the HIPAA documentation retention.
 * @param drainInterval how often recorded events move from the outbox table into AuditEvent resources, and so how
 *                      long after a response its AuditEvent becomes searchable at most. Default 2s.
 * @param drainBatch how many outbox rows one drain step writes (one FHIR transaction per tenant). Default 500.
 * @param purgeInterval how often the retention purge runs (the first run is one interval after start-up).
 *                      Default 6h.
 * @param observer the name this server gives itself as the AuditEvent's {@code source.observer}. Default
 *                 {@code openrcm}.
 * @param syncEachEvent whether each event's outbox insert is forced to disk before the answer goes out. On
 *                      PostgreSQL every commit is durable anyway; on the embedded H2 a commit reaches the file within
 *                      H2's write delay (0.5 s), as HAPI's own writes do, and forcing it costs about 9 ms per request
 *                      on this project's reference machine. Default false.
 */
@Validated
@ConfigurationProperties("openrcm.audit")
public record AuditProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("6y") Period retention,
		@DefaultValue("2s") Duration drainInterval,
		@DefaultValue("500") @Min(1) @Max(5000) int drainBatch,
		@DefaultValue("6h") Duration purgeInterval,
		@DefaultValue("openrcm") String observer,
		@DefaultValue("false") boolean syncEachEvent) {}
