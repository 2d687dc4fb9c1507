package org.openrcm.server.x12.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.InMemoryControlNumbers;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12InterchangeWriter;
import org.openrcm.server.x12.X12ReadResult;
import org.openrcm.server.x12.X12Reader;
import org.openrcm.server.x12.X12Schemas;
import org.openrcm.server.x12.X12ValidationException;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Kind;
import org.openrcm.server.x12.auth.AuthorizationReview.Party;
import org.openrcm.server.x12.auth.AuthorizationReview.Rejection;

/** 278 requests and responses written, validated, and read back into the same {@link AuthorizationReview}. */
class Authorization278WriterTest {

	private static final X12Schemas SCHEMAS = X12Schemas.load();
	private static final Authorization278Writer WRITER = new Authorization278Writer(new X12InterchangeWriter(SCHEMAS,
			new InMemoryControlNumbers(), Clock.fixed(Instant.parse("2026-11-29T18:05:00Z"), ZoneOffset.UTC)));

	@Test
	void aRequestRoundTrips() {
		AuthorizationReview request = Authorization278Fixtures.request("W123456789", "70551", "95810");

		WrittenInterchange written = WRITER.write(Authorization278Fixtures.REQUESTER, List.of(request));

		assertThat(written.text()).contains("ST*278*0001*005010X217~BHT*0007*13*PA-1*20261129*1805~")
				.contains("~NM1*IL*1*DOE*JANE****MI*W123456789~REF*EJ*ACCT9~DMG*D8*19800517*F~")
				.contains("~UM*HS*I*1*11:B**E~").contains("~HI*ABK:G4733*ABF:R51~")
				.contains("~HL*5*4*SS*0~TRN*1*PA-1-1*9OPENRCM00~UM*HS*I~DTP*472*D8*20261201~SV1*HC:70551:26*410*UN*1~")
				.doesNotContain("HCR").doesNotContain("AAA");
		AuthorizationReview read = readBack(written);
		assertThat(read).usingRecursiveComparison().ignoringFields("controlNumber").isEqualTo(request);
		assertThat(read.controlNumber()).isEqualTo("0001");
	}

	@Test
	void aCertifiedResponseRoundTripsWithItsNumberOnEveryService() {
		AuthorizationReview request = Authorization278Fixtures.request("W123456789", "70551");
		AuthorizationReview response = Authorization278Fixtures.response(request,
				new Decision("A1", "AUTH-77", null, false), List.of());

		WrittenInterchange written = WRITER.write(Authorization278Fixtures.UMO, List.of(response));

		assertThat(written.text()).contains("BHT*0007*11*PA-1*").contains("~TRN*2*PA-1*9OPENRCM00~UM*HS*I*1*11:B**E~"
				+ "HCR*A1*AUTH-77~DTP*AAH*RD8*20261201-20270228~");
		AuthorizationReview read = readBack(written);
		assertThat(read).usingRecursiveComparison().ignoringFields("controlNumber").isEqualTo(response);
		assertThat(read.services()).singleElement()
				.satisfies(s -> assertThat(s.decision().reviewAction()).contains(ReviewAction.CERTIFIED));
	}

	@Test
	void aRejectedResponseCarriesItsAaaWhereItBelongs() {
		AuthorizationReview request = Authorization278Fixtures.request("X0", "70551");
		AuthorizationReview response = Authorization278Fixtures.response(request,
				new Decision("A3", null, "35", false), List.of(new Rejection("2010C", false, "72", "C"),
						new Rejection("2000E", false, "15", "C")));

		WrittenInterchange written = WRITER.write(Authorization278Fixtures.UMO, List.of(response));

		assertThat(written.text()).contains("~NM1*IL*1*DOE*JANE****MI*X0~REF*EJ*ACCT9~AAA*N**72*C~DMG*")
				.contains("~TRN*2*PA-1*9OPENRCM00~AAA*N**15*C~UM*").contains("~HCR*A3**35~");
		AuthorizationReview read = readBack(written);
		assertThat(read.allRejections()).containsExactlyInAnyOrder(new Rejection("2010C", false, "72", "C"),
				new Rejection("2000E", false, "15", "C"));
		assertThat(read).usingRecursiveComparison().ignoringFields("controlNumber").isEqualTo(response);
	}

	@Test
	void aRequestDoesNotWriteTheResponseOnlyParts() {
		AuthorizationReview request = Authorization278Fixtures.request("W1", "70551");
		AuthorizationReview withDecision = new AuthorizationReview(Kind.REQUEST, "", request.reference(),
				request.created(), null, request.umo(), request.requester(), request.subscriber(), null,
				new AuthorizationReview.PatientEvent(request.event().traces(), request.event().review(),
						new Decision("A1", "X", null, false), List.of(), List.of(), List.of(), List.of(),
						List.of(new Rejection("2000E", false, "15", "C"))), List.of(), List.of());

		String text = WRITER.write(Authorization278Fixtures.REQUESTER, List.of(withDecision)).text();

		assertThat(text).doesNotContain("HCR").doesNotContain("AAA");
	}

	@Test
	void aRequestCarryingAnHcrIsNeitherRequestNorResponse() {
		AuthorizationReview response = Authorization278Fixtures.response(
				Authorization278Fixtures.request("W1", "70551"), new Decision("A1", "N1", null, false), List.of());
		String asRequest = WRITER.write(Authorization278Fixtures.UMO, List.of(response)).text()
				.replace("BHT*0007*11*", "BHT*0007*13*");

		X12ReadResult result = new X12Reader(SCHEMAS).read(asRequest.getBytes(StandardCharsets.UTF_8),
				X12Reader.Options.DEFAULT.keepingSegments());

		assertThat(result.allErrors()).as("the shared schema allows HCR in both directions").isEmpty();
		assertThat(Authorization278Reader.kindOf(result.transactions().findFirst().orElseThrow())).isEmpty();
	}

	@Test
	void aSubscriberWithoutMemberIdIsRefusedBeforeAnythingIsSent() {
		AuthorizationReview request = Authorization278Fixtures.request("W1", "70551");
		AuthorizationReview noMemberId = new AuthorizationReview(Kind.REQUEST, "", request.reference(),
				request.created(), null, request.umo(), request.requester(),
				Party.person("IL", "DOE", "JANE", null, null), null, request.event(), request.services(), List.of());

		assertThatThrownBy(() -> WRITER.write(Authorization278Fixtures.REQUESTER, List.of(noMemberId)))
				.isInstanceOf(X12ValidationException.class).hasMessageContaining("NM1");
	}

	private static AuthorizationReview readBack(WrittenInterchange written) {
		X12ReadResult result = new X12Reader(SCHEMAS).read(written.bytes(),
				X12Reader.Options.DEFAULT.keepingSegments());
		assertThat(result.allErrors()).isEmpty();
		return Authorization278Reader.read(result.transactions().findFirst().orElseThrow());
	}
}
