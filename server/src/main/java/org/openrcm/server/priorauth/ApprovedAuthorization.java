package org.openrcm.server.priorauth;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.openrcm.server.fhir.FhirValues;
import org.openrcm.server.fhir.StoredReferences;
import org.openrcm.server.x12.auth.ReviewAction;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;

/**
 * An approved prior authorization as the scrubber and claims use it: a certified (in whole, in part or modified)
 * PAS ClaimResponse with a {@code preAuthRef}, for a patient and payer, the procedure codes its approved items
 * name, and the period it holds.
 *
 * @param preAuthRef the authorization number (HCR02)
 * @param patient the patient's reference ({@code Patient/id})
 * @param payer the payer's reference ({@code Organization/id}, the ClaimResponse's insurer)
 * @param codes the CPT/HCPCS codes of the approved items, upper case
 * @param from the first day it holds, or {@code null} (no period given: any day)
 * @param to the last day it holds, or {@code null}
 */
public record ApprovedAuthorization(String preAuthRef, String patient, String payer, Set<String> codes,
		LocalDate from, LocalDate to) {

	public ApprovedAuthorization {
		codes = Set.copyOf(codes);
	}

	/** Whether it authorizes this code from this payer on this day (an unknown day is taken as covered). */
	public boolean covers(String payerReference, String code, LocalDate day) {
		return payer.equals(payerReference) && code != null && codes.contains(code.toUpperCase(Locale.ROOT))
				&& (day == null || ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to))));
	}

	/**
	 * The approved authorization a ClaimResponse records, if it records one.
	 *
	 * @param request the prior authorization Claim it answers (its items carry the codes)
	 */
	public static Optional<ApprovedAuthorization> of(ClaimResponse response, Claim request) {
		if (response.getUse() != ClaimResponse.Use.PREAUTHORIZATION || !response.hasPreAuthRef()
				|| response.getOutcome() != ClaimResponse.RemittanceOutcome.COMPLETE || request == null) {
			return Optional.empty();
		}
		Set<String> codes = new LinkedHashSet<>();
		LocalDate from = day(response.getPreAuthPeriod(), true);
		LocalDate to = day(response.getPreAuthPeriod(), false);
		for (ClaimResponse.ItemComponent item : response.getItem()) {
			boolean approved = PasResponseMapping.reviewActionCode(item).flatMap(ReviewAction::of)
					.map(ReviewAction::approved).orElse(false);
			if (!approved) {
				continue;
			}
			for (Claim.ItemComponent asked : request.getItem()) {
				if (asked.getSequence() == item.getItemSequence()) {
					code(asked).ifPresent(codes::add);
				}
			}
			Extension period = item.getExtensionByUrl(PasProfile.ITEM_PRE_AUTH_PERIOD);
			if (period != null && period.getValue() instanceof Period itemPeriod) {
				from = from == null ? day(itemPeriod, true) : from;
				to = to == null ? day(itemPeriod, false) : to;
			}
		}
		if (codes.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new ApprovedAuthorization(response.getPreAuthRef(),
				response.getPatient().getReferenceElement().toUnqualifiedVersionless().getValue(),
				response.getInsurer().getReferenceElement().toUnqualifiedVersionless().getValue(), codes, from, to));
	}

	/**
	 * The approved authorizations of a patient in the request's tenant: its PAS ClaimResponses (use
	 * {@code preauthorization}) with their request Claims.
	 */
	public static List<ApprovedAuthorization> load(DaoRegistry daos, RequestDetails request, String patient) {
		if (patient == null || patient.startsWith("#") || !new IdType(patient).hasIdPart()) {
			return List.of();
		}
		SearchParameterMap map = SearchParameterMap.newSynchronous(ClaimResponse.SP_PATIENT,
				new ReferenceParam(patient)).add(ClaimResponse.SP_USE, new TokenParam("preauthorization"));
		map.setLoadSynchronousUpTo(200);
		List<ApprovedAuthorization> approved = new ArrayList<>();
		for (IBaseResource found : daos.getResourceDao(ClaimResponse.class).search(map, request).getAllResources()) {
			ClaimResponse response = (ClaimResponse) found;
			if (!response.hasPreAuthRef() || !response.getRequest().hasReference()) {
				continue;
			}
			if (StoredReferences.resolve(daos, request, response.getRequest()) instanceof Claim claim) {
				of(response, claim).ifPresent(approved::add);
			}
		}
		return approved;
	}

	private static Optional<String> code(Claim.ItemComponent item) {
		for (Coding coding : item.getProductOrService().getCoding()) {
			if ((CptCodeSet.SYSTEM.equals(coding.getSystem()) || HcpcsCodeSet.SYSTEM.equals(coding.getSystem()))
					&& coding.hasCode()) {
				return Optional.of(coding.getCode().strip().toUpperCase(Locale.ROOT));
			}
		}
		return Optional.empty();
	}

	private static LocalDate day(Period period, boolean start) {
		if (period == null) {
			return null;
		}
		if (start) {
			return period.hasStart() ? FhirValues.day(period.getStartElement()) : null;
		}
		return period.hasEnd() ? FhirValues.day(period.getEndElement()) : null;
	}

	/** The reference of a patient or payer as compared: {@code Type/id}, unversioned. */
	static String key(Reference reference) {
		return reference.getReferenceElement().toUnqualifiedVersionless().getValue();
	}
}
