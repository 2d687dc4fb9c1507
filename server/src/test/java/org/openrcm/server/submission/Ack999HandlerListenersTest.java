package org.openrcm.server.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.support.TestDatabases;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.ack.Ack999Writer;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.GroupResponse;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * A 999 whose functional group holds no claims this server sent is offered to the features' listeners in order,
 * named by the sender it is addressed to and its AK102, until one knows the group; one no listener knows is noted
 * as not sent by this server.
 */
class Ack999HandlerListenersTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();

	@Test
	void theFirstListenerThatKnowsTheGroupTakesTheAcknowledgment() {
		List<String> asked = new ArrayList<>();
		List<AcknowledgedGroup> taken = new ArrayList<>();
		Ack999Handler handler = handler(List.of(named("eligibility", false, asked, taken),
				named("claim status", true, asked, taken), named("prior authorization", true, asked, taken)));

		InboundResult result = apply(handler);

		assertThat(asked).containsExactly("eligibility", "claim status");
		assertThat(taken).singleElement().satisfies(group -> {
			assertThat(group.senderId()).isEqualTo("OPENRCM");
			assertThat(group.groupControlNumber()).isEqualTo("88");
			assertThat(group.functionalIdentifier()).isEqualTo("HR");
			assertThat(group.transactionSet("0001").rejected()).isTrue();
			assertThat(group.transactionSet("0001").reason()).contains("[IK5-R]");
		});
		assertThat(result.notes()).isEmpty();
	}

	@Test
	void aGroupNoListenerKnowsIsNotedAsNotSentByThisServer() {
		List<String> asked = new ArrayList<>();
		Ack999Handler handler = handler(List.of(named("eligibility", false, asked, new ArrayList<>())));

		InboundResult result = apply(handler);

		assertThat(asked).containsExactly("eligibility");
		assertThat(result.notes()).singleElement().asString().contains("functional group 88 of OPENRCM",
				"which this server did not send");
	}

	private static Ack999Handler handler(List<AckListener> listeners) {
		SubmissionStore store = new SubmissionStore(TestDatabases.h2("ack999-listeners"));
		store.createTables();
		return new Ack999Handler(store, null, new X12Reader(SCHEMAS), Clock.systemUTC(), () -> listeners);
	}

	private static AckListener named(String name, boolean knows, List<String> asked, List<AcknowledgedGroup> taken) {
		return (group, result) -> {
			asked.add(name);
			if (knows) {
				taken.add(group);
			}
			return knows;
		};
	}

	/** Applies a 999, addressed to OPENRCM, rejecting transaction set 0001 of its group 88 (276s). */
	private static InboundResult apply(Ack999Handler handler) {
		ImplementationAcknowledgment ack = new ImplementationAcknowledgment("", "HR", "88", "005010X212",
				List.of(new TransactionSetResponse("276", "0001", "005010X212", "R", List.of("5"), List.of())),
				new GroupResponse("R", 1, 1, 0, List.of()));
		String text = new Ack999Writer(new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(),
				Clock.systemUTC())).write(new X12Envelope("ZZ", "CLEARINGHOUSE", "ZZ", "OPENRCM", "CLEARINGHOUSE",
						"OPENRCM", X12Usage.TEST, false), List.of(ack)).text();
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		X12Interchange interchange = new X12Reader(SCHEMAS).read(bytes, X12Reader.Options.DEFAULT.keepingSegments())
				.interchanges().get(0);
		X12FunctionalGroup group = interchange.groups().get(0);
		InboundResult result = new InboundResult();
		handler.apply(new InboundFile(1, "clearinghouse:default", "answers.999", "", bytes, Instant.EPOCH),
				interchange, group, group.transactions().get(0), result);
		return result;
	}
}
