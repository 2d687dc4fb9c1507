package org.openrcm.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import org.openrcm.server.errors.ErrorCode;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects FHIR requests whose body exceeds the configured limit with 413 and an OperationOutcome, before any of it
 * is parsed or stored. A declared {@code Content-Length} is checked up front; a body of unknown length (chunked)
 * is read up to the limit first, so the answer is still 413 rather than a parse error.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final FhirContext fhirContext;
	private final long limit;

	RequestBodyLimitFilter(FhirContext fhirContext, long limit) {
		this.fhirContext = fhirContext;
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			reject(request, response);
			return;
		}
		if (declared < 0 && hasBody(request)) {
			byte[] body = readAtMost(request.getInputStream(), limit + 1);
			if (body.length > limit) {
				reject(request, response);
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean hasBody(HttpServletRequest request) {
		String method = request.getMethod();
		return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
	}

	private static byte[] readAtMost(InputStream in, long max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		int n;
		while (total < max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total))) > 0) {
			out.write(buffer, 0, n);
			total += n;
		}
		return out.toByteArray();
	}

	private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String accept = request.getHeader("Accept");
		boolean xml = accept != null && accept.contains("xml") && !accept.contains("json");
		IParser parser = xml ? fhirContext.newXmlParser() : fhirContext.newJsonParser();
		String body = parser.setPrettyPrint(true).encodeResourceToString(ErrorCode.REQUEST_TOO_LARGE.outcome(
				"The request body is larger than the " + limit + "-byte limit (openrcm.fhir.max-request-body). "
						+ "Split the Bundle or raise the limit."));
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setContentType((xml ? "application/fhir+xml" : "application/fhir+json") + ";charset=UTF-8");
		// The client may still be sending; tell it the connection ends here.
		response.setHeader("Connection", "close");
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

	/** A request whose body has already been read into memory. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("the body is already in memory");
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(
					getInputStream(),
					encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
		}
	}
}
