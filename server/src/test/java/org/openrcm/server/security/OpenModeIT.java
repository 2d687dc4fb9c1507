package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.support.FhirHttp;
import org.openrcm.server.support.OpenRcmServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;

/**
 * The embedded developer default (no {@code openrcm.security.issuer}), as every other integration test runs it:
 * no token is needed, the server listens on loopback only, and the health endpoint says so loudly.
 */
@OpenRcmServerTest
class OpenModeIT {

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	FhirHttp http;

	@BeforeEach
	void setUp() {
		http = new FhirHttp(port);
	}

	@Test
	void everythingIsServedWithoutATokenOnLoopbackOnly() {
		String tenant = http.createTenant();
		Patient patient = new Patient();
		patient.addName().setFamily("Open");
		assertThat(http.post(tenant, "Patient", patient).status()).isEqualTo(201);
		assertThat(http.search(tenant, "Patient?family=Open").getTotal()).isEqualTo(1);

		var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
		Object address = connector.getProperty("address");
		assertThat(address).isNotNull();
		assertThat(address instanceof java.net.InetAddress inet ? inet.isLoopbackAddress()
				: new InetSocketAddress(address.toString(), 0).getAddress().isLoopbackAddress()).isTrue();
	}

	@Test
	void healthWarnsThatNoAuthenticationIsConfigured() {
		FhirHttp.Response health = http.getPath("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"security\"").contains("\"authentication\":\"none\"")
				.contains("NO AUTHENTICATION");
	}

	@Test
	void thereIsNoSmartConfigurationAndNoSecurityInTheCapabilityStatement() {
		FhirHttp.Response smart = http.get("DEFAULT", ".well-known/smart-configuration");
		assertThat(smart.status()).isEqualTo(404);
		assertThat(smart.outcome().getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
				.isEqualTo(ErrorCode.SMART_NOT_CONFIGURED.code());
		CapabilityStatement statement = http.get("DEFAULT", "metadata").resource(CapabilityStatement.class);
		assertThat(statement.getRestFirstRep().getSecurity().getService()).isEmpty();
	}
}
