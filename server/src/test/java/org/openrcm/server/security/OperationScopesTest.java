package org.openrcm.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.Operation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

/**
 * Every FHIR operation OpenRCM's providers declare is mapped to the scopes it needs: an operation added without
 * one would be refused to every token (ORCM-2006), so this test names it first.
 */
class OperationScopesTest {

	@Test
	void everyOperationOfTheServerIsMappedToTheScopesItNeeds() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return true;
			}
		};
		scanner.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile(".*")));
		List<String> operations = new ArrayList<>();
		List<String> unmapped = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("org.openrcm.server")) {
			Class<?> type = Class.forName(candidate.getBeanClassName(), false, getClass().getClassLoader());
			if (type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
				continue;
			}
			for (Method method : type.getDeclaredMethods()) {
				Operation operation = method.getAnnotation(Operation.class);
				if (operation == null) {
					continue;
				}
				Class<? extends IBaseResource> on = operation.type();
				String resourceType = on == IBaseResource.class ? null : on.getSimpleName();
				String called = (resourceType == null ? "" : resourceType + "/") + operation.name();
				operations.add(called);
				if (OperationScopes.find(operation.name(), resourceType).isEmpty()) {
					unmapped.add(called);
				}
			}
		}
		assertThat(operations).as("the scan finds the providers").contains("Claim/$submit", "$x12-ingest");
		assertThat(unmapped).as("operations without scopes").isEmpty();
	}

	@Test
	void aTypeLevelNeedIsOnTheTypeCalled() {
		assertThat(OperationScopes.find("$validate", "Claim").orElseThrow().needsOn("Claim"))
				.containsExactly(new OperationScopes.Need("Claim", SmartScope.Interaction.READ));
		assertThat(OperationScopes.find("$reindex", null)).isEmpty();
		assertThat(OperationScopes.find("$submit", "Patient")).isEmpty();
	}
}
