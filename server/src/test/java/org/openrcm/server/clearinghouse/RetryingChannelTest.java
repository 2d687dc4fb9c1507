package org.openrcm.server.clearinghouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.file.FileAlreadyExistsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RetryingChannel and ChannelHealth around a channel that fails as scripted. */
class RetryingChannelTest {

	private static final Instant NOW = Instant.parse("2024-05-02T14:30:00Z");
	private static final ChannelProperties.Retry RETRY =
			new ChannelProperties.Retry(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));

	private final MutableClock clock = new MutableClock();
	private final List<Duration> waits = new ArrayList<>();
	private final ChannelHealth health = new ChannelHealth(clock);

	/** A channel whose listInbound fails with the scripted exceptions, then succeeds. */
	private static final class ScriptedChannel implements ClearinghouseChannel {

		final Deque<IOException> failures = new ArrayDeque<>();
		int calls;

		ScriptedChannel failing(IOException... errors) {
			failures.addAll(List.of(errors));
			return this;
		}

		@Override
		public List<String> listInbound() throws IOException {
			calls++;
			IOException next = failures.poll();
			if (next != null) {
				throw next;
			}
			return List.of("999.x12");
		}

		@Override
		public boolean upload(String name, byte[] content) throws IOException {
			calls++;
			IOException next = failures.poll();
			if (next != null) {
				throw next;
			}
			return true;
		}

		@Override
		public byte[] fetch(String name) {
			return new byte[0];
		}

		@Override
		public void remove(String name) {
		}

		@Override
		public String describe() {
			return "scripted";
		}

		@Override
		public void close() {
		}
	}

	private RetryingChannel retrying(ScriptedChannel channel) {
		return new RetryingChannel(channel, RETRY, health, waits::add);
	}

	@Test
	void retriesWithExponentialBackoffUntilItSucceeds() throws IOException {
		ScriptedChannel channel = new ScriptedChannel().failing(refused(), refused(), refused());

		assertThat(retrying(channel).listInbound()).containsExactly("999.x12");

		assertThat(channel.calls).isEqualTo(4);
		assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
		ChannelHealth.Snapshot snapshot = health.snapshot();
		assertThat(snapshot.consecutiveFailures()).isZero();
		assertThat(snapshot.lastSuccess()).isEqualTo(NOW);
		assertThat(snapshot.lastFailure()).isEqualTo(NOW);
		assertThat(snapshot.lastError()).isEqualTo("ConnectException: Connection refused");
	}

	@Test
	void givesUpAfterMaxAttemptsWithTheWaitsCappedAtMaxDelay() {
		IOException last = new IOException("connection reset");
		ScriptedChannel channel = new ScriptedChannel().failing(refused(), refused(), refused(), refused(), last,
				refused());

		assertThatThrownBy(() -> retrying(channel).listInbound()).isSameAs(last);

		assertThat(channel.calls).isEqualTo(5);
		assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
				Duration.ofSeconds(5));
		assertThat(health.snapshot().consecutiveFailures()).isEqualTo(5);
		assertThat(health.snapshot().lastSuccess()).isNull();
		assertThat(health.snapshot().lastError()).isEqualTo("IOException: connection reset");
	}

	@Test
	void aRefusedLoginIsNotRetried() {
		ChannelAccessException refusedLogin =
				new ChannelAccessException("the SFTP server u@h:22 refused the login of 'u' with the password configured");
		ScriptedChannel channel = new ScriptedChannel().failing(refusedLogin);

		assertThatThrownBy(() -> retrying(channel).upload("837P.x12", new byte[1])).isSameAs(refusedLogin);

		assertThat(channel.calls).isEqualTo(1);
		assertThat(waits).isEmpty();
		assertThat(health.snapshot().consecutiveFailures()).isEqualTo(1);
		assertThat(health.snapshot().lastError()).startsWith("ChannelAccessException: the SFTP server u@h:22 refused");
	}

	@Test
	void aDifferentFileUnderTheNameIsNotRetried() {
		ScriptedChannel channel = new ScriptedChannel().failing(new FileAlreadyExistsException("outbound/837P.x12"));

		assertThatThrownBy(() -> retrying(channel).upload("837P.x12", new byte[1]))
				.isInstanceOf(FileAlreadyExistsException.class);
		assertThat(channel.calls).isEqualTo(1);
	}

	@Test
	void theFirstWaitIsNeverLongerThanMaxDelay() throws IOException {
		ScriptedChannel channel = new ScriptedChannel().failing(refused());
		new RetryingChannel(channel, new ChannelProperties.Retry(3, Duration.ofMinutes(5), 2.0, Duration.ofSeconds(30)),
				health, waits::add).listInbound();

		assertThat(waits).containsExactly(Duration.ofSeconds(30));
	}

	@Test
	void anInterruptedWaitStopsRetryingAndKeepsTheInterrupt() {
		ScriptedChannel channel = new ScriptedChannel().failing(refused(), refused());
		RetryingChannel retrying = new RetryingChannel(channel, RETRY, health, duration -> {
			throw new InterruptedException();
		});

		try {
			assertThatThrownBy(retrying::listInbound).isInstanceOf(InterruptedIOException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			assertThat(channel.calls).isEqualTo(1);
		} finally {
			Thread.interrupted();
		}
	}

	@Test
	void healthCountsFailuresInARowAndASuccessResetsThem() {
		health.failed(refused());
		clock.now = NOW.plusSeconds(60);
		health.failed(new IOException("timeout"));

		assertThat(health.snapshot()).isEqualTo(
				new ChannelHealth.Snapshot(null, NOW.plusSeconds(60), 2, "IOException: timeout"));

		clock.now = NOW.plusSeconds(120);
		health.succeeded();

		assertThat(health.snapshot()).isEqualTo(
				new ChannelHealth.Snapshot(NOW.plusSeconds(120), NOW.plusSeconds(60), 0, "IOException: timeout"));
		assertThat(new ChannelHealth(clock).snapshot().attempted()).isFalse();
	}

	private static ConnectException refused() {
		return new ConnectException("Connection refused");
	}

	/** A clock the test moves. */
	static final class MutableClock extends Clock {

		Instant now = NOW;

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}
}
