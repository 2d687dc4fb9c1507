package org.openrcm.server.scrubbing;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Claim.ClaimStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.fhir.TenantResourceCache;

/**
 * Scrubs claims of a tenant: the {@link ClaimScrubber} with the claim's surroundings read from the request's
 * partition, and the outcome as it is stored with a claim ({@code Claim.contained[id = scrub]}, referenced by the
 * {@code scrub-outcome} extension) together with the first time the claim scrubbed clean ({@code scrubbed-clean}).
 */
public final class ScrubService {

	/** The id of the scrub OperationOutcome contained in a claim. */
	static final String CONTAINED_ID = "scrub";

	private final ClaimScrubber scrubber;
	private final DaoRegistry daos;
	private final TenantResourceCache<List<PayerRule>> payerRules;
	private final PayerRuleReader payerRuleReader;
	private final ScrubbingProperties properties;
	private final Clock clock;

	ScrubService(ClaimScrubber scrubber, DaoRegistry daos, TenantResourceCache<List<PayerRule>> payerRules,
			PayerRuleReader payerRuleReader, ScrubbingProperties properties, Clock clock) {
		this.scrubber = scrubber;
		this.daos = daos;
		this.payerRules = payerRules;
		this.payerRuleReader = payerRuleReader;
		this.properties = properties;
		this.clock = clock;
	}

	/** The findings on a claim, its references resolved in the request's tenant. */
	public List<ScrubFinding> scrub(Claim claim, RequestDetails request) {
		return scrubber.scrub(claim, new TenantClaimSurroundings(daos, request, payerRules, payerRuleReader,
				properties.duplicateSearchLimit()));
	}

	/** The findings as an OperationOutcome: one issue each, or a single {@code CLEAN} information issue. */
	public OperationOutcome outcome(List<ScrubFinding> findings) {
		return ScrubOutcomes.outcome(findings);
	}

	PayerRuleReader payerRuleReader() {
		return payerRuleReader;
	}

	TenantResourceCache<List<PayerRule>> payerRuleCache() {
		return payerRules;
	}

	/** Whether the findings let the claim be submitted (no errors). */
	public static boolean clean(List<ScrubFinding> findings) {
		return !ScrubOutcomes.hasErrors(findings);
	}

	/** Whether a claim is one the scrubber judges: a claim for payment, not a draft, cancelled or entered in error. */
	static boolean scrubbable(Claim claim) {
		return claim.getStatus() == ClaimStatus.ACTIVE && claim.getUse() != Claim.Use.PREAUTHORIZATION
				&& claim.getUse() != Claim.Use.PREDETERMINATION;
	}

	/** Replaces the outcome stored in the claim with {@code outcome}. */
	static void annotate(Claim claim, OperationOutcome outcome) {
		claim.getContained().removeIf(r -> CONTAINED_ID.equals(idOf(r)));
		claim.getExtension().removeIf(e -> OpenRcmIg.SCRUB_OUTCOME_EXTENSION.equals(e.getUrl()));
		outcome.setId(CONTAINED_ID);
		claim.addContained(outcome);
		claim.addExtension(OpenRcmIg.SCRUB_OUTCOME_EXTENSION, new Reference("#" + CONTAINED_ID));
	}

	/**
	 * Records now as the time the claim first scrubbed clean, unless it already carries one.
	 *
	 * @return whether the claim changed
	 */
	boolean markClean(Claim claim) {
		if (claim.getExtensionByUrl(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION) != null) {
			return false;
		}
		claim.addExtension(OpenRcmIg.SCRUBBED_CLEAN_EXTENSION,
				new DateTimeType(Date.from(clock.instant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC")));
		return true;
	}

	private static String idOf(Resource resource) {
		String id = resource.getIdElement().getIdPart();
		return id != null && id.startsWith("#") ? id.substring(1) : id;
	}
}
