package org.openrcm.server.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps PHI out of the error log when HAPI or Tomcat log a failed request with its exception: exception messages
 * quote the offending input (a search value such as a name or a birth date, a body fragment). Such an event is
 * logged again in its place with the same stack trace but every message replaced by the exception's class and its
 * stable code ({@code HAPI-nnnn}, {@code ORCM-nnnn}); the request log records which request it was.
 */
@Component
class PhiSafeErrorLogFilter extends TurboFilter implements DisposableBean {

	/** The loggers whose exception events are redacted (prefixes). */
	static final List<String> LOGGERS = List.of("ca.uhn.fhir.rest.server", "ca.uhn.fhir.interceptor.executor",
			"org.apache.catalina.core");

	/** Marks the redacted copy, which passes. */
	static final Marker REDACTED = MarkerFactory.getMarker("OPENRCM_PHI_REDACTED");

	private static final Pattern CODE = Pattern.compile("^\\s*((?:HAPI|ORCM)-\\d+)");

	PhiSafeErrorLogFilter() {
		setName("openrcm-phi-safe-error-log-filter");
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.addTurboFilter(this);
			start();
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (marker == REDACTED || level == null || !level.isGreaterOrEqual(Level.WARN)
				|| LOGGERS.stream().noneMatch(logger.getName()::startsWith)) {
			return FilterReply.NEUTRAL;
		}
		Throwable thrown = t != null ? t
				: params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last
				: null;
		if (thrown == null) {
			return FilterReply.NEUTRAL;
		}
		if (logger.isEnabledFor(level)) {
			logger.log(REDACTED, Logger.FQCN, Level.toLocationAwareLoggerInteger(level),
					headline(format, params), null, redact(thrown, new IdentityHashMap<>()));
		}
		return FilterReply.DENY;
	}

	/** The format up to its first colon (where the exception's text usually starts), enum values filled in. */
	static String headline(String format, Object[] params) {
		String text = format == null ? "" : format;
		int colon = text.indexOf(':');
		if (colon >= 0) {
			text = text.substring(0, colon);
		}
		StringBuilder out = new StringBuilder();
		int param = 0;
		int at = 0;
		int next;
		while ((next = text.indexOf("{}", at)) >= 0) {
			out.append(text, at, next);
			Object value = params != null && param < params.length ? params[param] : null;
			out.append(value instanceof Enum<?> || value instanceof Number ? String.valueOf(value) : "?");
			param++;
			at = next + 2;
		}
		out.append(text.substring(at));
		return out.append(" (exception messages withheld: they may quote PHI)").toString();
	}

	/** A copy of the exception chain with the same stack traces and each message cut to its class and code. */
	static Throwable redact(Throwable thrown, Map<Throwable, Throwable> seen) {
		Throwable known = seen.get(thrown);
		if (known != null) {
			return known;
		}
		String message = thrown.getMessage();
		Matcher code = message == null ? null : CODE.matcher(message);
		Redacted copy = new Redacted(thrown.getClass().getName()
				+ (code != null && code.find() ? " " + code.group(1) : ""));
		seen.put(thrown, copy);
		copy.setStackTrace(thrown.getStackTrace());
		if (thrown.getCause() != null && thrown.getCause() != thrown) {
			copy.initCause(redact(thrown.getCause(), seen));
		}
		return copy;
	}

	@Override
	public void destroy() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getTurboFilterList().remove(this);
		}
		stop();
	}

	/** An exception whose message was withheld; its text names the original class and code. */
	static final class Redacted extends RuntimeException {
		private static final long serialVersionUID = 1L;

		Redacted(String message) {
			super(message);
		}
	}
}
