package org.openrcm.server.terminology;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.TranslateConceptResult;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;

/**
 * {@code POST /fhir/{tenant}/Encounter/{id}/$suggest-codes}: codes for one encounter from its Conditions,
 * Procedures, ChargeItems, reasons for the visit and plain-text DocumentReferences (read in the caller's tenant).
 * Codings the EHR already sent (ICD-10-CM, CPT, HCPCS; other systems such as SNOMED CT through a loaded ConceptMap
 * to ICD-10-CM) are validated for the encounter's date and kept first ({@code coded = true}); texts become
 * suggestions. Each {@code suggestion} has the parts of {@code $suggest-codes} plus {@code coded} and the
 * {@code source} resources; a sent code that cannot be billed on the date is a {@code rejected} part with the reason.
 */
final class EncounterSuggestCodesProvider {

	private static final int DEFAULT_COUNT = 20;

	private final DaoRegistry daos;
	private final TerminologyService terminology;
	private final IValidationSupport validationSupport;
	private final Clock clock;

	EncounterSuggestCodesProvider(
			DaoRegistry daos, TerminologyService terminology, IValidationSupport validationSupport, Clock clock) {
		this.daos = daos;
		this.terminology = terminology;
		this.validationSupport = validationSupport;
		this.clock = clock;
	}

	@Operation(name = "$suggest-codes", type = Encounter.class, idempotent = true)
	public Parameters suggestCodes(
			@IdParam IdType encounterId,
			@OperationParam(name = "count", max = 1) IntegerType count,
			RequestDetails request) {
		Encounter encounter = daos.getResourceDao(Encounter.class).read(encounterId, request);
		String reference = "Encounter/" + encounter.getIdElement().getIdPart();
		List<EncounterCoding.FoundCoding> codings = new ArrayList<>();
		List<EncounterCoding.FoundText> texts = new ArrayList<>();
		encounter.getReasonCode().forEach(reason -> collect(reason, reference, codings, texts));
		for (IBaseResource resource : search("Condition", "encounter", reference, request)) {
			collect(((Condition) resource).getCode(), source(resource), codings, texts);
		}
		for (IBaseResource resource : search("Procedure", "encounter", reference, request)) {
			collect(((Procedure) resource).getCode(), source(resource), codings, texts);
		}
		for (IBaseResource resource : search("ChargeItem", "context", reference, request)) {
			collect(((ChargeItem) resource).getCode(), source(resource), codings, texts);
		}
		for (IBaseResource resource : search("DocumentReference", "encounter", reference, request)) {
			for (DocumentReference.DocumentReferenceContentComponent content : ((DocumentReference) resource).getContent()) {
				String type = content.getAttachment().getContentType();
				if (content.getAttachment().hasData() && type != null && type.startsWith("text/plain")) {
					String note = new String(content.getAttachment().getData(), StandardCharsets.UTF_8);
					for (String sentence : note.split("[.;\\n]+")) {
						if (!sentence.isBlank()) {
							texts.add(new EncounterCoding.FoundText(sentence.trim(), source(resource)));
						}
					}
				}
			}
		}
		LocalDate dateOfService = encounter.getPeriod().hasStart()
				? encounter.getPeriod().getStart().toInstant().atZone(ZoneId.systemDefault()).toLocalDate()
				: LocalDate.now(clock);
		int max = count == null || count.getValue() == null ? DEFAULT_COUNT : Math.max(1, count.getValue());
		EncounterCoding.Outcome outcome = new EncounterCoding(terminology.get(), terminology.suggester())
				.code(codings, texts, dateOfService, this::translate, max);
		return toParameters(outcome);
	}

	private List<IBaseResource> search(String type, String parameter, String reference, RequestDetails request) {
		SearchParameterMap map = SearchParameterMap.newSynchronous().add(parameter, new ReferenceParam(reference));
		return daos.getResourceDao(type).search(map, request).getAllResources();
	}

	private static String source(IBaseResource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	/**
	 * Codings are kept as they are; the text (or, without one and without codings, the displays) is coded from the
	 * words when no coding of the same resource can be billed.
	 */
	private static void collect(CodeableConcept concept, String source, List<EncounterCoding.FoundCoding> codings,
			List<EncounterCoding.FoundText> texts) {
		for (Coding coding : concept.getCoding()) {
			if (coding.hasSystem() && coding.hasCode()) {
				codings.add(new EncounterCoding.FoundCoding(coding.getSystem(), coding.getCode(), source));
			}
		}
		boolean coded = concept.getCoding().stream().anyMatch(c -> c.hasSystem() && c.hasCode());
		if (concept.hasText()) {
			texts.add(new EncounterCoding.FoundText(concept.getText(), source));
		} else if (!coded) {
			concept.getCoding().stream()
					.filter(Coding::hasDisplay)
					.forEach(c -> texts.add(new EncounterCoding.FoundText(c.getDisplay(), source)));
		}
	}

	/** Another system's coding to ICD-10-CM through the ConceptMaps loaded in the server, if any. */
	private List<EncounterCoding.FoundCoding> translate(EncounterCoding.FoundCoding coding) {
		List<EncounterCoding.FoundCoding> translated = new ArrayList<>();
		try {
			var results = validationSupport.translateConcept(new IValidationSupport.TranslateCodeRequest(
					List.of(new Coding(coding.system(), coding.code(), null)), Icd10CmCodeSet.SYSTEM));
			if (results != null) {
				for (TranslateConceptResult result : results.getResults()) {
					translated.add(new EncounterCoding.FoundCoding(result.getSystem(), result.getCode(), coding.source()));
				}
			}
		} catch (RuntimeException noMapping) {
			// no ConceptMap for the system: the text of the resource is coded instead
		}
		return translated;
	}

	private static Parameters toParameters(EncounterCoding.Outcome outcome) {
		Parameters out = new Parameters();
		for (EncounterCoding.Result result : outcome.results()) {
			Parameters.ParametersParameterComponent suggestion = SuggestCodesProvider.addSuggestion(out, result.suggestion());
			suggestion.addPart().setName("coded").setValue(new BooleanType(result.coded()));
			result.sources().forEach(source -> suggestion.addPart().setName("source").setValue(new Reference(source)));
		}
		for (EncounterCoding.Rejected rejected : outcome.rejected()) {
			Parameters.ParametersParameterComponent part = out.addParameter().setName("rejected");
			part.addPart().setName("system").setValue(new UriType(rejected.coding().system()));
			part.addPart().setName("code").setValue(new CodeType(rejected.coding().code()));
			part.addPart().setName("message").setValue(new StringType(rejected.message()));
			part.addPart().setName("source").setValue(new Reference(rejected.coding().source()));
		}
		return out;
	}
}
