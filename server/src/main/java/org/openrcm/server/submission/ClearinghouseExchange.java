package org.openrcm.server.submission;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openrcm.server.clearinghouse.ClearinghouseChannel;
import org.openrcm.server.clearinghouse.ClearinghouseConnections;
import org.openrcm.server.clearinghouse.ChannelProperties;
import org.openrcm.server.inbound.InboundProcessor.Outcome;
import org.openrcm.server.inbound.InboundService;
import org.openrcm.server.submission.ClaimSender.Sent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The exchange with each clearinghouse connection: queued claims go out ({@link ClaimSender}) every
 * {@code batch-interval}, and inbound files come in every {@code poll-interval}: each is stored durably
 * ({@link InboundService#receive}) before it is taken off the clearinghouse, then processed; the clearinghouse gets
 * a 999 back for a file (or part of one) that was rejected. Both also run on demand
 * ({@code $clearinghouse-exchange}). A failing channel is logged and counted by the clearinghouse health contributor;
 * the next round tries again, and nothing recorded is lost meanwhile.
 */
final class ClearinghouseExchange implements SmartLifecycle {

	/** What one receiving round did. */
	record Received(int files, int processed, int rejected, List<String> names) {}

	private static final Logger log = LoggerFactory.getLogger(ClearinghouseExchange.class);

	private final ClaimSender sender;
	private final InboundService inbound;
	private final ClearinghouseConnections connections;
	private final boolean scheduled;
	private ScheduledExecutorService scheduler;

	ClearinghouseExchange(ClaimSender sender, InboundService inbound, ClearinghouseConnections connections,
			boolean scheduled) {
		this.sender = sender;
		this.inbound = inbound;
		this.connections = connections;
		this.scheduled = scheduled;
	}

	/** Sends the connection's queued claims now. */
	Sent send(String connection) throws IOException {
		return sender.send(connection);
	}

	/** Fetches the connection's inbound files now, stores each durably, takes it off the clearinghouse, processes it. */
	synchronized Received receive(String connection) throws IOException {
		ClearinghouseChannel channel = connections.channel(connection);
		List<String> names = new ArrayList<>();
		for (String name : channel.listInbound()) {
			byte[] content = channel.fetch(name);
			if (!inbound.receive(connection, name, content)) {
				log.info("Inbound file {} from clearinghouse {} was received before; removed", name, connection);
			}
			channel.remove(name);
			names.add(name);
		}
		List<Outcome> outcomes = inbound.processPending(false);
		for (Outcome outcome : outcomes) {
			if (outcome.acknowledgment() != null && outcome.connection() != null) {
				// the clearinghouse is owed a 999 for what it sent us that we could not take
				connections.channel(outcome.connection()).upload(outcome.name() + ".999", outcome.acknowledgment());
			}
		}
		int rejected = (int) outcomes.stream().filter(Outcome::rejected).count();
		return new Received(names.size(), outcomes.size(), rejected, names);
	}

	@Override
	public void start() {
		if (!scheduled) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "clearinghouse-exchange");
			thread.setDaemon(true);
			return thread;
		});
		for (String connection : connections.names()) {
			ChannelProperties channel = connections.properties(connection).channel();
			if (channel.type() == ChannelProperties.Type.NONE) {
				continue;
			}
			long sendEvery = channel.batchInterval().toMillis();
			long pollEvery = channel.pollInterval().toMillis();
			scheduler.scheduleWithFixedDelay(() -> round(connection, true), sendEvery, sendEvery,
					TimeUnit.MILLISECONDS);
			scheduler.scheduleWithFixedDelay(() -> round(connection, false), pollEvery, pollEvery,
					TimeUnit.MILLISECONDS);
		}
	}

	private void round(String connection, boolean sending) {
		try {
			if (sending) {
				send(connection);
			} else {
				receive(connection);
			}
		} catch (IOException | RuntimeException e) {
			log.warn("Clearinghouse {}: {} failed, tried again in the next round: {}", connection,
					sending ? "sending" : "receiving", e.getMessage());
		}
	}

	@Override
	public void stop() {
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}
}
