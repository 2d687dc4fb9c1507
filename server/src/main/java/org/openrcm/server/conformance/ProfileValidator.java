package org.openrcm.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.openrcm.ig.OpenRcmIg;
import org.openrcm.server.errors.ErrorCode;
import org.openrcm.terminology.StarterTerminology;

/**
 * Validates a resource against one OpenRCM profile with the FHIR instance validator (the engine behind HAPI's
 * {@code FhirInstanceValidator}).
 *
 * <p>It runs on an in-memory support chain ({@link #inMemorySupport}): the FHIR core definitions, the OpenRCM IG
 * package and the starter terminology, the same content the server installs, without a database round trip per
 * code or profile. References are not followed: whether a referenced resource exists is checked by the storage
 * layer in the caller's tenant, never across tenants.
 *
 * <p>HAPI's wrapper builds a new validation engine for every resource, and building one (it reads the OID
 * registry from a CSV, sets up FHIRPath and profile utilities) costs more than validating a claim. This class
 * keeps a small pool of engines instead: an engine is used by one thread at a time, clears its per-resource state
 * itself before each validation, and is retired after {@value #USES_PER_ENGINE} validations so that the few
 * caches it keeps across validations stay small.
 */
final class ProfileValidator {

	static final int USES_PER_ENGINE = 500;
	private static final int MAX_IDLE_ENGINES = 2 * Runtime.getRuntime().availableProcessors();

	private final FhirContext fhirContext;
	private final WorkerContextValidationSupportAdapter workerContext;
	private final Map<String, StructureDefinition> profiles = new ConcurrentHashMap<>();
	private final ConcurrentLinkedDeque<Engine> idle = new ConcurrentLinkedDeque<>();
	private final AtomicInteger idleCount = new AtomicInteger();
	private final Object preparation = new Object();
	private volatile boolean prepared;

	ProfileValidator(FhirContext fhirContext, IValidationSupport validationSupport) {
		this.fhirContext = fhirContext;
		this.workerContext =
				WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(validationSupport);
	}

	/** The FHIR core definitions, the OpenRCM IG package and the starter code systems, all in memory. */
	static IValidationSupport inMemorySupport(FhirContext fhirContext) {
		NpmPackageValidationSupport ig = new NpmPackageValidationSupport(fhirContext);
		try {
			ig.loadPackageFromClasspath("classpath:" + OpenRcmIg.PACKAGE_CLASSPATH_LOCATION);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		PrePopulatedValidationSupport terminology = new PrePopulatedValidationSupport(fhirContext);
		StarterTerminology.codeSystems().forEach(terminology::addCodeSystem);
		return new ValidationSupportChain(
				new DefaultProfileValidationSupport(fhirContext),
				ig,
				terminology,
				new SnapshotGeneratingValidationSupport(fhirContext),
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				new CommonCodeSystemsTerminologyService(fhirContext));
	}

	/**
	 * @return {@code null} when the resource conforms; otherwise an OperationOutcome listing every error with the
	 *         FHIRPath location of the offending element and the stable code
	 *         {@link ErrorCode#PROFILE_VALIDATION_FAILED}
	 */
	OperationOutcome validate(IBaseResource resource, String profileUrl) {
		List<ValidationMessage> errors = messages(resource, profileUrl).stream()
				.filter(ProfileValidator::isError)
				.toList();
		if (errors.isEmpty()) {
			return null;
		}
		OperationOutcome outcome = new OperationOutcome();
		String type = resource.fhirType();
		for (ValidationMessage message : errors) {
			OperationOutcome.OperationOutcomeIssueComponent issue = ErrorCode.PROFILE_VALIDATION_FAILED.addIssue(
					outcome, IssueSeverity.ERROR, type + " does not conform to " + profileUrl + ": " + message.getMessage());
			if (message.getLocation() != null) {
				issue.addExpression(message.getLocation());
				issue.getLocation().add(new StringType(message.getLocation()));
			}
		}
		return outcome;
	}

	/**
	 * Converts every StructureDefinition of the support chain and generates the snapshots the IG profiles lack, once
	 * and on one thread. HAPI's worker context does this lazily, locking the definition it works on and then, while
	 * building a FHIRPath engine, each of the others: two first validations at once (a Claim and a Coverage, or a
	 * request and the warm-up) deadlock on each other's locks.
	 */
	private void prepare() {
		if (prepared) {
			return;
		}
		synchronized (preparation) {
			if (!prepared) {
				workerContext.fetchResourcesByType(StructureDefinition.class);
				prepared = true;
			}
		}
	}

	private List<ValidationMessage> messages(IBaseResource resource, String profileUrl) {
		prepare();
		StructureDefinition profile = profiles.computeIfAbsent(profileUrl, url -> {
			StructureDefinition found = workerContext.fetchResource(StructureDefinition.class, url);
			if (found == null) {
				throw new IllegalStateException("Profile " + url + " is not known to the validator");
			}
			return found;
		});
		byte[] json = fhirContext.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
		List<ValidationMessage> messages = new ArrayList<>();
		Engine engine = borrow();
		try {
			engine.validator.validate(
					null, messages, new ByteArrayInputStream(json), FhirFormat.JSON, new ArrayList<>(List.of(profile)));
		} finally {
			giveBack(engine);
		}
		// a binding to a value set that names no source is the profile's concern, not the sender's
		messages.removeIf(m -> I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(m.getMessageId()));
		return messages;
	}

	private Engine borrow() {
		Engine engine = idle.pollFirst();
		if (engine == null) {
			return new Engine(newInstanceValidator());
		}
		idleCount.decrementAndGet();
		return engine;
	}

	private void giveBack(Engine engine) {
		if (++engine.uses < USES_PER_ENGINE && idleCount.incrementAndGet() <= MAX_IDLE_ENGINES) {
			idle.offerFirst(engine);
		} else if (engine.uses < USES_PER_ENGINE) {
			idleCount.decrementAndGet();
		}
	}

	/** An engine set up the way HAPI's {@link FhirInstanceValidator} sets up its own, minus best-practice hints. */
	private InstanceValidator newInstanceValidator() {
		InstanceValidator validator = new InstanceValidator(
				workerContext,
				new FhirInstanceValidator.NullEvaluationContext(),
				new XVerExtensionManagerOld(workerContext),
				new ValidatorSession(),
				new ValidatorSettings());
		validator.setAnyExtensionsAllowed(true);
		validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
		validator.setResourceIdRule(IdStatus.OPTIONAL);
		validator.setErrorForUnknownProfiles(true);
		validator.setUnknownCodeSystemsCauseErrors(true);
		validator.setPolicyAdvisor(new FhirDefaultPolicyAdvisor());
		return validator;
	}

	private static boolean isError(ValidationMessage message) {
		return message.getLevel() == ValidationMessage.IssueSeverity.ERROR
				|| message.getLevel() == ValidationMessage.IssueSeverity.FATAL;
	}

	private static final class Engine {
		final InstanceValidator validator;
		int uses;

		Engine(InstanceValidator validator) {
			this.validator = validator;
		}
	}
}
