package org.openrcm.server.clearinghouse;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrcm.server.sandbox.SandboxSftpServer;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring wiring alone (no FHIR server): what a start-up with these properties does. Spring is needed here
 * because what is tested is how Spring binds, validates and creates the beans.
 */
class ClearinghouseConfigTest {

	@TempDir
	Path temp;

	@Configuration
	@EnableConfigurationProperties(ClearinghouseProperties.class)
	static class Application {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
					ValidationAutoConfiguration.class))
			.withUserConfiguration(Application.class, ClearinghouseConfig.class);

	@Test
	void startsWithDefaultsWithoutConnectingAndReportsUp() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			ClearinghouseConnections connections = context.getBean(ClearinghouseConnections.class);
			assertThat(connections.names()).containsExactly("default");
			assertThat(connections.properties("default")).isEqualTo(ClearinghouseProperties.defaults());
			HealthIndicator health = context.getBean("clearinghouseHealthIndicator", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void aTenantConnectionFromTheEnvironmentIsUsedForThatTenant() {
		runner.withPropertyValues("openrcm.clearinghouse.tenants.PRACTICE1.channel.type=folder",
				"openrcm.clearinghouse.tenants.PRACTICE1.channel.folder=" + temp,
				"openrcm.clearinghouse.tenants.PRACTICE1.receiver-id=PRACTICECH").run(context -> {
					ClearinghouseConnections connections = context.getBean(ClearinghouseConnections.class);
					String connection = connections.connectionFor("PRACTICE1");
					assertThat(connection).isEqualTo("PRACTICE1");
					assertThat(connections.properties(connection).receiverId()).isEqualTo("PRACTICECH");
					connections.channel(connection).upload("837P.x12", "ISA".getBytes(US_ASCII));
					assertThat(temp.resolve("outbound/837P.x12")).hasContent("ISA");
				});
	}

	@Test
	void aBadDefaultSettingStopsTheStartNamingTheProperty() {
		runner.withPropertyValues("openrcm.clearinghouse.channel.sftp.port=0").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("openrcm.clearinghouse.channel.sftp.port")
					.hasStackTraceContaining("must be greater than or equal to 1");
		});
	}

	@Test
	void anUnworkableTenantSettingStopsTheStartNamingTheProperty() {
		runner.withPropertyValues("openrcm.clearinghouse.tenants.PRACTICE1.channel.type=sftp",
				"openrcm.clearinghouse.tenants.PRACTICE1.channel.sftp.host=sftp.example",
				"openrcm.clearinghouse.tenants.PRACTICE1.channel.sftp.username=practice1",
				"openrcm.clearinghouse.tenants.PRACTICE1.channel.sftp.password-env=OPENRCM_TEST_UNSET_VARIABLE_4711",
				"openrcm.clearinghouse.tenants.PRACTICE1.channel.sftp.accept-any-host-key=true").run(context -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).getRootCause()
							.hasMessageContaining("openrcm.clearinghouse.tenants.PRACTICE1.channel.sftp: no password")
							.hasMessageContaining("OPENRCM_TEST_UNSET_VARIABLE_4711");
				});
	}

	@Test
	void aSandboxChannelUsesTheSandboxEndpointBeanWhenFirstUsed() throws Exception {
		try (SandboxSftpServer sandbox = new SandboxSftpServer(temp.resolve("sandbox"), temp.resolve("key"), 0,
				"openrcm", "sandbox-password")) {
			sandbox.start();
			runner.withBean(SandboxEndpoint.class,
					() -> new SandboxEndpoint(sandbox.port(), "openrcm", "sandbox-password", sandbox.hostKeyFingerprint()))
					.run(context -> {
						ClearinghouseConnections connections = context.getBean(ClearinghouseConnections.class);
						assertThat(connections.channel("default").upload("837P.x12", "ISA".getBytes(US_ASCII))).isTrue();
						assertThat(sandbox.outbound().resolve("837P.x12")).hasContent("ISA");
					});
		}
	}
}
