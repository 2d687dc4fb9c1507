package org.openrcm.server.clearinghouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The clearinghouse health contributor over real folder channels, one of them on a folder that is not there. */
class ClearinghouseHealthIndicatorTest {

	@TempDir
	Path temp;

	private final RetryingChannelTest.MutableClock clock = new RetryingChannelTest.MutableClock();

	private ClearinghouseConnections connections(Path defaultFolder, Path tenantFolder) {
		Map<String, String> properties = Map.of(
				"openrcm.clearinghouse.tenants.acme.channel.type", "folder",
				"openrcm.clearinghouse.tenants.acme.channel.folder", tenantFolder.toString(),
				"openrcm.clearinghouse.tenants.acme.channel.down-after-failures", "2",
				"openrcm.clearinghouse.tenants.acme.channel.retry.max-attempts", "1",
				"openrcm.clearinghouse.tenants.acme.receiver-id", "ACMECH");
		Map<String, ClearinghouseProperties> tenants = ClearinghouseConnections.bindTenants(
				new Binder(new MapConfigurationPropertySource(properties)), ClearinghouseConnectionsTest.VALIDATOR);
		ClearinghouseProperties defaults = ClearinghouseConnectionsTest.folderDefaults(defaultFolder);
		return new ClearinghouseConnections(defaults, tenants, name -> null, () -> null, clock, duration -> {
		});
	}

	@Test
	void upWhenNoAttemptWasMadeYet() {
		Health health = new ClearinghouseHealthIndicator(connections(temp, temp.resolve("acme"))).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnlyKeys("default", "acme");
		assertThat(detail(health, "acme")).containsEntry("status", "UP").containsEntry("consecutiveFailures", 0)
				.doesNotContainKeys("lastSuccess", "lastFailure", "lastError");
	}

	@Test
	void downAfterTheConfiguredFailuresInARowThenUpAgainAfterASuccess() throws IOException {
		Path share = temp.resolve("acme-share");
		ClearinghouseConnections connections = connections(temp, share);
		ClearinghouseHealthIndicator indicator = new ClearinghouseHealthIndicator(connections);
		ClearinghouseChannel acme = connections.channel("acme");
		connections.channel("default").listInbound();

		attempt(acme);
		assertThat(indicator.health().getStatus()).as("one failure of two").isEqualTo(Status.UP);
		clock.now = clock.now.plusSeconds(30);
		attempt(acme);

		Health down = indicator.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(detail(down, "acme"))
				.containsEntry("status", "DOWN")
				.containsEntry("consecutiveFailures", 2)
				.containsEntry("lastFailure", "2024-05-02T14:30:30Z")
				.containsEntry("channel", "folder " + share + " (outbound=outbound, inbound=inbound, archive=archive)")
				.containsKey("lastError");
		assertThat((String) detail(down, "acme").get("lastError")).contains("does not exist");
		assertThat(detail(down, "default")).containsEntry("status", "UP")
				.containsEntry("lastSuccess", "2024-05-02T14:30:00Z");

		Files.createDirectories(share);
		clock.now = Instant.parse("2024-05-02T14:31:00Z");
		acme.listInbound();

		Health up = indicator.health();
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(detail(up, "acme")).containsEntry("status", "UP").containsEntry("consecutiveFailures", 0)
				.containsEntry("lastSuccess", "2024-05-02T14:31:00Z")
				.containsEntry("lastFailure", "2024-05-02T14:30:30Z");
	}

	private static void attempt(ClearinghouseChannel channel) {
		try {
			channel.listInbound();
		} catch (IOException expected) {
			// recorded in the health
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> detail(Health health, String connection) {
		return (Map<String, Object>) health.getDetails().get(connection);
	}
}
