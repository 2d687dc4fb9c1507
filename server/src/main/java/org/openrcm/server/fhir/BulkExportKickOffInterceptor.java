package org.openrcm.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.provider.ProviderConstants;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.lang3.StringUtils;
import org.openrcm.server.errors.ErrorCode;

/**
 * Checks a bulk export kick-off ({@code $export} at system, {@code Patient} or {@code Group/[id]} level) before
 * HAPI starts a job, so that a client that got it wrong is told how to get it right (FHIR Bulk Data Access 2.0,
 * kick-off request):
 * <ul>
 *   <li>without {@code Prefer: respond-async}: 400, {@link ErrorCode#EXPORT_NOT_ASYNC};</li>
 *   <li>{@code _type} naming a type this server does not store: 400, {@link ErrorCode#EXPORT_UNKNOWN_TYPE}, naming
 *       the types and listing those it does store.</li>
 * </ul>
 * Nothing is started in either case.
 */
@Interceptor
class BulkExportKickOffInterceptor {

	private static final String RESPOND_ASYNC = "respond-async";
	/** After the authorization interceptors' checks, so an unauthorized caller is refused by them first. */
	private static final int ORDER = 100;

	private final Set<String> servedTypes;

	/** @param servedTypes the resource types this server stores (and can therefore export) */
	BulkExportKickOffInterceptor(Set<String> servedTypes) {
		this.servedTypes = Set.copyOf(servedTypes);
	}

	/** Refuses a kick-off that is not asynchronous or names an unknown type. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
	public void checkKickOff(RequestDetails request) {
		if (!ProviderConstants.OPERATION_EXPORT.equals(request.getOperation())) {
			return;
		}
		List<String> prefer = request.getHeaders(Constants.HEADER_PREFER);
		boolean async = prefer != null && prefer.stream()
				.flatMap(header -> Arrays.stream(header.split("[,;]")))
				.anyMatch(token -> RESPOND_ASYNC.equalsIgnoreCase(token.trim()));
		if (!async) {
			throw refused(ErrorCode.EXPORT_NOT_ASYNC, "$export runs asynchronously: send the header 'Prefer: "
					+ RESPOND_ASYNC + "', then poll the URL in the Content-Location of the 202 answer");
		}
		Set<String> unknown = new TreeSet<>();
		String[] types = request.getParameters().get(JpaConstants.PARAM_EXPORT_TYPE);
		if (types != null) {
			for (String value : types) {
				for (String type : value.split(",")) {
					if (StringUtils.isNotBlank(type) && !servedTypes.contains(type.trim())) {
						unknown.add(type.trim());
					}
				}
			}
		}
		if (!unknown.isEmpty()) {
			throw refused(ErrorCode.EXPORT_UNKNOWN_TYPE, "_type names resource types this server does not store: "
					+ String.join(", ", unknown) + "; it stores " + String.join(", ", new TreeSet<>(servedTypes)));
		}
	}

	private static InvalidRequestException refused(ErrorCode code, String message) {
		InvalidRequestException refused = new InvalidRequestException(code.code() + ": " + message);
		refused.setOperationOutcome(code.outcome(message));
		return refused;
	}
}
