package org.openrcm.server.clearinghouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrcm.server.x12.X12Guide;

/**
 * One message of the real-time channel, in the CAQH CORE connectivity style (rule vC2.2.0, HTTP MIME multipart): a
 * {@code multipart/form-data} body whose parts are named fields - the envelope ({@code PayloadType},
 * {@code ProcessingMode}, {@code PayloadID}, {@code TimeStamp}, {@code SenderID}, {@code ReceiverID},
 * {@code CORERuleVersion}; a request adds {@code UserName} and {@code Password}, a response {@code ErrorCode} and
 * {@code ErrorMessage}) and the X12 interchange itself in {@code Payload}.
 *
 * <p>Only what this server and its sandbox exchange is read: parts are named by {@code Content-Disposition}, other
 * headers of a part are ignored, and a part's content is taken byte for byte (no transfer encodings).
 *
 * @param fields the envelope fields by name, in order (never {@code Payload})
 * @param payload the X12 interchange
 */
public record CoreMessage(Map<String, String> fields, byte[] payload) {

	/** The envelope's rule version. */
	public static final String RULE_VERSION = "2.2.0";
	/** {@code ErrorCode} of an answer that carries the response. */
	public static final String SUCCESS = "Success";
	/** {@code ErrorCode} when the login is refused. */
	public static final String UNAUTHORIZED = "UnAuthorized";
	/** {@code ErrorCode} when the payload type is not one the receiver takes on this channel. */
	public static final String PAYLOAD_TYPE_INCORRECT = "PayloadTypeIncorrect";
	/** {@code ErrorCode} when the message is not a well-formed envelope (a field or the payload missing). */
	public static final String ENVELOPE_INCORRECT = "EnvelopeIncorrect";
	/** {@code ErrorCode} when the receiver or the payer behind it cannot answer now. */
	public static final String RECEIVER_UNAVAILABLE = "ReceiverUnavailable";

	private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
	private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
	private static final SecureRandom RANDOM = new SecureRandom();

	public CoreMessage {
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
		payload = payload.clone();
	}

	@Override
	public byte[] payload() {
		return payload.clone();
	}

	/** A field's value, or empty. */
	public Optional<String> field(String name) {
		return Optional.ofNullable(fields.get(name));
	}

	/** {@code X12_270_Request_005010X279A1}: the payload type of a request of a guide. */
	public static String requestType(X12Guide guide) {
		return "X12_" + guide.transactionSetId() + "_Request_" + guide.version();
	}

	/**
	 * The payload type of an answer interchange, from its first ST segment: {@code X12_271_Response_005010X279A1},
	 * {@code X12_999_Response_005010X231A1}.
	 */
	public static String responseType(byte[] interchange) {
		String text = new String(interchange, StandardCharsets.ISO_8859_1);
		Matcher st = Pattern.compile("(?:^|[^A-Z0-9])ST(.)(\\d{3})\\1[^~\\r\\n]*?\\1([0-9A-Z]{6,12})").matcher(text);
		return st.find() ? "X12_" + st.group(2) + "_Response_" + st.group(3) : "X12_Response";
	}

	/** The body as {@code multipart/form-data} under the given boundary. */
	public byte[] encode(String boundary) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 1024);
		fields.forEach((name, value) -> part(out, boundary, name, value.getBytes(StandardCharsets.UTF_8)));
		part(out, boundary, "Payload", payload);
		out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	/** A boundary that cannot occur in an X12 interchange (which has no {@code =} runs of this kind). */
	public static String newBoundary() {
		byte[] random = new byte[12];
		RANDOM.nextBytes(random);
		return "====openrcm-core-" + HexFormat.of().formatHex(random);
	}

	/** The {@code Content-Type} header of a body under a boundary. */
	public static String contentType(String boundary) {
		return "multipart/form-data; boundary=\"" + boundary + "\"";
	}

	private static void part(ByteArrayOutputStream out, String boundary, String name, byte[] content) {
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
				+ (name.equals("Payload") ? "Content-Type: application/EDI-X12\r\n" : "") + "\r\n";
		out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(content);
		out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Reads a multipart body.
	 *
	 * @param contentType the {@code Content-Type} header, which names the boundary
	 * @param body the body
	 * @throws IllegalArgumentException when the body is not multipart under that boundary or has no payload
	 */
	public static CoreMessage parse(String contentType, byte[] body) {
		Matcher boundaryMatch = BOUNDARY.matcher(contentType == null ? "" : contentType);
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
				|| !boundaryMatch.find()) {
			throw new IllegalArgumentException("not a multipart body (Content-Type " + contentType + ")");
		}
		// ISO-8859-1 maps every byte to one char and back, so positions in the text are positions in the body
		String text = new String(body, StandardCharsets.ISO_8859_1);
		String delimiter = "--" + boundaryMatch.group(1);
		Map<String, String> fields = new LinkedHashMap<>();
		byte[] payload = null;
		int at = text.indexOf(delimiter);
		while (at >= 0) {
			int start = at + delimiter.length();
			if (text.startsWith("--", start)) {
				break;
			}
			int headersEnd = text.indexOf("\r\n\r\n", start);
			int next = text.indexOf("\r\n" + delimiter, start);
			if (headersEnd < 0 || next < 0 || headersEnd > next) {
				throw new IllegalArgumentException("a part of the multipart body is cut short");
			}
			Matcher name = NAME.matcher(text.substring(start, headersEnd));
			if (name.find()) {
				byte[] content = new byte[next - headersEnd - 4];
				System.arraycopy(body, headersEnd + 4, content, 0, content.length);
				if (name.group(1).equals("Payload")) {
					payload = content;
				} else {
					fields.put(name.group(1), new String(content, StandardCharsets.UTF_8).trim());
				}
			}
			at = next + 2;
		}
		if (payload == null) {
			throw new IllegalArgumentException("the multipart body has no Payload part");
		}
		return new CoreMessage(fields, payload);
	}

	/** Never the password. */
	@Override
	public String toString() {
		Map<String, String> shown = new LinkedHashMap<>(fields);
		shown.computeIfPresent("Password", (name, value) -> "***");
		return "CoreMessage" + shown + " with " + payload.length + " payload bytes";
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CoreMessage message && fields.equals(message.fields)
				&& Arrays.equals(payload, message.payload);
	}

	@Override
	public int hashCode() {
		return fields.hashCode() * 31 + Arrays.hashCode(payload);
	}
}
