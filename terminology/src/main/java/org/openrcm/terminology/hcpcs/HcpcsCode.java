package org.openrcm.terminology.hcpcs;

import java.time.LocalDate;
import java.util.List;
import org.openrcm.terminology.CodeStatus;

/**
 * One HCPCS Level II procedure code as CMS publishes it (record layout: see {@link HcpcsRecordFileLoader}).
 *
 * @param code five characters, a letter and four digits, e.g. {@code J1100}
 * @param shortDescription up to 28 characters; may be empty
 * @param longDescription the full descriptor
 * @param pricingIndicators Medicare Part B pricing methodology codes (1 to 4), e.g. {@code 51} drugs
 * @param multiplePricingIndicator how several pricing indicators combine ({@code A}, {@code 9}, ...)
 * @param coverageCode Medicare coverage: {@code C} carrier judgment, {@code D} special instructions, {@code I} not
 *                     payable by Medicare, {@code M} non-covered, {@code S} non-covered by statute
 * @param betos Berenson-Eggers type of service
 * @param typesOfService CMS types of service (1 to 5)
 * @param actionCode the change made in this release ({@code A} added, {@code D} discontinued, {@code N} none, ...)
 * @param labCertifications CLIA lab certification categories
 * @param crossReferences codes to use instead (for deleted or non-Medicare codes)
 * @param ascGroup {@code YY} when payable in an ambulatory surgical center
 * @param ascEffectiveDate when the ASC group took effect, or {@code null}
 * @param processingNote the number of the HCPCS manual's processing note, or empty
 * @param anesthesiaBaseUnits anesthesia base units, 0 when none
 * @param statute the statute reference, or empty
 * @param cimReferences Coverage Issues Manual sections
 * @param mcmReferences Medicare Carriers Manual sections
 * @param addDate when the code was added to HCPCS, or {@code null}
 * @param actionEffectiveDate when this release's action took effect, or {@code null}
 * @param terminationDate the last date the code may be reported, or {@code null} when active
 */
public record HcpcsCode(String code, String shortDescription, String longDescription, List<String> pricingIndicators,
		String multiplePricingIndicator, String coverageCode, String betos, List<String> typesOfService, String actionCode,
		List<String> labCertifications, List<String> crossReferences, String ascGroup, LocalDate ascEffectiveDate,
		String processingNote, int anesthesiaBaseUnits, String statute, List<String> cimReferences,
		List<String> mcmReferences, LocalDate addDate, LocalDate actionEffectiveDate, LocalDate terminationDate) {

	public HcpcsCode {
		pricingIndicators = List.copyOf(pricingIndicators);
		typesOfService = List.copyOf(typesOfService);
		labCertifications = List.copyOf(labCertifications);
		crossReferences = List.copyOf(crossReferences);
		cimReferences = List.copyOf(cimReferences);
		mcmReferences = List.copyOf(mcmReferences);
	}

	/** The title to show: the long descriptor, else the short one. */
	public String display() {
		return longDescription.isEmpty() ? shortDescription : longDescription;
	}

	/**
	 * Whether the code may be reported on {@code date}: {@link CodeStatus#NOT_YET_EFFECTIVE} before its add date,
	 * {@link CodeStatus#TERMINATED} after its termination date (the last date it may be used), else
	 * {@link CodeStatus#VALID}.
	 */
	public CodeStatus statusOn(LocalDate date) {
		if (addDate != null && date.isBefore(addDate)) {
			return CodeStatus.NOT_YET_EFFECTIVE;
		}
		if (terminationDate != null && date.isAfter(terminationDate)) {
			return CodeStatus.TERMINATED;
		}
		return CodeStatus.VALID;
	}
}
