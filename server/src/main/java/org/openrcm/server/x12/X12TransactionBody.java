package org.openrcm.server.x12;

/**
 * The content of one outbound transaction set, from its first segment after ST (e.g. BHT) to its last before SE.
 * The writer adds ST and SE, counts the segments and validates everything against the guide's schema as it goes.
 */
@FunctionalInterface
public interface X12TransactionBody {

	/** Writes the segments in order. */
	void writeTo(X12SegmentSink out);
}
