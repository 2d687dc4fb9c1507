package org.openrcm.server.denials;

import org.openrcm.server.scrubbing.ScrubRule;

/**
 * How one remittance adjustment (an 835 CAS group code and reason code, with the remarks beside it) is to be
 * treated.
 *
 * @param group the claim adjustment group code as given ({@code CO}, {@code PR}, {@code OA}, {@code PI},
 *     {@code CR}), upper case
 * @param carc the claim adjustment reason code as given, upper case
 * @param category what kind of denial it is
 * @param scrubRule the scrub rule that would have caught it before the claim was sent, or {@code null} when no
 *     scrub rule checks for it
 * @param actionable whether it is a denial a biller works (a Task in the {@code denial} queue); contractual
 *     write-offs and what the patient owes are not
 * @param nextAction what to do next
 * @param reason a short explanation of the reason code, in OpenRCM's words
 * @param remark the remark code (RARC) that decided the category, or {@code null} when the reason code alone did
 */
public record DenialClassification(String group, String carc, DenialCategory category, ScrubRule scrubRule,
		boolean actionable, NextAction nextAction, String reason, String remark) {}
