package org.openrcm.server.x12;

/**
 * The separators of an interchange, as its ISA declares them: the data element separator is the fourth character
 * of the ISA, the repetition separator ISA11, the component separator ISA16 and the segment terminator the
 * character after ISA16.
 *
 * @param element data element separator
 * @param component component element separator
 * @param repetition repetition separator, or {@code '\0'} when the interchange declares none
 * @param segment segment terminator
 */
public record X12Delimiters(char element, char component, char repetition, char segment) {

	/** The separators this server writes: {@code * : ^ ~}. */
	public static final X12Delimiters STANDARD = new X12Delimiters('*', ':', '^', '~');
}
