package org.openrcm.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;
import org.openrcm.server.clearinghouse.ClearinghouseChannel;
import org.openrcm.server.clearinghouse.RealTimeAnswer;
import org.openrcm.server.clearinghouse.RealTimeChannel;
import org.openrcm.server.clearinghouse.RealTimeException;
import org.openrcm.server.x12.X12Guide;

/**
 * Every file across the clearinghouse boundary is recorded, in the right tenant, whether the transfer worked or not.
 */
class AuditingChannelsTest {

	private static final byte[] FILE = ("ISA*00*          *00*          *ZZ*OPENRCMSUBMIT  *ZZ*CLEARINGHOUSE  *240815*"
			+ "1030*^*00501*000000321*0*T*:~GS*HC~").getBytes(StandardCharsets.US_ASCII);

	private record Recorded(String tenant, AuditEvent event) {}

	private final List<Recorded> recorded = new ArrayList<>();
	private final AuditTrail trail = new AuditTrail() {

		@Override
		public void record(String tenant, AuditEvent event) {
			recorded.add(new Recorded(tenant, event));
		}

		@Override
		public int flush() {
			return 0;
		}
	};
	private final AuditContext context = new AuditContext();
	private final AuditingChannels channels = new AuditingChannels(new FileTransfers(trail, new AuditEvents("test"),
			context, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)));

	/** A channel that stores uploads and has one inbound file. */
	private static final class MemoryChannel implements ClearinghouseChannel {

		@Override
		public boolean upload(String name, byte[] content) throws IOException {
			if (name.startsWith("fail")) {
				throw new IOException("connection reset");
			}
			return true;
		}

		@Override
		public List<String> listInbound() {
			return List.of("in.835");
		}

		@Override
		public byte[] fetch(String name) throws IOException {
			if (!"in.835".equals(name)) {
				throw new NoSuchFileException(name);
			}
			return FILE.clone();
		}

		@Override
		public void remove(String name) {}

		@Override
		public String describe() {
			return "memory";
		}

		@Override
		public void close() {}
	}

	@Test
	void uploadsAndDownloadsOfATenantsConnectionGoToThatTenant() throws IOException {
		ClearinghouseChannel channel = channels.decorate("PRACTICEA", new MemoryChannel());
		assertThat(channel.upload("out.837", FILE)).isTrue();
		assertThat(channel.fetch("in.835")).isEqualTo(FILE);
		assertThat(channel.listInbound()).containsExactly("in.835");

		assertThat(recorded).hasSize(2);
		assertThat(recorded).extracting(Recorded::tenant).containsOnly("PRACTICEA");
		AuditEvent upload = recorded.get(0).event();
		assertThat(upload.getType().getCode()).isEqualTo("110106");
		assertThat(upload.getEntityFirstRep().getName()).isEqualTo("out.837");
		assertThat(upload.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("000000321");
		assertThat(upload.getRecorded().toInstant()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
		AuditEvent download = recorded.get(1).event();
		assertThat(download.getType().getCode()).isEqualTo("110107");
		assertThat(download.getSubtypeFirstRep().getCode()).isEqualTo("download");
	}

	@Test
	void aFailedTransferIsRecordedAsAFailureAndStillThrows() {
		ClearinghouseChannel channel = channels.decorate("default", new MemoryChannel());
		assertThatThrownBy(() -> channel.upload("fail.837", FILE)).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> channel.fetch("missing.835")).isInstanceOf(NoSuchFileException.class);
		assertThat(recorded).hasSize(2);
		assertThat(recorded).allSatisfy(entry -> {
			assertThat(entry.tenant()).as("the shared connection outside a request: DEFAULT").isNull();
			assertThat(entry.event().getOutcome().toCode()).isEqualTo("8");
		});
		assertThat(recorded.get(0).event().getOutcomeDesc()).contains("connection reset");
	}

	@Test
	void aSharedConnectionUsedWhileServingARequestRecordsInTheRequestsTenantWithItsAgent() throws IOException {
		context.enter("PRACTICEB", new AuditAgent("user-bob", "openrcm-dashboard", "10.1.1.1"));
		try {
			channels.decorate("default", new MemoryChannel()).upload("out.837", FILE);
		} finally {
			context.leave();
		}
		assertThat(recorded.get(0).tenant()).isEqualTo("PRACTICEB");
		assertThat(recorded.get(0).event().getAgent()).anySatisfy(agent ->
				assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("user-bob"));
	}

	@Test
	void aRealTimeExchangeRecordsTheRequestSentAndTheAnswerReceived() throws RealTimeException {
		RealTimeChannel payer = (guide, request) -> new RealTimeAnswer("X12_271_Response_005010X279A1", FILE,
				Duration.ofMillis(40));
		RealTimeAnswer answer = channels.decorate("PRACTICEA", payer).exchange(X12Guide.ACK_999, FILE);
		assertThat(answer.payload()).isEqualTo(FILE);
		assertThat(recorded).extracting(entry -> entry.event().getType().getCode()).containsExactly("110106",
				"110107");

		RealTimeChannel down = (guide, request) -> {
			throw new RealTimeException(RealTimeException.Kind.TIMEOUT, "no answer in 20 s", null);
		};
		assertThatThrownBy(() -> channels.decorate("PRACTICEA", down).exchange(X12Guide.ACK_999, FILE))
				.isInstanceOf(RealTimeException.class);
		AuditEvent failed = recorded.get(2).event();
		assertThat(failed.getOutcome().toCode()).isEqualTo("8");
		assertThat(failed.getOutcomeDesc()).contains("no answer in 20 s");
	}
}
