package org.openrcm.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryPostProcessorTest {

	private static String processed(String dataDir) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("given", Map.of("openrcm.data-dir", dataDir)));
		new DataDirectoryPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty("openrcm.data-dir");
	}

	@Test
	void aRelativeDataDirectoryBecomesAbsolute() {
		assertThat(processed("data")).isEqualTo(Path.of("data").toAbsolutePath().toString());
		assertThat(processed("./target/x/../data")).isEqualTo(Path.of("target/data").toAbsolutePath().toString());
	}

	@Test
	void anAbsoluteOneStays() {
		String absolute = Path.of("somewhere").toAbsolutePath().toString();
		assertThat(processed(absolute)).isEqualTo(absolute);
	}
}
