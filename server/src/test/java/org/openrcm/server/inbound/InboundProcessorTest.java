package org.openrcm.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.server.inbound.InboundFileStore.State;
import org.openrcm.server.inbound.InboundProcessor.Outcome;
import org.openrcm.server.support.TestDatabases;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.Ack999Reader;
import org.openrcm.server.x12.ack.Ack999Writer;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;

/**
 * Inbound files: each is kept and processed once; valid transaction sets reach the handler of their guide; a broken
 * file is rejected with its fault located, lands in the error folder with its reason and is never lost; an
 * interchange seen before is a duplicate; a transaction set nothing applies yet keeps its file for later.
 */
class InboundProcessorTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();

	@TempDir
	Path directory;

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
	private final List<X12Transaction> applied = new ArrayList<>();
	private boolean failing;
	private InboundFileStore store;
	private InboundService service;

	@BeforeEach
	void setUp() {
		store = new InboundFileStore(TestDatabases.h2("inbound"));
		store.createTable();
		X12TransactionHandler handler = new X12TransactionHandler() {
			@Override
			public Set<X12Guide> guides() {
				return Set.of(X12Guide.ACK_999);
			}

			@Override
			public void apply(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
					X12Transaction transaction, InboundResult result) {
				if (failing) {
					throw new IllegalStateException("the database is away");
				}
				applied.add(transaction);
				result.changed("T1", new Task().setDescription("applied " + transaction.controlNumber()), true);
			}
		};
		InboundProcessor processor = new InboundProcessor(store, new X12Reader(SCHEMAS), new Ack999Writer(
				new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(), clock)), List.of(handler), directory,
				clock);
		service = new InboundService(store, processor, clock);
	}

	/** A minimal valid 999 accepting group {@code group} with one transaction set; interchange number {@code isa}. */
	static String ack999(String isa, String group) {
		return "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*OPENRCM        *261129*1000*^*00501*" + isa
				+ "*0*T*:~GS*FA*CLEARINGHOUSE*OPENRCM*20261129*1000*" + Integer.parseInt(isa) + "*X*005010X231A1~"
				+ "ST*999*0001*005010X231A1~AK1*HC*" + group + "*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~"
				+ "AK9*A*1*1*1~SE*6*0001~GE*1*" + Integer.parseInt(isa) + "~IEA*1*" + isa + "~";
	}

	@Test
	void aValidFileIsAppliedOnceAndArchived() throws Exception {
		byte[] file = ack999("000000101", "55").getBytes(StandardCharsets.US_ASCII);

		InboundService.Ingested first = service.ingest("T1", "ack.999", file);
		InboundService.Ingested again = service.ingest("T1", "ack-copy.999", file);

		Outcome outcome = first.outcome().orElseThrow();
		assertThat(outcome.state()).as(outcome.reason()).isEqualTo(State.PROCESSED);
		assertThat(outcome.result().changes()).hasSize(1);
		assertThat(applied).hasSize(1);
		assertThat(again.outcome()).isEmpty();
		assertThat(again.earlier().orElseThrow().state()).isEqualTo(State.PROCESSED);
		assertThat(Files.list(directory.resolve("archive").resolve("2026-11")).toList()).hasSize(1);
	}

	@Test
	void theSameInterchangeInOtherBytesIsADuplicate() {
		service.ingest("T1", "ack.999", ack999("000000102", "56").getBytes(StandardCharsets.US_ASCII));
		byte[] reformatted = ack999("000000102", "56").replace("~", "~\n").getBytes(StandardCharsets.US_ASCII);

		Outcome outcome = service.ingest("T1", "ack-again.999", reformatted).outcome().orElseThrow();

		assertThat(outcome.state()).isEqualTo(State.DUPLICATE);
		assertThat(applied).hasSize(1);
	}

	@Test
	void theSameEnvelopePostedToAnotherTenantIsAnotherInterchange() {
		service.ingest("T1", "ack.999", ack999("000000103", "57").getBytes(StandardCharsets.US_ASCII));
		byte[] reformatted = ack999("000000103", "57").replace("~", "~\n").getBytes(StandardCharsets.US_ASCII);

		Outcome outcome = service.ingest("T2", "ack.999", reformatted).outcome().orElseThrow();

		assertThat(outcome.state()).as(outcome.reason()).isEqualTo(State.PROCESSED);
		assertThat(applied).hasSize(2);
	}

	@Test
	void aBrokenEnvelopeIsRejectedWithItsFaultLocatedAndKeptInTheErrorFolder() throws Exception {
		String broken = ack999("000000103", "57").replace("IEA*1*000000103", "IEA*1*000000999");

		Outcome outcome = service.ingest("T1", "broken.999", broken.getBytes(StandardCharsets.US_ASCII)).outcome()
				.orElseThrow();

		assertThat(outcome.rejected()).isTrue();
		assertThat(outcome.reason()).contains("envelope");
		assertThat(outcome.rejections()).anySatisfy(error -> assertThat(error.segmentId()).isEqualTo("IEA"));
		assertThat(applied).isEmpty();
		Path error = directory.resolve("error");
		assertThat(Files.readString(error.resolve(outcome.fileId() + "-broken.999"))).isEqualTo(broken);
		assertThat(Files.readString(error.resolve(outcome.fileId() + "-broken.999.reason.txt"))).contains("IEA");
		assertThat(store.entry(outcome.fileId()).orElseThrow().state()).isEqualTo(State.REJECTED);
	}

	@Test
	void somethingThatIsNotX12AtAllIsRejectedAndKept() {
		Outcome outcome = service.ingest("T1", "hello.txt", "hello".getBytes(StandardCharsets.US_ASCII)).outcome()
				.orElseThrow();

		assertThat(outcome.rejected()).isTrue();
		assertThat(store.entry(outcome.fileId()).orElseThrow().detail()).isNotBlank();
	}

	@Test
	void aFileFetchedFromAClearinghouseWaitsStoredUntilProcessed() {
		assertThat(service.receive("default", "ack.999", ack999("000000104", "58").getBytes(StandardCharsets.US_ASCII)))
				.isTrue();
		assertThat(service.receive("default", "ack.999", ack999("000000104", "58").getBytes(StandardCharsets.US_ASCII)))
				.isFalse();
		assertThat(applied).isEmpty();

		List<Outcome> outcomes = service.processPending(false);

		assertThat(outcomes).extracting(Outcome::state).containsExactly(State.PROCESSED);
		assertThat(applied).hasSize(1);
		assertThat(service.processPending(false)).isEmpty();
	}

	@Test
	void aFileWhoseProcessingFailsStaysReceivedAndIsTriedAgainWithoutHoldingUpTheOthers() {
		service.receive("default", "first.999", ack999("000000105", "59").getBytes(StandardCharsets.US_ASCII));
		failing = true;

		assertThat(service.processPending(false)).isEmpty();
		assertThat(store.pending(false)).hasSize(1);

		failing = false;
		service.receive("default", "second.999", ack999("000000106", "60").getBytes(StandardCharsets.US_ASCII));

		assertThat(service.processPending(false)).extracting(Outcome::state).containsExactly(State.PROCESSED,
				State.PROCESSED);
		assertThat(applied).hasSize(2);
	}

	@Test
	void aPostedFileIsProcessedInItsRequestNotByTheScheduleAndAgainWhenPostedAfterAFailure() {
		byte[] file = ack999("000000108", "62").getBytes(StandardCharsets.US_ASCII);
		failing = true;
		assertThatThrownBy(() -> service.ingest("T1", "ack.999", file)).hasMessageContaining("database is away");
		failing = false;

		assertThat(service.processPending(false)).as("the schedule leaves posted files to their request").isEmpty();
		InboundService.Ingested again = service.ingest("T1", "ack.999", file);

		assertThat(again.outcome()).as("posted again after the failure: processed now").isPresent();
		assertThat(again.outcome().get().state()).isEqualTo(State.PROCESSED);
		assertThat(applied).hasSize(1);
		assertThat(service.ingest("T1", "ack.999", file).earlier()).as("and once only").isPresent();
		assertThat(applied).hasSize(1);
	}

	@Test
	void aTransactionSetThatBreaksItsGuideIsRejectedAndItsSenderGetsA999NamingTheFault() throws Exception {
		String broken = ack999("000000107", "61").replace("IK5*A~", "IK5*Q~");

		Outcome outcome = service.ingest("T1", "bad-code.999", broken.getBytes(StandardCharsets.US_ASCII)).outcome()
				.orElseThrow();

		assertThat(outcome.rejected()).isTrue();
		assertThat(applied).isEmpty();
		assertThat(outcome.acknowledgment()).isNotNull();
		X12ReadResult read = new X12Reader(SCHEMAS).read(outcome.acknowledgment(),
				X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(read.isValid()).isTrue();
		X12Interchange reply = read.interchanges().get(0);
		assertThat(reply.senderId()).isEqualTo("OPENRCM");
		assertThat(reply.receiverId()).isEqualTo("CLEARINGHOUSE");
		ImplementationAcknowledgment ack = Ack999Reader.read(read.transactions().findFirst().orElseThrow());
		assertThat(ack.groupControlNumber()).isEqualTo("107");
		assertThat(ack.transactionSets()).singleElement().satisfies(response -> {
			assertThat(response.status()).isEqualTo("R");
			assertThat(response.segmentErrors()).singleElement().satisfies(segment ->
					assertThat(segment.segmentId()).isEqualTo("IK5"));
		});
		assertThat(directory.resolve("error").resolve(outcome.fileId() + "-bad-code.999.999")).exists();
	}
}
