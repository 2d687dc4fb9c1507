#!/usr/bin/env python3
"""Writes openrcm-realm.json, the Keycloak realm OpenRCM ships for development and tests.

The SMART scopes are those of org.openrcm.server.security.SmartScopeCatalog for the default resource types
(KeycloakRealmTest checks that the two agree). Run from this folder after changing either:
    python3 generate-realm.py
"""
import json

TYPES = sorted([
    "Patient", "Practitioner", "PractitionerRole", "Organization", "Location", "Encounter", "Condition",
    "Procedure", "Observation", "DocumentReference", "Coverage", "Claim", "ClaimResponse",
    "ExplanationOfBenefit", "CoverageEligibilityRequest", "CoverageEligibilityResponse",
    "PaymentReconciliation", "Account", "ChargeItem", "Invoice", "Task", "Communication", "AuditEvent",
    "Binary", "Bundle", "Measure", "MeasureReport", "Subscription", "ValueSet", "CodeSystem", "ConceptMap",
    "Group", "Provenance", "OperationDefinition", "Basic", "ChargeItemDefinition"])
PATIENT_TYPES = {"Patient", "Coverage", "Encounter", "Condition", "Procedure", "Observation", "DocumentReference",
                 "Claim", "ClaimResponse", "ExplanationOfBenefit", "Invoice", "Account"}
AUDIENCE = "openrcm"
TENANTS = ["DEFAULT", "PRACTICEA", "PRACTICEB"]
ROLES = {
    "coder": "codes encounters and drafts claims",
    "biller": "scrubs, submits and follows up claims",
    "manager": "manages a practice's revenue cycle and its users",
    "auditor": "reads the audit trail",
    "integration": "a system (EHR, clearinghouse job) acting without a user",
}


def smart_scopes():
    patient, user, system = [], [], []
    for t in ["*"] + TYPES:
        if t == "*" or t in PATIENT_TYPES:
            patient += [f"patient/{t}.{f}" for f in ("rs", "read")]
        user += [f"user/{t}.{f}" for f in ("cruds", "rs", "read", "write")]
        system += [f"system/{t}.{f}" for f in ("cruds", "rs", "read", "write")]
    return patient, user, system


def scope(name, description, mappers=(), in_token=True):
    return {
        "name": name,
        "description": description,
        "protocol": "openid-connect",
        "attributes": {
            "include.in.token.scope": "true" if in_token else "false",
            "display.on.consent.screen": "false",
        },
        "protocolMappers": list(mappers),
    }


def mapper(name, kind, config):
    return {"name": name, "protocol": "openid-connect", "protocolMapper": kind, "consentRequired": False,
            "config": config}


def token_claims(**extra):
    config = {"access.token.claim": "true", "id.token.claim": "true", "introspection.token.claim": "true",
              "userinfo.token.claim": "true"}
    config.update(extra)
    return config


def attribute_mapper(attribute, claim):
    return mapper(claim, "oidc-usermodel-attribute-mapper",
                  token_claims(**{"user.attribute": attribute, "claim.name": claim, "jsonType.label": "String"}))


def user_profile():
    def attribute(name, display, validations, required=False):
        value = {"name": name, "displayName": display, "validations": validations,
                 "permissions": {"view": ["admin", "user"], "edit": ["admin", "user"]}, "multivalued": False}
        if required:
            value["required"] = {"roles": ["admin", "user"]}
        return value

    admin_only = {"view": ["admin"], "edit": ["admin"]}
    return {
        "attributes": [
            attribute("username", "${username}", {"length": {"min": 3, "max": 255},
                                                  "username-prohibited-characters": {},
                                                  "up-username-not-idn-homograph": {}}, True),
            attribute("email", "${email}", {"email": {}, "length": {"max": 255}}),
            attribute("firstName", "${firstName}", {"length": {"max": 255}, "person-name-prohibited-characters": {}}),
            attribute("lastName", "${lastName}", {"length": {"max": 255}, "person-name-prohibited-characters": {}}),
            {"name": "patient", "displayName": "FHIR Patient id (SMART launch context)", "validations": {},
             "permissions": admin_only, "multivalued": False},
            {"name": "fhirUser", "displayName": "FHIR resource of the user (SMART fhirUser)", "validations": {},
             "permissions": admin_only, "multivalued": False},
        ],
        "groups": [],
    }


def user(username, first, last, password, groups, roles, attributes=None):
    return {
        "username": username, "enabled": True, "emailVerified": True,
        "email": f"{username}@example.org", "firstName": first, "lastName": last,
        "credentials": [{"type": "password", "value": password, "temporary": False}],
        "groups": [f"/{g}" for g in groups],
        "realmRoles": roles + ["offline_access"],
        "attributes": attributes or {},
    }


def client(client_id, name, public, optional, default_extra=(), **settings):
    value = {
        "clientId": client_id, "name": name, "enabled": True, "protocol": "openid-connect",
        "publicClient": public, "standardFlowEnabled": False, "implicitFlowEnabled": False,
        "directAccessGrantsEnabled": False, "serviceAccountsEnabled": False, "fullScopeAllowed": True,
        "frontchannelLogout": False,
        "defaultClientScopes": ["basic", "roles", "openrcm-audience", "openrcm-tenants"] + list(default_extra),
        "optionalClientScopes": optional,
        "attributes": {},
    }
    value.update(settings)
    return value


def main():
    patient, user_scopes, system = smart_scopes()
    scopes = [
        scope("basic", "sub and auth_time", [
            mapper("sub", "oidc-sub-mapper", {"access.token.claim": "true", "introspection.token.claim": "true"}),
            mapper("auth_time", "oidc-usersessionmodel-note-mapper", token_claims(**{
                "user.session.note": "AUTH_TIME", "claim.name": "auth_time", "jsonType.label": "long"})),
        ], in_token=False),
        scope("profile", "the user's name", [
            mapper("username", "oidc-usermodel-attribute-mapper", token_claims(**{
                "user.attribute": "username", "claim.name": "preferred_username", "jsonType.label": "String"})),
            mapper("full name", "oidc-full-name-mapper", {"id.token.claim": "true", "access.token.claim": "true",
                                                          "userinfo.token.claim": "true"}),
        ]),
        scope("roles", "realm roles (coder, biller, manager, auditor, integration)", [
            mapper("realm roles", "oidc-usermodel-realm-role-mapper", token_claims(**{
                "claim.name": "realm_access.roles", "jsonType.label": "String", "multivalued": "true"})),
        ], in_token=False),
        scope("openrcm-audience", "puts the OpenRCM server in the token's audience", [
            mapper("openrcm audience", "oidc-audience-mapper", {
                "included.custom.audience": AUDIENCE, "access.token.claim": "true",
                "introspection.token.claim": "true"}),
        ], in_token=False),
        scope("openrcm-tenants", "the tenants (practices) of the user: its groups", [
            mapper("tenants", "oidc-group-membership-mapper", token_claims(**{
                "claim.name": "tenants", "full.path": "false"})),
        ], in_token=False),
        scope("offline_access", "refresh tokens that outlive the session (SMART permission-offline)"),
        scope("fhirUser", "the FHIR resource of the user (Practitioner/..., Patient/...)",
              [attribute_mapper("fhirUser", "fhirUser")]),
        scope("launch/patient", "the patient in context of a standalone launch",
              [attribute_mapper("patient", "patient")]),
    ]
    for name in patient:
        scope_type = name.split("/")[1].split(".")[0]
        scopes.append(scope(name, f"read and search {'all' if scope_type == '*' else scope_type} "
                                  "resources of the patient in context"))
    for name in user_scopes + system:
        context, rest = name.split("/")
        scopes.append(scope(name, f"{context}-level access ({rest.split('.')[1]}) to "
                                  f"{'every type' if rest.startswith('*') else rest.split('.')[0]}"))

    redirects = ["http://127.0.0.1/*", "http://localhost/*", "http://localhost:3000/*"]
    realm = {
        "realm": "openrcm",
        "displayName": "OpenRCM",
        "enabled": True,
        "sslRequired": "external",
        "registrationAllowed": False,
        "loginWithEmailAllowed": False,
        "accessTokenLifespan": 300,
        "ssoSessionIdleTimeout": 1800,
        "revokeRefreshToken": True,
        "refreshTokenMaxReuse": 0,
        "defaultDefaultClientScopes": ["basic", "roles", "openrcm-audience", "openrcm-tenants"],
        "defaultOptionalClientScopes": [],
        "roles": {"realm": [{"name": r, "description": d} for r, d in ROLES.items()]
                  + [{"name": "offline_access", "description": "may ask for offline tokens"}]},
        "scopeMappings": [{"clientScope": "offline_access", "roles": ["offline_access"]}],
        "groups": [{"name": t, "path": f"/{t}", "attributes": {"tenant": [t]}} for t in TENANTS],
        "clientScopes": scopes,
        "clients": [
            client("openrcm-integration", "EHR integration (client credentials)", False, system,
                   secret="integration-secret-change-me", serviceAccountsEnabled=True,
                   attributes={"client.secret.creation.time": "0"}),
            client("openrcm-backend", "SMART Backend Services (private_key_jwt)", False, system,
                   clientAuthenticatorType="client-jwt", serviceAccountsEnabled=True,
                   attributes={"use.jwks.url": "true", "jwks.url": "https://ehr.example.org/.well-known/jwks.json",
                               "token.endpoint.auth.signing.alg": "RS384"}),
            client("openrcm-dashboard", "Staff dashboard (authorization code + PKCE)", True,
                   user_scopes + ["offline_access"], ["profile", "fhirUser"],
                   standardFlowEnabled=True, redirectUris=redirects, webOrigins=["+"],
                   attributes={"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+"}),
            client("openrcm-patient-app", "Patient app (authorization code + PKCE, launch/patient)", True,
                   patient + ["launch/patient", "fhirUser", "offline_access"], ["profile"],
                   standardFlowEnabled=True, redirectUris=redirects, webOrigins=["+"],
                   attributes={"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+"}),
        ],
        "users": [
            user("alice", "Alice", "Biller", "alice-change-me", ["PRACTICEA"], ["biller"],
                 {"fhirUser": ["Practitioner/alice"]}),
            user("bob", "Bob", "Coder", "bob-change-me", ["PRACTICEB"], ["coder"],
                 {"fhirUser": ["Practitioner/bob"]}),
            user("audrey", "Audrey", "Auditor", "audrey-change-me", ["PRACTICEA"], ["auditor"],
                 {"fhirUser": ["Practitioner/audrey"]}),
            user("pat", "Pat", "Patient", "pat-change-me", ["PRACTICEA"], [],
                 {"patient": ["kc-patient-1"], "fhirUser": ["Patient/kc-patient-1"]}),
            {"username": "service-account-openrcm-integration", "enabled": True,
             "serviceAccountClientId": "openrcm-integration", "groups": [f"/{t}" for t in TENANTS],
             "realmRoles": ["integration"]},
            {"username": "service-account-openrcm-backend", "enabled": True,
             "serviceAccountClientId": "openrcm-backend", "groups": ["/PRACTICEA"], "realmRoles": ["integration"]},
        ],
        "components": {
            "org.keycloak.userprofile.UserProfileProvider": [{
                "providerId": "declarative-user-profile",
                "subComponents": {},
                "config": {"kc.user.profile.config": [json.dumps(user_profile())]},
            }],
        },
    }
    with open("openrcm-realm.json", "w", encoding="utf-8") as out:
        json.dump(realm, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
