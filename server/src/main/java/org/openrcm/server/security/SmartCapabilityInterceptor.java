package org.openrcm.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Adds {@code rest.security} to the CapabilityStatement when tokens are required: the SMART-on-FHIR service coding
 * and the {@code oauth-uris} extension (authorize and token endpoints), as SMART App Launch 2.x asks of servers
 * that also publish {@code .well-known/smart-configuration}. When the issuer's endpoints cannot be read yet the
 * extension is left out and the service coding stays.
 */
@Interceptor
class SmartCapabilityInterceptor {

	static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
	static final String SERVICE_SYSTEM = "http://terminology.hl7.org/CodeSystem/restful-security-service";

	private final AuthorizationServerEndpoints endpoints;

	SmartCapabilityInterceptor(AuthorizationServerEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void addSecurity(IBaseConformance conformance) {
		if (!(conformance instanceof CapabilityStatement statement)) {
			return;
		}
		for (CapabilityStatementRestComponent rest : statement.getRest()) {
			CapabilityStatementRestSecurityComponent security = rest.getSecurity();
			security.setCors(true);
			security.getService().clear();
			security.addService(new CodeableConcept(new Coding(SERVICE_SYSTEM, "SMART-on-FHIR", "SMART-on-FHIR"))
					.setText("OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)"));
			security.setDescription("Bearer tokens (JWT) from the issuer " + endpoints.issuer()
					+ "; SMART App Launch 2.x scopes; see .well-known/smart-configuration");
			security.getExtension().removeIf(extension -> OAUTH_URIS.equals(extension.getUrl()));
			try {
				AuthorizationServerEndpoints.Endpoints known = endpoints.endpoints();
				Extension uris = security.addExtension().setUrl(OAUTH_URIS);
				uris.addExtension(new Extension("authorize", new UriType(known.authorization())));
				uris.addExtension(new Extension("token", new UriType(known.token())));
				if (!known.revocation().isBlank()) {
					uris.addExtension(new Extension("revoke", new UriType(known.revocation())));
				}
				if (!known.introspection().isBlank()) {
					uris.addExtension(new Extension("introspect", new UriType(known.introspection())));
				}
			} catch (IllegalStateException notYetReadable) {
				// the service coding still tells clients to use SMART; the document follows once the issuer answers
			}
		}
	}
}
