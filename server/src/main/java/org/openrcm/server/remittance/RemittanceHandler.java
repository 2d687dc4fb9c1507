package org.openrcm.server.remittance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItemDefinition;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.Resource;
import org.openrcm.server.coding.FeeSchedule;
import org.openrcm.server.inbound.InboundFile;
import org.openrcm.server.inbound.InboundResult;
import org.openrcm.server.inbound.X12TransactionHandler;
import org.openrcm.server.remittance.RemittancePosting.Derivations;
import org.openrcm.server.remittance.RemittancePosting.Target;
import org.openrcm.server.remittance.RemittanceStore.Begun;
import org.openrcm.server.submission.SentClaims;
import org.openrcm.server.submission.SentClaims.SentClaim;
import org.openrcm.server.submission.TenantRequests;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12Transaction;
import org.openrcm.server.x12.remit.Remittance;
import org.openrcm.server.x12.remit.Remittance.ClaimPayment;
import org.openrcm.server.x12.remit.Remittance835Reader;
import org.openrcm.server.x12.remit.RemittanceBalance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the 835s of inbound files (from a clearinghouse or {@code $x12-ingest}).
 *
 * <p>First every 835 of the functional group is checked to balance (BPR02 = Σ CLP04 − Σ PLB): when one does not, the
 * whole file is turned away with the difference in its reason, and nothing is posted. Then each 835 is posted in the
 * tenant of its claims: the tenant the file was posted to, else the tenant this server sent the claims from (CLP01
 * is the CLM01 it wrote). A payment is posted once ({@link RemittanceStore}); its claim payments in FHIR transactions
 * of {@code chunkSize}, each all or nothing, then its PaymentReconciliation ({@link RemittancePosting}).
 */
final class RemittanceHandler implements X12TransactionHandler {

	private static final Logger log = LoggerFactory.getLogger(RemittanceHandler.class);

	private final RemittanceStore store;
	private final SentClaims sentClaims;
	private final TenantRequests tenants;
	private final DaoRegistry daos;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final Derivations derivations;
	private final int chunkSize;
	private final Clock clock;

	RemittanceHandler(RemittanceStore store, SentClaims sentClaims, TenantRequests tenants, DaoRegistry daos,
			IFhirSystemDao<Bundle, Meta> systemDao, Derivations derivations, int chunkSize, Clock clock) {
		this.store = store;
		this.sentClaims = sentClaims;
		this.tenants = tenants;
		this.daos = daos;
		this.systemDao = systemDao;
		this.derivations = derivations;
		this.chunkSize = chunkSize;
		this.clock = clock;
	}

	@Override
	public Set<X12Guide> guides() {
		return Set.of(X12Guide.REMITTANCE_835);
	}

	@Override
	public void apply(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			X12Transaction transaction, InboundResult result) {
		applyAll(file, interchange, group, List.of(transaction), result);
	}

	@Override
	public void applyAll(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			List<X12Transaction> transactions, InboundResult result) {
		List<Remittance> remittances = transactions.stream().map(Remittance835Reader::read).toList();
		for (Remittance remittance : remittances) {
			RemittanceBalance balance = RemittanceBalance.of(remittance);
			if (!balance.transactionBalanced()) {
				String why = balance.messages().stream().filter(m -> m.startsWith(RemittanceBalance.TRANSACTION))
						.findFirst().orElse("off by " + balance.transactionDifference().toPlainString());
				result.reject("835 " + remittance.controlNumber() + " (payment " + remittance.traceNumber()
						+ ") does not balance: " + why + "; nothing in the file was posted");
				return;
			}
		}
		List<String> postedIn = new ArrayList<>();
		for (Remittance remittance : remittances) {
			Map<String, SentClaim> sent = sentClaims.byPatientControlNumber(remittance.claims().stream()
					.map(ClaimPayment::patientControlNumber).toList(), file.tenant());
			String tenant = file.tenant() != null ? file.tenant() : mostCommonTenant(sent);
			if (tenant == null) {
				result.reject("835 " + remittance.controlNumber() + " (payment " + remittance.traceNumber() + ") "
						+ "pays no claim this server sent, so its practice is unknown; post the file to the practice's "
						+ "tenant with $x12-ingest. Nothing in the file was posted");
				if (!postedIn.isEmpty()) {
					log.warn("File {} was turned away after payments in it were posted in {}", file.name(), postedIn);
				}
				return;
			}
			post(file, remittance, tenant, sent, result);
			postedIn.add(tenant);
		}
	}

	private void post(InboundFile file, Remittance remittance, String tenant, Map<String, SentClaim> sent,
			InboundResult result) {
		PostingKey key = new PostingKey(tenant, payer(remittance), remittance.traceNumber());
		Begun begun = store.begin(tenant, key.payer(), key.trace(), file.id(), clock.instant());
		if (begun.duplicate() || begun.posting().state() == RemittanceStore.State.POSTED) {
			result.note("Payment " + key.trace() + " of payer " + key.payer() + " was posted before (inbound file "
					+ begun.posting().fileId() + "); nothing was posted again");
			return;
		}
		RequestDetails request = tenants.in(tenant);
		RemittancePosting posting = new RemittancePosting(remittance, key, begun.posting().startedAt(), derivations,
				FeeSchedule.contracted(activeChargeDefinitions(request)));
		List<ClaimPayment> claims = remittance.claims();
		for (int from = 0; from < claims.size(); from += chunkSize) {
			int to = Math.min(claims.size(), from + chunkSize);
			Map<String, Claim> read = readClaims(request, claims.subList(from, to), tenant, sent);
			Map<String, List<ClaimResponse>> responses = responsesTo(request, read.keySet());
			Map<String, Resource> toWrite = new LinkedHashMap<>();
			for (int i = from; i < to; i++) {
				String claimId = claimId(claims.get(i), tenant, sent);
				Claim claim = claimId == null ? null : read.get(claimId);
				Target target = new Target(claim, claim == null ? List.of()
						: responses.getOrDefault(claimId, List.of()));
				for (Resource resource : posting.post(i, target)) {
					toWrite.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
				}
			}
			write(request, tenant, toWrite.values(), result);
		}
		List<Resource> last = posting.finish();
		PaymentReconciliation reconciliation = (PaymentReconciliation) last.get(0);
		write(request, tenant, last, result);
		store.posted(begun.posting().id(), reconciliation.getIdElement().getIdPart(),
				remittance.payment().amount() == null ? BigDecimal.ZERO : remittance.payment().amount(),
				claims.size(), posting.suspended(), clock.instant());
		posting.notes().forEach(result::note);
		log.info("Payment {} of payer {} posted in tenant {}: {}", key.trace(), key.payer(), tenant,
				reconciliation.getDisposition());
	}

	/** The claims of a chunk, read one by one (with a cache for repeats); claims that are not there are absent. */
	private Map<String, Claim> readClaims(RequestDetails request, List<ClaimPayment> chunk, String tenant,
			Map<String, SentClaim> sent) {
		Map<String, Claim> read = new HashMap<>();
		for (ClaimPayment payment : chunk) {
			String id = claimId(payment, tenant, sent);
			if (id == null || read.containsKey(id)) {
				continue;
			}
			try {
				read.put(id, daos.getResourceDao(Claim.class).read(new IdType("Claim", id), request));
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				log.debug("No Claim/{} in tenant {} for an 835 claim payment", id, tenant);
			}
		}
		return read;
	}

	/** The tenant's active ChargeItemDefinitions (its charges and its payers' contracted rates). */
	private List<ChargeItemDefinition> activeChargeDefinitions(RequestDetails request) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(ChargeItemDefinition.SP_STATUS, new TokenParam("active"));
		return daos.getResourceDao(ChargeItemDefinition.class).search(map, request).getAllResources().stream()
				.map(ChargeItemDefinition.class::cast).toList();
	}

	/** The ClaimResponses to these claims, by claim id, with one search. */
	private Map<String, List<ClaimResponse>> responsesTo(RequestDetails request, Set<String> claimIds) {
		Map<String, List<ClaimResponse>> byClaim = new HashMap<>();
		if (claimIds.isEmpty()) {
			return byClaim;
		}
		ReferenceOrListParam requests = new ReferenceOrListParam();
		claimIds.forEach(id -> requests.addOr(new ReferenceParam("Claim/" + id)));
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(ClaimResponse.SP_REQUEST, requests);
		map.setLoadSynchronousUpTo(10_000);
		for (IBaseResource found : daos.getResourceDao(ClaimResponse.class).search(map, request).getAllResources()) {
			ClaimResponse response = (ClaimResponse) found;
			String claimId = new IdType(response.getRequest().getReference()).getIdPart();
			byClaim.computeIfAbsent(claimId, id -> new ArrayList<>()).add(response);
		}
		return byClaim;
	}

	/** Writes resources with one FHIR transaction, each by PUT to its id. */
	private void write(RequestDetails request, String tenant, Collection<Resource> resources,
			InboundResult result) {
		if (resources.isEmpty()) {
			return;
		}
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : resources) {
			String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
			resource.setId(url);
			transaction.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
		}
		Bundle response = systemDao.transaction(request, transaction);
		int i = 0;
		for (Resource resource : resources) {
			String status = response.getEntry().get(i++).getResponse().getStatus();
			result.changed(tenant, resource, status != null && status.startsWith("201"));
		}
	}

	/** The claim id CLP01 names: the claim this server sent with it, else CLP01 itself when it can be an id. */
	private static String claimId(ClaimPayment payment, String tenant, Map<String, SentClaim> sent) {
		SentClaim claim = sent.get(payment.patientControlNumber());
		if (claim != null && claim.tenant().equals(tenant)) {
			return claim.claimId();
		}
		String number = payment.patientControlNumber();
		return number != null && number.matches("[A-Za-z0-9\\-.]{1,64}") ? number : null;
	}

	/** The tenant most of the sent claims are in, or {@code null} when none was sent. */
	private static String mostCommonTenant(Map<String, SentClaim> sent) {
		return sent.values().stream().collect(Collectors.groupingBy(SentClaim::tenant, LinkedHashMap::new,
				Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
				.orElse(null);
	}

	/** The payer's identity for the payment's key: TRN03, else its id, else its payer id (REF*2U), else its name. */
	static String payer(Remittance remittance) {
		if (present(remittance.originatorId())) {
			return remittance.originatorId().strip();
		}
		Remittance.Party payer = remittance.payer();
		if (payer == null) {
			return "unknown";
		}
		if (present(payer.id())) {
			return payer.id().strip();
		}
		return payer.additionalIds().stream().filter(r -> "2U".equals(r.qualifier()) && present(r.value()))
				.map(r -> r.value().strip()).findFirst().orElse(present(payer.name()) ? payer.name().strip() : "unknown");
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}
}
