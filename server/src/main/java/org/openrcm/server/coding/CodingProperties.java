package org.openrcm.server.coding;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How claims are drafted from encounters, under {@code openrcm.coding.*}.
 *
 * @param ambulatoryPlaceOfService the CMS place-of-service code put on the lines of an ambulatory encounter
 *                                 ({@code Encounter.class} = {@code AMB}) when none of its Locations carries a
 *                                 place-of-service type. Two digits; default {@code 11} (office).
 */
@Validated
@ConfigurationProperties("openrcm.coding")
public record CodingProperties(@DefaultValue("11") @Pattern(regexp = "\\d{2}") String ambulatoryPlaceOfService) {}
