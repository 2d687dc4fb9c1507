package org.openrcm.server.inbound;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * What processing an inbound file did: the FHIR resources created or updated (each with the tenant it lives in),
 * and notes on what could not be applied (an acknowledgment of a claim this server never sent, say). Notes do not
 * reject the file: everything else in it was applied.
 */
public final class InboundResult {

	/** A resource created or updated in a tenant. */
	public record Change(String tenant, Resource resource, boolean created) {}

	private final List<Change> changes = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();
	private String rejection;

	/** Records a resource created or updated. */
	public void changed(String tenant, Resource resource, boolean created) {
		changes.add(new Change(tenant, resource, created));
	}

	/** Records something that could not be applied, in words a biller understands. */
	public void note(String note) {
		notes.add(note);
	}

	/**
	 * Turns the whole file away: a handler found, before applying anything, that the file must not be applied at all
	 * (an 835 that does not balance, say). The file is then recorded as rejected with this reason; a handler that
	 * rejects must not have changed anything.
	 */
	public void reject(String reason) {
		if (rejection == null) {
			rejection = reason;
		}
	}

	/** Why a handler turned the file away, or {@code null}. */
	public String rejection() {
		return rejection;
	}

	public List<Change> changes() {
		return List.copyOf(changes);
	}

	public List<String> notes() {
		return List.copyOf(notes);
	}
}
