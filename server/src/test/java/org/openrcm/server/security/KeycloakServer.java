package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real Keycloak for integration tests: the distribution Maven unpacked into {@code target/keycloak}
 * ({@code org.keycloak:keycloak-quarkus-dist}, see the server POM), started in development mode on a free loopback
 * port with an in-memory database and the shipped realm ({@code docker/keycloak/openrcm-realm.json}) imported. The
 * host name is fixed to {@code 127.0.0.1:<port>} so the issuer is the same whoever asks. A temporary administrator
 * of the {@code master} realm, with a password made up for this run, lets tests add what they need through the admin
 * REST API ({@link #adminToken()}). Its output goes to a log file; {@link #close()} stops the JVM that {@code kc.sh}
 * started, and the script.
 */
final class KeycloakServer implements AutoCloseable {

	static final String REALM = "openrcm";
	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private static final String ADMIN = "admin";

	private final Process process;
	private final int port;
	private final String adminPassword;

	private KeycloakServer(Process process, int port, String adminPassword) {
		this.process = process;
		this.port = port;
		this.adminPassword = adminPassword;
	}

	/** The realm file the project ships. */
	static Path realmFile() {
		Path realm = Path.of("..", "docker", "keycloak", "openrcm-realm.json").toAbsolutePath().normalize();
		assertThat(realm).exists();
		return realm;
	}

	/**
	 * Starts Keycloak without waiting for it (see {@link #awaitReady()}).
	 *
	 * @param backendJwks the JWKS URL the SMART Backend Services client ({@code openrcm-backend}) authenticates
	 *                    with, in place of the shipped placeholder
	 */
	static KeycloakServer start(int port, Path log, String backendJwks) throws IOException {
		Path home = home();
		Path imports = home.resolve("data").resolve("import");
		Files.createDirectories(imports);
		try (Stream<Path> old = Files.list(imports)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		ObjectMapper json = new ObjectMapper();
		JsonNode realm = json.readTree(realmFile().toFile());
		for (JsonNode client : realm.path("clients")) {
			if ("openrcm-backend".equals(client.path("clientId").asText())) {
				((ObjectNode) client.path("attributes")).put("jwks.url", backendJwks);
			}
		}
		json.writeValue(imports.resolve("openrcm-realm.json").toFile(), realm);
		ProcessBuilder builder = new ProcessBuilder(List.of("sh", home.resolve("bin").resolve("kc.sh").toString(),
				"start-dev", "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=http://127.0.0.1:" + port,
				"--import-realm", "--db=dev-mem"))
				.directory(home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
		String java = ProcessHandle.current().info().command().orElse("java");
		builder.environment().put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
		// appended to Keycloak's own options (JAVA_OPTS would replace them, --add-opens included)
		builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -Xmx384m");
		String adminPassword = UUID.randomUUID().toString();
		builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
		builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
		KeycloakServer server = new KeycloakServer(builder.start(), port, adminPassword);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.process.descendants().forEach(ProcessHandle::destroyForcibly);
			server.process.destroyForcibly();
		}));
		return server;
	}

	private static Path home() throws IOException {
		Path unpacked = Path.of("target", "keycloak").toAbsolutePath();
		assertThat(unpacked).as("Keycloak is unpacked by the build's pre-integration-test phase").isDirectory();
		try (Stream<Path> dirs = Files.list(unpacked)) {
			return dirs.filter(dir -> dir.getFileName().toString().startsWith("keycloak-")
					&& Files.exists(dir.resolve("bin").resolve("kc.sh")))
					.findFirst()
					.orElseThrow(() -> new AssertionError("no keycloak-*/bin/kc.sh in " + unpacked));
		}
	}

	/** Waits until the realm's OpenID configuration is served, failing when the process ends first. */
	void awaitReady() throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
		while (Instant.now().isBefore(deadline)) {
			assertThat(process.isAlive()).as("Keycloak is running").isTrue();
			try {
				HttpResponse<Void> response = client.send(HttpRequest.newBuilder(discovery).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			} catch (IOException notYetListening) {
				// starting
			}
			Thread.sleep(1000);
		}
		throw new AssertionError("Keycloak did not serve " + discovery + " within " + START_TIMEOUT);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	String issuer() {
		return baseUrl() + "/realms/" + REALM;
	}

	String tokenEndpoint() {
		return issuer() + "/protocol/openid-connect/token";
	}

	String authorizationEndpoint() {
		return issuer() + "/protocol/openid-connect/auth";
	}

	/** An access token of the temporary {@code master} administrator, for the admin REST API. */
	String adminToken() throws IOException, InterruptedException {
		String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password="
				+ URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(baseUrl() + "/realms/master/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("the temporary administrator signs in").isEqualTo(200);
		return new ObjectMapper().readTree(response.body()).path("access_token").asText();
	}

	@Override
	public void close() throws InterruptedException {
		// the JVM kc.sh started is found while the script still runs: once it ends, the JVM has no parent to find
		List<ProcessHandle> children = process.descendants().toList();
		children.forEach(ProcessHandle::destroy);
		process.destroy();
		for (ProcessHandle child : children) {
			try {
				child.onExit().get(30, TimeUnit.SECONDS);
			} catch (TimeoutException | ExecutionException e) {
				child.destroyForcibly();
			}
		}
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

	static File logFile(String name) throws IOException {
		Path dir = Path.of("target", "keycloak-logs");
		Files.createDirectories(dir);
		return dir.resolve(name).toFile();
	}
}
