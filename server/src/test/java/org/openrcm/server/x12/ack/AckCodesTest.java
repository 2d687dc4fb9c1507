package org.openrcm.server.x12.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.openrcm.server.x12.X12ErrorCode;
import org.openrcm.server.x12.X12ErrorLevel;
import org.openrcm.server.x12.ack.ClaimAcknowledgment.Status;

/**
 * The words a biller sees for acknowledgment codes: every claim acknowledgment category is classed as accepted or
 * rejected as documented, every code the 999 derivation can write has words, and unknown codes are shown as they are.
 */
class AckCodesTest {

	@ParameterizedTest
	@CsvSource({"A0, true, false", "A1, true, false", "A2, true, false", "A5, true, false", "A3, false, true",
			"A4, false, true", "A6, false, true", "A7, false, true", "A8, false, true", "P1, false, false",
			"F2, false, false"})
	void claimAcknowledgmentCategories(String category, boolean accepted, boolean rejected) {
		assertThat(ClaimStatusCodes.category(category)).isPresent();
		assertThat(ClaimStatusCodes.isAccepted(category)).isEqualTo(accepted);
		assertThat(ClaimStatusCodes.isRejected(category)).isEqualTo(rejected);
		assertThat(new Status(category, "20", "").accepted()).isEqualTo(accepted);
	}

	@Test
	void theSandboxsStatusCodesHaveWords() {
		assertThat(new Status("A3", "33", "IL").description()).isEqualTo("A3 (rejected: returned as unprocessable,"
				+ " never entered adjudication) / 33 (no subscriber with this subscriber id was found) / IL (subscriber)");
		assertThat(new Status("A3", "26", "PR").description()).endsWith("26 (the entity named was not found) / PR (payer)");
		assertThat(new Status("A7", "510", "").description()).contains("510 (a date lies in the future");
		assertThat(ClaimStatusCodes.status("187")).contains("the date(s) of service");
		assertThat(ClaimStatusCodes.status("484")).hasValueSatisfying(words -> assertThat(words).contains("not available"));
	}

	@Test
	void unknownCodesAreShownAsTheyAre() {
		assertThat(ClaimStatusCodes.status("9999")).isEmpty();
		assertThat(new Status("ZZ", "9999", "XX").description()).isEqualTo("ZZ / 9999 / XX");
		assertThat(ImplementationAckCodes.segmentError("Q")).isEmpty();
		assertThat(new ImplementationAcknowledgment.GroupResponse("Q", 0, 0, 0, List.of()).statusDescription())
				.isEqualTo("Q");
	}

	@ParameterizedTest
	@EnumSource(X12ErrorCode.class)
	void everyFaultThe999CanReportHasWords(X12ErrorCode code) {
		if (code.ackCode() == null) {
			return;
		}
		X12ErrorLevel level = code.level();
		switch (level) {
			case SEGMENT -> assertThat(ImplementationAckCodes.segmentError(code.ackCode())).as("IK304 %s", code)
					.isPresent();
			case ELEMENT -> assertThat(ImplementationAckCodes.elementError(code.ackCode())).as("IK403 %s", code)
					.isPresent();
			case TRANSACTION -> assertThat(ImplementationAckCodes.transactionSetError(code.ackCode()))
					.as("IK502 %s", code).isPresent();
			case GROUP -> assertThat(ImplementationAckCodes.groupError(code.ackCode())).as("AK905 %s", code)
					.isPresent();
			default -> {
				// interchange and input faults go to a TA1, not a 999
			}
		}
	}

	@ParameterizedTest
	@CsvSource({"A, true", "E, true", "R, false", "M, false", "W, false", "X, false"})
	void transactionSetStatuses(String status, boolean accepted) {
		ImplementationAcknowledgment.TransactionSetResponse response = new ImplementationAcknowledgment
				.TransactionSetResponse("837", "0001", "", status, List.of(), List.of());
		assertThat(response.accepted()).isEqualTo(accepted);
		assertThat(response.statusDescription()).startsWith(status + " (");
	}
}
