package org.openrcm.server.coding;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.ChargeItemDefinition;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.openrcm.server.fhir.TenantResourceCache;

/**
 * {@code POST [base]/Encounter/[id]/$draft-claim}: drafts the professional Claim for an encounter, stores it in the
 * encounter's tenant and returns it. It takes no parameters: the request body is ignored (send none, or an empty
 * Parameters resource).
 *
 * <p>What goes on the claim is described in {@link ClaimDrafter}. The response is the Claim:
 * <ul>
 * <li><b>201 Created</b>, with {@code Location}, when this call drafted it. Its status is {@code draft}, so it is not
 * held to the submission profile until a coder moves it on.</li>
 * <li><b>200 OK</b> with the claim already drafted for this encounter (whatever its status now) when there is one:
 * the operation is idempotent per encounter. The claim carries identifier
 * {@code http://openrcm.org/fhir/sid/draft-claim|<encounter id>} and is stored as a conditional create on it, so two
 * calls never make two drafts. To draft again from changed encounter data, delete the draft first.</li>
 * <li>What the drafter could not fill or had to default (no active coverage, no price, defaulted diagnosis pointers,
 * ...) is listed in an OperationOutcome contained in the Claim, {@code Claim.contained[id = draft-issues]}, which
 * the extension {@code http://openrcm.org/fhir/StructureDefinition/draft-issues} references. Each issue has
 * severity {@code warning} (or {@code information}), a stable {@code ORCM-41xx} code in {@code details.coding} and
 * the FHIRPath of the claim element in {@code expression}. The issues are stored with the draft, so a coder who
 * opens it from a work queue later sees them too; none means nothing was missing.</li>
 * </ul>
 * Errors (OperationOutcome): unknown encounter, or one of another tenant: 404; deleted: 410; an encounter whose
 * subject is not a Patient: 422 {@code ORCM-4001}.
 *
 * <p>Everything is read and written through HAPI's DAOs with the request's {@link RequestDetails}, so the request's
 * tenant (partition) applies to every read, search and the create, and storage interceptors run as for any create.
 */
final class DraftClaimOperationProvider {

	/** Sorts by the storage order, so resources come in the order they were recorded. */
	private static final SortSpec RECORDED_ORDER = new SortSpec("_pid");

	/** Fee schedules derived from the tenants' ChargeItemDefinitions, at most this many per tenant. */
	static final int MAX_FEES = 50_000;

	private final DaoRegistry daos;
	private final ClaimDrafter drafter;
	private final TenantResourceCache<FeeSchedule> feeSchedules;

	DraftClaimOperationProvider(DaoRegistry daos, ClaimDrafter drafter, TenantResourceCache<FeeSchedule> feeSchedules) {
		this.daos = daos;
		this.drafter = drafter;
		this.feeSchedules = feeSchedules;
	}

	/** {@code manualRequest}: the operation takes no parameters, so HAPI is told not to parse the (empty) body. */
	@Operation(name = "$draft-claim", type = Encounter.class, idempotent = false, manualRequest = true)
	@Description(shortDefinition = "Draft the professional Claim for this encounter (201), or return the one already "
			+ "drafted (200); issues in the contained OperationOutcome 'draft-issues'")
	public Claim draftClaim(@IdParam IdType id, RequestDetails request, HttpServletResponse response) {
		Encounter encounter = dao(Encounter.class).read(new IdType("Encounter", id.getIdPart()), request);
		Reference patient = ClaimDrafter.patientOf(encounter);
		Identifier identifier = ClaimDrafter.identifierFor(encounter.getIdElement());

		Claim existing = existingDraft(identifier, request);
		if (existing != null) {
			return existing;
		}
		Claim claim = drafter.draft(read(encounter, patient, request));
		DaoMethodOutcome outcome = dao(Claim.class).create(
				claim, "Claim?identifier=" + identifier.getSystem() + "|" + identifier.getValue(), request);
		if (!Boolean.TRUE.equals(outcome.getCreated())) {
			// drafted by a concurrent call between the search and the create
			return dao(Claim.class).read(outcome.getId().toUnqualifiedVersionless(), request);
		}
		response.setStatus(HttpServletResponse.SC_CREATED);
		response.setHeader(Constants.HEADER_LOCATION, request.getFhirServerBase() + "/"
				+ outcome.getId().withResourceType("Claim").toUnqualified().getValue());
		return (Claim) outcome.getResource();
	}

	private Claim existingDraft(Identifier identifier, RequestDetails request) {
		SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous(
				Claim.SP_IDENTIFIER, new TokenParam(identifier.getSystem(), identifier.getValue()));
		byIdentifier.setSort(RECORDED_ORDER);
		List<IBaseResource> found = dao(Claim.class).search(byIdentifier, request).getAllResources();
		return found.isEmpty() ? null : (Claim) found.get(0);
	}

	/** Everything the drafter needs, from the request's tenant. */
	private ClaimDrafter.Sources read(Encounter encounter, Reference patient, RequestDetails request) {
		String encounterRef = "Encounter/" + encounter.getIdElement().getIdPart();

		List<Condition> conditions = search(Condition.class, Condition.SP_ENCOUNTER, encounterRef, request);
		Set<String> known = new HashSet<>();
		conditions.forEach(c -> known.add(ClaimDrafter.key(c)));
		for (Encounter.DiagnosisComponent diagnosis : encounter.getDiagnosis()) {
			String key = ClaimDrafter.key(diagnosis.getCondition());
			if (key.startsWith("Condition/") && known.add(key)) {
				readIfThere(Condition.class, key, request, conditions);
			}
		}
		List<Location> locations = new ArrayList<>();
		for (Encounter.EncounterLocationComponent location : encounter.getLocation()) {
			String key = ClaimDrafter.key(location.getLocation());
			if (key.startsWith("Location/")) {
				readIfThere(Location.class, key, request, locations);
			}
		}
		SearchParameterMap coverages = SearchParameterMap.newSynchronous(
						Coverage.SP_BENEFICIARY, new ReferenceParam(patient.getReference()))
				.add(Coverage.SP_STATUS, new TokenParam("active"));
		return new ClaimDrafter.Sources(
				encounter,
				resources(Coverage.class, coverages, request),
				conditions,
				search(Procedure.class, Procedure.SP_ENCOUNTER, encounterRef, request),
				search(ChargeItem.class, ChargeItem.SP_CONTEXT, encounterRef, request),
				locations,
				feeSchedules.get(String.valueOf(request.getTenantId()), "fees", () -> feeSchedule(request)));
	}

	/** The tenant's fee schedule: its active ChargeItemDefinitions. */
	private FeeSchedule feeSchedule(RequestDetails request) {
		SearchParameterMap active = SearchParameterMap.newSynchronous(
				ChargeItemDefinition.SP_STATUS, new TokenParam("active"));
		active.setLoadSynchronousUpTo(MAX_FEES);
		return FeeSchedule.of(resources(ChargeItemDefinition.class, active, request));
	}

	/** The resources of a type whose reference parameter points at the target; none if the type is not served. */
	private <T extends IBaseResource> List<T> search(
			Class<T> type, String parameter, String target, RequestDetails request) {
		return resources(type, SearchParameterMap.newSynchronous(parameter, new ReferenceParam(target)), request);
	}

	private <T extends IBaseResource> List<T> resources(Class<T> type, SearchParameterMap map, RequestDetails request) {
		IFhirResourceDao<T> dao = daos.getResourceDaoOrNull(type);
		if (dao == null) {
			return new ArrayList<>();
		}
		map.setSort(RECORDED_ORDER);
		List<T> resources = new ArrayList<>();
		dao.search(map, request).getAllResources().forEach(r -> resources.add(type.cast(r)));
		return resources;
	}

	/** Adds the referenced resource to the list unless it is gone or not in this tenant. */
	private <T extends IBaseResource> void readIfThere(Class<T> type, String key, RequestDetails request, List<T> into) {
		IFhirResourceDao<T> dao = daos.getResourceDaoOrNull(type);
		if (dao == null) {
			return;
		}
		try {
			into.add(dao.read(new IdType(key), request));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			// a dangling reference: the claim is drafted without it
		}
	}

	private <T extends IBaseResource> IFhirResourceDao<T> dao(Class<T> type) {
		return daos.getResourceDao(type);
	}
}
