package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The token bucket per client, on a clock the test moves. */
class ClientRateLimiterTest {

	private final MovableClock clock = new MovableClock();

	@Test
	void aClientMaySendItsBurstAtOnceAndThenWaits() {
		ClientRateLimiter limiter = new ClientRateLimiter(clock, 60, 3, 100);
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.tryAcquire("a").allowed()).as("request %d", i + 1).isTrue();
		}
		ClientRateLimiter.Decision refused = limiter.tryAcquire("a");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		assertThat(refused.retryAfter()).isLessThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void tokensComeBackAtTheConfiguredRate() {
		ClientRateLimiter limiter = new ClientRateLimiter(clock, 6, 1, 100);
		assertThat(limiter.tryAcquire("a").allowed()).isTrue();
		ClientRateLimiter.Decision refused = limiter.tryAcquire("a");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(10);
		clock.advance(Duration.ofSeconds(9));
		assertThat(limiter.tryAcquire("a").allowed()).isFalse();
		clock.advance(Duration.ofSeconds(1));
		assertThat(limiter.tryAcquire("a").allowed()).isTrue();
		assertThat(limiter.tryAcquire("a").allowed()).isFalse();
	}

	@Test
	void anIdleClientNeverSavesUpMoreThanTheBurst() {
		ClientRateLimiter limiter = new ClientRateLimiter(clock, 600, 2, 100);
		clock.advance(Duration.ofHours(1));
		assertThat(limiter.tryAcquire("a").allowed()).isTrue();
		assertThat(limiter.tryAcquire("a").allowed()).isTrue();
		assertThat(limiter.tryAcquire("a").allowed()).isFalse();
	}

	@Test
	void clientsHaveBucketsOfTheirOwn() {
		ClientRateLimiter limiter = new ClientRateLimiter(clock, 60, 1, 100);
		assertThat(limiter.tryAcquire("a").allowed()).isTrue();
		assertThat(limiter.tryAcquire("a").allowed()).isFalse();
		assertThat(limiter.tryAcquire("b").allowed()).isTrue();
	}

	@Test
	void idleBucketsAreForgottenSoMemoryStaysBounded() {
		ClientRateLimiter limiter = new ClientRateLimiter(clock, 60, 1, 1_000);
		for (int i = 0; i < 500; i++) {
			limiter.tryAcquire("client-" + i);
		}
		assertThat(limiter.trackedClients()).isEqualTo(500);
		clock.advance(Duration.ofSeconds(2));
		limiter.tryAcquire("late");
		assertThat(limiter.trackedClients()).isEqualTo(1);
	}

	@Test
	void beyondMaxClientsNewClientsShareOneBucket() {
		ClientRateLimiter limiter = new ClientRateLimiter(clock, 60, 1, 2);
		assertThat(limiter.tryAcquire("a").allowed()).isTrue();
		assertThat(limiter.tryAcquire("b").allowed()).isTrue();
		assertThat(limiter.tryAcquire("c").allowed()).isTrue();
		assertThat(limiter.tryAcquire("d").allowed()).as("shares c's bucket").isFalse();
		assertThat(limiter.trackedClients()).isLessThanOrEqualTo(3);
	}

	/** A clock that moves only when told. */
	private static final class MovableClock extends Clock {
		private Instant now = Instant.parse("2026-01-05T10:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

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
