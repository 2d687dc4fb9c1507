package org.openrcm.server.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: each client may send {@code burst} requests at once and then
 * {@code requestsPerMinute} per minute. Memory is bounded: a bucket that has been idle long enough to be full again
 * is forgotten (a new one is the same), and beyond {@code maxClients} tracked clients the others share one bucket
 * until idle ones are forgotten.
 */
final class ClientRateLimiter {

	/** The key of the bucket shared by clients that arrive while {@code maxClients} are tracked. */
	static final String OVERFLOW = "\u0000overflow";

	/** Whether a request may go ahead, and if not, how long until one more would be allowed. */
	record Decision(boolean allowed, Duration retryAfter) {

		/** {@code Retry-After} in whole seconds, at least 1. */
		long retryAfterSeconds() {
			return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		}
	}

	private final Clock clock;
	private final double tokensPerNano;
	private final int burst;
	private final int maxClients;
	private final long refillNanos;
	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
	private volatile long nextSweep;

	ClientRateLimiter(Clock clock, int requestsPerMinute, int burst, int maxClients) {
		if (requestsPerMinute < 1 || burst < 1 || maxClients < 1) {
			throw new IllegalArgumentException("rate, burst and maxClients must be at least 1");
		}
		this.clock = clock;
		this.tokensPerNano = requestsPerMinute / (double) Duration.ofMinutes(1).toNanos();
		this.burst = burst;
		this.maxClients = maxClients;
		this.refillNanos = (long) Math.ceil(burst / tokensPerNano);
		this.nextSweep = now() + refillNanos;
	}

	/** Takes one token from the client's bucket if it has one. */
	Decision tryAcquire(String client) {
		long now = now();
		if (now >= nextSweep || buckets.size() >= maxClients) {
			sweep(now);
		}
		Bucket bucket = buckets.get(client);
		if (bucket == null) {
			String key = buckets.size() >= maxClients ? OVERFLOW : client;
			bucket = buckets.computeIfAbsent(key, ignored -> new Bucket(burst, now));
		}
		return bucket.take(now);
	}

	/** How many clients are tracked now (for tests and metrics). */
	int trackedClients() {
		return buckets.size();
	}

	/** Forgets the buckets that are full again: they hold no state a new bucket would not. */
	private void sweep(long now) {
		nextSweep = now + refillNanos;
		buckets.values().removeIf(bucket -> bucket.fullAt(now));
	}

	private long now() {
		java.time.Instant instant = clock.instant();
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	/** One client's tokens. */
	private final class Bucket {
		private double tokens;
		private long updated;

		Bucket(double tokens, long updated) {
			this.tokens = tokens;
			this.updated = updated;
		}

		synchronized Decision take(long now) {
			refill(now);
			if (tokens >= 1) {
				tokens -= 1;
				return new Decision(true, Duration.ZERO);
			}
			long wait = (long) Math.ceil((1 - tokens) / tokensPerNano);
			return new Decision(false, Duration.ofNanos(wait));
		}

		synchronized boolean fullAt(long now) {
			refill(now);
			return tokens >= burst;
		}

		private void refill(long now) {
			if (now > updated) {
				tokens = Math.min(burst, tokens + (now - updated) * tokensPerNano);
				updated = now;
			}
		}
	}
}
