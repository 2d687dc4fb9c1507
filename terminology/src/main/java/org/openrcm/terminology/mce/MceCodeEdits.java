package org.openrcm.terminology.mce;

/**
 * The MCE diagnosis edits that apply to one ICD-10-CM code.
 *
 * @param code the dotted ICD-10-CM code
 * @param description the MCE's (short) title for the code
 * @param sex the only sex the code is consistent with, or {@code null} when there is no sex edit (MCE Edit 5)
 * @param age the age edit, or {@code null} when there is none (MCE Edit 4)
 * @param manifestation whether the code is a manifestation code, not allowed as principal diagnosis (MCE Edit 6)
 */
public record MceCodeEdits(String code, String description, Sex sex, AgeEdit age, boolean manifestation) {}
