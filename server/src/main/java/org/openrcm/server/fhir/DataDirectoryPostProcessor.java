package org.openrcm.server.fhir;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code openrcm.data-dir} absolute (against the working directory) before anything reads it: H2 refuses a
 * database path that is implicitly relative ({@code --openrcm.data-dir=data}), and every other user of the folder
 * then agrees on one location.
 */
public final class DataDirectoryPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY = "openrcm.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(PROPERTY);
		if (configured == null || configured.isBlank()) {
			return;
		}
		String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
		if (!absolute.equals(configured)) {
			environment.getPropertySources().addFirst(new MapPropertySource("openrcm-absolute-data-dir",
					Map.of(PROPERTY, absolute)));
		}
	}
}
