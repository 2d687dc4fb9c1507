package org.openrcm.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Segment;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.ack.ImplementationAcknowledger;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment;
import org.openrcm.server.x12.ack.ImplementationAcknowledgment.TransactionSetResponse;

/**
 * The sandbox's 999 rejection scenario: a request whose subscriber member id starts with {@code X12REJ} is rejected
 * with its NM109 named, the group's AK9 counts it, and claims are left to the 277CA rules.
 */
class SandboxSyntaxRejectionsTest {

	private static final Set<X12Guide> REQUESTS = Set.of(X12Guide.ELIGIBILITY_270);

	@Test
	void aRequestWithTheScenariosMemberIdIsRejectedAndTheGroupPartlyAccepted() {
		X12FunctionalGroup group = group(inquiry("0001", "ELB1001"), inquiry("0002", "X12REJ1002"));

		ImplementationAcknowledgment ack = SandboxSyntaxRejections.apply(group,
				ImplementationAcknowledger.acknowledge(group, REQUESTS));

		assertThat(ack.groupResponse().status()).isEqualTo("P");
		assertThat(ack.groupResponse().transactionSetsAccepted()).isEqualTo(1);
		assertThat(ack.transactionSet("0001").map(TransactionSetResponse::accepted)).contains(true);
		TransactionSetResponse rejected = ack.transactionSet("0002").orElseThrow();
		assertThat(rejected.status()).isEqualTo("R");
		assertThat(rejected.errorCodes()).containsExactly("I5");
		assertThat(rejected.segmentErrors()).singleElement().satisfies(segment -> {
			assertThat(segment.segmentId()).isEqualTo("NM1");
			assertThat(segment.position()).isEqualTo(5);
			assertThat(segment.loopId()).isEqualTo("2100");
			assertThat(segment.errorCode()).isEqualTo("8");
			assertThat(segment.elementErrors()).singleElement().satisfies(element -> {
				assertThat(element.elementPosition()).isEqualTo(9);
				assertThat(element.errorCode()).isEqualTo("I12");
				assertThat(element.badData()).isEqualTo("X12REJ1002");
			});
		});
	}

	@Test
	void aGroupOfOnlySuchRequestsIsRejectedAndOtherGroupsAreLeftAsTheyWere() {
		X12FunctionalGroup rejected = group(inquiry("0003", "X12REJ1003"));
		X12FunctionalGroup clean = group(inquiry("0004", "ELB1004"));

		assertThat(SandboxSyntaxRejections.apply(rejected, ImplementationAcknowledger.acknowledge(rejected,
				REQUESTS)).groupResponse().rejected()).isTrue();
		ImplementationAcknowledgment untouched = ImplementationAcknowledger.acknowledge(clean,
				REQUESTS);
		assertThat(SandboxSyntaxRejections.apply(clean, untouched)).isSameAs(untouched);
	}

	@Test
	void claimsAreNotScreenedByThisScenario() {
		X12Transaction claim = new X12Transaction("837", "0005", "005010X222A1", Optional.of(X12Guide.CLAIM_837P), 6,
				List.of(nm1(5, "2010BA", "X12REJ1005"), se(6, "0005")), List.of());

		assertThat(SandboxSyntaxRejections.fault(claim)).isEmpty();
	}

	private static X12Transaction inquiry(String controlNumber, String memberId) {
		return new X12Transaction("270", controlNumber, "005010X279A1", Optional.of(X12Guide.ELIGIBILITY_270), 6,
				List.of(nm1(5, "2100C", memberId), se(6, controlNumber)), List.of());
	}

	private static X12Segment nm1(int position, String loop, String memberId) {
		return new X12Segment(position, "NM1", loop, List.of(List.of(List.of("IL")), List.of(List.of("1")),
				List.of(List.of("DOE")), List.of(List.of("JANE")), List.of(List.of("")), List.of(List.of("")),
				List.of(List.of("")), List.of(List.of("MI")), List.of(List.of(memberId))));
	}

	private static X12Segment se(int position, String controlNumber) {
		return new X12Segment(position, "SE", null, List.of(List.of(List.of(Integer.toString(position))),
				List.of(List.of(controlNumber))));
	}

	private static X12FunctionalGroup group(X12Transaction... transactions) {
		return new X12FunctionalGroup("HS", "OPENRCM", "SANDBOX", "20261129", "1200", "17", "005010X279A1",
				List.of(transactions), List.of());
	}
}
