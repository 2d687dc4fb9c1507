package org.openrcm.server;

import java.time.Clock;
import org.openrcm.server.fhir.StartupWarmup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * OpenRCM: a FHIR R4 revenue-cycle server. {@code java -jar openrcm-server.jar} starts it on the embedded default
 * (H2 file database and Lucene index under {@code openrcm.data-dir}).
 *
 * <p>Auto-configurations that HAPI's transitive dependencies would otherwise switch on are excluded: HAPI manages
 * its own schema and repositories, and the Elasticsearch client classes on the classpath belong to Hibernate
 * Search's optional backend, not to a cluster Spring should connect to.
 */
@SpringBootApplication(
		exclude = {
			ThymeleafAutoConfiguration.class,
			JpaRepositoriesAutoConfiguration.class,
			FlywayAutoConfiguration.class,
			ElasticsearchRestClientAutoConfiguration.class,
			ElasticsearchClientAutoConfiguration.class
		})
@ConfigurationPropertiesScan
public class OpenRcmApplication {

	/** The time every feature reads, so tests can fix it. */
	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	public static void main(String[] args) {
		StartupWarmup.start();
		SpringApplication.run(OpenRcmApplication.class, args);
	}
}
