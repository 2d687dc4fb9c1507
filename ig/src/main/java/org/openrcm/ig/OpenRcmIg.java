package org.openrcm.ig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenRCM implementation guide: its identity, the canonical URLs of its profiles, extensions, code systems, value
 * sets and operations, and the FHIR NPM package (built from {@code ig/src/main/fhir}) that the server installs at
 * start-up.
 */
public final class OpenRcmIg {

	/** The NPM package name. */
	public static final String PACKAGE_NAME = "org.openrcm.fhir";
	/** The NPM package version. */
	public static final String PACKAGE_VERSION = "0.6.0";
	/** The canonical base of every OpenRCM conformance resource. */
	public static final String CANONICAL_BASE = "http://openrcm.org/fhir";
	/** A professional Claim with everything a payer needs to accept it as an 837P. */
	public static final String PROFESSIONAL_CLAIM_PROFILE =
			CANONICAL_BASE + "/StructureDefinition/openrcm-professional-claim";
	/** A Coverage a claim can be billed against. */
	public static final String COVERAGE_PROFILE = CANONICAL_BASE + "/StructureDefinition/openrcm-coverage";
	/** A Basic holding one payer's rule for the scrubber: a condition, prior-authorization codes or a filing limit. */
	public static final String PAYER_RULE_PROFILE = CANONICAL_BASE + "/StructureDefinition/payer-rule";
	/** ChargeItem / Procedure extension, repeating, valueCodeableConcept or valueCoding: a CPT or HCPCS modifier. */
	public static final String SERVICE_MODIFIER_EXTENSION = CANONICAL_BASE + "/StructureDefinition/service-modifier";
	/** Claim extension, valueReference to the contained OperationOutcome listing a draft claim's issues. */
	public static final String DRAFT_ISSUES_EXTENSION = CANONICAL_BASE + "/StructureDefinition/draft-issues";
	/** Claim extension, valueDateTime: when the billed encounter ended ({@code Encounter.period.end}). */
	public static final String ENCOUNTER_ENDED_EXTENSION = CANONICAL_BASE + "/StructureDefinition/encounter-ended";
	/** Claim extension, valueDateTime: when the claim was drafted from its encounter. */
	public static final String CLAIM_DRAFTED_EXTENSION = CANONICAL_BASE + "/StructureDefinition/claim-drafted";
	/** Claim extension, valueReference to the contained OperationOutcome ({@code #scrub}) of a scrub on write. */
	public static final String SCRUB_OUTCOME_EXTENSION = CANONICAL_BASE + "/StructureDefinition/scrub-outcome";
	/** Claim extension, valueDateTime: when the claim first scrubbed without errors; never changed afterwards. */
	public static final String SCRUBBED_CLEAN_EXTENSION = CANONICAL_BASE + "/StructureDefinition/scrubbed-clean";
	/** Payer rule extension, valueExpression: the FHIRPath condition over the Claim that raises PAYER-RULE. */
	public static final String PAYER_RULE_CONDITION_EXTENSION =
			CANONICAL_BASE + "/StructureDefinition/payer-rule-condition";
	/** Payer rule extension, valueCode {@code error} or {@code warning}: the severity of its PAYER-RULE issue. */
	public static final String PAYER_RULE_SEVERITY_EXTENSION =
			CANONICAL_BASE + "/StructureDefinition/payer-rule-severity";
	/** Payer rule extension, valueString: what is wrong, the {@code details.text} of its PAYER-RULE issue. */
	public static final String PAYER_RULE_MESSAGE_EXTENSION =
			CANONICAL_BASE + "/StructureDefinition/payer-rule-message";
	/** Payer rule extension, valueString: how to fix it, the {@code diagnostics} of its PAYER-RULE issue. */
	public static final String PAYER_RULE_FIX_EXTENSION = CANONICAL_BASE + "/StructureDefinition/payer-rule-fix";
	/** Payer rule extension, repeating, valueCoding: a CPT or HCPCS code that needs prior authorization. */
	public static final String PAYER_RULE_CODE_EXTENSION = CANONICAL_BASE + "/StructureDefinition/payer-rule-code";
	/** Payer rule extension, valueDuration in whole days (UCUM {@code d}): the payer's timely-filing limit. */
	public static final String PAYER_RULE_FILING_LIMIT_EXTENSION =
			CANONICAL_BASE + "/StructureDefinition/payer-rule-filing-limit";
	/** The rule ids of the claim scrubber, carried in {@code OperationOutcome.issue.details.coding}. */
	public static final String SCRUB_RULE_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/scrub-rule";
	/** Every code of {@link #SCRUB_RULE_CODE_SYSTEM}. */
	public static final String SCRUB_RULE_VALUE_SET = CANONICAL_BASE + "/ValueSet/scrub-rule";
	/** The kinds of payer rule ({@code Basic.code}): condition, prior-authorization, filing-limit. */
	public static final String PAYER_RULE_TYPE_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/payer-rule-type";
	/** Every code of {@link #PAYER_RULE_TYPE_CODE_SYSTEM}; the required binding of a payer rule's {@code code}. */
	public static final String PAYER_RULE_TYPE_VALUE_SET = CANONICAL_BASE + "/ValueSet/payer-rule-type";
	/** {@code error} and {@code warning} of the FHIR issue severities: what a condition rule's finding can be. */
	public static final String PAYER_RULE_SEVERITY_VALUE_SET = CANONICAL_BASE + "/ValueSet/payer-rule-severity";
	/** Every code of {@link #WORK_QUEUE_CODE_SYSTEM}: the work queues a biller's Task can be in. */
	public static final String WORK_QUEUE_VALUE_SET = CANONICAL_BASE + "/ValueSet/work-queue";
	/**
	 * How a 999 fault is coded on {@code ClaimResponse.error.code}: {@code IK304-<code>}, {@code IK403-<code>},
	 * {@code IK5-<status>}, {@code AK9-<status>}.
	 */
	public static final String X12_999_ERROR_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/x12-999-error";
	/** {@code POST [base]/$suggest-codes}: billing codes for a text. */
	public static final String SUGGEST_CODES_OPERATION = CANONICAL_BASE + "/OperationDefinition/suggest-codes";
	/** {@code POST [base]/Encounter/[id]/$suggest-codes}: billing codes for an encounter. */
	public static final String ENCOUNTER_SUGGEST_CODES_OPERATION =
			CANONICAL_BASE + "/OperationDefinition/encounter-suggest-codes";
	/** {@code POST [base]/Encounter/[id]/$draft-claim}: the draft professional claim of an encounter. */
	public static final String DRAFT_CLAIM_OPERATION = CANONICAL_BASE + "/OperationDefinition/draft-claim";
	/** {@code POST [base]/Claim/$scrub} and {@code POST [base]/Claim/[id]/$scrub}: the claim scrubber's findings. */
	public static final String CLAIM_SCRUB_OPERATION = CANONICAL_BASE + "/OperationDefinition/Claim-scrub";
	/**
	 * {@code POST [base]/Claim/[id]/$submit} and {@code POST [base]/Claim/$submit} (a Bundle): scrub the claim and
	 * queue it for its clearinghouse; answers its ClaimResponse, outcome {@code queued}.
	 */
	public static final String CLAIM_SUBMIT_OPERATION = CANONICAL_BASE + "/OperationDefinition/Claim-submit";
	/** {@code POST [base]/$x12-ingest}: store, read and apply an inbound X12 file (999, 277CA, ...). */
	public static final String X12_INGEST_OPERATION = CANONICAL_BASE + "/OperationDefinition/x12-ingest";
	/** {@code POST [base]/$clearinghouse-exchange}: send the queued claims and fetch the inbound files now. */
	public static final String CLEARINGHOUSE_EXCHANGE_OPERATION =
			CANONICAL_BASE + "/OperationDefinition/clearinghouse-exchange";
	/** {@code GET [base]/Claim/[id]/$x12-837}: the stored claim as an X12 837P interchange, in a Binary. */
	public static final String CLAIM_X12_837_OPERATION = CANONICAL_BASE + "/OperationDefinition/Claim-x12-837";
	/** The canonical URL of the {@code Claim/$inquire} OperationDefinition (prior authorization status, PAS). */
	public static final String CLAIM_INQUIRE_OPERATION = CANONICAL_BASE + "/OperationDefinition/Claim-inquire";
	/** Extension on ClaimResponse: when the claim left for its clearinghouse (submission-turnaround KPI). */
	public static final String CLAIM_SENT_EXTENSION = CANONICAL_BASE + "/StructureDefinition/claim-sent";
	/** Identifier system of the payer's claim control number (835 CLP07, 277CA REF*1K, 837 REF*F8). */
	public static final String PAYER_CLAIM_NUMBER_SYSTEM = CANONICAL_BASE + "/sid/payer-claim-number";
	/** Identifier system of a claim's submission to a clearinghouse: {@code <sender>:<ISA13>:<ST02>}. */
	public static final String X12_TRANSACTION_SYSTEM = CANONICAL_BASE + "/sid/x12-transaction";
	/** The work queues of Task.code: what a biller has to do ({@code claim-rejection}, ...). */
	public static final String WORK_QUEUE_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/work-queue";
	/**
	 * The kinds of denial ({@code eligibility}, {@code authorization}, {@code coding}, ...): the {@code reasonCode}
	 * of a Task in the {@code denial} work queue.
	 */
	public static final String DENIAL_CATEGORY_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/denial-category";
	/** Every code of {@link #DENIAL_CATEGORY_CODE_SYSTEM}. */
	public static final String DENIAL_CATEGORY_VALUE_SET = CANONICAL_BASE + "/ValueSet/denial-category";
	/** Why a balance was written off ({@code small-balance}, {@code timely-filing}, ...): {@code Claim/$write-off}. */
	public static final String WRITE_OFF_REASON_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/write-off-reason";
	/**
	 * OpenRCM's adjudication categories beside the core ones: {@code remark}, an adjudication entry whose
	 * {@code reason} is a remittance advice remark code (RARC).
	 */
	public static final String ADJUDICATION_CATEGORY_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/adjudication-category";
	/** The kinds of Invoice OpenRCM writes ({@code patient-statement}). */
	public static final String INVOICE_TYPE_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/invoice-type";
	/**
	 * Identifies what an 835 posting wrote: the payer and trace number of the payment, and for a claim payment its
	 * place in the 835 ({@code <payer>:<trace>[:<n>]}).
	 */
	public static final String REMITTANCE_POSTING_SYSTEM = CANONICAL_BASE + "/sid/remittance-posting";
	/** {@code POST [base]/Claim/[id]/$correct}: a draft replacement of a claim, sent later as frequency 7. */
	public static final String CLAIM_CORRECT_OPERATION = CANONICAL_BASE + "/OperationDefinition/Claim-correct";
	/** {@code POST [base]/Claim/[id]/$appeal}: an appeal to the payer, with an {@code appeal} Task. */
	public static final String CLAIM_APPEAL_OPERATION = CANONICAL_BASE + "/OperationDefinition/Claim-appeal";
	/** {@code POST [base]/Claim/[id]/$write-off}: write off (part of) a claim's open balance. */
	public static final String CLAIM_WRITE_OFF_OPERATION = CANONICAL_BASE + "/OperationDefinition/Claim-write-off";
	/** {@code GET|POST [base]/$denial-patterns}: denials grouped by payer, reason, procedure or category. */
	public static final String DENIAL_PATTERNS_OPERATION = CANONICAL_BASE + "/OperationDefinition/denial-patterns";
	/** {@code POST [base]/Claim/[id]/$status}: a 276 to the payer; the answer is the claim's status trail Task. */
	public static final String CLAIM_STATUS_OPERATION = CANONICAL_BASE + "/OperationDefinition/Claim-status";
	/** The work queue code (of {@link #WORK_QUEUE_CODE_SYSTEM}) of a claim's status trail Task. */
	public static final String CLAIM_STATUS_QUEUE = "claim-status";
	/** X12 claim status category codes (external code list 507), the {@code businessStatus} of a status Task. */
	public static final String CLAIM_STATUS_CATEGORY_SYSTEM = "https://x12.org/codes/claim-status-category-codes";

	/** {@code CoverageEligibilityRequest/$submit}: a 270 to the payer, the 271 as a CoverageEligibilityResponse. */
	public static final String COVERAGE_ELIGIBILITY_SUBMIT_OPERATION =
			CANONICAL_BASE + "/OperationDefinition/CoverageEligibilityRequest-submit";
	/** {@code $eligibility-batch}: eligibility of the patients seen in a range, followed on a Task. */
	public static final String ELIGIBILITY_BATCH_OPERATION = CANONICAL_BASE + "/OperationDefinition/eligibility-batch";
	/** The reject reasons of a 271's AAA segments (AAA03), as CoverageEligibilityResponse errors. */
	public static final String X12_AAA_REJECT_REASON_CODE_SYSTEM = CANONICAL_BASE + "/CodeSystem/x12-aaa-reject-reason";
	/** The trace number of an eligibility check (the 270's TRN02), on its CoverageEligibilityResponse. */
	public static final String ELIGIBILITY_TRACE_SYSTEM = CANONICAL_BASE + "/sid/eligibility-trace";

	/** Where the package (a gzipped tar, FHIR NPM layout) lies on the classpath. */
	public static final String PACKAGE_CLASSPATH_LOCATION = "org/openrcm/ig/openrcm-ig.tgz";

	private OpenRcmIg() {}

	/**
	 * The package bytes.
	 *
	 * @throws IllegalStateException if the package is not on the classpath (the ig module was not built)
	 */
	public static byte[] packageBytes() {
		try (InputStream in = OpenRcmIg.class.getClassLoader().getResourceAsStream(PACKAGE_CLASSPATH_LOCATION)) {
			if (in == null) {
				throw new IllegalStateException(PACKAGE_CLASSPATH_LOCATION + " is not on the classpath; build the ig module");
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
