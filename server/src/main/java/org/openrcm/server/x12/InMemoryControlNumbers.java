package org.openrcm.server.x12;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ControlNumbers} held in memory, counting from 1 per sender and kind. For tests and tools only: it forgets
 * everything on restart, so a production server would reuse numbers; the server persists its numbers instead.
 */
public final class InMemoryControlNumbers implements ControlNumbers {

	private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

	@Override
	public long nextInterchange(String sender) {
		return next("ISA|" + sender);
	}

	@Override
	public long nextGroup(String sender) {
		return next("GS|" + sender);
	}

	@Override
	public long nextTransaction(String sender) {
		return next("ST|" + sender);
	}

	private long next(String key) {
		long value = counters.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
		if (value > MAX) {
			throw new IllegalStateException("control numbers exhausted for " + key);
		}
		return value;
	}
}
