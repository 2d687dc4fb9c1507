package org.openrcm.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ClientErrorLogFilterTest {

	private final Logger interceptorService =
			(Logger) LoggerFactory.getLogger(ClientErrorLogFilter.INTERCEPTOR_SERVICE_LOGGER);
	private final Logger other = (Logger) LoggerFactory.getLogger("org.openrcm.other");
	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
	private ClientErrorLogFilter filter;

	@BeforeEach
	void attach() {
		logged.start();
		interceptorService.addAppender(logged);
		other.addAppender(logged);
		filter = new ClientErrorLogFilter();
	}

	@AfterEach
	void detach() {
		filter.destroy();
		interceptorService.detachAppender(logged);
		other.detachAppender(logged);
	}

	@Test
	void aClientErrorThrownByAnInterceptorIsNotLoggedAsAnError() {
		UnprocessableEntityException invalid = new UnprocessableEntityException("Claim.total is missing for Jane Doe");

		interceptorService.error("Exception thrown by interceptor for pointcut {}: {}", "X", invalid.toString(), invalid);

		assertThat(logged.list).isEmpty();
	}

	@Test
	void serverFaultsAndOtherLoggersStillReachTheLog() {
		InternalErrorException fault = new InternalErrorException("database down");
		UnprocessableEntityException invalid = new UnprocessableEntityException("invalid");

		interceptorService.error("Exception thrown by interceptor for pointcut {}: {}", "X", fault.toString(), fault);
		interceptorService.error("Exception thrown by interceptor", new IllegalStateException("bug"));
		other.error("not an interceptor", invalid);

		assertThat(logged.list).hasSize(3);
	}

	@Test
	void removedWhenTheServerStops() {
		filter.destroy();
		UnprocessableEntityException invalid = new UnprocessableEntityException("invalid");

		interceptorService.error("Exception thrown by interceptor for pointcut {}: {}", "X", invalid.toString(), invalid);

		assertThat(logged.list).hasSize(1);
	}
}
