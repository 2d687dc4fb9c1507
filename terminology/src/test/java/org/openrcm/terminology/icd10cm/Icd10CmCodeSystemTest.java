package org.openrcm.terminology.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.Test;
import org.openrcm.terminology.FhirCodeSystems;
import org.openrcm.terminology.testing.Fixtures;

class Icd10CmCodeSystemTest {

	private static String property(ConceptDefinitionComponent concept, String code) {
		return concept.getProperty().stream().filter(p -> p.getCode().equals(code)).findFirst()
				.map(p -> p.getValue().primitiveValue()).orElse(null);
	}

	@Test
	void exportsAFlatVersionedCodeSystemWithHierarchyAndBillableProperties() throws IOException {
		String file = "icd10cm/icd10cm_order_2024-sample.txt";
		Icd10CmCodeSet set = new Icd10CmOrderFileLoader().load(Fixtures.reader(file), file,
				Icd10CmRelease.fiscalYear(2024));

		CodeSystem cs = set.toCodeSystem();

		assertThat(cs.getUrl()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
		assertThat(cs.getVersion()).isEqualTo("2024");
		assertThat(cs.getId()).isEqualTo("icd-10-cm-2024");
		assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
		assertThat(cs.getHierarchyMeaning()).isEqualTo(CodeSystem.CodeSystemHierarchyMeaning.ISA);
		assertThat(cs.getCount()).isEqualTo(20);
		assertThat(cs.getProperty()).extracting(CodeSystem.PropertyComponent::getCode)
				.contains("parent", "notSelectable", "billable", "shortDescription");
		ConceptDefinitionComponent e119 = cs.getConcept().stream().filter(c -> c.getCode().equals("E11.9")).findFirst()
				.orElseThrow();
		assertThat(e119.getDisplay()).isEqualTo("Type 2 diabetes mellitus without complications");
		assertThat(property(e119, FhirCodeSystems.PARENT)).isEqualTo("E11");
		assertThat(property(e119, Icd10CmCodeSet.PROPERTY_BILLABLE)).isEqualTo("true");
		assertThat(property(e119, FhirCodeSystems.NOT_SELECTABLE)).isNull();
		ConceptDefinitionComponent e11 = cs.getConcept().stream().filter(c -> c.getCode().equals("E11")).findFirst()
				.orElseThrow();
		assertThat(((BooleanType) e11.getProperty().stream()
				.filter(p -> p.getCode().equals(FhirCodeSystems.NOT_SELECTABLE)).findFirst().orElseThrow().getValue())
				.booleanValue()).isTrue();
		assertThat(property(e11, FhirCodeSystems.PARENT)).isNull();
	}
}
