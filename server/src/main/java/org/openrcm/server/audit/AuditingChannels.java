package org.openrcm.server.audit;

import java.io.IOException;
import java.util.List;
import org.openrcm.server.clearinghouse.ChannelDecorator;
import org.openrcm.server.clearinghouse.ClearinghouseChannel;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.clearinghouse.RealTimeAnswer;
import org.openrcm.server.clearinghouse.RealTimeChannel;
import org.openrcm.server.clearinghouse.RealTimeException;
import org.openrcm.server.x12.X12Guide;

/**
 * Records every X12 file that crosses the clearinghouse boundary: each upload (DICOM Export), each download (Import)
 * and each real-time exchange (the request exported, the answer imported), successful or not. The tenant is the
 * connection's when it is a tenant's own, else the tenant of the FHIR request being served on the thread (an
 * operation that exchanges files), else none ({@code DEFAULT}).
 */
public final class AuditingChannels implements ChannelDecorator {

	private final FileTransfers transfers;

	public AuditingChannels(FileTransfers transfers) {
		this.transfers = transfers;
	}

	@Override
	public ClearinghouseChannel decorate(String connection, ClearinghouseChannel channel) {
		return new AuditingChannel(connection, channel);
	}

	@Override
	public RealTimeChannel decorate(String connection, RealTimeChannel channel) {
		return (guide, request) -> {
			RealTimeAnswer answer;
			try {
				answer = channel.exchange(guide, request);
			} catch (RealTimeException | RuntimeException e) {
				transfers.record(FileAudit.Direction.EXPORT, "real-time-request", connection, guide.name(), request,
						false, e.getMessage());
				throw e;
			}
			transfers.record(FileAudit.Direction.EXPORT, "real-time-request", connection, guide.name(), request, true,
					"");
			transfers.record(FileAudit.Direction.IMPORT, "real-time-answer", connection, guide.name() + " answer",
					answerBytes(answer), true, "");
			return answer;
		};
	}

	private static byte[] answerBytes(RealTimeAnswer answer) {
		return answer.payload();
	}

	/** A channel that records uploads and fetches. */
	private final class AuditingChannel implements ClearinghouseChannel {

		private final String connection;
		private final ClearinghouseChannel channel;

		AuditingChannel(String connection, ClearinghouseChannel channel) {
			this.connection = connection;
			this.channel = channel;
		}

		@Override
		public boolean upload(String name, byte[] content) throws IOException {
			boolean uploaded;
			try {
				uploaded = channel.upload(name, content);
			} catch (IOException | RuntimeException e) {
				transfers.record(FileAudit.Direction.EXPORT, "upload", connection, name, content, false,
						e.getClass().getSimpleName() + ": " + e.getMessage());
				throw e;
			}
			transfers.record(FileAudit.Direction.EXPORT, "upload", connection, name, content, true,
					uploaded ? "" : "already there (not uploaded again)");
			return uploaded;
		}

		@Override
		public List<String> listInbound() throws IOException {
			return channel.listInbound();
		}

		@Override
		public byte[] fetch(String name) throws IOException {
			byte[] content;
			try {
				content = channel.fetch(name);
			} catch (IOException | RuntimeException e) {
				transfers.record(FileAudit.Direction.IMPORT, "download", connection, name, new byte[0], false,
						e.getClass().getSimpleName() + ": " + e.getMessage());
				throw e;
			}
			transfers.record(FileAudit.Direction.IMPORT, "download", connection, name, content, true, "");
			return content;
		}

		@Override
		public void remove(String name) throws IOException {
			channel.remove(name);
		}

		@Override
		public String describe() {
			return channel.describe();
		}

		@Override
		public void close() throws IOException {
			channel.close();
		}
	}

	/** Whether a connection is a tenant's own (named after it) rather than the shared default. */
	static boolean tenantConnection(String connection) {
		return connection != null && !ClearinghouseConnections.DEFAULT.equals(connection);
	}
}
