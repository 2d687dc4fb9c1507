package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrcm.server.sandbox.Sandbox837.CLOCK;
import static org.openrcm.server.sandbox.Sandbox837.SCHEMAS;
import static org.openrcm.server.sandbox.Sandbox837.professional;
import static org.openrcm.server.sandbox.Sandbox837.visit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.server.clearinghouse.ChannelProperties;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.clearinghouse.ClearinghouseProperties;
import org.openrcm.server.clearinghouse.RealTimeAnswer;
import org.openrcm.server.clearinghouse.RealTimeChannel;
import org.openrcm.server.clearinghouse.RealTimeException;
import org.openrcm.server.clearinghouse.SandboxEndpoint;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Guide;

/**
 * The real-time channel end to end without Spring: a connection's {@link RealTimeChannel} posts a request to the
 * payer sandbox's HTTP endpoint and gets the sandbox's answer back in the same exchange; timeouts, refused logins
 * and an endpoint that is not there give the caller a {@link RealTimeException} of the right kind, in time.
 *
 * <p>No request answerer of a 270/276/278 is needed here: an 837 sent in real time is answered with its 277CA, the
 * first answer that is not a 999, which exercises the same path.
 */
class SandboxRealTimeTest {

	@TempDir
	Path directory;

	private PayerSandbox sandbox;
	private ClearinghouseConnections connections;

	@AfterEach
	void close() throws IOException {
		if (connections != null) {
			connections.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void aRequestIsAnsweredInTheSameExchange() throws Exception {
		RealTimeChannel channel = channel(Duration.ZERO, realTime(true, Duration.ofSeconds(20)), null);

		RealTimeAnswer answer = channel.exchange(X12Guide.CLAIM_837P,
				professional(visit("CLAIM0001", "MBR0001", "60054")));

		assertThat(answer.payloadType()).isEqualTo("X12_277_Response_005010X214");
		assertThat(answer.acknowledgmentOnly()).isFalse();
		assertThat(answer.text()).startsWith("ISA*").contains("ST*277*").contains("CLAIM0001");
		assertThat(answer.elapsed()).isLessThan(Duration.ofSeconds(20));
	}

	@Test
	void aRequestTheReceiverRefusesIsAnsweredWithItsNineNineNine() throws Exception {
		RealTimeChannel channel = channel(Duration.ZERO, realTime(true, Duration.ofSeconds(20)), null);

		String claims = new String(professional(visit("CLAIM0001", "MBR0001", "60054")), StandardCharsets.US_ASCII);
		// the transaction set's segment count is wrong: the 999 rejects it, and nothing else answers
		byte[] miscounted = claims.replaceFirst("~SE\\*\\d+\\*", "~SE*999*").getBytes(StandardCharsets.US_ASCII);

		RealTimeAnswer answer = channel.exchange(X12Guide.CLAIM_837P, miscounted);

		assertThat(answer.acknowledgmentOnly()).isTrue();
		assertThat(answer.payloadType()).isEqualTo("X12_999_Response_005010X231A1");
		assertThat(answer.text()).contains("IK5*R");
	}

	@Test
	void aPayerSlowerThanTheTimeoutGivesATimeoutWithoutHoldingTheCallerLonger() throws Exception {
		RealTimeChannel channel = channel(Duration.ofSeconds(5), realTime(true, Duration.ofMillis(400)), null);

		long started = System.nanoTime();
		assertThatThrownBy(() -> channel.exchange(X12Guide.CLAIM_837P, professional(visit("C1", "MBR0001", "60054"))))
				.isInstanceOfSatisfying(RealTimeException.class,
						e -> assertThat(e.kind()).isEqualTo(RealTimeException.Kind.TIMEOUT))
				.hasMessageContaining("within 400 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aWrongLoginIsRefused() throws Exception {
		RealTimeChannel channel = channel(Duration.ZERO, realTime(true, Duration.ofSeconds(20)),
				endpoint -> new SandboxEndpoint(endpoint.port(), endpoint.username(), "not-the-password",
						endpoint.hostKeyFingerprint(), endpoint.realTimePort()));

		assertThatThrownBy(() -> channel.exchange(X12Guide.CLAIM_837P, professional(visit("C1", "MBR0001", "60054"))))
				.isInstanceOfSatisfying(RealTimeException.class,
						e -> assertThat(e.kind()).isEqualTo(RealTimeException.Kind.REFUSED))
				.hasMessageContaining("refused the login openrcm").hasMessageNotContaining("not-the-password");
	}

	@Test
	void anEndpointThatIsNotThereIsUnavailable() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		RealTimeChannel channel = channel(Duration.ZERO, realTime(true, Duration.ofSeconds(5)),
				endpoint -> new SandboxEndpoint(endpoint.port(), endpoint.username(), endpoint.password(),
						endpoint.hostKeyFingerprint(), closedPort));

		assertThatThrownBy(() -> channel.exchange(X12Guide.CLAIM_837P, professional(visit("C1", "MBR0001", "60054"))))
				.isInstanceOfSatisfying(RealTimeException.class,
						e -> assertThat(e.kind()).isEqualTo(RealTimeException.Kind.UNAVAILABLE));
	}

	@Test
	void aConnectionWithRealTimeDisabledHasNone() throws Exception {
		sandbox = sandbox(Duration.ZERO);
		connections = new ClearinghouseConnections(connection(realTime(false, Duration.ofSeconds(20))), Map.of(),
				name -> null, endpoint(null), CLOCK);

		assertThat(connections.realTime(ClearinghouseConnections.DEFAULT)).isEmpty();
	}

	private RealTimeChannel channel(Duration payerDelay, ChannelProperties.RealTime realTime,
			UnaryOperator<SandboxEndpoint> endpointChange) throws IOException {
		sandbox = sandbox(payerDelay);
		connections = new ClearinghouseConnections(connection(realTime), Map.of(), name -> null,
				endpoint(endpointChange), CLOCK);
		return connections.realTime(ClearinghouseConnections.DEFAULT).orElseThrow();
	}

	private Supplier<SandboxEndpoint> endpoint(UnaryOperator<SandboxEndpoint> change) {
		return () -> {
			try {
				SandboxEndpoint endpoint = sandbox.endpoint();
				return change == null ? endpoint : change.apply(endpoint);
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
		};
	}

	private PayerSandbox sandbox(Duration payerDelay) {
		SandboxResponder responder = new SandboxResponder(SCHEMAS, new InMemoryControlNumbers(),
				SandboxRules.defaults(), SandboxRemittanceRules.defaults().disabled(), List.of(), CLOCK, true);
		return new PayerSandbox(directory, 0, responder, 0, 0, payerDelay, CLOCK);
	}

	private static ChannelProperties.RealTime realTime(boolean enabled, Duration timeout) {
		return new ChannelProperties.RealTime(enabled, "", timeout, "",
				ChannelProperties.RealTime.DEFAULT_PASSWORD_ENV);
	}

	/** The default (sandbox) connection with another real-time setting. */
	private static ClearinghouseProperties connection(ChannelProperties.RealTime realTime) {
		ClearinghouseProperties d = ClearinghouseProperties.defaults();
		ChannelProperties c = d.channel();
		ChannelProperties channel = new ChannelProperties(c.type(), c.folder(), c.outboundDir(), c.inboundDir(),
				c.archiveDir(), c.pollInterval(), c.batchInterval(), c.downAfterFailures(), c.retry(), c.sftp(),
				realTime);
		return new ClearinghouseProperties(d.submitterId(), d.submitterIdQualifier(), d.submitterName(),
				d.submitterContactName(), d.submitterContactPhone(), d.submitterContactEmail(), d.receiverId(),
				d.receiverIdQualifier(), d.receiverName(), d.applicationSenderCode(), d.applicationReceiverCode(),
				d.usage(), d.acknowledgmentRequested(), channel);
	}
}
