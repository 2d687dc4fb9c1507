package org.openrcm.terminology.pos;

/**
 * One CMS place-of-service code (837P CLM05-1 / SV105).
 *
 * @param code two digits, e.g. {@code 11}
 * @param name the CMS name, e.g. {@code Office}
 * @param pfsFacility whether the Medicare physician fee schedule prices services here at the facility rate;
 *                    {@code null} when the source does not say
 * @param description the CMS description, possibly empty
 */
public record PlaceOfService(String code, String name, Boolean pfsFacility, String description) {}
