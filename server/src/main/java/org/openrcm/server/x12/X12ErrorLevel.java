package org.openrcm.server.x12;

/** Where an {@link X12Error} sits: it decides which acknowledgment can report it. */
public enum X12ErrorLevel {
	/** The input as a whole: no interchange envelope could be read, so no acknowledgment can name it. */
	INPUT,
	/** The interchange envelope (ISA/IEA); reported in a TA1. */
	INTERCHANGE,
	/** The functional group envelope (GS/GE); reported in the 999 AK9. */
	GROUP,
	/** The transaction set envelope or its support (ST/SE); reported in the 999 IK5. */
	TRANSACTION,
	/** A segment inside a transaction set; reported in a 999 IK3. */
	SEGMENT,
	/** A data element inside a transaction set; reported in a 999 IK4. */
	ELEMENT
}
