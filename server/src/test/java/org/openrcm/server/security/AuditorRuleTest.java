package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;

/** The auditor rule without HTTP: the roles claim path, and AuditEvent reads needing scope and role. */
class AuditorRuleTest {

	private static SmartAccess access(String scope, List<String> roles) {
		return SmartAccess.fromClaims(Map.of("sub", "u1", "scope", scope, "tenants", List.of("A"),
				"realm_access", Map.of("roles", roles)), "tenants", "patient", "realm_access.roles");
	}

	private static SmartRules.Request request(RestOperationTypeEnum operation, String type) {
		return new SmartRules.Request("A", operation, type, null, List.of());
	}

	@Test
	void rolesAreReadFromANestedClaimPath() {
		assertThat(access("user/AuditEvent.rs", List.of("auditor", "biller")).roles())
				.containsExactlyInAnyOrder("auditor", "biller");
		assertThat(SmartAccess.fromClaims(Map.of("roles", "auditor manager"), "tenants", "patient", "roles").roles())
				.containsExactlyInAnyOrder("auditor", "manager");
		assertThat(SmartAccess.fromClaims(Map.of("realm_access", "not an object"), "tenants", "patient",
				"realm_access.roles").roles()).isEmpty();
	}

	@Test
	void theAuditTrailNeedsTheScopeAndTheRole() {
		for (RestOperationTypeEnum operation : List.of(RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.READ,
				RestOperationTypeEnum.HISTORY_TYPE)) {
			assertThat(SmartRules.decide(access("user/AuditEvent.rs", List.of("auditor")),
					request(operation, "AuditEvent")).refusal()).as(operation.name()).isEmpty();
			assertThat(SmartRules.decide(access("user/*.cruds", List.of("biller", "manager")),
					request(operation, "AuditEvent")).refusal()).as(operation.name())
					.contains(ErrorCode.AUDIT_ROLE_REQUIRED);
			assertThat(SmartRules.decide(access("user/Patient.rs", List.of("auditor")),
					request(operation, "AuditEvent")).refusal()).as(operation.name())
					.contains(ErrorCode.SCOPE_INSUFFICIENT);
		}
		SmartRules.Request batch = new SmartRules.Request("A", RestOperationTypeEnum.BATCH, null, null,
				List.of(new SmartRules.Entry("GET", "AuditEvent", true)));
		assertThat(SmartRules.decide(access("system/*.cruds", List.of()), batch).refusal())
				.contains(ErrorCode.AUDIT_ROLE_REQUIRED);
		assertThat(SmartRules.decide(access("user/*.rs", List.of("reviewer")), request(RestOperationTypeEnum.READ,
				"AuditEvent"), "reviewer").refusal()).isEmpty();
	}

	@Test
	void otherTypesDoNotNeedTheRole() {
		assertThat(SmartRules.decide(access("user/*.cruds", List.of()), request(RestOperationTypeEnum.SEARCH_TYPE,
				"Claim")).refusal()).isEmpty();
	}
}
