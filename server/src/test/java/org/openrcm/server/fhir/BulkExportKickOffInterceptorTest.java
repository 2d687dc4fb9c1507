package org.openrcm.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class BulkExportKickOffInterceptorTest {

	private final BulkExportKickOffInterceptor interceptor =
			new BulkExportKickOffInterceptor(Set.of("Patient", "Claim", "ExplanationOfBenefit"));

	private static SystemRequestDetails kickOff(String prefer, String... types) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setOperation("$export");
		if (prefer != null) {
			request.addHeader("Prefer", prefer);
		}
		if (types.length > 0) {
			request.addParameter("_type", types);
		}
		return request;
	}

	private static String code(InvalidRequestException refused) {
		return ((OperationOutcome) refused.getOperationOutcome()).getIssueFirstRep().getDetails()
				.getCodingFirstRep().getCode();
	}

	@Test
	void anAsynchronousKickOffOfServedTypesPasses() {
		interceptor.checkKickOff(kickOff("respond-async", "Claim,ExplanationOfBenefit"));
		interceptor.checkKickOff(kickOff("return=minimal, respond-async"));
		interceptor.checkKickOff(kickOff("Respond-Async; wait=10", "Patient"));
	}

	@Test
	void aKickOffWithoutRespondAsyncIsRefused() {
		assertThatThrownBy(() -> interceptor.checkKickOff(kickOff(null, "Patient")))
				.isInstanceOfSatisfying(InvalidRequestException.class,
						refused -> assertThat(code(refused)).isEqualTo("ORCM-1011"));
		assertThatThrownBy(() -> interceptor.checkKickOff(kickOff("return=minimal")))
				.isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void aKickOffNamingUnknownTypesIsRefusedNamingThem() {
		assertThatThrownBy(() -> interceptor.checkKickOff(kickOff("respond-async", "Claim,Spaceship", "Starship")))
				.isInstanceOfSatisfying(InvalidRequestException.class, refused -> {
					assertThat(code(refused)).isEqualTo("ORCM-1012");
					assertThat(refused.getMessage()).contains("does not store: Spaceship, Starship;");
				});
	}

	@Test
	void otherOperationsAreNotChecked() {
		SystemRequestDetails poll = new SystemRequestDetails();
		poll.setOperation("$export-poll-status");
		interceptor.checkKickOff(poll);
	}
}
