package org.openrcm.server.priorauth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.ClaimResponse.AdjudicationComponent;
import org.hl7.fhir.r4.model.ClaimResponse.ItemComponent;
import org.hl7.fhir.r4.model.ClaimResponse.RemittanceOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.openrcm.server.x12.auth.AuthorizationReview;
import org.openrcm.server.x12.auth.AuthorizationReview.Dated;
import org.openrcm.server.x12.auth.AuthorizationReview.Decision;
import org.openrcm.server.x12.auth.AuthorizationReview.Rejection;
import org.openrcm.server.x12.auth.AuthorizationReview.Service;
import org.openrcm.server.x12.auth.AuthorizationReview.Trace;
import org.openrcm.server.x12.auth.ReviewAction;

/**
 * The FHIR side of a 278 response: the PAS ClaimResponse of a prior authorization request, first as sent (outcome
 * {@code queued}), then as the UMO answered, and the PAS response Bundle that carries it. Pure.
 *
 * <p>Outcome: {@code queued} while no answer came; {@code partial} when the UMO pended the review (HCR {@code A4}:
 * it decides later and the ClaimResponse is updated then); {@code complete} with a decision (certified, in part,
 * modified, not certified, cancelled); {@code error} when the UMO refused to review it (AAA) or no answer came.
 * A certification's number is {@code preAuthRef}, its period (2000E DTP*AAH) {@code preAuthPeriod}. Each item
 * carries the PAS {@code reviewAction} (HCR01 code, HCR02 number, HCR03 reason) on an adjudication of category
 * {@code submitted}, matched to its service by the trace number {@code <trace>-<item sequence>} the request gave it.
 */
final class PasResponseMapping {

	static final String ADJUDICATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/adjudication";

	/** The reject reasons (AAA03) the sandbox and common payers send, in words. */
	private static final Map<String, String> REJECT_REASONS = Map.of("15", "required data is missing", "41",
			"the requester is not authorized to ask", "42", "the payer cannot answer at this time", "43",
			"the provider is not known or not valid", "57", "the dates of service are missing or invalid", "58",
			"the birth date is missing or invalid", "72", "the member id is invalid", "75",
			"the member was not found", "79", "the request is a duplicate");

	private PasResponseMapping() {}

	/** The ClaimResponse of a request just sent: outcome {@code queued}, one item per claim item. */
	static ClaimResponse queued(Claim claim, String claimId, String trace, String originator, Instant now) {
		ClaimResponse response = new ClaimResponse();
		response.addIdentifier(new Identifier().setSystem(PasProfile.TRACE_SYSTEM_PREFIX + originator).setValue(trace));
		response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
		response.setType(claim.getType().copy());
		response.setUse(ClaimResponse.Use.PREAUTHORIZATION);
		response.setPatient(claim.getPatient().copy());
		response.setCreated(Date.from(now));
		response.setInsurer(claim.getInsurer().copy());
		response.setRequestor(claim.getProvider().copy());
		response.setRequest(new Reference(claimId));
		response.setOutcome(RemittanceOutcome.QUEUED);
		response.setDisposition("Sent to the payer for review; no answer yet.");
		for (int i = 0; i < claim.getItem().size(); i++) {
			Claim.ItemComponent item = claim.getItem().get(i);
			int sequence = item.hasSequence() ? item.getSequence() : i + 1;
			ItemComponent answered = response.addItem().setItemSequence(sequence);
			answered.addAdjudication().setCategory(submitted());
		}
		return response;
	}

	/** Records that no answer came (or the exchange was refused): outcome {@code error}, with why. */
	static void failed(ClaimResponse response, String why) {
		response.setOutcome(RemittanceOutcome.ERROR);
		response.setDisposition(why);
	}

	/** Applies the UMO's 278 response. */
	static void apply(ClaimResponse response, AuthorizationReview answer, String trace) {
		Decision decision = answer.event().decision();
		List<Rejection> rejections = answer.allRejections();
		response.getError().clear();
		for (Rejection rejection : rejections) {
			ClaimResponse.ErrorComponent error = response.addError();
			error.setCode(new CodeableConcept(new Coding(PasProfile.REJECT_REASON_SYSTEM, rejection.reason(),
					REJECT_REASONS.get(rejection.reason()))));
			if (rejection.followUp() != null) {
				error.addExtension(PasProfile.FOLLOWUP_ACTION, new CodeableConcept(new Coding(
						PasProfile.FOLLOWUP_ACTION_SYSTEM, rejection.followUp(), null)));
			}
		}
		Optional<ReviewAction> action = decision == null ? Optional.empty() : decision.reviewAction();
		response.getPreAuthRefElement().setValue(null);
		response.setPreAuthPeriod(null);
		response.getExtension().removeIf(e -> PasProfile.ADMINISTRATION_REFERENCE_NUMBER.equals(e.getUrl()));
		Optional<Dated> period = answer.event().date("AAH");
		if (action.isEmpty()) {
			response.setOutcome(RemittanceOutcome.ERROR);
			response.setDisposition(rejections.isEmpty() ? "The payer answered without a decision."
					: "The payer could not review the request: " + String.join("; ", rejections.stream()
							.map(PasResponseMapping::words).toList()) + ".");
		} else {
			ReviewAction reviewAction = action.get();
			response.setOutcome(reviewAction.pending() ? RemittanceOutcome.PARTIAL : RemittanceOutcome.COMPLETE);
			response.setDisposition(disposition(reviewAction, decision));
			if (reviewAction.approved() && decision.reviewNumber() != null) {
				response.setPreAuthRef(decision.reviewNumber());
				period.ifPresent(p -> response.setPreAuthPeriod(period(p)));
			}
			answer.event().reference("NT").ifPresent(reference -> response.addExtension(
					PasProfile.ADMINISTRATION_REFERENCE_NUMBER, new StringType(reference)));
		}
		for (int i = 0; i < response.getItem().size(); i++) {
			ItemComponent item = response.getItem().get(i);
			Service service = service(answer, trace + "-" + item.getItemSequence(), i);
			Decision itemDecision = service != null && service.decision() != null ? service.decision() : decision;
			item.getExtension().removeIf(e -> PasProfile.ITEM_PRE_AUTH_PERIOD.equals(e.getUrl()));
			item.getAdjudication().clear();
			AdjudicationComponent adjudication = item.addAdjudication().setCategory(submitted());
			if (itemDecision != null) {
				adjudication.addExtension(reviewAction(itemDecision));
				if (itemDecision.reviewAction().map(ReviewAction::approved).orElse(false) && period.isPresent()) {
					item.addExtension(PasProfile.ITEM_PRE_AUTH_PERIOD, period(period.get()));
				}
			}
		}
	}

	/** The review action extension of one decision. */
	static Extension reviewAction(Decision decision) {
		Extension extension = new Extension(PasProfile.REVIEW_ACTION);
		extension.addExtension(PasProfile.REVIEW_ACTION_CODE, new CodeableConcept(new Coding(
				PasProfile.REVIEW_ACTION_SYSTEM, decision.action(), decision.reviewAction().map(a -> a.name()
						.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).orElse(null))));
		if (decision.reviewNumber() != null) {
			extension.addExtension("number", new StringType(decision.reviewNumber()));
		}
		if (decision.reason() != null) {
			extension.addExtension("reasonCode", new CodeableConcept(new Coding(PasProfile.REVIEW_REASON_SYSTEM,
					decision.reason(), null)));
		}
		return extension;
	}

	/** The review action code (HCR01) of a ClaimResponse item, if it has one. */
	static Optional<String> reviewActionCode(ItemComponent item) {
		for (AdjudicationComponent adjudication : item.getAdjudication()) {
			Extension action = adjudication.getExtensionByUrl(PasProfile.REVIEW_ACTION);
			Extension code = action == null ? null : action.getExtensionByUrl(PasProfile.REVIEW_ACTION_CODE);
			if (code != null && code.getValue() instanceof CodeableConcept concept) {
				return Optional.ofNullable(concept.getCodingFirstRep().getCode());
			}
		}
		return Optional.empty();
	}

	/**
	 * The PAS response Bundle: the ClaimResponse first, then the resources it names.
	 *
	 * @param base the tenant's FHIR base URL, for the entries' {@code fullUrl}
	 */
	static Bundle bundle(ClaimResponse response, List<Resource> named, String base, Instant now) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID()));
		bundle.setTimestamp(Date.from(now));
		add(bundle, response, base);
		named.forEach(resource -> add(bundle, resource, base));
		return bundle;
	}

	private static void add(Bundle bundle, Resource resource, String base) {
		String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
		String prefix = base == null ? "" : base.endsWith("/") ? base : base + "/";
		bundle.addEntry().setFullUrl(id == null ? null : prefix + id).setResource(resource);
	}

	private static Service service(AuthorizationReview answer, String itemTrace, int index) {
		for (Service service : answer.services()) {
			for (Trace trace : service.traces()) {
				if (itemTrace.equals(trace.number())) {
					return service;
				}
			}
		}
		return index < answer.services().size() ? answer.services().get(index) : null;
	}

	private static String disposition(ReviewAction action, Decision decision) {
		String reason = decision.reason() == null ? "" : " (reason " + decision.reason() + ")";
		return switch (action) {
			case CERTIFIED -> "Certified under authorization " + decision.reviewNumber() + ".";
			case CERTIFIED_PARTIAL -> "Certified in part under authorization " + decision.reviewNumber() + reason
					+ "; see each item.";
			case MODIFIED -> "Certified with changes under authorization " + decision.reviewNumber() + reason + ".";
			case NOT_CERTIFIED -> "Not certified" + reason + ".";
			case PENDED -> "Pended by the payer" + reason + "; the decision follows.";
			case CANCELLED -> "Cancelled.";
			case CONTACT_PAYER -> "Contact the payer" + reason + ".";
			case NOT_REQUIRED -> "No authorization is required.";
		};
	}

	private static String words(Rejection rejection) {
		String reason = REJECT_REASONS.getOrDefault(rejection.reason(), "reject reason " + rejection.reason());
		String followUp = switch (rejection.followUp() == null ? "" : rejection.followUp()) {
			case "C" -> ", correct and send again";
			case "R" -> ", send again later";
			case "N", "Y" -> ", do not send again";
			default -> "";
		};
		return reason + " (AAA " + rejection.reason() + ")" + followUp;
	}

	private static CodeableConcept submitted() {
		return new CodeableConcept(new Coding(ADJUDICATION_SYSTEM, "submitted", null));
	}

	private static Period period(Dated dated) {
		LocalDate end = dated.to() == null ? dated.from() : dated.to();
		return new Period().setStartElement(new DateTimeType(dated.from().toString()))
				.setEndElement(new DateTimeType(end.toString()));
	}

	/** The day of a date element, or {@code null}. */
	static LocalDate day(Date date) {
		return date == null ? null : date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
	}
}
