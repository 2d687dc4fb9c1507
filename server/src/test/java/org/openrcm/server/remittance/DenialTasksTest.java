package org.openrcm.server.remittance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrcm.server.remittance.RemittanceFixtures.adjustment;
import static org.openrcm.server.remittance.RemittanceFixtures.claim;
import static org.openrcm.server.remittance.RemittanceFixtures.claimPayment;
import static org.openrcm.server.remittance.RemittanceFixtures.line;
import static org.openrcm.server.remittance.RemittanceFixtures.queued;
import static org.openrcm.server.remittance.RemittanceFixtures.remittance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.openrcm.server.denials.DenialClassifier;
import org.openrcm.server.remittance.RemittancePosting.Target;
import org.openrcm.server.x12.remit.Remittance;

class DenialTasksTest {

	private static final Instant STARTED = Instant.parse("2026-11-21T08:00:00Z");
	private static final PostingKey KEY = new PostingKey("clinic", "1999999999", "TRACE1");
	private static final DenialTasks TASKS = new DenialTasks(DenialClassifier.standard(),
			tenant -> Map.of("clinic", 14).getOrDefault(tenant, 30), new BigDecimal("1000"),
			tenant -> "clinic".equals(tenant) ? "Organization/billing-team" : null);

	/** Line 1: CO-45 (contractual) and PR-2 (the patient's); line 2 denied CO-197 for 1,200.00. */
	private static ClaimResponse posted() {
		Remittance remittance = remittance("64.00", List.of(claimPayment("c1", "1", "1300.00", "64.00", "16.00",
				"PCN-c1", List.of(), List.of(
						line("99213", "100.00", "64.00", "1", List.of(adjustment("CO", "45", "20.00"),
								adjustment("PR", "2", "16.00"))),
						line("36415", "1200.00", "0.00", "2", List.of(adjustment("CO", "197", "1200.00")), "N54")))),
				List.of());
		return (ClaimResponse) new RemittancePosting(remittance, KEY, STARTED, RemittancePosting.Derivations.NONE)
				.post(0, new Target(claim("c1"), List.of(queued("r1", "c1")))).get(0);
	}

	@Test
	void aDeniedLineBecomesOneTaskAndContractualOrPatientAmountsNone() {
		List<Task> tasks = TASKS.tasks(claim("c1"), posted(), KEY, KEY.claim(0), null, STARTED);

		assertThat(tasks).singleElement().satisfies(task -> {
			assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("denial");
			assertThat(task.getReasonCode().getCodingFirstRep().getCode()).isEqualTo("authorization");
			assertThat(task.getBusinessStatus().getText()).isEqualTo("OBTAIN_AUTHORIZATION");
			assertThat(task.getPriority()).as("1,200.00 is at least the urgent amount")
					.isEqualTo(Task.TaskPriority.URGENT);
			assertThat(task.getRestriction().getPeriod().getEndElement().getValueAsString())
					.as("payment date 2026-11-20 + the tenant's 14 days").startsWith("2026-12-04");
			assertThat(task.getOwner().getReference()).isEqualTo("Organization/billing-team");
			assertThat(task.getFocus().getReference()).isEqualTo("Claim/c1");
			assertThat(task.getReasonReference().getReference()).isEqualTo("ClaimResponse/r1");
			assertThat(task.getDescription()).contains("CO-197").contains("line 2 (36415)")
					.contains("PRIOR-AUTH-REQUIRED");
			assertThat(input(task, "item-sequence").primitiveValue()).isEqualTo("2");
			assertThat(task.getInput()).anySatisfy(i -> assertThat(i.getType().getText()).isEqualTo("rarc"));
			assertThat(task.getAuthoredOn().toInstant()).isEqualTo(STARTED);
		});
	}

	@Test
	void aReversedAdjudicationOpensNoTask() {
		ClaimResponse reversed = posted().setStatus(ClaimResponse.ClaimResponseStatus.CANCELLED);

		assertThat(TASKS.tasks(claim("c1"), reversed, KEY, KEY.claim(0), null, STARTED)).isEmpty();
	}

	@Test
	void theSamePostingGivesTheSameTaskIds() {
		List<Task> first = TASKS.tasks(claim("c1"), posted(), KEY, KEY.claim(0), null, STARTED);
		List<Task> again = TASKS.tasks(claim("c1"), posted(), KEY, KEY.claim(0), null, STARTED);

		assertThat(again).extracting(t -> t.getIdElement().getIdPart())
				.containsExactlyElementsOf(first.stream().map(t -> t.getIdElement().getIdPart()).toList());
	}

	private static org.hl7.fhir.r4.model.Type input(Task task, String name) {
		return task.getInput().stream().filter(i -> name.equals(i.getType().getText())).findFirst().orElseThrow()
				.getValue();
	}
}
