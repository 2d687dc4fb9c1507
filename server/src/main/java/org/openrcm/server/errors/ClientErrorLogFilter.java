package org.openrcm.server.errors;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps a client's mistakes out of the error log. HAPI logs every exception an interceptor throws at ERROR with
 * its stack trace, including the 4xx answers OpenRCM's interceptors give on purpose (a claim that fails its
 * profile is a 422, not a server fault), and those messages quote the offending input, which can be PHI. The
 * request log already records each such request with its status; real faults (5xx, unexpected exceptions) are
 * still logged.
 */
@Component
class ClientErrorLogFilter extends TurboFilter implements DisposableBean {

	static final String INTERCEPTOR_SERVICE_LOGGER = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";

	ClientErrorLogFilter() {
		setName("openrcm-client-error-log-filter");
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.addTurboFilter(this);
			start();
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level != Level.ERROR || !INTERCEPTOR_SERVICE_LOGGER.equals(logger.getName())) {
			return FilterReply.NEUTRAL;
		}
		return isClientError(t) || (params != null && params.length > 0 && isClientError(params[params.length - 1]))
				? FilterReply.DENY
				: FilterReply.NEUTRAL;
	}

	private static boolean isClientError(Object thrown) {
		return thrown instanceof BaseServerResponseException e && e.getStatusCode() < 500;
	}

	@Override
	public void destroy() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getTurboFilterList().remove(this);
		}
		stop();
	}
}
