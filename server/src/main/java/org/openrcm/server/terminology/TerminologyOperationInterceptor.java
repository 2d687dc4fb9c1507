package org.openrcm.server.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.LookupCodeResult;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.ValueSet;
import org.openrcm.server.fhir.FhirServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code CodeSystem/$lookup}, {@code CodeSystem/$validate-code}, and {@code ValueSet/$validate-code} and
 * {@code ValueSet/$expand} on an implicit all-codes value set ({@code <system>?fhir_vs}) for the billing code sets,
 * with the date of service the request gives in {@code date} (else today); {@code $expand} lists the newest release
 * and its {@code filter} is a full-text search over the titles ({@link CodeSearchIndex}: every word must match, in
 * any order, stemmed). Everything else goes on to HAPI's providers.
 *
 * <p>HAPI's operations take no date and its validation support chain caches answers by system and code, so a code
 * valid in 2024 and deleted in 2025 would get whichever answer was cached first. The answers here come straight
 * from the in-memory code sets ({@link CodeSetValidationSupport}) and use HAPI's own response formats.
 */
@Interceptor
final class TerminologyOperationInterceptor {

	private static final Logger REQUEST_LOG = LoggerFactory.getLogger(FhirServerConfig.REQUEST_LOG);
	private static final String LOOKUP = "$lookup";
	private static final String VALIDATE_CODE = "$validate-code";
	private static final String EXPAND = "$expand";
	private static final String IMPLICIT_VALUE_SET = "?fhir_vs";
	private static final int DEFAULT_COUNT = 100;
	private static final int MAX_COUNT = 1000;

	private final FhirContext fhirContext;
	private final CodeSetValidationSupport codeSets;
	private final TerminologyService terminology;
	private final Clock clock;

	TerminologyOperationInterceptor(
			FhirContext fhirContext, CodeSetValidationSupport codeSets, TerminologyService terminology, Clock clock) {
		this.fhirContext = fhirContext;
		this.codeSets = codeSets;
		this.terminology = terminology;
		this.clock = clock;
	}

	/** @return {@code false} when the request was answered here */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean answer(RequestDetails request) throws IOException {
		String operation = request.getOperation();
		String type = request.getResourceName();
		boolean lookup = LOOKUP.equals(operation) && "CodeSystem".equals(type);
		boolean validate = VALIDATE_CODE.equals(operation) && ("CodeSystem".equals(type) || "ValueSet".equals(type));
		boolean expand = EXPAND.equals(operation) && "ValueSet".equals(type);
		if ((!lookup && !validate && !expand) || (request.getId() != null && request.getId().hasIdPart())) {
			return true;
		}
		Parameters in = parameters(request);
		if (expand) {
			return expand(request, in);
		}
		Query query = Query.of(in, "ValueSet".equals(type));
		if (query == null || !codeSets.handles(query.system())) {
			return true; // not one of the billing code sets: HAPI's provider answers
		}
		if (query.code() == null || query.code().isBlank()) {
			throw new InvalidRequestException("Give the code to look up: 'code' (with 'system'/'url') or 'coding'");
		}
		LocalDate date = dateOfService(in);
		IBaseResource out;
		if (lookup) {
			LookupCodeResult result = codeSets.lookup(query.system(), query.code(), date);
			if (!result.isFound()) {
				throw new ResourceNotFoundException(result.getErrorMessage());
			}
			out = result.toParameters(fhirContext, null);
		} else {
			CodeValidationResult result = codeSets.validate(query.system(), query.code(), query.display(), date);
			out = result.toParameters(fhirContext);
			if (!result.isOk()) {
				// HAPI's toParameters names no code when the result is false; a biller wants to see which one
				((Parameters) out).addParameter("code", new org.hl7.fhir.r4.model.CodeType(query.code()));
			}
		}
		return respond(request, out);
	}

	/** {@code ValueSet/$expand} of an implicit all-codes value set: the newest release, filtered by full text. */
	private boolean expand(RequestDetails request, Parameters in) throws IOException {
		String url = Query.text(in, "url");
		if (url == null || !url.endsWith(IMPLICIT_VALUE_SET)) {
			return true;
		}
		String system = url.substring(0, url.length() - IMPLICIT_VALUE_SET.length());
		Optional<TerminologyCatalog.CodeSet> codeSet = terminology.get().codeSet(system);
		if (codeSet.isEmpty()) {
			return true;
		}
		String filter = Query.text(in, "filter");
		int offset = number(in, "offset", 0, Integer.MAX_VALUE);
		int count = number(in, "count", DEFAULT_COUNT, MAX_COUNT);
		CodeSearchIndex.Page page = terminology.index().expand(system, filter, offset, count);
		ValueSet out = new ValueSet();
		out.setUrl(url).setStatus(Enumerations.PublicationStatus.ACTIVE).setName(codeSet.get().name());
		ValueSet.ValueSetExpansionComponent expansion = out.getExpansion()
				.setIdentifier("urn:uuid:" + UUID.randomUUID())
				.setTimestamp(Date.from(clock.instant()))
				.setTotal((int) page.total())
				.setOffset(offset);
		if (filter != null) {
			expansion.addParameter().setName("filter").setValue(new StringType(filter));
		}
		expansion.addParameter().setName("count").setValue(new IntegerType(count));
		List<String> versions = codeSet.get().versions();
		for (CodeSearchIndex.Hit hit : page.hits()) {
			expansion.addContains()
					.setSystem(system)
					.setVersion(versions.isEmpty() ? null : versions.get(versions.size() - 1))
					.setCode(hit.code())
					.setDisplay(hit.display());
		}
		return respond(request, out);
	}

	/**
	 * Writes the answer and logs the request the way the server's request log does (HAPI's own log never sees a
	 * request answered here): verb, operation, duration; no query string, which can carry codes of a patient.
	 */
	private static boolean respond(RequestDetails request, IBaseResource out) throws IOException {
		// logged before the answer is written, so the line is there once the client has its answer
		REQUEST_LOG.info("{} extended-operation-type {}/{} {}ms", request.getRequestType(), request.getResourceName(),
				request.getOperation(), request.getRequestStopwatch().getMillis());
		RestfulServerUtils.streamResponseAsResource(
				request.getServer(), out, Collections.emptySet(), 200, false, request.isRespondGzip(), request);
		return false;
	}

	private static int number(Parameters in, String name, int fallback, int max) {
		String text = Query.text(in, name);
		if (text == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.trim());
			if (value < 0) {
				throw new NumberFormatException();
			}
			return Math.min(value, max);
		} catch (NumberFormatException e) {
			throw new InvalidRequestException("Parameter '" + name + "' must be a whole number of 0 or more, not '" + text + "'");
		}
	}

	/** The operation's parameters from the URL and, for a POST, from the Parameters body. */
	private Parameters parameters(RequestDetails request) {
		Parameters parameters = new Parameters();
		if (request.getRequestType() == RequestTypeEnum.POST) {
			byte[] body = request.loadRequestContents();
			if (body != null && body.length > 0) {
				EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
				try {
					parameters = (encoding == null ? EncodingEnum.JSON : encoding)
							.newParser(fhirContext)
							.parseResource(Parameters.class, new String(body, StandardCharsets.UTF_8));
				} catch (DataFormatException e) {
					throw new InvalidRequestException("The body of " + request.getOperation()
							+ " must be a Parameters resource: " + e.getMessage());
				}
			}
		}
		for (var entry : request.getParameters().entrySet()) {
			if (!entry.getKey().startsWith("_")) {
				for (String value : entry.getValue()) {
					parameters.addParameter(entry.getKey(), new StringType(value));
				}
			}
		}
		return parameters;
	}

	private LocalDate dateOfService(Parameters in) {
		Type value = in.getParameter("date") == null ? null : in.getParameter("date").getValue();
		if (value == null || value.primitiveValue() == null) {
			return LocalDate.now(clock);
		}
		String text = value.primitiveValue();
		try {
			return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
		} catch (DateTimeParseException e) {
			throw new InvalidRequestException(
					"Parameter 'date' must be a date of service as YYYY-MM-DD (or a FHIR dateTime), not '" + text + "'");
		}
	}

	/** What is asked: system (with {@code |version} when one is given), code and display. */
	private record Query(String system, String code, String display) {

		static Query of(Parameters in, boolean valueSet) {
			Coding coding = coding(in);
			String system = coding != null ? coding.getSystem() : text(in, valueSet ? "system" : "url");
			if (system == null) {
				system = text(in, "system");
			}
			if (valueSet) {
				String url = text(in, "url");
				if (url == null || system == null || !url.equals(system + "?fhir_vs")) {
					return null; // an explicit value set is HAPI's
				}
			}
			if (system == null) {
				return null;
			}
			String code = coding != null ? coding.getCode() : text(in, "code");
			String version = coding != null && coding.hasVersion()
					? coding.getVersion()
					: text(in, valueSet ? "systemVersion" : "version");
			return new Query(version == null ? system : system + "|" + version, code,
					coding != null && coding.hasDisplay() ? coding.getDisplay() : text(in, "display"));
		}

		private static Coding coding(Parameters in) {
			for (Parameters.ParametersParameterComponent p : in.getParameter()) {
				Type value = p.getValue();
				if ("coding".equals(p.getName()) && value instanceof Coding coding) {
					return coding;
				}
				if ("coding".equals(p.getName()) && value instanceof StringType token) {
					// GET: coding=system|code
					int bar = token.getValue().lastIndexOf('|');
					return bar < 0 ? new Coding(null, token.getValue(), null)
							: new Coding(token.getValue().substring(0, bar), token.getValue().substring(bar + 1), null);
				}
				if ("codeableConcept".equals(p.getName()) && value instanceof CodeableConcept concept
						&& concept.hasCoding()) {
					return concept.getCodingFirstRep();
				}
			}
			return null;
		}

		private static String text(Parameters in, String name) {
			List<Parameters.ParametersParameterComponent> found =
					in.getParameter().stream().filter(p -> name.equals(p.getName())).toList();
			return found.isEmpty() || found.get(0).getValue() == null ? null : found.get(0).getValue().primitiveValue();
		}
	}
}
