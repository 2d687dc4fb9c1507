package org.openrcm.server.clearinghouse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel that tries a failed call again with exponential backoff ({@link ChannelProperties.Retry}) and records
 * every attempt in a {@link ChannelHealth}.
 *
 * <p>An {@link IOException} is retried, except those that another attempt cannot change: a refused login or host
 * key ({@link ChannelAccessException}), a different file already under the upload's name
 * ({@link FileAlreadyExistsException}), a missing file or directory ({@link NoSuchFileException}) and a denied
 * permission ({@link AccessDeniedException}). Every failed attempt, retried or not, counts as a failure in the
 * health; when the attempts run out the last exception is thrown as it was. Each retry is logged as a warning with
 * the channel's {@link ClearinghouseChannel#describe()} and the failure's message, which the channels keep free of
 * secrets.
 */
public final class RetryingChannel implements ClearinghouseChannel {

	private static final Logger log = LoggerFactory.getLogger(RetryingChannel.class);

	private static final List<Class<? extends IOException>> FINAL = List.of(ChannelAccessException.class,
			FileAlreadyExistsException.class, NoSuchFileException.class, AccessDeniedException.class);

	/** Waits between attempts; tests pass one that records the waits instead. */
	@FunctionalInterface
	public interface Sleeper {

		/** {@link Thread#sleep}. */
		Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

		void sleep(Duration duration) throws InterruptedException;
	}

	private final ClearinghouseChannel delegate;
	private final ChannelProperties.Retry retry;
	private final ChannelHealth health;
	private final Sleeper sleeper;

	/**
	 * @param delegate the channel that does the work
	 * @param retry how often and how long apart to try
	 * @param health where every attempt is recorded
	 * @param sleeper waits between attempts, {@link Sleeper#THREAD} outside tests
	 */
	public RetryingChannel(ClearinghouseChannel delegate, ChannelProperties.Retry retry, ChannelHealth health,
			Sleeper sleeper) {
		this.delegate = delegate;
		this.retry = retry;
		this.health = health;
		this.sleeper = sleeper;
	}

	@Override
	public boolean upload(String name, byte[] content) throws IOException {
		return attempt("upload " + name, () -> delegate.upload(name, content));
	}

	@Override
	public List<String> listInbound() throws IOException {
		return attempt("list inbound", delegate::listInbound);
	}

	@Override
	public byte[] fetch(String name) throws IOException {
		return attempt("fetch " + name, () -> delegate.fetch(name));
	}

	@Override
	public void remove(String name) throws IOException {
		attempt("remove " + name, () -> {
			delegate.remove(name);
			return null;
		});
	}

	@Override
	public String describe() {
		return delegate.describe();
	}

	/** The health this channel records its attempts in. */
	public ChannelHealth health() {
		return health;
	}

	@Override
	public String toString() {
		return describe();
	}

	@Override
	public void close() throws IOException {
		delegate.close();
	}

	@FunctionalInterface
	private interface Attempt<T> {
		T run() throws IOException;
	}

	private <T> T attempt(String action, Attempt<T> attempt) throws IOException {
		Duration delay = retry.initialDelay().compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : retry.initialDelay();
		for (int number = 1;; number++) {
			try {
				T result = attempt.run();
				health.succeeded();
				return result;
			} catch (IOException e) {
				health.failed(e);
				if (FINAL.stream().anyMatch(type -> type.isInstance(e))) {
					throw e;
				}
				if (number >= retry.maxAttempts()) {
					log.warn("Clearinghouse {}: {} failed, attempt {} of {}; giving up: {}", describe(), action, number,
							retry.maxAttempts(), e.getMessage());
					throw e;
				}
				log.warn("Clearinghouse {}: {} failed, attempt {} of {}; retrying in {} ms: {}", describe(), action,
						number, retry.maxAttempts(), delay.toMillis(), e.getMessage());
				try {
					sleeper.sleep(delay);
				} catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					InterruptedIOException stopped =
							new InterruptedIOException(action + " interrupted while waiting to retry");
					stopped.initCause(e);
					throw stopped;
				}
				delay = next(delay);
			}
		}
	}

	private Duration next(Duration delay) {
		double millis = delay.toMillis() * retry.multiplier();
		long capped = (long) Math.min(millis, retry.maxDelay().toMillis());
		return Duration.ofMillis(Math.max(capped, 0));
	}
}
