package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrcm.server.security.SmartStack.FHIR;
import static org.openrcm.server.security.SmartStack.TENANT_A;
import static org.openrcm.server.security.SmartStack.TENANT_B;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openrcm.server.audit.AuditTrail;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.server.security.SmartStack.Response;

/**
 * The leak matrix of issue 8 against real Keycloak tokens: broken tokens, a missing scope, another tenant and another
 * patient, each tried on the ways data can come out of a FHIR server (read, search, {@code _include},
 * {@code _revinclude}, chained search, {@code $everything}, batch and transaction entries, {@code $export}), and
 * allowed controls beside them so the matrix cannot pass by refusing everything.
 *
 * <p>Every case is its own dynamic test (the failsafe report counts them) and states its expectation: a refusal
 * (status, {@code ORCM-20xx} code in an OperationOutcome, and for 401 the {@code WWW-Authenticate} challenge), or,
 * where FHIR search semantics narrow instead of refusing, a 200 holding only the token patient's resources. Every
 * refused or narrowed case also checks "never data": the body holds none of the victims' markers (their family
 * names, the secret identifiers their resources carry, their resources' ids). The totals per outcome are printed at
 * the end.
 *
 * <p>The tokens are real: the shipped realm's clients and users, plus what the test adds through Keycloak's admin
 * API (it never edits the realm file): a patient user of its own (so its data does not meet {@link KeycloakSmartIT}'s
 * {@code pat}), a client whose tokens live five seconds, a client without the {@code openrcm} audience, and another
 * realm signing with the same key as the {@code openrcm} realm (its tokens differ in their issuer only). Each broken
 * token is broken in one way only, which the set-up checks on its claims. Only the tampered tokens are edited here.
 */
@ExtendWith(SecuredStack.class)
class LeakMatrixIT {

	private static final String OWN = "lm-own";
	private static final String VICTIM_A = "lm-victim-a";
	private static final String VICTIM_B = "lm-victim-b";
	private static final String OWN_FAMILY = "Ownbridge";
	private static final String VICTIM_A_FAMILY = "Zanzivictima";
	private static final String VICTIM_B_FAMILY = "Quillovictimb";
	private static final String SECRET = "SECRET-";
	private static final String PATIENT_USER = "leak-pat";
	private static final String OTHER_REALM = "leak-elsewhere";
	private static final String CLIENT_SECRET = "leak-client-secret";
	private static final String BULK_EXPORT = "BULK_EXPORT";
	private static final int SHORT_LIFESPAN_SECONDS = 5;

	private static SmartStack stack;
	private static Tokens tokens;
	/** The B tenant's export job started by the integration client, and its poll path. */
	private static String exportPollB;
	private static Response expiringTokenFresh;
	private static Response exportPolledByItsOwner;
	private static Instant started;
	private static String auditorToken;

	private static final Map<String, Integer> OUTCOMES = new ConcurrentHashMap<>();
	/** Every refused or narrowed case's answer, for the audit trail's check at the end. */
	private static final List<Audited> AUDITED = new CopyOnWriteArrayList<>();
	private static final String AUDITOR_USER = "leak-auditor";

	/** The tokens of the matrix. */
	private record Tokens(String integration, String alice, String patientApp, String missingScope, String expired,
			String wrongIssuer, String wrongAudience, String tamperedPayload, String tamperedSignature) {}

	/** What a case expects. */
	private sealed interface Expect permits Refused, RefusedByHapi, OnlyOwn, EntriesRefused, Allowed {

		String label();
	}

	/**
	 * Refused as a whole: the status, the code in the OperationOutcome, and for 401 a bearer challenge; with a
	 * reason, the outcome's text names it (which check refused a token).
	 */
	private record Refused(int status, ErrorCode code, String reason) implements Expect {

		Refused(int status, ErrorCode code) {
			this(status, code, "");
		}

		@Override
		public String label() {
			return status + " " + code.code();
		}
	}

	/**
	 * Refused by HAPI itself before the security layer has a say (the request is malformed for it, or names what
	 * this tenant does not hold): the status and an OperationOutcome, without an ORCM code.
	 */
	private record RefusedByHapi(int status) implements Expect {

		@Override
		public String label() {
			return status + " HAPI's own refusal";
		}
	}

	/** A search narrowed to the token's patient: 200, a searchset holding only these resources (maybe none). */
	private record OnlyOwn(Set<String> allowedIds) implements Expect {

		@Override
		public String label() {
			return "200 narrowed to the token's patient";
		}
	}

	/** A batch or transaction answered 200 with each entry refused (its response status) and no resource inside. */
	private record EntriesRefused(String entryStatus) implements Expect {

		@Override
		public String label() {
			return "200 with every entry refused (" + entryStatus + ")";
		}
	}

	/** A control: the request succeeds and returns the data named. */
	private record Allowed(int status, List<String> mustContain) implements Expect {

		@Override
		public String label() {
			return "allowed control " + status;
		}
	}

	/**
	 * One case of the matrix.
	 *
	 * @param name what is tried, with which token
	 * @param send sends the request
	 * @param expect the expectation
	 */
	private record Case(String name, Supplier<Response> send, Expect expect) {}

	@BeforeAll
	static void setUp(SmartStack securedStack) throws Exception {
		started = Instant.now();
		stack = securedStack;
		String integration = stack.integrationToken();
		storeData(integration);
		// the short-lived token early, used at once: its expiry runs while the rest is set up
		String expiring = expiringToken();
		expiringTokenFresh = stack.get(TENANT_A, "ExplanationOfBenefit/" + VICTIM_A + "-eob", expiring);
		String patientPassword = createPatientUser();
		String alice = stack.authorizationCode("openrcm-dashboard", "alice", "alice-change-me", "openid user/*.cruds");
		String patientApp = stack.authorizationCode("openrcm-patient-app", PATIENT_USER, patientPassword,
				"openid fhirUser launch/patient patient/ExplanationOfBenefit.rs patient/Patient.rs "
						+ "patient/Claim.rs patient/Coverage.rs");
		assertThat(SmartStack.claims(patientApp).path("patient").asText()).isEqualTo(OWN);
		String missingScope = stack.clientCredentials("system/Patient.rs");
		String wrongIssuer = otherRealmToken();
		String wrongAudience = noAudienceToken();
		String tamperedPayload = withTenant(alice, TENANT_B);
		String tamperedSignature = withFlippedSignature(alice);
		tokens = new Tokens(integration, alice, patientApp, missingScope, expiring, wrongIssuer, wrongAudience,
				tamperedPayload, tamperedSignature);
		exportPollB = startExport(TENANT_B, integration);
		// the one wait of the matrix: until the short-lived token is past its expiry and the server's clock skew
		long expiry = SmartStack.claims(expiring).path("exp").asLong();
		long wait = Duration.between(Instant.now(), Instant.ofEpochSecond(expiry)
				.plusSeconds(SmartStack.CLOCK_SKEW_SECONDS + 1)).toMillis();
		if (wait > 0) {
			Thread.sleep(wait);
		}
	}

	@AfterAll
	static void printTotals() {
		Map<String, Integer> sorted = new TreeMap<>(OUTCOMES);
		int total = sorted.values().stream().mapToInt(Integer::intValue).sum();
		StringBuilder report = new StringBuilder("Leak matrix: " + total + " cases in "
				+ Duration.between(started, Instant.now()).toSeconds() + " s (set-up included)\n");
		sorted.forEach((label, count) -> report.append(String.format("  %4d  %s%n", count, label)));
		report.append(String.format("  AuditEvents checked: %d%n", AUDITED.size()));
		System.out.print(report);
	}

	@TestFactory
	Stream<DynamicNode> leakMatrix() {
		return Stream.of(
				group("broken tokens", brokenTokens()),
				group("missing scope", missingScope()),
				group("other tenant", otherTenant()),
				group("other patient", otherPatient()),
				group("allowed controls", controls()),
				group("nothing lost", nothingLost()),
				DynamicContainer.dynamicContainer("audit trail", Stream.of(
						DynamicTest.dynamicTest("every refused or narrowed case above left an AuditEvent naming its"
								+ " request, its outcome and the refusal's code, found by an auditor",
								LeakMatrixIT::everyCaseIsAudited),
						DynamicTest.dynamicTest("staff and clients without the auditor role cannot read or export the"
								+ " audit trail -> 403 ORCM-2102", LeakMatrixIT::onlyAuditorsReadTheAuditTrail),
						DynamicTest.dynamicTest("nobody changes or deletes an AuditEvent through the API -> 405"
								+ " ORCM-2101", LeakMatrixIT::nobodyChangesTheAuditTrail))));
	}

	// ---- the cases

	private static List<Case> brokenTokens() {
		List<Case> cases = new ArrayList<>();
		// each broken token and the check that must refuse it (Spring Security's words)
		Map<String, String[]> broken = new LinkedHashMap<>();
		broken.put("no token", new String[] {null, ""});
		broken.put("expired token", new String[] {tokens.expired(), "expired"});
		broken.put("token of another issuer", new String[] {tokens.wrongIssuer(), "iss claim"});
		broken.put("token for another audience", new String[] {tokens.wrongAudience(), "aud claim"});
		broken.put("token with a changed signature", new String[] {tokens.tamperedSignature(), "signature"});
		broken.forEach((name, tokenAndReason) -> {
			String token = tokenAndReason[0];
			Refused refused = new Refused(401, token == null ? ErrorCode.AUTHENTICATION_REQUIRED
					: ErrorCode.TOKEN_INVALID, tokenAndReason[1]);
			cases.add(get(name + ": read", TENANT_A, "ExplanationOfBenefit/" + VICTIM_A + "-eob", token, refused));
			cases.add(get(name + ": search", TENANT_A, "ExplanationOfBenefit?patient=Patient/" + VICTIM_A, token,
					refused));
		});
		// alice's token with the other practice added to its tenants (payload changed, signature kept)
		Refused tampered = new Refused(401, ErrorCode.TOKEN_INVALID, "signature");
		cases.add(get("token with a changed payload: read", TENANT_B, "Patient/" + VICTIM_B, tokens.tamperedPayload(),
				tampered));
		cases.add(get("token with a changed payload: search", TENANT_B, "Patient?family=" + VICTIM_B_FAMILY,
				tokens.tamperedPayload(), tampered));
		return cases;
	}

	private static List<Case> missingScope() {
		String token = tokens.missingScope();
		Refused refused = new Refused(403, ErrorCode.SCOPE_INSUFFICIENT);
		String claim = "Claim/" + VICTIM_A + "-claim";
		return List.of(
				get("read", TENANT_A, claim, token, refused),
				get("search", TENANT_A, "Claim?patient=Patient/" + VICTIM_A, token, refused),
				send("create", "POST", TENANT_A, "Claim", claim(null, VICTIM_A, "lm-injected"), token, refused),
				send("update", "PUT", TENANT_A, claim, claim(VICTIM_A + "-claim", VICTIM_A, "lm-overwritten"), token,
						refused),
				send("delete", "DELETE", TENANT_A, claim, null, token, refused),
				send("operation Claim/$x12-837", "POST", TENANT_A, claim + "/$x12-837", null, token, refused));
	}

	private static List<Case> otherTenant() {
		String alice = tokens.alice();
		Refused refused = new Refused(403, ErrorCode.TENANT_NOT_ALLOWED);
		String victim = "Patient/" + VICTIM_B;
		String entryUrl = stack.base(TENANT_B) + "/" + victim;
		return List.of(
				get("read", TENANT_B, victim, alice, refused),
				get("search", TENANT_B, "Patient?family=" + VICTIM_B_FAMILY, alice, refused),
				get("_include", TENANT_B, "ExplanationOfBenefit?_include=ExplanationOfBenefit:patient", alice,
						refused),
				get("_revinclude", TENANT_B, "Patient?_revinclude=ExplanationOfBenefit:patient", alice, refused),
				get("chained search", TENANT_B, "ExplanationOfBenefit?patient.family=" + VICTIM_B_FAMILY, alice,
						refused),
				get("$everything", TENANT_B, victim + "/$everything", alice, refused),
				send("batch entry", "POST", TENANT_B, "", bundle(Bundle.BundleType.BATCH, victim), alice, refused),
				send("transaction entry", "POST", TENANT_B, "", bundle(Bundle.BundleType.TRANSACTION, victim), alice,
						refused),
				// HAPI resolves entry URLs in the tenant the bundle was posted to: the batch entry is not found there,
				// the transaction is refused as a whole (it reads the absolute URL as an unknown resource type)
				send("batch posted to the own tenant, entry URL in the other", "POST", TENANT_A, "",
						bundle(Bundle.BundleType.BATCH, entryUrl), alice, new EntriesRefused("404")),
				send("transaction posted to the own tenant, entry URL in the other", "POST", TENANT_A, "",
						bundle(Bundle.BundleType.TRANSACTION, entryUrl), alice, new RefusedByHapi(404)),
				exportKickOff("$export kick-off", TENANT_B, "$export", alice, refused),
				exportKickOff("Patient/$export kick-off", TENANT_B, "Patient/$export", alice, refused),
				get("$export poll", TENANT_B, exportPollB, alice, refused),
				new Case("next page of a search in the other tenant", () -> otherPage(TENANT_B, TENANT_B, alice),
						refused),
				// a leak the matrix found: HAPI served the page whatever tenant the URL named (fixed in
				// SmartAuthorizationInterceptor#keepPagesInTheirTenant)
				new Case("next page of the other tenant's search, fetched through the own tenant",
						() -> otherPage(TENANT_B, TENANT_A, alice), refused),
				// a job polled through another tenant's URL is not found there (as an unknown job id: not even its
				// existence shows)
				get("$export poll of the other tenant's job through the own tenant", TENANT_A, exportPollB, alice,
						new Refused(404, ErrorCode.EXPORT_JOB_NOT_FOUND)));
	}

	private static List<Case> otherPatient() {
		String app = tokens.patientApp();
		Refused refused = new Refused(403, ErrorCode.SCOPE_INSUFFICIENT);
		Set<String> ownEobs = Set.of(OWN + "-eob", OWN + "-bridge-eob");
		return List.of(
				get("read EOB", TENANT_A, "ExplanationOfBenefit/" + VICTIM_A + "-eob", app, refused),
				get("read Patient", TENANT_A, "Patient/" + VICTIM_A, app, refused),
				get("read Claim", TENANT_A, "Claim/" + VICTIM_A + "-claim", app, refused),
				get("search with patient=other", TENANT_A, "ExplanationOfBenefit?patient=Patient/" + VICTIM_A, app,
						refused),
				get("search Patient by the other's family name", TENANT_A, "Patient?family=" + VICTIM_A_FAMILY, app,
						new OnlyOwn(Set.of())),
				get("search Coverage by beneficiary=other", TENANT_A, "Coverage?beneficiary=Patient/" + VICTIM_A, app,
						refused),
				get("_include of another patient's Claim", TENANT_A,
						"ExplanationOfBenefit?_include=ExplanationOfBenefit:claim", app, refused),
				get("_include=*", TENANT_A, "ExplanationOfBenefit?_include=*", app, refused),
				get("_revinclude of another patient's EOB", TENANT_A,
						"Claim?_revinclude=ExplanationOfBenefit:claim", app, refused),
				get("chained search patient.family=other", TENANT_A,
						"ExplanationOfBenefit?patient.family=" + VICTIM_A_FAMILY, app, new OnlyOwn(Set.of())),
				get("chained search claim.patient=other", TENANT_A,
						"ExplanationOfBenefit?claim.patient=Patient/" + VICTIM_A, app, new OnlyOwn(ownEobs)),
				get("Patient/other/$everything", TENANT_A, "Patient/" + VICTIM_A + "/$everything", app, refused),
				send("batch entry", "POST", TENANT_A, "", bundle(Bundle.BundleType.BATCH,
						"ExplanationOfBenefit/" + VICTIM_A + "-eob"), app, new EntriesRefused("403")),
				// a GET entry of a transaction is refused on its own, as in a batch (the transaction has no writes)
				send("transaction entry", "POST", TENANT_A, "", bundle(Bundle.BundleType.TRANSACTION,
						"ExplanationOfBenefit/" + VICTIM_A + "-eob"), app, new EntriesRefused("403")),
				exportKickOff("$export", TENANT_A, "$export", app, refused),
				exportKickOff("Patient/$export", TENANT_A, "Patient/$export", app, refused),
				get("type history", TENANT_A, "ExplanationOfBenefit/_history", app, refused),
				get("instance history", TENANT_A, "ExplanationOfBenefit/" + VICTIM_A + "-eob/_history", app, refused),
				get("system history", TENANT_A, "_history", app, refused),
				get("search by the other's EOB id", TENANT_A, "ExplanationOfBenefit?_id=" + VICTIM_A + "-eob", app,
						new OnlyOwn(Set.of())),
				get("_has on the other's EOB", TENANT_A, "Patient?_has:ExplanationOfBenefit:patient:identifier="
						+ SECRET + VICTIM_A + "-eob", app, new OnlyOwn(Set.of())),
				new Case("next page of staff's search", () -> otherPage(TENANT_A, TENANT_A, app), refused),
				send("create", "POST", TENANT_A, "ExplanationOfBenefit", eob(null, OWN, OWN + "-claim"), app, refused),
				send("update its own EOB", "PUT", TENANT_A, "ExplanationOfBenefit/" + OWN + "-eob",
						eob(OWN + "-eob", OWN, VICTIM_A + "-claim"), app, refused),
				get("search in another tenant", TENANT_B, "ExplanationOfBenefit", app,
						new Refused(403, ErrorCode.TENANT_NOT_ALLOWED)));
	}

	private static List<Case> controls() {
		String alice = tokens.alice();
		String app = tokens.patientApp();
		String victimEob = secretMarker(VICTIM_A + "-eob");
		return List.of(
				new Case("a five-second token, used at once", () -> expiringTokenFresh,
						new Allowed(200, List.of(victimEob))),
				get("integration client reads an EOB", TENANT_A, "ExplanationOfBenefit/" + VICTIM_A + "-eob",
						tokens.integration(), new Allowed(200, List.of(victimEob))),
				get("the missing-scope token reads what it has a scope for", TENANT_A, "Patient/" + VICTIM_A,
						tokens.missingScope(), new Allowed(200, List.of(familyMarker(VICTIM_A_FAMILY)))),
				get("alice reads her practice's patient", TENANT_A, "Patient/" + VICTIM_A, alice,
						new Allowed(200, List.of(familyMarker(VICTIM_A_FAMILY)))),
				get("alice: _include in her practice", TENANT_A,
						"ExplanationOfBenefit?_include=ExplanationOfBenefit:claim", alice,
						new Allowed(200, List.of(secretMarker(VICTIM_A + "-claim"), secretMarker(OWN + "-eob")))),
				get("alice: $everything in her practice", TENANT_A, "Patient/" + VICTIM_A + "/$everything", alice,
						new Allowed(200, List.of(victimEob, secretMarker(VICTIM_A + "-coverage")))),
				send("alice: batch entry in her practice", "POST", TENANT_A, "",
						bundle(Bundle.BundleType.BATCH, "Patient/" + VICTIM_A), alice,
						new Allowed(200, List.of(familyMarker(VICTIM_A_FAMILY)))),
				exportKickOff("alice: $export kick-off in her practice", TENANT_A, "$export", alice,
						new Allowed(202, List.of())),
				new Case("integration client polls its export in practice B", () -> exportPolledByItsOwner,
						new Allowed(202, List.of())),
				get("patient app searches its EOBs", TENANT_A, "ExplanationOfBenefit", app,
						new Allowed(200, List.of(secretMarker(OWN + "-eob"), secretMarker(OWN + "-bridge-eob")))),
				get("patient app reads its patient", TENANT_A, "Patient/" + OWN, app,
						new Allowed(200, List.of(familyMarker(OWN_FAMILY)))),
				new Case("alice: next page of her own search", () -> otherPage(TENANT_A, TENANT_A, alice),
						new Allowed(200, List.of(secretMarker(VICTIM_A + "-eob")))),
				new Case("integration client: next page of its search in practice B",
						() -> otherPage(TENANT_B, TENANT_B, tokens.integration()),
						new Allowed(200, List.of(secretMarker(VICTIM_B + "-eob")))),
				send("patient app: batch entry for its own EOB", "POST", TENANT_A, "",
						bundle(Bundle.BundleType.BATCH, "ExplanationOfBenefit/" + OWN + "-eob"), app,
						new Allowed(200, List.of(secretMarker(OWN + "-eob")))));
	}

	/** After the matrix: what the refused writes aimed at is still there as it was, and nothing was added. */
	private static List<Case> nothingLost() {
		return List.of(
				get("the victim's Claim is unchanged", TENANT_A, "Claim/" + VICTIM_A + "-claim", tokens.integration(),
						new Allowed(200, List.of(secretMarker(VICTIM_A + "-claim")))),
				get("no Claim was injected", TENANT_A, "Claim?identifier=lm-injected", tokens.integration(),
						new OnlyOwn(Set.of())));
	}

	// ---- running a case

	private static DynamicContainer group(String name, List<Case> cases) {
		return DynamicContainer.dynamicContainer(name + " (" + cases.size() + ")", cases.stream()
				.map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name() + " -> " + matrixCase.expect().label(),
						() -> run(name, matrixCase))));
	}

	private static void run(String group, Case matrixCase) throws IOException {
		Response response = matrixCase.send().get();
		String body = response.body();
		String described = group + ": " + matrixCase.name() + " -> " + response.status() + " " + body;
		Expect expect = matrixCase.expect();
		if (expect instanceof Allowed allowed) {
			assertThat(response.status()).as(described).isEqualTo(allowed.status());
			for (String data : allowed.mustContain()) {
				assertThat(body).as("the control returns data: " + described).contains(data);
			}
			OUTCOMES.merge(expect.label(), 1, Integer::sum);
			return;
		}
		if (expect instanceof Refused refused) {
			assertThat(response.status()).as(described).isEqualTo(refused.status());
			OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
			assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).as(described)
					.isEqualTo(refused.code().code());
			assertThat(outcome.getIssueFirstRep().getDetails().getText()).as(described)
					.containsIgnoringCase(refused.reason());
			if (refused.status() == 401) {
				assertThat(response.header("WWW-Authenticate")).as("the bearer challenge: " + described)
						.startsWith("Bearer");
			}
		} else if (expect instanceof RefusedByHapi hapi) {
			assertThat(response.status()).as(described).isEqualTo(hapi.status());
			assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, body).getIssue()).as(described)
					.isNotEmpty();
		} else if (expect instanceof OnlyOwn narrowed) {
			assertThat(response.status()).as(described).isEqualTo(200);
			Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, body);
			assertThat(bundle.getType()).as(described).isEqualTo(Bundle.BundleType.SEARCHSET);
			assertThat(bundle.getEntry()).as(described)
					.extracting(entry -> entry.getResource().getIdElement().getIdPart())
					.allMatch(narrowed.allowedIds()::contains, "only " + narrowed.allowedIds());
		} else if (expect instanceof EntriesRefused entries) {
			assertThat(response.status()).as(described).isEqualTo(200);
			Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, body);
			assertThat(bundle.getEntry()).as(described).isNotEmpty().allSatisfy(entry -> {
				assertThat(entry.getResponse().getStatus()).as(described).startsWith(entries.entryStatus());
				assertThat(entry.getResource()).as(described).isNull();
			});
		}
		assertAudited(matrixCase, response);
		assertNeverData(matrixCase, body);
		OUTCOMES.merge(expect.label(), 1, Integer::sum);
	}

	/**
	 * None of the victims' markers is in the body, as a resource would carry it: a resource id, a secret identifier
	 * value, a family name (so a searched name echoed in a link or a message is not taken for data).
	 */
	private static void assertNeverData(Case matrixCase, String body) {
		for (String victim : List.of(VICTIM_A, VICTIM_B)) {
			for (String suffix : List.of("", "-coverage", "-claim", "-eob", "-bridge-eob")) {
				assertThat(body).as("never data: " + victim + suffix + " in " + matrixCase.name())
						.doesNotContain(idMarker(victim + suffix))
						.doesNotContain(secretMarker(victim + suffix));
			}
		}
		for (String family : List.of(VICTIM_A_FAMILY, VICTIM_B_FAMILY)) {
			assertThat(body).as("never data: the family name " + family + " in " + matrixCase.name())
					.doesNotContain(familyMarker(family));
		}
	}

	/** A resource's id as its JSON carries it. */
	private static String idMarker(String id) {
		return "\"id\":\"" + id + "\"";
	}

	/** The secret identifier value of a resource as its JSON carries it. */
	private static String secretMarker(String id) {
		return "\"value\":\"" + SECRET + id + "\"";
	}

	/** A family name as a Patient's JSON carries it. */
	private static String familyMarker(String family) {
		return "\"family\":\"" + family + "\"";
	}

	/** A refused or narrowed case's answer, whose AuditEvent is looked up at the end. */
	private record Audited(Case matrixCase, String requestId) {}

	/**
	 * Every answer names its request ({@code X-Request-ID}, 401s included); the AuditEvent naming it is checked at
	 * the end ({@link #everyCaseIsAudited()}), once the audit trail has stored what the cases left.
	 */
	private static void assertAudited(Case matrixCase, Response response) {
		String requestId = response.header("X-Request-ID");
		assertThat(requestId).as(matrixCase.name() + ": the answer names its request (X-Request-ID)").isNotBlank();
		AUDITED.add(new Audited(matrixCase, requestId));
	}

	private static void everyCaseIsAudited() throws Exception {
		assertThat(AUDITED).as("the cases ran before the audit check").hasSizeGreaterThan(50);
		stack.server().getBean(AuditTrail.class).flush();
		String auditor = auditorToken();
		for (Audited audited : AUDITED) {
			String name = audited.matrixCase().name();
			AuditEvent event = auditEvent(audited.requestId(), auditor)
					.orElseThrow(() -> new AssertionError("no AuditEvent for " + name + " (X-Request-ID "
							+ audited.requestId() + ")"));
			assertThat(event.getRecorded()).as(name).isNotNull();
			assertThat(event.getSource().getObserver().getDisplay()).as(name).isNotBlank();
			assertThat(event.getAgent()).as(name + ": who (or the anonymous caller) and from where").isNotEmpty()
					.anySatisfy(agent -> assertThat(agent.getNetwork().getAddress()).isNotBlank());
			Expect expect = audited.matrixCase().expect();
			if (expect instanceof Refused || expect instanceof RefusedByHapi) {
				assertThat(event.getOutcome()).as(name + ": a refusal is recorded as a failure")
						.isNotEqualTo(AuditEvent.AuditEventOutcome._0);
			} else if (expect instanceof OnlyOwn) {
				assertThat(event.getOutcome()).as(name).isEqualTo(AuditEvent.AuditEventOutcome._0);
			}
			if (audited.matrixCase().expect() instanceof Refused refused) {
				assertThat(event.getOutcomeDesc()).as(name + ": the refusal's code").contains(refused.code().code());
			}
		}
	}

	/** The AuditEvent naming the request, in whichever practice it concerned. */
	private static Optional<AuditEvent> auditEvent(String requestId, String auditor) {
		for (String tenant : List.of(TENANT_A, TENANT_B)) {
			Response found = stack.get(tenant, "AuditEvent?entity-name:exact=" + requestId, auditor);
			assertThat(found.status()).as(found.body()).isEqualTo(200);
			Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, found.body());
			if (!bundle.getEntry().isEmpty()) {
				assertThat(bundle.getEntry()).as("one AuditEvent per request " + requestId + ": " + found.body())
						.hasSize(1);
				return Optional.of((AuditEvent) bundle.getEntryFirstRep().getResource());
			}
		}
		return Optional.empty();
	}

	private static void onlyAuditorsReadTheAuditTrail() throws Exception {
		for (String token : List.of(tokens.alice(), tokens.integration())) {
			for (String path : List.of("AuditEvent", "AuditEvent?entity-name:exact=" + AUDITED.get(0).requestId())) {
				assertRefusedAudit(stack.get(TENANT_A, path, token), 403, ErrorCode.AUDIT_ROLE_REQUIRED);
			}
		}
		// the practice's whole history holds AuditEvents by now: it is refused as a whole rather than shown without them
		stack.server().getBean(AuditTrail.class).flush();
		assertRefusedAudit(stack.get(TENANT_A, "_history?_count=1000", tokens.alice()), 403,
				ErrorCode.AUDIT_ROLE_REQUIRED);
		Response export = stack.send(HttpRequest.newBuilder(stack.uri(TENANT_A, "$export?_type=AuditEvent"))
				.header("Prefer", "respond-async").GET(), tokens.integration());
		assertRefusedAudit(export, 403, ErrorCode.AUDIT_ROLE_REQUIRED);
		// the integration client's export of practice B named no types: it holds every type but the audit trail
		Response manifest = stack.get(TENANT_B, exportPollB, tokens.integration());
		for (Instant deadline = Instant.now().plusSeconds(90); manifest.status() == 202
				&& Instant.now().isBefore(deadline); manifest = stack.get(TENANT_B, exportPollB, tokens.integration())) {
			Thread.sleep(500);
		}
		assertThat(manifest.status()).as(manifest.body()).isEqualTo(200);
		List<String> exported = new ArrayList<>();
		new ObjectMapper().readTree(manifest.body()).path("output").forEach(file -> exported.add(
				file.path("type").asText()));
		assertThat(exported).as(manifest.body()).contains("Patient").doesNotContain("AuditEvent");
		Response auditorReads = stack.get(TENANT_A, "AuditEvent?_count=1", auditorToken());
		assertThat(auditorReads.status()).as(auditorReads.body()).isEqualTo(200);
		assertThat(auditorReads.body()).contains("\"resourceType\":\"AuditEvent\"");
	}

	private static void nobodyChangesTheAuditTrail() throws Exception {
		String auditor = auditorToken();
		AuditEvent event = auditEvent(AUDITED.get(0).requestId(), auditor).orElseThrow();
		String path = "AuditEvent/" + event.getIdElement().getIdPart();
		String tenant = stack.get(TENANT_A, path, auditor).status() == 200 ? TENANT_A : TENANT_B;
		Response read = stack.get(tenant, path, auditor);
		event.setOutcomeDesc("rewritten");
		assertRefusedAudit(stack.put(tenant, path, event, tokens.integration()), 405, ErrorCode.AUDIT_IMMUTABLE);
		assertRefusedAudit(stack.delete(tenant, path, tokens.integration()), 405, ErrorCode.AUDIT_IMMUTABLE);
		assertRefusedAudit(stack.post(tenant, "AuditEvent", event, tokens.integration()), 405,
				ErrorCode.AUDIT_IMMUTABLE);
		Response after = stack.get(tenant, path, auditor);
		assertThat(after.status()).isEqualTo(200);
		assertThat(after.body()).as("the AuditEvent as it was").isEqualTo(read.body()).doesNotContain("rewritten");
	}

	private static void assertRefusedAudit(Response response, int status, ErrorCode code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssueFirstRep()
				.getDetails().getCodingFirstRep().getCode()).isEqualTo(code.code());
		assertThat(response.body()).doesNotContain("\"resourceType\":\"AuditEvent\"");
	}

	/**
	 * A token of an auditor of both practices ({@code user/AuditEvent.rs} and the realm role {@code auditor}), for a
	 * user the test adds once through the admin API.
	 */
	private static synchronized String auditorToken() throws Exception {
		if (auditorToken == null) {
			String password = UUID.randomUUID().toString();
			ObjectMapper json = new ObjectMapper();
			ObjectNode user = json.createObjectNode().put("username", AUDITOR_USER).put("enabled", true)
					.put("emailVerified", true).put("email", AUDITOR_USER + "@example.org")
					.put("firstName", "Leak").put("lastName", "Auditor");
			user.putArray("groups").add("/" + TENANT_A).add("/" + TENANT_B);
			user.putArray("credentials").addObject().put("type", "password").put("value", password)
					.put("temporary", false);
			String location = stack.admin("POST", "/openrcm/users", json.writeValueAsString(user)).headers()
					.firstValue("Location").orElseThrow();
			String role = stack.admin("GET", "/openrcm/roles/auditor", null).body();
			stack.admin("POST", "/openrcm/users/" + location.substring(location.lastIndexOf('/') + 1)
					+ "/role-mappings/realm", "[" + role + "]");
			auditorToken = stack.authorizationCode("openrcm-dashboard", AUDITOR_USER, password,
					"openid user/AuditEvent.rs");
		}
		return auditorToken;
	}

	// ---- requests

	private static Case get(String name, String tenant, String path, String token, Expect expect) {
		return new Case(name, () -> stack.get(tenant, path, token), expect);
	}

	private static Case send(String name, String method, String tenant, String path, IBaseResource resource,
			String token, Expect expect) {
		String body = resource == null ? "" : FHIR.newJsonParser().encodeResourceToString(resource);
		HttpRequest.BodyPublisher publisher = resource == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body);
		return new Case(name, () -> stack.send(HttpRequest.newBuilder(stack.uri(tenant, path))
				.header("Content-Type", "application/fhir+json").method(method, publisher), token), expect);
	}

	private static Case exportKickOff(String name, String tenant, String path, String token, Expect expect) {
		return new Case(name, () -> {
			int jobsBefore = exportJobs();
			Response response = exportRequest(tenant, path, token);
			if (response.status() >= 400) {
				assertThat(exportJobs()).as("a refused export starts no job").isEqualTo(jobsBefore);
			}
			return response;
		}, expect);
	}

	private static Response exportRequest(String tenant, String path, String token) {
		return stack.send(HttpRequest.newBuilder(stack.uri(tenant, path)).header("Prefer", "respond-async").GET(),
				token);
	}

	private static int exportJobs() {
		return stack.server().getBean(IJobCoordinator.class).getJobInstancesByJobDefinitionId(BULK_EXPORT, 1000, 0)
				.size();
	}

	/**
	 * Starts an export in the tenant and returns its poll path relative to the tenant, having polled it once with the
	 * same token ({@link #exportPolledByItsOwner}). The job runs on; the audit trail's check reads its manifest.
	 */
	private static String startExport(String tenant, String token) {
		Response kickOff = exportRequest(tenant, "$export", token);
		assertThat(kickOff.status()).as(kickOff.body()).isEqualTo(202);
		String poll = kickOff.header("Content-Location");
		assertThat(poll).contains("$export-poll-status");
		String path = poll.substring(poll.indexOf("$export-poll-status"));
		exportPolledByItsOwner = stack.get(tenant, path, token);
		return path;
	}

	/**
	 * The second page of a search of the test's EOBs made in {@code searchTenant} by a token that may see them all,
	 * fetched through {@code fetchTenant} with {@code token}. The first page holds the own patient's EOBs (in
	 * tenant A), the second the victim's.
	 */
	private static Response otherPage(String searchTenant, String fetchTenant, String token) {
		String searcher = TENANT_A.equals(searchTenant) ? tokens.alice() : tokens.integration();
		Response first = stack.get(searchTenant, "ExplanationOfBenefit?identifier=urn:openrcm:test%7C&_sort=_id&_count="
				+ (TENANT_A.equals(searchTenant) ? 2 : 1), searcher);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		String next = FHIR.newJsonParser().parseResource(Bundle.class, first.body()).getLink("next").getUrl();
		assertThat(next).as("a next page").contains("_getpages=");
		return stack.send(HttpRequest.newBuilder(URI.create(stack.base(fetchTenant)
				+ next.substring(next.indexOf('?')))).GET(), token);
	}

	private static Bundle bundle(Bundle.BundleType type, String getUrl) {
		Bundle bundle = new Bundle();
		bundle.setType(type);
		bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(getUrl);
		return bundle;
	}

	// ---- data

	/**
	 * The token patient's resources and two victims', in tenant A and in tenant B. Each resource carries an identifier
	 * {@code SECRET-<its id>}; the own patient's bridge EOB points at the victim's Claim and the victim's bridge EOB at
	 * the own patient's Claim, so {@code _include} and {@code _revinclude} would cross patients if unchecked.
	 */
	private static void storeData(String token) {
		store(TENANT_A, patient(OWN, OWN_FAMILY), token);
		store(TENANT_A, patient(VICTIM_A, VICTIM_A_FAMILY), token);
		store(TENANT_B, patient(VICTIM_B, VICTIM_B_FAMILY), token);
		for (String[] owner : new String[][] {{TENANT_A, OWN}, {TENANT_A, VICTIM_A}, {TENANT_B, VICTIM_B}}) {
			String tenant = owner[0];
			String patient = owner[1];
			store(tenant, coverage(patient), token);
			store(tenant, claim(patient + "-claim", patient, SECRET + patient + "-claim"), token);
			store(tenant, eob(patient + "-eob", patient, patient + "-claim"), token);
		}
		store(TENANT_A, eob(OWN + "-bridge-eob", OWN, VICTIM_A + "-claim"), token);
		store(TENANT_B, eob(VICTIM_B + "-bridge-eob", VICTIM_B, VICTIM_B + "-claim"), token);
		store(TENANT_A, eob(VICTIM_A + "-bridge-eob", VICTIM_A, OWN + "-claim"), token);
	}

	private static void store(String tenant, Resource resource, String token) {
		Response stored = stack.put(tenant, resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource,
				token);
		assertThat(stored.status()).as(stored.body()).isIn(200, 201);
	}

	private static Patient patient(String id, String family) {
		Patient patient = new Patient();
		patient.setId(id);
		patient.addIdentifier().setSystem("urn:openrcm:test").setValue(SECRET + id);
		patient.addName().setFamily(family).addGiven("Leak");
		return patient;
	}

	private static Coverage coverage(String patient) {
		Coverage coverage = new Coverage();
		coverage.setId(patient + "-coverage");
		coverage.addIdentifier().setSystem("urn:openrcm:test").setValue(SECRET + patient + "-coverage");
		coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
		coverage.setBeneficiary(new Reference("Patient/" + patient));
		coverage.addPayor().setDisplay("Test payer");
		return coverage;
	}

	/** A professional claim as the project's profile wants it: one diagnosis, one office visit, its total. */
	private static Claim claim(String id, String patient, String identifier) {
		Claim claim = new Claim();
		if (id != null) {
			claim.setId(id);
		}
		claim.addIdentifier().setSystem("urn:openrcm:test").setValue(identifier);
		claim.setStatus(Claim.ClaimStatus.ACTIVE);
		claim.setUse(Claim.Use.CLAIM);
		claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type")
				.setCode("professional");
		claim.setPatient(new Reference("Patient/" + patient));
		claim.setCreatedElement(new DateTimeType("2026-01-15"));
		claim.getProvider().setDisplay("Test clinic");
		claim.getInsurer().setDisplay("Test payer");
		claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority")
				.setCode("normal");
		claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("Coverage/" + patient
				+ "-coverage"));
		claim.addDiagnosis().setSequence(1).setDiagnosis(new CodeableConcept(new Coding(
				"http://hl7.org/fhir/sid/icd-10-cm", "I10", null)));
		claim.addItem().setSequence(1).addDiagnosisSequence(1)
				.setProductOrService(new CodeableConcept(new Coding("http://www.ama-assn.org/go/cpt", "99213", null)))
				.setServiced(new DateType("2026-01-14"))
				.setLocation(new CodeableConcept(new Coding(
						"https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set", "11",
						null)))
				.setNet(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD"))
				.getQuantity().setValue(1);
		claim.setTotal(new Money().setValue(new BigDecimal("125.00")).setCurrency("USD"));
		return claim;
	}

	private static ExplanationOfBenefit eob(String id, String patient, String claimId) {
		ExplanationOfBenefit eob = new ExplanationOfBenefit();
		if (id != null) {
			eob.setId(id);
			eob.addIdentifier().setSystem("urn:openrcm:test").setValue(SECRET + id);
		}
		eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
		eob.setUse(ExplanationOfBenefit.Use.CLAIM);
		eob.setPatient(new Reference("Patient/" + patient));
		eob.setClaim(new Reference("Claim/" + claimId));
		eob.setOutcome(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
		return eob;
	}

	// ---- tokens made through the admin API, and tampered ones

	/** A patient user of this test in practice A, its {@code patient} claim the own patient; returns its password. */
	private static String createPatientUser() throws IOException, InterruptedException {
		String password = UUID.randomUUID().toString();
		ObjectMapper json = new ObjectMapper();
		ObjectNode user = json.createObjectNode()
				.put("username", PATIENT_USER).put("enabled", true).put("emailVerified", true)
				.put("email", PATIENT_USER + "@example.org").put("firstName", "Leak").put("lastName", OWN_FAMILY);
		user.putArray("groups").add("/" + TENANT_A);
		ObjectNode attributes = user.putObject("attributes");
		attributes.putArray("patient").add(OWN);
		attributes.putArray("fhirUser").add("Patient/" + OWN);
		user.putArray("credentials").addObject().put("type", "password").put("value", password)
				.put("temporary", false);
		stack.admin("POST", "/openrcm/users", json.writeValueAsString(user));
		return password;
	}

	/** A client of the openrcm realm with service account in practice A and {@code system/*.rs} by default. */
	private static String createClient(String clientId, Map<String, String> attributes, boolean audience)
			throws IOException, InterruptedException {
		ObjectMapper json = new ObjectMapper();
		ObjectNode client = json.createObjectNode()
				.put("clientId", clientId).put("secret", CLIENT_SECRET).put("publicClient", false)
				.put("serviceAccountsEnabled", true).put("standardFlowEnabled", false);
		ObjectNode clientAttributes = client.putObject("attributes");
		attributes.forEach(clientAttributes::put);
		String location = stack.admin("POST", "/openrcm/clients", json.writeValueAsString(client)).headers()
				.firstValue("Location").orElseThrow();
		String id = location.substring(location.lastIndexOf('/') + 1);
		stack.admin("PUT", "/openrcm/clients/" + id + "/default-client-scopes/" + clientScopeId("system/*.rs"), null);
		if (!audience) {
			stack.admin("DELETE", "/openrcm/clients/" + id + "/default-client-scopes/"
					+ clientScopeId("openrcm-audience"), null);
		}
		String serviceAccount = json.readTree(stack.admin("GET", "/openrcm/clients/" + id + "/service-account-user",
				null).body()).path("id").asText();
		stack.admin("PUT", "/openrcm/users/" + serviceAccount + "/groups/" + groupId(TENANT_A), null);
		return clientId;
	}

	private static String clientScopeId(String name) throws IOException, InterruptedException {
		for (JsonNode scope : new ObjectMapper().readTree(stack.admin("GET", "/openrcm/client-scopes", null).body())) {
			if (name.equals(scope.path("name").asText())) {
				return scope.path("id").asText();
			}
		}
		throw new AssertionError("no client scope " + name);
	}

	private static String groupId(String name) throws IOException, InterruptedException {
		for (JsonNode group : new ObjectMapper().readTree(stack.admin("GET", "/openrcm/groups", null).body())) {
			if (name.equals(group.path("name").asText())) {
				return group.path("id").asText();
			}
		}
		throw new AssertionError("no group " + name);
	}

	/**
	 * A token that lives five seconds, otherwise like any practice A client's: long enough to be used at once
	 * on a busy machine, short enough to expire while the rest of the matrix is set up.
	 */
	private static String expiringToken() throws IOException, InterruptedException {
		String client = createClient("leak-short-lived",
				Map.of("access.token.lifespan", String.valueOf(SHORT_LIFESPAN_SECONDS)), true);
		String token = stack.clientCredentials(client, CLIENT_SECRET, "");
		JsonNode claims = SmartStack.claims(token);
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
				.isLessThanOrEqualTo(SHORT_LIFESPAN_SECONDS);
		assertThat(claims.path("aud").toString()).contains("openrcm");
		assertThat(claims.path("scope").asText()).contains("system/*.rs");
		return token;
	}

	/** A token of a client without the openrcm audience, otherwise like any practice A client's. */
	private static String noAudienceToken() throws IOException, InterruptedException {
		String client = createClient("leak-no-audience", Map.of(), false);
		String token = stack.clientCredentials(client, CLIENT_SECRET, "");
		JsonNode claims = SmartStack.claims(token);
		assertThat(claims.path("aud").toString()).doesNotContain("openrcm");
		assertThat(claims.path("iss").asText()).isEqualTo(stack.keycloak().issuer());
		assertThat(claims.path("scope").asText()).contains("system/*.rs");
		assertThat(claims.path("tenants").toString()).contains(TENANT_A);
		return token;
	}

	/**
	 * A token of another realm of the same Keycloak that signs with the openrcm realm's key and puts the openrcm
	 * audience, tenant A and {@code system/*.rs} in its tokens: only its issuer is wrong.
	 */
	private static String otherRealmToken() throws IOException, InterruptedException {
		ObjectMapper json = new ObjectMapper();
		ObjectNode realm = json.createObjectNode().put("realm", OTHER_REALM).put("enabled", true);
		realm.putArray("clientScopes").addObject().put("name", "system/*.rs").put("protocol", "openid-connect")
				.putObject("attributes").put("include.in.token.scope", "true");
		ObjectNode client = realm.putArray("clients").addObject()
				.put("clientId", "leak-elsewhere-client").put("secret", CLIENT_SECRET).put("publicClient", false)
				.put("serviceAccountsEnabled", true).put("standardFlowEnabled", false);
		client.putArray("defaultClientScopes").add("system/*.rs");
		var mappers = client.putArray("protocolMappers");
		mappers.addObject().put("name", "openrcm audience").put("protocol", "openid-connect")
				.put("protocolMapper", "oidc-audience-mapper").putObject("config")
				.put("included.custom.audience", "openrcm").put("access.token.claim", "true");
		mappers.addObject().put("name", "tenants").put("protocol", "openid-connect")
				.put("protocolMapper", "oidc-hardcoded-claim-mapper").putObject("config")
				.put("claim.name", "tenants").put("claim.value", "[\"" + TENANT_A + "\"]")
				.put("jsonType.label", "JSON").put("access.token.claim", "true");
		stack.admin("POST", "", json.writeValueAsString(realm));
		String realmId = json.readTree(stack.admin("GET", "/" + OTHER_REALM, null).body()).path("id").asText();
		stack.admin("POST", "/" + OTHER_REALM + "/components",
				SmartStack.signingKeyComponent(realmId, stack.signingKey()));
		String token = SmartStack.clientCredentials(stack.keycloak().baseUrl() + "/realms/" + OTHER_REALM
				+ "/protocol/openid-connect/token", "leak-elsewhere-client", CLIENT_SECRET, "");
		JsonNode claims = SmartStack.claims(token);
		assertThat(claims.path("iss").asText()).isNotEqualTo(stack.keycloak().issuer());
		assertThat(claims.path("aud").toString()).contains("openrcm");
		assertThat(claims.path("tenants").toString()).contains(TENANT_A);
		assertThat(claims.path("scope").asText()).contains("system/*.rs");
		assertThat(header(token).path("kid").asText()).as("signed with the openrcm realm's key")
				.isEqualTo(header(stack.integrationToken()).path("kid").asText());
		return token;
	}

	private static JsonNode header(String token) throws IOException {
		return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
	}

	/** The token with a tenant added to its tenants claim, its signature left as it was. */
	private static String withTenant(String token, String tenant) throws IOException {
		String[] parts = token.split("\\.");
		ObjectMapper json = new ObjectMapper();
		ObjectNode claims = (ObjectNode) json.readTree(Base64.getUrlDecoder().decode(parts[1]));
		claims.putArray("tenants").add(TENANT_A).add(tenant);
		return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
				.encodeToString(json.writeValueAsString(claims).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
	}

	/** The token with one byte of its signature changed. */
	private static String withFlippedSignature(String token) {
		String[] parts = token.split("\\.");
		byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
		signature[signature.length / 2] ^= 0x01;
		return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
	}
}
