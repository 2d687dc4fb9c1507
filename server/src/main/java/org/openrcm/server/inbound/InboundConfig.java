package org.openrcm.server.inbound;

import org.openrcm.server.audit.FileTransfers;
import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.openrcm.server.fhir.FhirServerContribution;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.ack.Ack999Writer;
import org.openrcm.server.x12.X12Schemas;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * Inbound X12: the file store ({@value InboundFileStore#TABLE}), the processor with every
 * {@link X12TransactionHandler} bean, and {@code $x12-ingest}. Copies of processed files go under
 * {@code <openrcm.data-dir>/inbound}. At start-up, files received but not processed before a stop are processed.
 */
@Configuration
class InboundConfig {

	@Bean
	InboundFileStore inboundFileStore(DataSource dataSource) {
		InboundFileStore store = new InboundFileStore(dataSource);
		store.createTable();
		return store;
	}

	@Bean
	InboundService inboundService(InboundFileStore store, X12Schemas schemas, X12InterchangeWriter writer,
			ObjectProvider<X12TransactionHandler> handlers,
			@Value("${openrcm.data-dir}") Path dataDirectory, Clock clock, ObjectProvider<FileTransfers> transfers) {
		InboundProcessor processor = new InboundProcessor(store, new X12Reader(schemas), new Ack999Writer(writer),
				handlers.orderedStream().toList(),
				dataDirectory.resolve("inbound"), clock);
		return new InboundService(store, processor, clock, transfers.getIfAvailable(() -> FileTransfers.NONE));
	}

	@Bean
	@Order(70)
	FhirServerContribution x12Ingest(InboundService inbound, FhirContext fhirContext) {
		X12IngestOperationProvider operation = new X12IngestOperationProvider(inbound, fhirContext);
		return server -> server.registerProvider(operation);
	}

	/** Files left unprocessed by a stop, and files nothing applied in an earlier version, are processed now. */
	@EventListener(ApplicationReadyEvent.class)
	void processLeftovers(ApplicationReadyEvent event) {
		event.getApplicationContext().getBean(InboundService.class).processPending(true);
	}
}
