package org.openrcm.server.clearinghouse;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.server.sandbox.SandboxSftpServer;
import org.openrcm.server.x12.X12Usage;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding, checking and opening the clearinghouse connections, with properties as application.yml would hold. */
class ClearinghouseConnectionsTest {

	static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	private static final String TENANT_PASSWORD = "Tenant-Secret-2024!";
	private static final Function<String, String> ENVIRONMENT =
			Map.of("ACME_SFTP_PASSWORD", TENANT_PASSWORD)::get;

	@TempDir
	Path temp;

	/** The default connection with a folder channel. */
	static ClearinghouseProperties folderDefaults(Path folder) {
		return bindDefault(Map.of("openrcm.clearinghouse.channel.type", "folder",
				"openrcm.clearinghouse.channel.folder", folder.toString()));
	}

	private static ClearinghouseProperties bindDefault(Map<String, String> properties) {
		return binder(properties).bindOrCreate("openrcm.clearinghouse", Bindable.of(ClearinghouseProperties.class));
	}

	private static Binder binder(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties));
	}

	private static Map<String, String> acmeSftp() {
		Map<String, String> properties = new HashMap<>();
		properties.put("openrcm.clearinghouse.tenants.ACME.receiver-id", "ACMECH");
		properties.put("openrcm.clearinghouse.tenants.ACME.receiver-name", "ACME CLEARINGHOUSE");
		properties.put("openrcm.clearinghouse.tenants.ACME.usage", "production");
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.type", "sftp");
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.sftp.host", "sftp.acme-clearinghouse.example");
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.sftp.username", "practice1");
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.sftp.password-env", "ACME_SFTP_PASSWORD");
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.sftp.host-key-fingerprint",
				"SHA256:" + "b".repeat(43));
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.archive-dir", "");
		return properties;
	}

	private ClearinghouseConnections connections(ClearinghouseProperties defaults, Map<String, String> properties) {
		return new ClearinghouseConnections(defaults,
				ClearinghouseConnections.bindTenants(binder(properties), VALIDATOR), ENVIRONMENT, () -> null,
				new RetryingChannelTest.MutableClock());
	}

	@Test
	void nothingConfiguredBindsTheDefaultsAndNoTenants() {
		assertThat(bindDefault(Map.of())).isEqualTo(ClearinghouseProperties.defaults());
		assertThat(ClearinghouseProperties.defaults().channel().type()).isEqualTo(ChannelProperties.Type.SANDBOX);
		assertThat(ClearinghouseConnections.bindTenants(binder(Map.of()), VALIDATOR)).isEmpty();
		assertThat(VALIDATOR.validate(ClearinghouseProperties.defaults())).isEmpty();
	}

	@Test
	void aTenantWithItsOwnClearinghouseHasAFullConnectionWithTheSameDefaults() {
		ClearinghouseProperties defaults = bindDefault(Map.of("openrcm.clearinghouse.submitter-id", "MAINSUBMITTER"));
		ClearinghouseConnections connections = connections(defaults, acmeSftp());

		assertThat(connections.names()).containsExactly("default", "ACME");
		assertThat(connections.connectionFor("ACME")).isEqualTo("ACME");
		assertThat(connections.connectionFor("acme")).isEqualTo("ACME");
		assertThat(connections.connectionFor("PRACTICE2")).isEqualTo("default");
		assertThat(connections.connectionFor(null)).isEqualTo("default");

		ClearinghouseProperties acme = connections.properties("ACME");
		assertThat(acme.receiverId()).isEqualTo("ACMECH");
		assertThat(acme.usage()).isEqualTo(X12Usage.PRODUCTION);
		assertThat(acme.submitterId()).as("not inherited from the default connection").isEqualTo("OPENRCM");
		assertThat(acme.envelope().receiverId()).isEqualTo("ACMECH");
		ChannelProperties channel = acme.channel();
		assertThat(channel.sftp().port()).isEqualTo(22);
		assertThat(channel.sftp().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(channel.inboundDir()).isEqualTo("inbound");
		assertThat(channel.directories().archives()).isFalse();
		assertThat(channel.retry()).isEqualTo(ChannelProperties.Retry.defaults());
		assertThat(connections.properties("default").submitterId()).isEqualTo("MAINSUBMITTER");
		assertThatThrownBy(() -> connections.properties("PRACTICE2")).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("no clearinghouse connection named 'PRACTICE2'");
	}

	@Test
	void aValueOutOfRangeIsReportedWithItsProperty() {
		Map<String, String> properties = acmeSftp();
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.sftp.port", "70000");
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.retry.max-attempts", "0");

		assertThatThrownBy(() -> ClearinghouseConnections.bindTenants(binder(properties), VALIDATOR))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("openrcm.clearinghouse.tenants.ACME.channel.sftp.port must be less than or equal"
						+ " to 65535 (was '70000')")
				.hasMessageContaining("openrcm.clearinghouse.tenants.ACME.channel.retry.max-attempts must be greater"
						+ " than or equal to 1 (was '0')");
	}

	@Test
	void aValueThatIsNotANumberIsReportedWithItsProperty() {
		Map<String, String> properties = acmeSftp();
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.poll-interval", "often");

		assertThatThrownBy(() -> ClearinghouseConnections.bindTenants(binder(properties), VALIDATOR))
				.isInstanceOf(BindException.class)
				.hasMessageContaining("openrcm.clearinghouse.tenants.acme.channel.poll-interval");
	}

	@Test
	void settingsThatCannotWorkAreAllReportedAtOnceEachWithItsProperty() {
		Map<String, String> properties = new HashMap<>();
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.type", "sftp");
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.sftp.private-key", temp.resolve("id_missing").toString());
		properties.put("openrcm.clearinghouse.tenants.default.receiver-id", "X");
		ClearinghouseProperties defaults = bindDefault(Map.of("openrcm.clearinghouse.channel.type", "folder"));

		assertThatThrownBy(() -> connections(defaults, properties))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("openrcm.clearinghouse.channel.folder must be set for channel.type=folder")
				.hasMessageContaining("openrcm.clearinghouse.tenants.ACME.channel.sftp.host must be set")
				.hasMessageContaining("openrcm.clearinghouse.tenants.ACME.channel.sftp.username must be set")
				.hasMessageContaining("openrcm.clearinghouse.tenants.ACME.channel.sftp.private-key: the private key file "
						+ temp.resolve("id_missing") + " does not exist")
				.hasMessageContaining("openrcm.clearinghouse.tenants.ACME.channel.sftp: the server's host key is not"
						+ " checked")
				.hasMessageContaining("openrcm.clearinghouse.tenants.default: 'default' is the name of the default"
						+ " connection");
	}

	@Test
	void aMissingPasswordNamesTheEnvironmentVariableToSet() {
		Map<String, String> properties = acmeSftp();
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.sftp.password-env", "ACME_SFTP_PASSWORD_UNSET");

		assertThatThrownBy(() -> connections(ClearinghouseProperties.defaults(), properties))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("openrcm.clearinghouse.tenants.ACME.channel.sftp: no password to log in with (the"
						+ " environment variable ACME_SFTP_PASSWORD_UNSET named by"
						+ " openrcm.clearinghouse.tenants.ACME.channel.sftp.password-env is not set)");
	}

	@Test
	void aRealTimeEndpointNeedsItsLoginAndIsOnlyOpenedWhenConfigured() {
		Map<String, String> properties = acmeSftp();
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.real-time.url", "https://rt.acme.example/core");

		assertThatThrownBy(() -> connections(ClearinghouseProperties.defaults(), properties))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("openrcm.clearinghouse.tenants.ACME.channel.real-time: a url needs a username and"
						+ " a password (the environment variable OPENRCM_CLEARINGHOUSE_REALTIME_PASSWORD");

		properties.put("openrcm.clearinghouse.tenants.ACME.channel.real-time.username", "practice1");
		properties.put("openrcm.clearinghouse.tenants.ACME.channel.real-time.password-env", "ACME_SFTP_PASSWORD");
		ClearinghouseConnections connections = connections(ClearinghouseProperties.defaults(), properties);
		assertThat(connections.realTime("ACME")).get().asString()
				.contains("https://rt.acme.example/core", "practice1", "20000 ms").doesNotContain(TENANT_PASSWORD);
		assertThat(connections(ClearinghouseProperties.defaults(), acmeSftp()).realTime("ACME")).isEmpty();
	}

	@Test
	void secretsAppearNeitherInTheSettingsNorInDescriptions() {
		ClearinghouseConnections connections = connections(ClearinghouseProperties.defaults(), acmeSftp());

		String described = connections.describe("ACME");
		ClearinghouseChannel channel = connections.channel("ACME");

		assertThat(described).isEqualTo("sftp practice1@sftp.acme-clearinghouse.example:22 (outbound=outbound,"
				+ " inbound=inbound, archive=none, files are deleted, login=password, host key=pinned SHA256:"
				+ "b".repeat(43) + ")");
		assertThat(channel.describe()).isEqualTo(described);
		assertThat(channel.toString()).doesNotContain(TENANT_PASSWORD);
		assertThat(SftpSettings.of(connections.properties("ACME").channel(), ENVIRONMENT).toString())
				.doesNotContain(TENANT_PASSWORD);
		assertThat(connections.properties("ACME").toString()).doesNotContain(TENANT_PASSWORD)
				.contains("passwordEnv=ACME_SFTP_PASSWORD");
		assertThat(new SandboxEndpoint(2222, "openrcm", TENANT_PASSWORD, null).toString())
				.doesNotContain(TENANT_PASSWORD);
		connections.close();
	}

	@Test
	void aFolderChannelIsCreatedOnceAndClosedWithTheConnections() throws IOException {
		ClearinghouseConnections connections = connections(folderDefaults(temp), Map.of());
		ClearinghouseChannel channel = connections.channel("default");

		assertThat(connections.channel("default")).isSameAs(channel);
		assertThat(channel.upload("837P.x12", "ISA".getBytes(US_ASCII))).isTrue();
		assertThat(temp.resolve("outbound/837P.x12")).hasContent("ISA");
		assertThat(connections.health("default").snapshot().lastSuccess()).isNotNull();

		connections.close();
		assertThatThrownBy(() -> connections.channel("default")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void typeNoneHasNoChannel() {
		ClearinghouseConnections connections =
				connections(bindDefault(Map.of("openrcm.clearinghouse.channel.type", "none")), Map.of());

		assertThatThrownBy(() -> connections.channel("default")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("openrcm.clearinghouse.channel.type=none");
		assertThat(connections.describe("default")).startsWith("none");
	}

	@Test
	void aSandboxChannelLogsInToTheSandboxServerWithItsPinnedHostKey() throws IOException {
		try (SandboxSftpServer sandbox = new SandboxSftpServer(temp.resolve("sandbox"), temp.resolve("sandbox-key"), 0,
				"openrcm", "sandbox-password")) {
			sandbox.start();
			ClearinghouseConnections connections = new ClearinghouseConnections(ClearinghouseProperties.defaults(),
					Map.of(), name -> null,
					() -> new SandboxEndpoint(sandbox.port(), "openrcm", "sandbox-password", sandbox.hostKeyFingerprint()),
					new RetryingChannelTest.MutableClock());
			assertThat(connections.describe("default")).contains("not opened yet");

			ClearinghouseChannel channel = connections.channel("default");
			assertThat(channel.upload("837P-000000001.x12", "ISA".getBytes(US_ASCII))).isTrue();

			assertThat(sandbox.outbound().resolve("837P-000000001.x12")).hasContent("ISA");
			assertThat(channel.describe()).startsWith("sandbox sftp openrcm@127.0.0.1:" + sandbox.port())
					.contains("host key=pinned " + sandbox.hostKeyFingerprint())
					.doesNotContain("sandbox-password");
			connections.close();
		}
	}

	@Test
	void aSandboxChannelWithoutARunningSandboxSaysSo() {
		ClearinghouseConnections connections = new ClearinghouseConnections(ClearinghouseProperties.defaults(),
				Map.of(), name -> null, () -> null, new RetryingChannelTest.MutableClock());

		assertThatThrownBy(() -> connections.channel("default")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("the payer sandbox is not running");
	}
}
