package org.openrcm.terminology;

/**
 * A code-set file could not be loaded. The message always names the file, the line (1-based; 0 when the problem
 * is not tied to a line) and the reason, so an operator can fix the file; a failed load never replaces the version
 * already in service.
 */
public class CodeSetLoadException extends RuntimeException {

	private final String file;
	private final int line;
	private final String reason;

	public CodeSetLoadException(String file, int line, String reason) {
		this(file, line, reason, null);
	}

	public CodeSetLoadException(String file, int line, String reason, Throwable cause) {
		super(file + (line > 0 ? ":" + line : "") + ": " + reason, cause);
		this.file = file;
		this.line = line;
		this.reason = reason;
	}

	public String file() {
		return file;
	}

	public int line() {
		return line;
	}

	public String reason() {
		return reason;
	}
}
