package org.openrcm.server.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openrcm.server.x12.WrittenInterchange;
import org.openrcm.server.x12.X12Guide;

/**
 * What {@link Claim837Writer#writeBatch} made of a batch: at most one validated interchange per implementation
 * guide, and the claims it refused. Every claim of the batch is in exactly one of the two, under its key.
 *
 * @param interchanges the interchanges written, one per guide that has claims left to send (837P before 837I);
 *     empty when every claim was refused
 * @param refused the claims that were not written, by key, in batch order, each with every reason
 */
public record Claim837Batch(List<BatchInterchange> interchanges, Map<String, Claim837Exception> refused) {

	public Claim837Batch {
		interchanges = List.copyOf(interchanges);
		refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
	}

	/** Where the claim with this key was written; empty when it was refused. */
	public Optional<BatchEntry> entry(String key) {
		return interchanges.stream().flatMap(i -> i.entries().stream()).filter(e -> e.key().equals(key)).findFirst();
	}

	/**
	 * One interchange of the batch (ISA to IEA, one functional group), ready to send.
	 *
	 * @param guide the implementation guide of every transaction set in it
	 * @param written the interchange and its control numbers
	 * @param entries its claims, one transaction set each, in the order of the transaction sets (batch order)
	 */
	public record BatchInterchange(X12Guide guide, WrittenInterchange written, List<BatchEntry> entries) {

		public BatchInterchange {
			entries = List.copyOf(entries);
		}
	}

	/**
	 * One claim as written: what the acknowledgments will name it by.
	 *
	 * @param key the caller's key of the claim
	 * @param transactionControlNumber ST02 of the claim's transaction set: a 999 names it in AK202 (IK5 accepts or
	 *     rejects exactly this claim)
	 * @param patientControlNumber CLM01: a 277CA and the 835 name the claim by it
	 */
	public record BatchEntry(String key, String transactionControlNumber, String patientControlNumber) {}
}
