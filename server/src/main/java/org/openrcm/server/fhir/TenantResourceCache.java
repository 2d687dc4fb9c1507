package org.openrcm.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a feature derives from one resource type of a tenant (payer rules, a fee schedule), kept per tenant and key
 * until a resource of that type is written in any tenant: register {@link #invalidator()} and a change takes effect
 * with the next read after its transaction commits, without a restart. A value read while a write was under way is
 * not kept.
 *
 * @param <V> the derived value
 */
public final class TenantResourceCache<V> {

	private final Class<? extends IBaseResource> type;
	private final Map<String, V> values = new ConcurrentHashMap<>();
	private final AtomicLong generation = new AtomicLong();

	/** @param type the resource type whose writes invalidate the cache */
	public TenantResourceCache(Class<? extends IBaseResource> type) {
		this.type = type;
	}

	/** The value for the tenant and key, loaded (and kept) when absent. */
	public V get(String tenant, String key, Supplier<V> load) {
		String cacheKey = tenant + "|" + key;
		V cached = values.get(cacheKey);
		if (cached != null) {
			return cached;
		}
		long before = generation.get();
		V loaded = load.get();
		if (generation.get() == before) {
			values.put(cacheKey, loaded);
			if (generation.get() != before) {
				values.remove(cacheKey, loaded);
			}
		}
		return loaded;
	}

	/** Forgets everything now and again when the current transaction (if any) completes. */
	public void invalidate() {
		forget();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forget();
				}
			});
		}
	}

	private void forget() {
		generation.incrementAndGet();
		values.clear();
	}

	/** The interceptor that invalidates this cache on every create, update and delete of the type. */
	public Object invalidator() {
		return new Invalidator();
	}

	@Interceptor
	final class Invalidator {

		@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
		public void created(IBaseResource resource) {
			invalidateIfType(resource);
		}

		@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
		public void updated(IBaseResource previous, IBaseResource updated) {
			invalidateIfType(updated);
		}

		@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
		public void deleted(IBaseResource resource) {
			invalidateIfType(resource);
		}

		private void invalidateIfType(IBaseResource resource) {
			if (type.isInstance(resource)) {
				invalidate();
			}
		}
	}
}
