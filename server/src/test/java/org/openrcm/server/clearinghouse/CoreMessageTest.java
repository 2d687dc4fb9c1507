package org.openrcm.server.clearinghouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openrcm.server.x12.X12Guide;

/** The real-time channel's multipart envelope, written and read back. */
class CoreMessageTest {

	private static final byte[] INTERCHANGE = ("ISA*00*          *00*          *ZZ*OPENRCM        *ZZ*PAYER          "
			+ "*241118*1200*^*00501*000000001*0*T*:~GS*HS*OPENRCM*PAYER*20241118*1200*1*X*005010X279A1~"
			+ "ST*270*0001*005010X279A1~\r\nBHT*0022*13*10001234*20241118*1200~SE*3*0001~GE*1*1~IEA*1*000000001~")
			.getBytes(StandardCharsets.US_ASCII);

	@Test
	void aMessageIsReadBackFieldForFieldAndByteForByte() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("PayloadType", CoreMessage.requestType(X12Guide.CLAIM_837P));
		fields.put("ProcessingMode", "RealTime");
		fields.put("Password", "s3cret");
		String boundary = CoreMessage.newBoundary();

		CoreMessage read = CoreMessage.parse(CoreMessage.contentType(boundary),
				new CoreMessage(fields, INTERCHANGE).encode(boundary));

		assertThat(read.fields()).containsExactlyEntriesOf(fields);
		assertThat(read.payload()).isEqualTo(INTERCHANGE);
		assertThat(read.field("PayloadType")).hasValue("X12_837_Request_005010X222A1");
		assertThat(read.toString()).doesNotContain("s3cret");
	}

	@Test
	void theResponseTypeIsTakenFromTheAnswersFirstTransactionSet() {
		assertThat(CoreMessage.responseType(INTERCHANGE)).isEqualTo("X12_270_Response_005010X279A1");
		assertThat(CoreMessage.responseType("no x12 here".getBytes(StandardCharsets.US_ASCII)))
				.isEqualTo("X12_Response");
	}

	@Test
	void aBodyThatIsNotMultipartOrHasNoPayloadIsRefused() {
		String boundary = CoreMessage.newBoundary();
		byte[] withoutPayload = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"PayloadType\"\r\n\r\n"
				+ "X12_270_Request_005010X279A1\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);

		assertThatThrownBy(() -> CoreMessage.parse("text/plain", INTERCHANGE))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a multipart body");
		assertThatThrownBy(() -> CoreMessage.parse(CoreMessage.contentType(boundary), withoutPayload))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Payload part");
		assertThatThrownBy(() -> CoreMessage.parse(CoreMessage.contentType(boundary),
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"Payload\"\r\n\r\nISA*")
						.getBytes(StandardCharsets.US_ASCII)))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
	}
}
