package org.openrcm.server.support;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * Raw HTTP access to the running server, the way an EHR or curl talks to it: tests assert status codes and bodies
 * exactly as a client sees them.
 */
public final class FhirHttp {

	public static final String FHIR_JSON = "application/fhir+json";

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private final HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	private final String base;

	public FhirHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public static FhirContext fhir() {
		return FHIR;
	}

	/** A response as the client saw it. */
	public record Response(int status, String body, String contentType) {

		public <T extends IBaseResource> T resource(Class<T> type) {
			return FHIR.newJsonParser().parseResource(type, body);
		}

		/** The body as whatever resource it is. */
		public IBaseResource resource() {
			return FHIR.newJsonParser().parseResource(body);
		}

		public OperationOutcome outcome() {
			return resource(OperationOutcome.class);
		}
	}

	/** GET {@code /fhir/{tenant}/{path}}. */
	public Response get(String tenant, String path) {
		return send(HttpRequest.newBuilder(uri("/fhir/" + tenant + "/" + path)).GET());
	}

	/** GET {@code /fhir/{tenant}/{path}} asking for a media type ({@code Accept}). */
	public Response get(String tenant, String path, String accept) {
		return send(HttpRequest.newBuilder(uri("/fhir/" + tenant + "/" + path)).header("Accept", accept).GET());
	}

	/** GET on any server path (actuator, swagger). */
	public Response getPath(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	public Response post(String tenant, String path, String body, String contentType) {
		return send(HttpRequest.newBuilder(uri("/fhir/" + tenant + "/" + path))
				.header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	/** POST a body of unknown length (chunked transfer encoding). */
	public Response postChunked(String tenant, String path, InputStream body, String contentType) {
		return send(HttpRequest.newBuilder(uri("/fhir/" + tenant + "/" + path))
				.header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)));
	}

	public Response post(String tenant, String path, IBaseResource resource) {
		return post(tenant, path, FHIR.newJsonParser().encodeResourceToString(resource), FHIR_JSON);
	}

	public Response put(String tenant, String path, IBaseResource resource) {
		return send(HttpRequest.newBuilder(uri("/fhir/" + tenant + "/" + path))
				.header("Content-Type", FHIR_JSON)
				.PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(resource))));
	}

	/** Searches and returns the Bundle; fails the test on a non-200 answer. */
	public Bundle search(String tenant, String query) {
		Response response = get(tenant, query);
		if (response.status() != 200) {
			throw new AssertionError("search " + query + " answered " + response.status() + ": " + response.body());
		}
		return response.resource(Bundle.class);
	}

	/**
	 * Creates a tenant with a fresh name through the documented call
	 * ({@code POST /fhir/DEFAULT/$partition-management-create-partition}) and returns the name.
	 */
	public String createTenant() {
		return createTenant("T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
	}

	/** Creates the tenant {@code name} through the documented call and returns the name. */
	public String createTenant(String name) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("name").setValue(new StringType(name));
		Response response = post("DEFAULT", "$partition-management-create-partition", parameters);
		if (response.status() != 200) {
			throw new AssertionError("creating tenant " + name + " answered " + response.status() + ": " + response.body());
		}
		return name;
	}

	public Response delete(String tenant, String path) {
		return send(HttpRequest.newBuilder(uri("/fhir/" + tenant + "/" + path)).DELETE());
	}

	private URI uri(String path) {
		return URI.create(base + path);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(
					request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(
					response.statusCode(),
					response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
