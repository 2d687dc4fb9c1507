package org.openrcm.server.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.submission.AcknowledgedSet.Verdict;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.ElementError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.GroupResponse;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.SegmentError;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * How a 999 is matched to the transaction sets a batch file carried: a set its loop 2000 rejects is rejected with
 * each located fault coded and in words, an accepted set stays accepted (its answer is still to come), a set the 999
 * does not mention is not answered, and a group rejected as a whole rejects every set in it, accepted ones included.
 */
class AcknowledgedGroupTest {

	private static final InboundFile FROM_INBOX = new InboundFile(1, "clearinghouse:default", "answers.999", "",
			new byte[0], Instant.EPOCH);

	private static final TransactionSetResponse ACCEPTED = new TransactionSetResponse("270", "0001", "005010X279A1",
			"A", List.of(), List.of());
	private static final TransactionSetResponse REJECTED = new TransactionSetResponse("270", "0002", "005010X279A1",
			"R", List.of("I5"), List.of(new SegmentError("NM1", 12, "2100", "8", List.of(), List.of(
					new ElementError(9, 0, 0, "67", "I12", "X12REJ42", List.of())))));

	@Test
	void aPartlyAcceptedGroupRejectsOnlyTheSetsItsLoop2000Rejects() {
		AcknowledgedGroup group = group(new GroupResponse("P", 3, 3, 2, List.of()), ACCEPTED, REJECTED);

		AcknowledgedSet rejected = group.transactionSet("0002");
		assertThat(rejected.verdict()).isEqualTo(Verdict.REJECTED);
		assertThat(rejected.faults()).singleElement().satisfies(f -> {
			assertThat(f.code()).isEqualTo("IK403-I12");
			assertThat(f.segmentPosition()).isEqualTo(12);
		});
		assertThat(rejected.reason()).isEqualTo("NM109 in NM1 (segment 12, loop 2100): I12 (the value does not match"
				+ " the pattern the implementation guide sets) (value \"X12REJ42\") [IK403-I12]");
		assertThat(group.transactionSet("0001").verdict()).isEqualTo(Verdict.ACCEPTED);
		assertThat(group.transactionSet("0001").faults()).isEmpty();
		assertThat(group.transactionSet("0003").verdict()).as("not in this 999").isEqualTo(Verdict.NOT_ANSWERED);
	}

	@Test
	void aGroupRejectedAsAWholeRejectsEverySetWithTheGroupsReason() {
		AcknowledgedGroup group = group(new GroupResponse("R", 2, 2, 0, List.of("5")), ACCEPTED);

		for (String set : List.of("0001", "0009")) {
			AcknowledgedSet verdict = group.transactionSet(set);
			assertThat(verdict.rejected()).as(set).isTrue();
			assertThat(verdict.faults()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("AK9-R"));
			assertThat(verdict.reason()).startsWith("The whole functional group was rejected: R (");
		}
	}

	@Test
	void aSetRejectedWithoutALocatedFaultGivesItsIk5Status() {
		TransactionSetResponse unsupported = new TransactionSetResponse("276", "0007", "005010X212", "R",
				List.of("1"), List.of());
		AcknowledgedSet verdict = group(new GroupResponse("R", 1, 1, 0, List.of()), unsupported)
				.transactionSet("0007");

		assertThat(verdict.faults()).singleElement().satisfies(f -> {
			assertThat(f.code()).isEqualTo("IK5-R");
			assertThat(f.segmentPosition()).isZero();
			assertThat(f.text()).startsWith("The transaction set was rejected: R (");
		});
	}

	@Test
	void aFilePostedToATenantConcernsOnlyThatTenant() {
		ImplementationAcknowledgment ack = new ImplementationAcknowledgment("", "HS", "17", "", List.of(ACCEPTED),
				new GroupResponse("A", 1, 1, 1, List.of()));
		AcknowledgedGroup posted = new AcknowledgedGroup(new InboundFile(2, "ingest:ALPHA", "x.999", "",
				new byte[0], Instant.EPOCH),
				"OPENRCM", "000000005", ack);

		assertThat(posted.concerns("ALPHA")).isTrue();
		assertThat(posted.concerns("BETA")).isFalse();
		assertThat(group(ack.groupResponse(), ACCEPTED).concerns("BETA")).isTrue();
		assertThat(posted.label()).isEqualTo("999 of interchange 000000005 (acknowledging group 17 of OPENRCM)");
	}

	private static AcknowledgedGroup group(GroupResponse groupResponse, TransactionSetResponse... sets) {
		return new AcknowledgedGroup(FROM_INBOX, "OPENRCM", "000000009", new ImplementationAcknowledgment("", "HS",
				"17", "005010X279A1", List.of(sets), groupResponse));
	}
}
