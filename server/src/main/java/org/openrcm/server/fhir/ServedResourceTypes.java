package org.openrcm.server.fhir;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Limits HAPI's JPA layer to the resource types OpenRCM serves. HAPI declares a DAO and a resource provider bean
 * for every one of the 146 R4 types; this post-processor removes the definitions of the ones not served before
 * any is created, which shortens start-up and keeps the CapabilityStatement to what the product does.
 */
final class ServedResourceTypes implements BeanFactoryPostProcessor {

	/** The revenue-cycle resource types served by default. */
	static final List<String> DEFAULT = List.of(
			"Patient", "Practitioner", "PractitionerRole", "Organization", "Location", "Encounter", "Condition",
			"Procedure", "Observation", "DocumentReference", "Coverage", "Claim", "ClaimResponse",
			"ExplanationOfBenefit", "CoverageEligibilityRequest", "CoverageEligibilityResponse",
			"PaymentReconciliation", "Account", "ChargeItem", "Invoice", "Task", "Communication", "AuditEvent",
			"Binary", "Bundle", "Measure", "MeasureReport", "Subscription", "ValueSet", "CodeSystem", "ConceptMap",
			"Group", "Provenance", "OperationDefinition", "Basic", "ChargeItemDefinition");

	/** Types HAPI's own services look up by name (search parameters, validation, terminology, subscriptions). */
	static final List<String> REQUIRED = List.of(
			"SearchParameter", "StructureDefinition", "CodeSystem", "ValueSet", "ConceptMap", "NamingSystem",
			"Subscription", "Binary");

	private final Set<String> served;
	private final Set<String> known;

	/**
	 * @param configured the configured types
	 * @param known every resource type name of the FHIR version (used to find HAPI's per-type bean names)
	 * @throws IllegalArgumentException naming any configured type the FHIR version does not define
	 */
	ServedResourceTypes(Collection<String> configured, Set<String> known) {
		Set<String> unknown = new TreeSet<>(configured);
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("openrcm.fhir.resource-types lists types FHIR R4 does not define: "
					+ unknown);
		}
		Set<String> all = new TreeSet<>(configured);
		all.addAll(REQUIRED);
		this.served = Set.copyOf(all);
		this.known = known;
	}

	Set<String> served() {
		return served;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
		for (String type : known) {
			if (served.contains(type)) {
				continue;
			}
			for (String beanName : List.of("my" + type + "DaoR4", "my" + type + "RpR4")) {
				if (registry.containsBeanDefinition(beanName)) {
					registry.removeBeanDefinition(beanName);
				}
			}
		}
	}
}
