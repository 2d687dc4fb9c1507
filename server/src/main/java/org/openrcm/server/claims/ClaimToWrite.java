package org.openrcm.server.claims;

import java.util.Objects;
import org.hl7.fhir.r4.model.Claim;

/**
 * One claim of a batch for {@link Claim837Writer#writeBatch}.
 *
 * @param key the caller's id for the claim (e.g. an outbox entry id), opaque to the writer and unique in the batch;
 *     the result names the claim by it
 * @param claim the claim as it is to be sent
 * @param sources where the claim's stored references resolve: its own tenant's (claims of one batch may come from
 *     different tenants)
 */
public record ClaimToWrite(String key, Claim claim, ClaimSources sources) {

	public ClaimToWrite {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(claim, "claim");
		Objects.requireNonNull(sources, "sources");
	}
}
