package org.openrcm.server.inbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openrcm.server.inbound.InboundFileStore.Entry;
import org.openrcm.server.inbound.InboundProcessor.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound X12, whichever way it arrives: posted to {@code $x12-ingest} or fetched from a clearinghouse. Each file is
 * stored durably first, then processed once.
 */
public final class InboundService {

	/** The answer to a posted file: what processing made of it now, or the earlier record of the same bytes. */
	public record Ingested(Optional<Outcome> outcome, Optional<Entry> earlier) {}

	private static final Logger log = LoggerFactory.getLogger(InboundService.class);

	private final InboundFileStore store;
	private final InboundProcessor processor;
	private final Clock clock;

	InboundService(InboundFileStore store, InboundProcessor processor, Clock clock) {
		this.store = store;
		this.processor = processor;
		this.clock = clock;
	}

	/** Stores and processes a file posted by a tenant; a file with bytes received before is not processed again. */
	public Ingested ingest(String tenant, String name, byte[] content) {
		Optional<InboundFile> file = store.receive(InboundFile.INGEST + tenant, name, content, clock.instant());
		if (file.isEmpty()) {
			return new Ingested(Optional.empty(), store.withContent(InboundFileStore.sha256(content)));
		}
		return new Ingested(Optional.of(processor.process(file.get())), Optional.empty());
	}

	/**
	 * Stores a file fetched from a clearinghouse connection, durably, without processing it yet.
	 *
	 * @return whether it was new (false: the same bytes were received before, so the remote copy may go)
	 */
	public boolean receive(String connection, String name, byte[] content) {
		return store.receive(InboundFile.CLEARINGHOUSE + connection, name, content, clock.instant()).isPresent();
	}

	/**
	 * Processes every stored file not processed yet (with {@code unhandled}, also those nothing applied before). A
	 * file whose processing fails (the database is away, say) stays stored as received and is tried again in the
	 * next round; the others are processed meanwhile. Applying a file twice changes nothing the second time.
	 */
	public List<Outcome> processPending(boolean unhandled) {
		List<Outcome> outcomes = new ArrayList<>();
		for (InboundFile file : store.pending(unhandled)) {
			try {
				outcomes.add(processor.process(file));
			} catch (RuntimeException e) {
				log.warn("Inbound file {} ({}) could not be processed now; it stays received and is tried again: {}",
						file.id(), file.name(), e.toString());
			}
		}
		return outcomes;
	}
}
