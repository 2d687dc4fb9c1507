package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** HAPI's failure logs keep their stack traces but lose the exception messages that quote PHI. */
class PhiSafeErrorLogFilterTest {

	private static final String PHI = "Quillfeatherxyz";

	private PhiSafeErrorLogFilter filter;
	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
	private Logger hapi;
	private ch.qos.logback.classic.Level level;

	@BeforeEach
	void attach() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		filter = new PhiSafeErrorLogFilter();
		appender.setContext(context);
		appender.start();
		hapi = context.getLogger("ca.uhn.fhir.rest.server.interceptor.ExceptionHandlingInterceptor");
		hapi.addAppender(appender);
		// the application's logging configuration (loaded by other tests in this JVM) sets this logger to ERROR
		level = hapi.getLevel();
		hapi.setLevel(ch.qos.logback.classic.Level.INFO);
	}

	@AfterEach
	void detach() {
		hapi.detachAppender(appender);
		hapi.setLevel(level);
		filter.destroy();
	}

	@Test
	void aFailureIsLoggedWithItsCodeAndStackButWithoutTheMessage() {
		Exception failure = new InternalErrorException(new DataFormatException(
				"HAPI-1940: Invalid date/time/quantity format: \"" + PHI + "\""));
		hapi.error("Failure during REST processing: " + failure, failure);

		assertThat(appender.list).singleElement().satisfies(event -> {
			String text = event.getFormattedMessage() + ThrowableProxyUtil.asString(event.getThrowableProxy());
			assertThat(text).doesNotContain(PHI).contains("Failure during REST processing")
					.contains("ca.uhn.fhir.parser.DataFormatException HAPI-1940")
					.contains("PhiSafeErrorLogFilterTest.aFailureIsLoggedWithItsCodeAndStackButWithoutTheMessage");
		});
	}

	@Test
	void linesWithoutAnExceptionAndOtherLoggersAreUntouched() {
		hapi.warn("plain warning {}", 42);
		LoggerFactory.getLogger("org.openrcm.other").error("ours " + PHI, new IllegalStateException(PHI));
		assertThat(appender.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
				.isEqualTo("plain warning 42");
	}
}
