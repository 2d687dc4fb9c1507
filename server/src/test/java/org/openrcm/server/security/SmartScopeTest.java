package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrcm.server.security.SmartScope.Interaction.CREATE;
import static org.openrcm.server.security.SmartScope.Interaction.DELETE;
import static org.openrcm.server.security.SmartScope.Interaction.READ;
import static org.openrcm.server.security.SmartScope.Interaction.SEARCH;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openrcm.server.security.SmartScope.Context;

/** SMART scope strings (v1 and v2) and token claims read into what they allow. */
class SmartScopeTest {

	@ParameterizedTest
	@CsvSource({
		"patient/ExplanationOfBenefit.rs, PATIENT, ExplanationOfBenefit, rs",
		"user/Claim.cruds, USER, Claim, cruds",
		"system/*.rs, SYSTEM, *, rs",
		"user/Claim.cu, USER, Claim, cu",
		"user/Patient.read, USER, Patient, rs",
		"system/Claim.write, SYSTEM, Claim, cud",
		"user/*.*, USER, *, cruds"
	})
	void v1AndV2ScopesGrantTheirInteractions(String scope, Context context, String type, String letters) {
		SmartScope parsed = SmartScope.parse(scope).orElseThrow();
		assertThat(parsed.context()).isEqualTo(context);
		assertThat(parsed.resourceType()).isEqualTo(type);
		StringBuilder granted = new StringBuilder();
		for (SmartScope.Interaction interaction : SmartScope.Interaction.values()) {
			if (parsed.interactions().contains(interaction)) {
				granted.append(interaction.letter());
			}
		}
		assertThat(granted.toString()).isEqualTo(letters);
	}

	@ParameterizedTest
	@ValueSource(strings = {"openid", "fhirUser", "launch/patient", "offline_access", "user/Claim.sr",
		"user/Claim.x", "patient/Observation.rs?category=laboratory", "admin/Claim.rs", "user/claim.rs", ""})
	void otherScopesGrantNothing(String scope) {
		assertThat(SmartScope.parse(scope)).isEmpty();
	}

	@Test
	void claimsGiveScopesTenantsAndThePatient() {
		SmartAccess access = SmartAccess.fromClaims(Map.of("sub", "u1", "azp", "app",
				"scope", "openid patient/ExplanationOfBenefit.rs user/Claim.cruds",
				"tenants", List.of("/PRACTICEA", "PRACTICEB"), "patient", "Patient/p1"), "tenants", "patient");
		assertThat(access.tenants()).containsExactlyInAnyOrder("PRACTICEA", "PRACTICEB");
		assertThat(access.patient()).contains("p1");
		assertThat(access.clientId()).isEqualTo("app");
		assertThat(access.grantsForPatient("ExplanationOfBenefit", READ)).isTrue();
		assertThat(access.grantsBroadly("ExplanationOfBenefit", READ)).isFalse();
		assertThat(access.grantsBroadly("Claim", DELETE)).isTrue();
		assertThat(access.grants("Patient", SEARCH)).isFalse();
		assertThat(SmartAccess.fromClaims(Map.of("scp", List.of("system/*.cud"), "tenants", "ONE"), "tenants",
				"patient")).satisfies(system -> {
					assertThat(system.tenants()).containsExactly("ONE");
					assertThat(system.grantsBroadly("Task", CREATE)).isTrue();
					assertThat(system.grantsBroadly("Task", READ)).isFalse();
					assertThat(system.patient()).isEqualTo(Optional.empty());
				});
	}
}
