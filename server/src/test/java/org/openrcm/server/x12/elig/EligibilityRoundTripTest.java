package org.openrcm.server.x12.elig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Envelope;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.X12Usage;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.elig.Eligibility.Benefit;
import org.openrcm.server.x12.elig.Eligibility.DatePeriod;
import org.openrcm.server.x12.elig.Eligibility.Party;
import org.openrcm.server.x12.elig.Eligibility.Person;
import org.openrcm.server.x12.elig.Eligibility.RequestError;
import org.openrcm.server.x12.elig.Eligibility.Trace;

/**
 * The 270 and 271 writers and readers on this project's own fixtures: what is written validates against the
 * 005010X279A1 schemas (the writer reads each interchange back) and reads back as what was written; hand-written 271s
 * (an active plan with deductible, out-of-pocket, copay, coinsurance and a visit limit needing authorization; a payer
 * that cannot answer) read into the benefits a biller looks for.
 */
class EligibilityRoundTripTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final X12Reader READER = new X12Reader(SCHEMAS);
	private static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 3, 15, 9, 12).toInstant(ZoneOffset.UTC),
			ZoneOffset.UTC);
	private static final X12InterchangeWriter WRITER = new X12InterchangeWriter(SCHEMAS, new InMemoryControlNumbers(),
			CLOCK);
	private static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "RIVERCLINIC", "ZZ", "GREENFIELDHP",
			"RIVERCLINIC", "GREENFIELDHP", X12Usage.TEST, false);
	private static final Party PAYER = Party.organization("PR", "GREENFIELD HEALTH PLAN", "PI", "GFHP1");
	private static final Party CLINIC = Party.organization("1P", "RIVERSIDE FAMILY CLINIC", "XX", "1457392044");

	@Test
	void aSubscriberInquiryIsWrittenValidAndReadsBack() {
		Person subscriber = new Person(Party.person("IL", "ACKERMANN", "LOTTE", "MI", "GF20418877"),
				LocalDate.of(1984, 2, 29), "F", "", List.of(new Trace("1", "ORCM-T1-CER-55", "9OPENRCM01", "")),
				List.of(DatePeriod.of("291", LocalDate.of(2026, 3, 20))), List.of("30", "98"), List.of(), List.of());
		EligibilityInquiry inquiry = new EligibilityInquiry("ELIG-77", LocalDateTime.of(2026, 3, 15, 9, 12), PAYER,
				CLINIC, subscriber, null);

		WrittenInterchange written = new Eligibility270Writer(WRITER).write(ENVELOPE, List.of(inquiry));

		assertThat(written.text()).contains("GS*HS*RIVERCLINIC*GREENFIELDHP*", "ST*270*", "*005010X279A1~",
				"TRN*1*ORCM-T1-CER-55*9OPENRCM01~", "NM1*IL*1*ACKERMANN*LOTTE****MI*GF20418877~",
				"DTP*291*D8*20260320~EQ*30~EQ*98~");
		X12Transaction transaction = single(written.bytes(), X12Guide.ELIGIBILITY_270);
		assertThat(Eligibility270Reader.read(transaction)).isEqualTo(inquiry);
	}

	@Test
	void aDependentInquiryPutsTheQuestionAtTheDependentLevel() {
		Person subscriber = new Person(Party.person("IL", "ACKERMANN", "JONAS", "MI", "GF20418877"), null, "", "",
				List.of(), List.of(), List.of(), List.of(), List.of());
		Person child = new Person(Party.person("03", "ACKERMANN", "MIA", "", ""), LocalDate.of(2015, 6, 1), "F", "",
				List.of(new Trace("1", "ORCM-T1-CER-56", "9OPENRCM01", "")),
				List.of(DatePeriod.of("291", LocalDate.of(2026, 3, 20))), List.of("30"), List.of(), List.of());
		EligibilityInquiry inquiry = new EligibilityInquiry("ELIG-78", LocalDateTime.of(2026, 3, 15, 9, 12), PAYER,
				CLINIC, subscriber, child);

		WrittenInterchange written = new Eligibility270Writer(WRITER).write(ENVELOPE, List.of(inquiry));

		assertThat(written.text()).contains("HL*3*2*22*1~NM1*IL*1*ACKERMANN*JONAS****MI*GF20418877~HL*4*3*23*0~"
				+ "TRN*1*ORCM-T1-CER-56*9OPENRCM01~NM1*03*1*ACKERMANN*MIA~");
		EligibilityInquiry read = Eligibility270Reader.read(single(written.bytes(), X12Guide.ELIGIBILITY_270));
		assertThat(read).isEqualTo(inquiry);
		assertThat(read.patient().name().firstName()).isEqualTo("MIA");
		assertThat(read.trace().orElseThrow().number()).isEqualTo("ORCM-T1-CER-56");
	}

	@Test
	void aTraceWithoutItsAssignerIsRefused() {
		Person subscriber = new Person(Party.person("IL", "ACKERMANN", "LOTTE", "MI", "GF20418877"), null, "", "",
				List.of(new Trace("1", "ORCM-T1-CER-55", "", "")), List.of(), List.of(), List.of(), List.of());
		EligibilityInquiry inquiry = new EligibilityInquiry("ELIG-79", null, PAYER, CLINIC, subscriber, null);

		assertThatThrownBy(() -> new Eligibility270Writer(WRITER).write(ENVELOPE, List.of(inquiry)))
				.isInstanceOf(X12ValidationException.class).hasMessageContaining("TRN");
	}

	@Test
	void aResponseWithBenefitsIsWrittenValidAndReadsBack() {
		EligibilityResponse response = new EligibilityResponse("", "ELIG-77", LocalDateTime.of(2026, 3, 15, 9, 12),
				PAYER, CLINIC, List.of(), new Person(Party.person("IL", "ACKERMANN", "LOTTE", "MI", "GF20418877"),
						LocalDate.of(1984, 2, 29), "F", "18", List.of(new Trace("2", "ORCM-T1-CER-55", "9OPENRCM01",
								"")), List.of(DatePeriod.of("346", LocalDate.of(2026, 1, 1))), List.of(), List.of(),
						List.of(Benefit.of("1", "IND", List.of("30"), "PR", "GREENFIELD SILVER PPO"),
								Benefit.of("C", "IND", List.of("30"), "PR", "").withAmount("29", new BigDecimal("1250"))
										.withIndicators("", "Y"),
								Benefit.of("A", "IND", List.of("98"), "PR", "").withAmount("27", null)
										.withPercent(new BigDecimal("0.2")).withIndicators("", "N")
										.withDetails(List.of(new DatePeriod("292", LocalDate.of(2026, 1, 1),
												LocalDate.of(2026, 12, 31))), List.of("AFTER DEDUCTIBLE")))),
				null);

		WrittenInterchange written = new Eligibility271Writer(WRITER).write(ENVELOPE, List.of(response));

		assertThat(written.text()).contains("ST*271*", "EB*C*IND*30*PR**29*1250*****Y~",
				"EB*A*IND*98*PR**27**0.2****N~DTP*292*RD8*20260101-20261231~MSG*AFTER DEDUCTIBLE~");
		EligibilityResponse read = Eligibility271Reader.read(single(written.bytes(), X12Guide.ELIGIBILITY_271));
		assertThat(read).usingRecursiveComparison().ignoringFields("controlNumber").isEqualTo(response);
		assertThat(read.traceNumber()).contains("ORCM-T1-CER-55");
	}

	@Test
	void aResponseWithoutASubscriberCarriesItsErrorsAtThePayer() {
		EligibilityResponse response = new EligibilityResponse("", "ELIG-78", LocalDateTime.of(2026, 3, 15, 9, 13),
				PAYER, null, List.of(new RequestError("2000A", "Y", "42", "R")), null, null);

		WrittenInterchange written = new Eligibility271Writer(WRITER).write(ENVELOPE, List.of(response));

		assertThat(written.text()).contains("HL*1**20*0~AAA*Y**42*R~NM1*PR*2*GREENFIELD HEALTH PLAN*****PI*GFHP1~SE");
		EligibilityResponse read = Eligibility271Reader.read(single(written.bytes(), X12Guide.ELIGIBILITY_271));
		assertThat(read).usingRecursiveComparison().ignoringFields("controlNumber").isEqualTo(response);
	}

	@Test
	void anActivePlanReadsIntoWhatABillerChecks() throws IOException {
		EligibilityResponse response = Eligibility271Reader.read(single(fixture("271-active-plan.edi"),
				X12Guide.ELIGIBILITY_271));

		assertThat(response.reference()).isEqualTo("ELIG-77");
		assertThat(response.traceNumber()).as("our TRN*2, not the payer's TRN*1").contains("ORCM-T1-CER-55");
		Person subscriber = response.patient().orElseThrow();
		assertThat(subscriber.date("346").orElseThrow().start()).isEqualTo(LocalDate.of(2026, 1, 1));
		assertThat(subscriber.date("347").orElseThrow().start()).isEqualTo(LocalDate.of(2026, 12, 31));
		List<Benefit> benefits = response.benefits();
		assertThat(benefits).extracting(Benefit::code).containsExactly("1", "C", "C", "G", "G", "B", "A", "CB");
		assertThat(benefits.get(0).planDescription()).isEqualTo("GREENFIELD SILVER PPO");
		assertThat(benefits.get(2).timePeriod()).isEqualTo("29");
		assertThat(benefits.get(2).amount()).isEqualByComparingTo("1250");
		assertThat(benefits.get(4).amount()).isEqualByComparingTo("3620.50");
		assertThat(benefits.get(5).messages()).containsExactly("PER OFFICE VISIT");
		assertThat(benefits.get(6).percent()).isEqualByComparingTo("0.2");
		assertThat(benefits.get(6).inNetwork()).isEqualTo("N");
		Benefit visits = benefits.get(7);
		assertThat(visits.quantityQualifier()).isEqualTo("VS");
		assertThat(visits.quantity()).isEqualByComparingTo("12");
		assertThat(visits.authorizationRequired()).isEqualTo("Y");
		assertThat(visits.dates()).containsExactly(new DatePeriod("292", LocalDate.of(2026, 1, 1),
				LocalDate.of(2026, 12, 31)));
	}

	@Test
	void aPayerThatCannotAnswerSaysSoAtTheTop() throws IOException {
		EligibilityResponse response = Eligibility271Reader.read(single(fixture("271-payer-unavailable.edi"),
				X12Guide.ELIGIBILITY_271));

		assertThat(response.receiver()).isNull();
		assertThat(response.patient()).isEmpty();
		assertThat(response.allErrors()).containsExactly(new RequestError("2000A", "Y", "42", "R"));
		assertThat(response.allErrors().get(0).description()).startsWith("42 (payer unable to respond at this time)");
	}

	@Test
	void readersRefuseOtherTransactions() throws IOException {
		X12Transaction response = single(fixture("271-payer-unavailable.edi"), X12Guide.ELIGIBILITY_271);

		assertThatThrownBy(() -> Eligibility270Reader.read(response)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("not a 270");
	}

	private static X12Transaction single(byte[] content, X12Guide guide) {
		X12ReadResult result = READER.read(content, X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).isEmpty();
		X12Transaction transaction = result.transactions().findFirst().orElseThrow();
		assertThat(transaction.guide()).contains(guide);
		return transaction;
	}

	private static byte[] fixture(String name) throws IOException {
		try (InputStream in = EligibilityRoundTripTest.class.getResourceAsStream("/fixtures/elig/" + name)) {
			return in.readAllBytes();
		}
	}
}
