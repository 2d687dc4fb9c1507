package org.openrcm.server.x12;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * X12 syntax for the features that write or read transactions: the implementation schemas (loaded once), the
 * envelope writer and the control numbers it draws, kept in the server's database so they are never reused.
 */
@Configuration
class X12Config {

	@Bean
	X12Schemas x12Schemas() {
		return X12Schemas.load();
	}

	/** Per-sender ISA13/GS06/ST02 counters in the table {@value JdbcControlNumbers#TABLE}, created here. */
	@Bean
	ControlNumbers controlNumbers(DataSource dataSource) {
		JdbcControlNumbers numbers = new JdbcControlNumbers(dataSource, JdbcControlNumbers.DEFAULT_BLOCK_SIZE);
		numbers.createTable();
		return numbers;
	}

	/** Validates while writing; reads each interchange back too only with {@code openrcm.x12.read-back=true}. */
	@Bean
	X12InterchangeWriter x12InterchangeWriter(X12Schemas schemas, ControlNumbers controlNumbers, Clock clock,
			X12Properties properties) {
		return new X12InterchangeWriter(schemas, controlNumbers, clock, properties.readBack());
	}
}
