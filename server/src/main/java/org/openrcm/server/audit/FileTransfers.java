package org.openrcm.server.audit;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records X12 files sent and received as AuditEvents: at the clearinghouse boundary ({@link AuditingChannels}) and
 * where files are posted ({@code $x12-ingest}). Never fails its caller: a file that could not be recorded is logged
 * ({@code ORCM-2103}, without its content).
 */
public final class FileTransfers {

	/** Records nothing (audit disabled, tests). */
	public static final FileTransfers NONE = new FileTransfers(AuditTrail.NONE, new AuditEvents("openrcm"),
			new AuditContext(), Clock.systemUTC());

	private static final Logger log = LoggerFactory.getLogger(FileTransfers.class);

	private final AuditTrail trail;
	private final AuditEvents events;
	private final AuditContext context;
	private final Clock clock;

	public FileTransfers(AuditTrail trail, AuditEvents events, AuditContext context, Clock clock) {
		this.trail = trail;
		this.events = events;
		this.context = context;
		this.clock = clock;
	}

	/**
	 * Records one file.
	 *
	 * @param connection the clearinghouse connection: a tenant's name for its own, {@code default} for the shared one
	 */
	public void record(FileAudit.Direction direction, String transfer, String connection, String name, byte[] content,
			boolean success, String outcome) {
		try {
			var current = context.current();
			String tenant = AuditingChannels.tenantConnection(connection) ? connection
					: current.map(AuditContext.Current::tenant).orElse(null);
			AuditAgent agent = current.map(AuditContext.Current::agent).orElse(null);
			byte[] bytes = content == null ? new byte[0] : content;
			trail.record(tenant, events.file(new FileAudit(clock.instant(), tenant, direction, transfer, connection,
					name, bytes.length, FileAudit.controlNumber(bytes), success, outcome, agent)));
		} catch (RuntimeException e) {
			log.error("ORCM-2103: the audit event of X12 file {} ({}) could not be recorded: {}", name, transfer,
					e.toString());
		}
	}

	/** Records a file posted to {@code $x12-ingest} by a tenant. */
	public void ingested(String tenant, String name, byte[] content, boolean success, String outcome) {
		try {
			AuditAgent agent = context.current().map(AuditContext.Current::agent).orElse(null);
			byte[] bytes = content == null ? new byte[0] : content;
			trail.record(tenant, events.file(new FileAudit(clock.instant(), tenant, FileAudit.Direction.IMPORT,
					"ingest", "", name, bytes.length, FileAudit.controlNumber(bytes), success, outcome, agent)));
		} catch (RuntimeException e) {
			log.error("ORCM-2103: the audit event of posted X12 file {} could not be recorded: {}", name,
					e.toString());
		}
	}
}
