package org.openrcm.server.fhir;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The FHIR endpoint, under {@code openrcm.fhir.*}.
 *
 * @param resourceTypes the FHIR R4 resource types this server stores and serves. Default: the revenue-cycle set
 *                      (see {@link ServedResourceTypes#DEFAULT}). Types HAPI needs internally (SearchParameter,
 *                      StructureDefinition, CodeSystem, ValueSet, …) are always added.
 * @param defaultPageSize search results per page when the client sends no {@code _count}. Default 20.
 * @param maxPageSize the largest {@code _count} honoured. Default 500.
 * @param maxRequestBody the largest request body accepted; larger ones get 413 with an OperationOutcome.
 *                       Default 20MB.
 * @param serverAddress the public base URL (e.g. {@code https://rcm.example.org/fhir}) when the server sits behind
 *                      a proxy; empty means "as the request arrived". Default empty.
 */
@Validated
@ConfigurationProperties("openrcm.fhir")
public record FhirServerProperties(
		@NotEmpty List<String> resourceTypes,
		@DefaultValue("20") @Min(1) int defaultPageSize,
		@DefaultValue("500") @Min(1) int maxPageSize,
		@DefaultValue("20MB") DataSize maxRequestBody,
		@DefaultValue("") String serverAddress) {

	public FhirServerProperties {
		resourceTypes = resourceTypes == null || resourceTypes.isEmpty() ? ServedResourceTypes.DEFAULT : resourceTypes;
	}
}
