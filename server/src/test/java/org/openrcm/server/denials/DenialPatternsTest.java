package org.openrcm.server.denials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.denials.DenialPatterns.GroupBy;
import org.openrcm.server.denials.DenialPatterns.Pattern;
import org.openrcm.server.denials.DenialPatterns.Query;

/**
 * The figures of "top denial reasons by payer" from denial Tasks as the posting writes them: grouped as asked,
 * within the period, summed to the cent, the largest amount first.
 */
class DenialPatternsTest {

	private static final String ACME = "Organization/acme";
	private static final String BETA = "Organization/beta";
	private static final String CPT = "http://www.ama-assn.org/go/cpt";
	private static final Instant JUNE_3 = Instant.parse("2024-06-03T10:00:00Z");
	private static final Instant JUNE_20 = Instant.parse("2024-06-20T16:30:00Z");
	private static final Instant JULY_2 = Instant.parse("2024-07-02T08:00:00Z");

	private final DenialPatterns patterns = new DenialPatterns();

	private final List<Task> tasks = List.of(
			denial(ACME, "197", "97110", DenialCategory.AUTHORIZATION, "85.10", JUNE_3),
			denial(ACME, "197", "97112", DenialCategory.AUTHORIZATION, "70.25", JUNE_20),
			denial(ACME, "50", "97110", DenialCategory.MEDICAL_NECESSITY, "85.10", JUNE_20),
			denial(BETA, "197", "97110", DenialCategory.AUTHORIZATION, "0.10", JUNE_3),
			denial(BETA, "197", "97110", DenialCategory.AUTHORIZATION, "0.20", JUNE_20),
			denial(BETA, "16", null, DenialCategory.MISSING_INFORMATION, "300.00", JULY_2));

	@Test
	void groupsByPayerAndReasonWithCountAndAmountLargestFirst() {
		List<Pattern> result = patterns.aggregate(tasks, new Query(Set.of(GroupBy.PAYER, GroupBy.CARC), null, null,
				null));

		assertThat(result).extracting(Pattern::payer, Pattern::carc, Pattern::count, Pattern::amount)
				.containsExactly(
						tuple(BETA, "16", 1, "300.00"),
						tuple(ACME, "197", 2, "155.35"),
						tuple(ACME, "50", 1, "85.10"),
						tuple(BETA, "197", 2, "0.30"));
		assertThat(result).allSatisfy(pattern -> {
			assertThat(pattern.procedure()).isNull();
			assertThat(pattern.category()).isNull();
		});
	}

	@Test
	void amountsAreSummedToTheCentWithoutFloatingPointDrift() {
		List<Task> many = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			many.add(denial(ACME, "45", "99213", DenialCategory.OTHER, "0.1", JUNE_3));
		}
		many.add(denial(ACME, "45", "99213", DenialCategory.OTHER, "1234.005", JUNE_3));

		Pattern only = patterns.aggregate(many, new Query(Set.of(GroupBy.CARC), null, null, null)).get(0);

		assertThat(only.count()).isEqualTo(11);
		assertThat(only.amount()).isEqualByComparingTo("1235.01").hasScaleOf(2);
	}

	@Test
	void groupsByProcedureAndCategory() {
		List<Pattern> byProcedure = patterns.aggregate(tasks, new Query(Set.of(GroupBy.PROCEDURE), null, null, null));
		assertThat(byProcedure).extracting(pattern -> pattern.procedure() == null ? null
				: pattern.procedure().getCode(), Pattern::count, Pattern::amount)
				.containsExactly(
						tuple(null, 1, "300.00"), // a claim-level denial has no procedure
						tuple("97110", 4, "170.50"),
						tuple("97112", 1, "70.25"));
		assertThat(byProcedure.get(1).procedure().getSystem()).isEqualTo(CPT);

		List<Pattern> byCategory = patterns.aggregate(tasks, new Query(Set.of(GroupBy.CATEGORY), null, null, null));
		assertThat(byCategory).extracting(Pattern::category, Pattern::count, Pattern::amount)
				.containsExactly(
						tuple(DenialCategory.MISSING_INFORMATION, 1, "300.00"),
						tuple(DenialCategory.AUTHORIZATION, 4, "155.65"),
						tuple(DenialCategory.MEDICAL_NECESSITY, 1, "85.10"));
	}

	@Test
	void thePeriodCountsFromItsStartUpToItsEnd() {
		Query june = new Query(Set.of(GroupBy.PAYER), Instant.parse("2024-06-01T00:00:00Z"),
				Instant.parse("2024-07-01T00:00:00Z"), null);

		assertThat(patterns.aggregate(tasks, june)).extracting(Pattern::payer, Pattern::count, Pattern::amount)
				.containsExactly(tuple(ACME, 3, "240.45"), tuple(BETA, 2, "0.30"));

		// the start is included, the end is not
		Query from20th = new Query(Set.of(GroupBy.PAYER), JUNE_20, JULY_2, null);
		assertThat(patterns.aggregate(tasks, from20th)).extracting(Pattern::payer, Pattern::count)
				.containsExactly(tuple(ACME, 2), tuple(BETA, 1));
	}

	@Test
	void onePayersDenialsOnly() {
		List<Pattern> result = patterns.aggregate(tasks, new Query(Set.of(GroupBy.CARC), null, null,
				"https://host/fhir/t1/Organization/acme/_history/3"));

		assertThat(result).extracting(Pattern::carc, Pattern::count).containsExactly(tuple("197", 2), tuple("50", 1));
	}

	@Test
	void onlyDenialTasksCountAndEnteredInErrorDoesNot() {
		Task rejection = denial(ACME, "197", "97110", DenialCategory.AUTHORIZATION, "999.00", JUNE_3);
		rejection.getCode().getCodingFirstRep().setCode("claim-rejection");
		Task mistake = denial(ACME, "197", "97110", DenialCategory.AUTHORIZATION, "999.00", JUNE_3);
		mistake.setStatus(Task.TaskStatus.ENTEREDINERROR);
		Task worked = denial(ACME, "197", "97110", DenialCategory.AUTHORIZATION, "1.00", JUNE_3);
		worked.setStatus(Task.TaskStatus.COMPLETED);

		List<Pattern> result = patterns.aggregate(List.of(rejection, mistake, worked),
				new Query(Set.of(GroupBy.PAYER), null, null, null));

		assertThat(result).extracting(Pattern::count, Pattern::amount).containsExactly(tuple(1, "1.00"));
	}

	@Test
	void aTaskWithoutCategoryOrAmountStillCounts() {
		Task bare = denial(ACME, "197", "97110", DenialCategory.AUTHORIZATION, "1.00", JUNE_3);
		bare.setReasonCode(null);
		bare.getInput().removeIf(input -> input.getType().getText().equals("amount"));

		Pattern only = patterns.aggregate(List.of(bare), new Query(Set.of(GroupBy.CATEGORY), null, null, null))
				.get(0);

		assertThat(only.category()).isEqualTo(DenialCategory.OTHER);
		assertThat(only.count()).isEqualTo(1);
		assertThat(only.amount()).isEqualByComparingTo(BigDecimal.ZERO);
	}

	@Test
	void thePayersNameComesFromTheTasks() {
		Pattern acme = patterns.aggregate(tasks, new Query(Set.of(GroupBy.PAYER), null, null, ACME)).get(0);

		assertThat(acme.payerName()).isEqualTo("Acme Health");
	}

	@Test
	void aQueryGroupsBySomething() {
		assertThatThrownBy(() -> new Query(Set.of(), null, null, null)).isInstanceOf(IllegalArgumentException.class);
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] instanceof String text && text.matches("\\d+\\.\\d{2}")) {
				values[i] = new BigDecimal(text);
			}
		}
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	/** A denial Task in the shape the remittance posting writes (see {@link DenialPatterns}). */
	static Task denial(String payer, String carc, String procedure, DenialCategory category, String amount,
			Instant authoredOn) {
		Task task = new Task();
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setCode(new CodeableConcept(new Coding(OpenRcmIg.WORK_QUEUE_CODE_SYSTEM, "denial", "Denial")));
		task.setReasonCode(new CodeableConcept(new Coding(DenialCategory.SYSTEM, category.code(), category.display())));
		task.setAuthoredOn(Date.from(authoredOn));
		task.setFocus(new Reference("Claim/1"));
		task.setFor(new Reference("Patient/1"));
		task.addInput().setType(new CodeableConcept().setText("carc")).setValue(new CodeableConcept()
				.addCoding(new Coding(DenialPatterns.CARC_SYSTEM, carc, null))
				.addCoding(new Coding(DenialPatterns.GROUP_SYSTEM, "CO", null)));
		Money money = new Money();
		money.setValue(new BigDecimal(amount));
		money.setCurrency("USD");
		task.addInput().setType(new CodeableConcept().setText("amount")).setValue(money);
		if (procedure != null) {
			task.addInput().setType(new CodeableConcept().setText("procedure"))
					.setValue(new CodeableConcept(new Coding(CPT, procedure, null)));
			task.addInput().setType(new CodeableConcept().setText("item-sequence")).setValue(new IntegerType(1));
		}
		task.addInput().setType(new CodeableConcept().setText("payer")).setValue(new Reference(payer)
				.setDisplay(ACME.equals(payer) ? "Acme Health" : null));
		return task;
	}
}
