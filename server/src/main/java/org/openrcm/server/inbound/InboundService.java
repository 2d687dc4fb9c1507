package org.openrcm.server.inbound;

import org.openrcm.server.audit.FileTransfers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
	private final FileTransfers transfers;
	/** The files being processed now, by id. */
	private final Set<Long> inProgress = ConcurrentHashMap.newKeySet();

	InboundService(InboundFileStore store, InboundProcessor processor, Clock clock) {
		this(store, processor, clock, FileTransfers.NONE);
	}

	/**
	 * @param transfers the audit trail of X12 files: each posted file is recorded when it is stored
	 */
	InboundService(InboundFileStore store, InboundProcessor processor, Clock clock, FileTransfers transfers) {
		this.store = store;
		this.processor = processor;
		this.clock = clock;
		this.transfers = transfers;
	}

	/** Stores and processes a file posted by a tenant; a file with bytes received before is not processed again. */
	public Ingested ingest(String tenant, String name, byte[] content) {
		Optional<InboundFile> file;
		try {
			file = store.receive(InboundFile.INGEST + tenant, name, content, clock.instant());
		} catch (RuntimeException e) {
			transfers.ingested(tenant, name, content, false, "not stored: " + e.getMessage());
			throw e;
		}
		transfers.ingested(tenant, name, content, true, file.isPresent() ? ""
				: "the same bytes were received before (not processed again)");
		if (file.isEmpty()) {
			Optional<Entry> earlier = store.withContent(InboundFileStore.sha256(content));
			Optional<InboundFile> unprocessed = earlier.filter(e -> e.state() == InboundFileStore.State.RECEIVED
					&& !inProgress.contains(e.id())).flatMap(e -> store.pending(false).stream()
							.filter(f -> f.id() == e.id()).findFirst());
			if (unprocessed.isPresent()) {
				// posted before, but its processing failed then (the database was away, say): process it now
				return new Ingested(Optional.of(process(unprocessed.get())), Optional.empty());
			}
			return new Ingested(Optional.empty(), earlier);
		}
		return new Ingested(Optional.of(process(file.get())), Optional.empty());
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
			if (inProgress.contains(file.id()) || (!unhandled && file.tenant() != null)) {
				// being processed now; or posted to $x12-ingest, which processes it in the request (a posted file
				// left received by a crash is processed at start-up, with unhandled)
				continue;
			}
			try {
				outcomes.add(process(file));
			} catch (AlreadyProcessing e) {
				log.debug("Inbound file {} is being processed by another thread", file.id());
			} catch (RuntimeException e) {
				log.warn("Inbound file {} ({}) could not be processed now; it stays received and is tried again: {}",
						file.id(), file.name(), e.toString());
			}
		}
		return outcomes;
	}

	/**
	 * Processes one stored file unless it is being processed already: a file posted to {@code $x12-ingest} is stored
	 * as received and processed in the request, while the clearinghouse schedule processes every received file; the
	 * same file must not be applied by both at once.
	 *
	 * @throws AlreadyProcessing when another thread is processing the file
	 */
	private Outcome process(InboundFile file) {
		if (!inProgress.add(file.id())) {
			throw new AlreadyProcessing(file.id());
		}
		try {
			return processor.process(file);
		} finally {
			inProgress.remove(file.id());
		}
	}

	/** Another thread is processing the file. */
	static final class AlreadyProcessing extends RuntimeException {

		AlreadyProcessing(long fileId) {
			super("inbound file " + fileId + " is being processed already", null, false, false);
		}
	}
}
