package org.openrcm.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.OperationDefinition.OperationKind;
import org.junit.jupiter.api.Test;

/**
 * The OperationDefinitions are the contract of the operations the server implements (their {@code @Operation}
 * providers name the same parameters): each one parses strictly and declares exactly the parameters, parts, types
 * and cardinalities listed here, so renaming, retyping or dropping one fails until the implementation and this
 * list agree again.
 */
class OperationDefinitionsTest {

	/** The parts of a suggestion that {@code $suggest-codes} and {@code Encounter/$suggest-codes} both return. */
	private static final String SUGGESTION_PARTS = """
			out suggestion.system     uri      1..1
			out suggestion.code       code     1..1
			""";

	@Test
	void suggestCodes() throws IOException {
		OperationDefinition operation = operation("suggest-codes");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.SUGGEST_CODES_OPERATION);
		assertThat(operation.getCode()).isEqualTo("suggest-codes");
		assertThat(operation.getSystem()).isTrue();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isFalse();
		assertThat(operation.getResource()).isEmpty();
		assertThat(operation.getAffectsState()).isFalse();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  text                  string   1..1
				in  date                  date     0..1
				in  count                 integer  0..1
				out suggestion            -        0..*
				""" + SUGGESTION_PARTS + """
				out suggestion.display    string   1..1
				out suggestion.score      decimal  1..1
				out suggestion.kind       code     1..1
				out suggestion.billable   boolean  1..1
				out suggestion.evidence   string   0..*
				"""));
	}

	@Test
	void encounterSuggestCodes() throws IOException {
		OperationDefinition operation = operation("encounter-suggest-codes");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.ENCOUNTER_SUGGEST_CODES_OPERATION);
		assertThat(operation.getCode()).isEqualTo("suggest-codes");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Encounter");
		assertThat(operation.getAffectsState()).isFalse();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  count                 integer  0..1
				out suggestion            -        0..*
				""" + SUGGESTION_PARTS + """
				out suggestion.display    string   0..1
				out suggestion.score      decimal  1..1
				out suggestion.kind       code     1..1
				out suggestion.billable   boolean  1..1
				out suggestion.coded      boolean  1..1
				out suggestion.evidence   string   0..*
				out suggestion.source     Reference 1..*
				out rejected              -        0..*
				out rejected.system       uri      1..1
				out rejected.code         code     1..1
				out rejected.message      string   1..1
				out rejected.source       Reference 1..1
				"""));
	}

	@Test
	void draftClaim() throws IOException {
		OperationDefinition operation = operation("draft-claim");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.DRAFT_CLAIM_OPERATION);
		assertThat(operation.getCode()).isEqualTo("draft-claim");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Encounter");
		assertThat(operation.getAffectsState()).isTrue();
		// no in parameters: the server does not read the request body
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				out return                Claim    1..1
				"""));
		// the responses a biller's integration has to handle are spelled out
		assertThat(operation.getDescription()).contains("201", "200", "404", "422", "ORCM-4001", "draft-issues");
	}

	@Test
	void scrub() throws IOException {
		OperationDefinition operation = operation("Claim-scrub");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLAIM_SCRUB_OPERATION);
		assertThat(operation.getName()).isEqualTo("ClaimScrub");
		assertThat(operation.getCode()).isEqualTo("scrub");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isTrue();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Claim");
		// the first clean scrub of a stored claim is recorded on it (scrubbed-clean), so no GET
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  resource              Claim            0..1
				out return                OperationOutcome 1..1
				"""));
		// 0..1 because the instance level takes none: both levels are spelled out
		assertThat(operation.getParameterFirstRep().getDocumentation())
				.contains("Claim/$scrub", "required", "Claim/{id}/$scrub", "absent");
		// the calls, the shape of a finding, scrub on write and the answers an integration has to handle
		assertThat(operation.getDescription()).contains(
				"POST [base]/Claim/$scrub",
				"POST [base]/Claim/{id}/$scrub",
				"batch",
				"contained",
				OpenRcmIg.SCRUB_RULE_CODE_SYSTEM,
				"details.text",
				"diagnostics",
				"Claim.item[1].modifier[0]",
				"PAYER-RULE",
				"Basic.identifier",
				"CLEAN",
				"EDIT-TABLES-OUTDATED",
				"`off`",
				"`annotate`",
				"`reject`",
				"id `scrub`",
				"scrub-outcome",
				"scrubbed-clean",
				"200",
				"400",
				"404",
				"422");
	}

	@Test
	void x12837() throws IOException {
		OperationDefinition operation = operation("Claim-x12-837");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLAIM_X12_837_OPERATION);
		assertThat(operation.getName()).isEqualTo("ClaimX12837");
		assertThat(operation.getCode()).isEqualTo("x12-837");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Claim");
		// writing the 837 stores nothing (control numbers are spent, but no resource changes): GET is allowed
		assertThat(operation.getAffectsState()).isFalse();
		// no in parameters: the server does not read a request body
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				out return                Binary   1..1
				"""));
		assertThat(operation.getParameterFirstRep().getDocumentation()).contains("application/EDI-X12", "ISA", "IEA");
		// the calls, the two answers, where the envelope comes from, the frequency codes and the errors
		assertThat(operation.getDescription()).contains(
				"005010X222A1",
				"GET [base]/Claim/{id}/$x12-837",
				"Accept: application/fhir+json",
				"openrcm.clearinghouse",
				"control numbers",
				"http://openrcm.org/fhir/sid/payer-id",
				"`7`",
				"`8`",
				"REF*F8",
				"http://openrcm.org/fhir/sid/payer-claim-number",
				"Not written yet",
				"200",
				"404",
				"410",
				"422",
				"ORCM-6001",
				"ORCM-6002",
				"ORCM-6003",
				"Claim.insurer.resolve().identifier");
	}

	@Test
	void submit() throws IOException {
		OperationDefinition operation = operation("Claim-submit");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLAIM_SUBMIT_OPERATION);
		assertThat(operation.getName()).isEqualTo("ClaimSubmit");
		assertThat(operation.getCode()).isEqualTo("submit");
		// OpenRCM's profile of the core operation, so a client that knows Claim/$submit recognises it
		assertThat(operation.getBase()).isEqualTo("http://hl7.org/fhir/OperationDefinition/Claim-submit");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isTrue();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Claim");
		// it stores the Bundle's resources and queues the claim: never a GET
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  resource              Bundle           0..1
				out return                ClaimResponse    1..1
				"""));
		// 0..1 because the instance level takes none: both levels are spelled out
		assertThat(operation.getParameterFirstRep().getDocumentation())
				.contains("Claim/$submit", "required", "first Claim entry", "fullUrl", "Claim/{id}/$submit");
		// the calls, the checks, the answer, what happens after and every error code
		assertThat(operation.getDescription()).contains(
				"POST [base]/Claim/{id}/$submit",
				"POST [base]/Claim/$submit",
				"first Claim entry",
				"one transaction",
				"`fullUrl`",
				"`draft`",
				"`entered-in-error`",
				"`preauthorization`",
				"`predetermination`",
				"`cancelled`",
				"frequency code `8`",
				"not scrubbed",
				OpenRcmIg.SCRUB_RULE_CODE_SYSTEM,
				"`outcome` `queued`",
				"`request` the claim",
				"`created` now",
				"`disposition` naming the clearinghouse connection",
				"`openrcm.clearinghouse.channel.batch-interval`",
				"`openrcm.submission.batch-size`",
				"5,000",
				"`$clearinghouse-exchange`",
				"one 837 transaction set per claim",
				OpenRcmIg.CLAIM_SENT_EXTENSION,
				"`" + OpenRcmIg.X12_TRANSACTION_SYSTEM + "`",
				"`<sender id>:<ISA13>:<ST02>`",
				"`Accepted by the payer for adjudication (277CA): `",
				"`" + OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM + "`",
				"`outcome` becomes `error`",
				"`itemSequence`",
				OpenRcmIg.X12_999_ERROR_CODE_SYSTEM,
				"`https://x12.org/codes/claim-status-category-codes`",
				"`category:status:entity`",
				"`claim-rejection` of " + OpenRcmIg.WORK_QUEUE_CODE_SYSTEM,
				"`status` `requested`",
				"`focus` the claim",
				"`for` the patient",
				"`reasonReference` the ClaimResponse",
				"ORCM-6001",
				"ORCM-6002",
				"ORCM-6003",
				"**200 OK**",
				"**400 Bad Request** (`ORCM-8001`)",
				"**404 Not Found**",
				"**409 Conflict** (`ORCM-8002`)",
				"**410 Gone**",
				"**422 Unprocessable Entity**",
				"`ORCM-8003`",
				"`ORCM-8004`");
	}

	@Test
	void theIdentifierSystemsOfASubmissionAreFixed() {
		// the server writes them on ClaimResponse.identifier and payers' claim numbers are searched by them
		assertThat(OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM).isEqualTo("http://openrcm.org/fhir/sid/payer-claim-number");
		assertThat(OpenRcmIg.X12_TRANSACTION_SYSTEM).isEqualTo("http://openrcm.org/fhir/sid/x12-transaction");
	}

	@Test
	void x12Ingest() throws IOException {
		OperationDefinition operation = operation("x12-ingest");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.X12_INGEST_OPERATION);
		assertThat(operation.getName()).isEqualTo("X12Ingest");
		assertThat(operation.getCode()).isEqualTo("x12-ingest");
		assertThat(operation.getSystem()).isTrue();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isFalse();
		assertThat(operation.getResource()).isEmpty();
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  content               Binary   0..1
				in  name                  string   0..1
				out return                Bundle   1..1
				"""));
		// 0..1 because the raw file may be the body instead
		assertThat(operation.getParameterFirstRep().getDocumentation()).contains("Required", "application/EDI-X12");
		// the two ways to post a file, what is applied, the answers and every error code
		assertThat(operation.getDescription()).contains(
				"POST [base]/$x12-ingest",
				"`Content-Type: application/EDI-X12`",
				"`content` (a Binary",
				"`name`",
				"stored before anything is read",
				"999",
				"277CA",
				"835",
				"271",
				"Only the tenant's own claims",
				OpenRcmIg.X12_999_ERROR_CODE_SYSTEM,
				OpenRcmIg.WORK_QUEUE_CODE_SYSTEM,
				"`collection` Bundle",
				"ClaimResponses, Tasks",
				"`ORCM-8012`",
				"a claim this server did not send",
				"The same bytes posted again change nothing",
				"`information` OperationOutcome",
				"**200 OK**",
				"**400 Bad Request** (`ORCM-8010`)",
				"**422 Unprocessable Entity** (`ORCM-8011`)",
				"`location`",
				"`IEA02 (segment 3)`",
				"nothing in it is applied",
				"The file is kept");
	}

	@Test
	void clearinghouseExchange() throws IOException {
		OperationDefinition operation = operation("clearinghouse-exchange");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLEARINGHOUSE_EXCHANGE_OPERATION);
		assertThat(operation.getName()).isEqualTo("ClearinghouseExchange");
		assertThat(operation.getCode()).isEqualTo("clearinghouse-exchange");
		assertThat(operation.getSystem()).isTrue();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isFalse();
		assertThat(operation.getResource()).isEmpty();
		assertThat(operation.getAffectsState()).isTrue();
		// no in parameters: the server does not read a request body
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				out connection            string   1..1
				out claimsSent            integer  1..1
				out interchangesSent      integer  1..1
				out claimsRefused         integer  1..1
				out fileSent              string   0..*
				out filesReceived         integer  1..1
				out filesProcessed        integer  1..1
				out filesRejected         integer  1..1
				out fileReceived          string   0..*
				"""));
		assertThat(operation.getDescription()).contains(
				"POST [base]/$clearinghouse-exchange",
				"no parameters",
				"`openrcm.clearinghouse.channel.batch-interval`",
				"`openrcm.submission.batch-size`",
				"`$x12-ingest`",
				"**200 OK**",
				"**500 Internal Server Error**",
				"What was recorded before the failure stays recorded",
				"next round");
	}

	@Test
	void correct() throws IOException {
		OperationDefinition operation = operation("Claim-correct");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLAIM_CORRECT_OPERATION);
		assertThat(operation.getName()).isEqualTo("ClaimCorrect");
		assertThat(operation.getCode()).isEqualTo("correct");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Claim");
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				out return                Claim    1..1
				"""));
		// the replacement's shape, how it is sent and the answers
		assertThat(operation.getDescription()).contains(
				"POST [base]/Claim/{id}/$correct",
				"`status` `draft`",
				"`related.claim` the original",
				"`related.relationship` `prior`",
				"http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship",
				"`related.reference` the payer's claim number",
				OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM,
				"frequency code `7`",
				"REF*F8",
				"$submit",
				"`CORRECTED`",
				"**200 OK**",
				"**404 Not Found**",
				"**422 Unprocessable Entity**");
	}

	@Test
	void appeal() throws IOException {
		OperationDefinition operation = operation("Claim-appeal");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLAIM_APPEAL_OPERATION);
		assertThat(operation.getName()).isEqualTo("ClaimAppeal");
		assertThat(operation.getCode()).isEqualTo("appeal");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Claim");
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  reason                string    1..1
				in  attachment            Reference 0..*
				in  level                 integer   0..1
				out return                Task      1..1
				"""));
		assertThat(operation.getParameter().get(1).getTargetProfile()).extracting(t -> t.getValue())
				.containsExactly("http://hl7.org/fhir/StructureDefinition/DocumentReference");
		assertThat(operation.getDescription()).contains(
				"POST [base]/Claim/{id}/$appeal",
				"`appeal` work queue",
				"`status` `in-progress`",
				"`basedOn` the claim's open `denial` Tasks",
				"a Communication to the payer",
				"`contentReference` per `attachment`",
				"`on-hold`",
				"**200 OK**",
				"**400 Bad Request**",
				"**409 Conflict**",
				"**422 Unprocessable Entity**");
	}

	@Test
	void claimStatus() throws IOException {
		OperationDefinition operation = operation("Claim-status");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLAIM_STATUS_OPERATION);
		assertThat(operation.getName()).isEqualTo("ClaimStatus");
		assertThat(operation.getCode()).isEqualTo("status");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Claim");
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				out return                Task      1..1
				"""));
		assertThat(operation.getDescription()).contains(
				"POST [base]/Claim/{id}/$status",
				"005010X212",
				"`code` `claim-status`",
				OpenRcmIg.CLAIM_STATUS_CATEGORY_SYSTEM,
				OpenRcmIg.PAYER_CLAIM_NUMBER_SYSTEM,
				"`openrcm.claim-status.follow-up-after-days`",
				"`openrcm.claim-status.recheck-after-days`",
				"**200 OK**",
				"**404 Not Found** (`ORCM-7020`)",
				"`ORCM-7021`",
				"`ORCM-7022`",
				"**502 Bad Gateway** (`ORCM-7025`)",
				"**503 Service Unavailable** (`ORCM-7024`)",
				"**504 Gateway Timeout** (`ORCM-7023`)");
	}

	@Test
	void writeOff() throws IOException {
		OperationDefinition operation = operation("Claim-write-off");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLAIM_WRITE_OFF_OPERATION);
		assertThat(operation.getName()).isEqualTo("ClaimWriteOff");
		assertThat(operation.getCode()).isEqualTo("write-off");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isTrue();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Claim");
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  amount                Money     0..1
				in  reason                Coding    1..1
				in  note                  string    0..1
				out amount                Money     1..1
				out reason                Coding    1..1
				out balance               Money     1..1
				out closedTask            Reference 0..*
				"""));
		// the reason is bound to the write-off reasons
		assertThat(operation.getParameter().get(1).getBinding().getValueSet())
				.isEqualTo(OpenRcmIg.CANONICAL_BASE + "/ValueSet/write-off-reason");
		assertThat(operation.getDescription()).contains(
				"POST [base]/Claim/{id}/$write-off",
				OpenRcmIg.WRITE_OFF_REASON_CODE_SYSTEM,
				"open balance",
				"Without `amount` the whole open balance is written off",
				"a Task written off in full is closed",
				"`WRITE_OFF`",
				"**200 OK**",
				"**400 Bad Request**",
				"**422 Unprocessable Entity**");
	}

	@Test
	void denialPatterns() throws IOException {
		OperationDefinition operation = operation("denial-patterns");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.DENIAL_PATTERNS_OPERATION);
		assertThat(operation.getName()).isEqualTo("DenialPatterns");
		assertThat(operation.getCode()).isEqualTo("denial-patterns");
		assertThat(operation.getSystem()).isTrue();
		assertThat(operation.getType()).isFalse();
		assertThat(operation.getInstance()).isFalse();
		assertThat(operation.getResource()).isEmpty();
		// a report: GET is allowed
		assertThat(operation.getAffectsState()).isFalse();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  from                  date      0..1
				in  to                    date      0..1
				in  payer                 string    0..1
				in  groupBy               code      0..*
				out from                  date      1..1
				out to                    date      1..1
				out pattern               -         0..*
				out pattern.payer         Reference 0..1
				out pattern.carc          Coding    0..1
				out pattern.procedure     Coding    0..1
				out pattern.category      Coding    0..1
				out pattern.count         integer   1..1
				out pattern.amount        Money     1..1
				"""));
		// payer is a reference given as a string, so it can be a GET parameter
		assertThat(operation.getParameter().get(2).getSearchType().toCode()).isEqualTo("reference");
		assertThat(operation.getDescription()).contains(
				"GET [base]/$denial-patterns",
				"POST [base]/$denial-patterns",
				"`authoredOn`",
				"`openrcm.denials.default-period`",
				"`payer`, `carc`",
				"`procedure`",
				OpenRcmIg.DENIAL_CATEGORY_CODE_SYSTEM,
				"Default: `payer` and `carc`",
				"`entered-in-error`",
				"largest total `amount` first",
				"**200 OK**",
				"**400 Bad Request** (`ORCM-9001`)",
				"**422 Unprocessable Entity** (`ORCM-9002`)",
				"`openrcm.denials.max-tasks`");
	}

	@Test
	void everyOperationDefinitionInThePackageIsCheckedHere() throws IOException {
		assertThat(ImplementationGuideTest.resourcesOfType(OperationDefinition.class))
				.extracting(operation -> operation.getIdElement().getIdPart())
				.containsExactlyInAnyOrder("suggest-codes", "encounter-suggest-codes", "draft-claim", "Claim-scrub",
						"Claim-x12-837", "Claim-submit", "x12-ingest", "clearinghouse-exchange", "Claim-correct",
						"Claim-appeal", "Claim-write-off", "denial-patterns", "Claim-status", "Claim-inquire",
						"CoverageEligibilityRequest-submit", "eligibility-batch");
	}

	@Test
	void claimInquire() throws IOException {
		OperationDefinition operation = operation("Claim-inquire");

		assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CLAIM_INQUIRE_OPERATION);
		assertThat(operation.getCode()).isEqualTo("inquire");
		assertThat(operation.getSystem()).isFalse();
		assertThat(operation.getType()).isTrue();
		assertThat(operation.getInstance()).isFalse();
		assertThat(operation.getResource()).extracting(CodeType::getCode).containsExactly("Claim");
		// a pended review is asked about again, which updates its ClaimResponse
		assertThat(operation.getAffectsState()).isTrue();
		assertThat(signature(operation)).containsExactlyElementsOf(lines("""
				in  request               Bundle   0..1
				out return                Bundle   1..1
				"""));
		assertThat(operation.getDescription()).contains("POST [base]/Claim/$inquire", "REF*NT", "reviewAction",
				"Subscription", "**200 OK**", "`ORCM-7040`", "`ORCM-7047`", "`ORCM-7043`");
	}

	@Test
	void everyOperationIsActiveDocumentedAndNamedForItsFile() throws IOException {
		for (OperationDefinition operation : ImplementationGuideTest.resourcesOfType(OperationDefinition.class)) {
			String id = operation.getIdElement().getIdPart();
			assertThat(operation.getUrl()).isEqualTo(OpenRcmIg.CANONICAL_BASE + "/OperationDefinition/" + id);
			assertThat(operation.getStatus()).as(id).isEqualTo(PublicationStatus.ACTIVE);
			assertThat(operation.getKind()).as(id).isEqualTo(OperationKind.OPERATION);
			assertThat(operation.getDescription()).as(id).isNotBlank();
			for (OperationDefinitionParameterComponent parameter : all(operation.getParameter())) {
				assertThat(parameter.getDocumentation()).as(id + " " + parameter.getName()).isNotBlank();
			}
		}
	}

	/** The OperationDefinition of that id, parsed from the package; an unknown element fails the parse. */
	private static OperationDefinition operation(String id) throws IOException {
		String json = ImplementationGuideTest.packageFiles().get("package/OperationDefinition-" + id + ".json");
		assertThat(json).as("OperationDefinition-" + id + ".json in the package").isNotNull();
		return IgValidation.FHIR.newJsonParser()
				.setParserErrorHandler(new StrictErrorHandler())
				.parseResource(OperationDefinition.class, json);
	}

	/** One line per parameter and part, in document order: {@code use name type min..max}. */
	private static List<String> signature(OperationDefinition operation) {
		List<String> lines = new ArrayList<>();
		for (OperationDefinitionParameterComponent parameter : operation.getParameter()) {
			describe(parameter, "", lines);
		}
		return lines;
	}

	private static void describe(OperationDefinitionParameterComponent parameter, String prefix, List<String> into) {
		into.add(String.join(" ",
				parameter.getUse().toCode(),
				prefix + parameter.getName(),
				parameter.hasType() ? parameter.getType() : "-",
				parameter.getMin() + ".." + parameter.getMax()));
		for (OperationDefinitionParameterComponent part : parameter.getPart()) {
			describe(part, prefix + parameter.getName() + ".", into);
		}
	}

	private static List<OperationDefinitionParameterComponent> all(
			List<OperationDefinitionParameterComponent> parameters) {
		List<OperationDefinitionParameterComponent> all = new ArrayList<>();
		for (OperationDefinitionParameterComponent parameter : parameters) {
			all.add(parameter);
			all.addAll(all(parameter.getPart()));
		}
		return all;
	}

	/** The non-blank lines of a text block, each with its runs of spaces made one. */
	private static List<String> lines(String block) {
		return Arrays.stream(block.split("\n"))
				.map(line -> line.trim().replaceAll("\\s+", " "))
				.filter(line -> !line.isEmpty())
				.toList();
	}
}
