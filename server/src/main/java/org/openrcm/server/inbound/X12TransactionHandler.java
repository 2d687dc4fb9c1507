package org.openrcm.server.inbound;

import java.util.List;
import java.util.Set;
import org.openrcm.server.x12.X12FunctionalGroup;
import org.openrcm.server.x12.X12Guide;
import org.openrcm.server.x12.X12Interchange;
import org.openrcm.server.x12.X12Transaction;

/**
 * Applies the transaction sets of one kind found in inbound X12 files (a 999, a 277CA, later an 835 or a 271). A
 * handler is a Spring bean; the inbound processor hands it every valid transaction set of the guides it names, with
 * its segments, in file order.
 */
public interface X12TransactionHandler {

	/** The implementation guides this handler applies. */
	Set<X12Guide> guides();

	/**
	 * Applies one transaction set.
	 *
	 * @param file where the file came from: its source, name and the tenant it was posted to, if any
	 * @param interchange its interchange (envelope only is needed)
	 * @param group its functional group
	 * @param transaction the transaction set with its segments
	 * @param result where to record what was created or updated, and anything that could not be applied
	 */
	void apply(InboundFile file, X12Interchange interchange, X12FunctionalGroup group, X12Transaction transaction,
			InboundResult result);

	/**
	 * Applies the valid transaction sets of one functional group that this handler applies, in file order. By
	 * default one by one through {@link #apply}.
	 */
	default void applyAll(InboundFile file, X12Interchange interchange, X12FunctionalGroup group,
			List<X12Transaction> transactions, InboundResult result) {
		for (X12Transaction transaction : transactions) {
			apply(file, interchange, group, transaction, result);
		}
	}
}
