package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrcm.server.fhir.FhirServerProperties;

/**
 * The shipped Keycloak realm ({@code docker/keycloak/openrcm-realm.json}) matches what the server announces: one
 * client scope per scope in {@code scopes_supported}, the clients SMART apps and EHRs use, the claims the server
 * reads (tenants, patient, fhirUser, audience) and the roles.
 */
class KeycloakRealmTest {

	private static JsonNode realm() throws IOException {
		return new ObjectMapper().readTree(KeycloakServer.realmFile().toFile());
	}

	private static List<String> names(JsonNode array, String field) {
		List<String> names = new ArrayList<>();
		array.forEach(node -> names.add(node.path(field).asText()));
		return names;
	}

	private static JsonNode named(JsonNode array, String field, String value) {
		for (JsonNode node : array) {
			if (value.equals(node.path(field).asText())) {
				return node;
			}
		}
		throw new AssertionError("no " + value);
	}

	@Test
	void everyAnnouncedScopeIsAClientScopeOfTheRealm() throws IOException {
		List<String> announced = SmartScopeCatalog.scopes(
				new FhirServerProperties(null, 20, 500, null, "").resourceTypes());
		List<String> defined = names(realm().path("clientScopes"), "name");
		List<String> expected = new ArrayList<>(announced);
		expected.remove("openid");
		assertThat(defined).containsAll(expected);
		assertThat(defined).doesNotHaveDuplicates();
	}

	@Test
	void theClientsAreThoseOfTheSmartFlows() throws IOException {
		JsonNode clients = realm().path("clients");
		JsonNode integration = named(clients, "clientId", "openrcm-integration");
		assertThat(integration.path("serviceAccountsEnabled").asBoolean()).isTrue();
		assertThat(integration.path("publicClient").asBoolean()).isFalse();
		assertThat(integration.path("optionalClientScopes").toString()).contains("system/*.cruds")
				.doesNotContain("patient/");
		JsonNode backend = named(clients, "clientId", "openrcm-backend");
		assertThat(backend.path("clientAuthenticatorType").asText()).isEqualTo("client-jwt");
		for (String app : List.of("openrcm-dashboard", "openrcm-patient-app")) {
			JsonNode client = named(clients, "clientId", app);
			assertThat(client.path("publicClient").asBoolean()).as(app).isTrue();
			assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).as(app)
					.isEqualTo("S256");
		}
		assertThat(named(clients, "clientId", "openrcm-patient-app").path("optionalClientScopes").toString())
				.contains("launch/patient", "patient/ExplanationOfBenefit.rs").doesNotContain("user/", "system/");
	}

	@Test
	void tokensCarryTheAudienceTenantsPatientAndFhirUser() throws IOException {
		JsonNode scopes = realm().path("clientScopes");
		assertThat(named(scopes, "name", "openrcm-audience").toString())
				.contains("oidc-audience-mapper", "\"included.custom.audience\":\"openrcm\"");
		assertThat(named(scopes, "name", "openrcm-tenants").toString())
				.contains("oidc-group-membership-mapper", "\"claim.name\":\"tenants\"", "\"full.path\":\"false\"");
		assertThat(named(scopes, "name", "launch/patient").toString()).contains("\"claim.name\":\"patient\"");
		assertThat(named(scopes, "name", "fhirUser").toString()).contains("\"claim.name\":\"fhirUser\"");
		assertThat(names(realm().path("roles").path("realm"), "name"))
				.contains("coder", "biller", "manager", "auditor", "integration");
		assertThat(realm().path("components").toString()).contains("patient").contains("fhirUser");
	}

	@Test
	void theAuditorAudreyReadsTheAuditTrailOfPracticeA() throws IOException {
		JsonNode audrey = named(realm().path("users"), "username", "audrey");
		List<String> roles = new ArrayList<>();
		audrey.path("realmRoles").forEach(role -> roles.add(role.asText()));
		assertThat(roles).contains("auditor").doesNotContain("biller", "manager");
		assertThat(audrey.path("groups").toString()).contains("/PRACTICEA").doesNotContain("PRACTICEB");
		assertThat(audrey.path("credentials").toString()).contains("audrey-change-me");
		assertThat(named(realm().path("clientScopes"), "name", "roles").toString())
				.contains("oidc-usermodel-realm-role-mapper", "\"claim.name\":\"realm_access.roles\"");
		assertThat(named(realm().path("clients"), "clientId", "openrcm-dashboard").path("optionalClientScopes")
				.toString()).contains("\"user/AuditEvent.rs\"");
	}
}
