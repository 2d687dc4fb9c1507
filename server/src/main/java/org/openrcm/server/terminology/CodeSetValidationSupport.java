package org.openrcm.server.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;

/**
 * Answers {@code $lookup} and {@code $validate-code} for the billing code sets from the in-memory tables of the
 * {@code terminology} module instead of HAPI's terminology tables: one hash lookup per code, and the answer depends
 * on the date of service (ICD-10-CM and HCPCS releases, HCPCS termination dates, X12 stop dates).
 *
 * <p>Through HAPI's validation support chain (profile validation, HAPI's own operations) the date of service is
 * today; {@link TerminologyOperationInterceptor} calls {@link #validate} and {@link #lookup} with the date a request
 * names, bypassing the chain's cache, which does not know about dates. A code is valid when it
 * may be reported on a claim for that date: an ICD-10-CM header code, a terminated HCPCS code or a code missing from
 * the release in effect is not. When no loaded release is in effect on the date, the nearest one answers and the
 * result carries a warning that the code set is older (or newer) than the date.
 */
final class CodeSetValidationSupport implements IValidationSupport {

	private final FhirContext fhirContext;
	private final Supplier<TerminologyCatalog> catalog;
	private final Clock clock;

	CodeSetValidationSupport(FhirContext fhirContext, Supplier<TerminologyCatalog> catalog, Clock clock) {
		this.fhirContext = fhirContext;
		this.catalog = catalog;
		this.clock = clock;
	}

	@Override
	public FhirContext getFhirContext() {
		return fhirContext;
	}

	@Override
	public String getName() {
		return "OpenRCM billing code sets";
	}

	@Override
	public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
		return handles(system);
	}

	@Override
	public CodeValidationResult validateCode(
			ValidationSupportContext context,
			ConceptValidationOptions options,
			String system,
			String code,
			String display,
			String valueSetUrl) {
		if (valueSetUrl != null && !valueSetUrl.startsWith(baseSystem(system) + "?fhir_vs")) {
			return null; // an explicit value set: its own rules apply, the chain's expansion handles it
		}
		return validate(system, code, display, today());
	}

	@Override
	public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
		return lookup(request.getSystem(), request.getCode(), today());
	}

	/**
	 * Whether {@code code} may be reported on {@code dateOfService}; {@code system} may carry {@code |version}.
	 *
	 * @return {@code null} when the system is not one of the billing code sets
	 */
	CodeValidationResult validate(String system, String code, String display, LocalDate dateOfService) {
		Optional<Target> target = find(system);
		if (target.isEmpty()) {
			return null;
		}
		Target found = target.get();
		if (found.unknownVersion() != null) {
			return new CodeValidationResult()
					.setSeverity(IssueSeverity.ERROR)
					.setMessage(found.unknownVersion());
		}
		CodeValidation answer = found.codeSet().validate(code, dateOfService, found.version());
		CodeValidationResult result = new CodeValidationResult()
				.setCodeSystemName(found.codeSet().name())
				.setCodeSystemVersion(answer.version())
				.setDisplay(answer.display());
		List<String> messages = new ArrayList<>();
		if (answer.reportable()) {
			result.setCode(answer.code());
		}
		if (!answer.reportable() || answer.coverage().isWarning()) {
			messages.add(answer.message());
		}
		if (answer.reportable()
				&& display != null
				&& answer.display() != null
				&& !display.equalsIgnoreCase(answer.display())) {
			messages.add("The display \"" + display + "\" is not the display of " + answer.code() + " in release "
					+ answer.version() + ": \"" + answer.display() + "\"");
		}
		if (!messages.isEmpty()) {
			result.setSeverity(answer.reportable() ? IssueSeverity.WARNING : IssueSeverity.ERROR);
			result.setMessage(String.join("; ", messages));
		}
		return result;
	}

	/**
	 * The code's display, release and status on {@code dateOfService}; {@code system} may carry {@code |version}.
	 *
	 * @return {@code null} when the system is not one of the billing code sets
	 */
	LookupCodeResult lookup(String system, String code, LocalDate dateOfService) {
		Optional<Target> target = find(system);
		if (target.isEmpty()) {
			return null;
		}
		Target found = target.get();
		if (found.unknownVersion() != null) {
			return LookupCodeResult.notFound(system, code).setErrorMessage(found.unknownVersion());
		}
		CodeValidation answer = found.codeSet().validate(code, dateOfService, found.version());
		if (answer.status() == CodeStatus.UNKNOWN) {
			return LookupCodeResult.notFound(system, code).setErrorMessage(answer.message());
		}
		LookupCodeResult result = new LookupCodeResult()
				.setFound(true)
				.setSearchedForCode(answer.code())
				.setSearchedForSystem(baseSystem(system));
		result.setCodeDisplay(answer.display());
		result.setCodeSystemDisplayName(found.codeSet().name());
		result.setCodeSystemVersion(answer.version());
		result.getProperties().add(new StringConceptProperty("status", answer.status().name()));
		if (Icd10CmCodeSet.SYSTEM.equals(answer.system())) {
			result.getProperties().add(new BooleanConceptProperty(
					Icd10CmCodeSet.PROPERTY_BILLABLE, answer.status() != CodeStatus.NOT_BILLABLE));
		}
		return result;
	}

	/** Whether {@code system} (with or without {@code |version}) is one of the billing code sets. */
	boolean handles(String system) {
		return find(system).isPresent();
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}

	/** The code set for {@code system} or {@code system|version}; a version not loaded is named in the result. */
	private Optional<Target> find(String system) {
		if (system == null) {
			return Optional.empty();
		}
		String base = baseSystem(system);
		String version = system.length() > base.length() ? system.substring(base.length() + 1) : null;
		return catalog.get().codeSet(base).map(codeSet -> {
			if (version == null || codeSet.versions().contains(version)) {
				return new Target(codeSet, version, null);
			}
			return new Target(codeSet, version, codeSet.name() + " version " + version + " is not loaded; loaded: "
					+ String.join(", ", codeSet.versions()));
		});
	}

	private static String baseSystem(String system) {
		int bar = system.indexOf('|');
		return bar < 0 ? system : system.substring(0, bar);
	}

	private record Target(TerminologyCatalog.CodeSet codeSet, String version, String unknownVersion) {}
}
