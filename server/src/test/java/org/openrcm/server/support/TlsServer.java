package org.openrcm.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The README's TLS setup for a test: a self-signed PKCS12 keystore for 127.0.0.1/localhost made with the JDK's
 * keytool, its password written as a secret file ({@code server.ssl.key-store-password}) into a folder the server
 * reads with {@code spring.config.import=configtree:}, and an HTTP client that trusts exactly that certificate.
 */
public final class TlsServer {

	private static final String ALIAS = "openrcm";

	private final Path keystore;
	private final Path secrets;
	private final String password;
	private final HttpClient trusting;

	private TlsServer(Path keystore, Path secrets, String password, HttpClient trusting) {
		this.keystore = keystore;
		this.secrets = secrets;
		this.password = password;
		this.trusting = trusting;
	}

	/** Generates a new keystore into {@code dir} and the password secret into {@code secrets}. */
	public static TlsServer create(Path dir, Path secrets) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		Files.createDirectories(secrets);
		String password = "ks-" + UUID.randomUUID();
		Path keystore = dir.resolve("openrcm-" + UUID.randomUUID() + ".p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
				"-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
				"-ext", "SAN=ip:127.0.0.1,dns:localhost",
				"-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password)
				.redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Files.writeString(secrets.resolve("server.ssl.key-store-password"), password);
		return new TlsServer(keystore, secrets, password, trustingClient(keystore, password));
	}

	private static HttpClient trustingClient(Path keystore, String password) throws IOException {
		try (InputStream in = Files.newInputStream(keystore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, password.toCharArray());
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			trusted.setCertificateEntry(ALIAS, store.getCertificate(ALIAS));
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The server arguments: TLS on with the keystore; the password comes from the secrets folder. */
	public List<String> arguments() {
		return List.of("--server.ssl.enabled=true", "--server.ssl.key-store=" + keystore.toUri(),
				"--server.ssl.key-store-type=PKCS12", "--server.ssl.key-alias=" + ALIAS,
				"--openrcm.secrets-dir=" + secrets.toAbsolutePath() + "/");
	}

	/** An HTTP client that trusts this certificate (and no other). */
	public HttpClient trusting() {
		return trusting;
	}

	/** The keystore password (a secret: it must never show in a log). */
	public String password() {
		return password;
	}

	/** Waits until the server reports ready over https, failing when its process ends first. */
	public void awaitReady(int port, Process process) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
		HttpRequest ready = HttpRequest.newBuilder(
				URI.create("https://127.0.0.1:" + port + "/actuator/health/readiness")).build();
		while (Instant.now().isBefore(deadline)) {
			assertThat(process.isAlive()).as("server process is running").isTrue();
			try {
				if (trusting.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			} catch (IOException notYetListening) {
				// the port is not open yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the server was not ready over https in time");
	}
}
