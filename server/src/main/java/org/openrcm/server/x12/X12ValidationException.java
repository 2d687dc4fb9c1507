package org.openrcm.server.x12;

import java.util.List;

/**
 * An outbound interchange broke its implementation guide or envelope rules and was not produced. Nothing was
 * returned to send; the control numbers it had taken stay spent.
 */
public final class X12ValidationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<X12Error> errors;

	X12ValidationException(List<X12Error> errors) {
		super(summary(errors));
		this.errors = List.copyOf(errors);
	}

	/** Every fault found, in writing order. */
	public List<X12Error> errors() {
		return errors;
	}

	private static String summary(List<X12Error> errors) {
		StringBuilder text = new StringBuilder("the interchange breaks its X12 rules (" + errors.size() + " fault"
				+ (errors.size() == 1 ? "" : "s") + ")");
		errors.stream().limit(5).forEach(e -> text.append("; ").append(e));
		return text.toString();
	}
}
