package org.openrcm.server.scrubbing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The payer rules read per tenant and payer, kept until a payer rule of any tenant is written: a rule takes effect
 * with the next scrub after its transaction commits, without a restart. A read that raced with a write is not kept.
 */
final class PayerRuleCache {

	private final Map<String, List<PayerRule>> rules = new ConcurrentHashMap<>();
	private final AtomicLong generation = new AtomicLong();

	List<PayerRule> get(String tenant, String payer, Supplier<List<PayerRule>> load) {
		String key = tenant + "|" + payer;
		List<PayerRule> cached = rules.get(key);
		if (cached != null) {
			return cached;
		}
		long before = generation.get();
		List<PayerRule> loaded = List.copyOf(load.get());
		if (generation.get() == before) {
			rules.put(key, loaded);
			if (generation.get() != before) {
				rules.remove(key, loaded);
			}
		}
		return loaded;
	}

	/** Forgets every cached rule (a payer rule was created, changed or deleted). */
	void invalidate() {
		generation.incrementAndGet();
		rules.clear();
	}
}
