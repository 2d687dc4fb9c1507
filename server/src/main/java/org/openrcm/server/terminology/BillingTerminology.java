package org.openrcm.server.terminology;

import java.time.LocalDate;
import java.util.Optional;
import org.openrcm.terminology.CodeStatus;
import org.openrcm.terminology.CodeValidation;
import org.openrcm.terminology.Coverage;
import org.openrcm.terminology.VersionRegistry;
import org.openrcm.terminology.VersionRegistry.Resolution;
import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.icd10cm.Icd10CmCodeSet;
import org.openrcm.terminology.imports.ImportReport;
import org.openrcm.terminology.mce.MceDiagnosisEdits;
import org.openrcm.terminology.ncci.AddOnCodeTable;
import org.openrcm.terminology.ncci.MueTable;
import org.openrcm.terminology.ncci.PtpTable;
import org.openrcm.terminology.pos.PlaceOfServiceCodeSet;

/**
 * What other features (the claim scrubber first) read of the code sets and edit tables in service: code validity on
 * a date of service and the edit tables that apply to it. One instance is one consistent catalog; ask
 * {@link TerminologyInService#billingTerminology()} again for the tables of a later import.
 *
 * <p>Edit tables are chosen by the release covering the date of service. When none covers it the nearest release
 * answers and {@link Resolution#coverage()} says so, which the caller must pass on as a warning.
 */
public final class BillingTerminology {

	private final TerminologyCatalog catalog;
	private final VersionRegistry<PtpTable> ptp;
	private final VersionRegistry<MueTable> mue;
	private final VersionRegistry<AddOnCodeTable> addOnCodes;
	private final VersionRegistry<MceDiagnosisEdits> mce;

	BillingTerminology(TerminologyCatalog catalog, VersionRegistry<PtpTable> ptp, VersionRegistry<MueTable> mue,
			VersionRegistry<AddOnCodeTable> addOnCodes, VersionRegistry<MceDiagnosisEdits> mce) {
		this.catalog = catalog;
		this.ptp = ptp;
		this.mue = mue;
		this.addOnCodes = addOnCodes;
		this.mce = mce;
	}

	/**
	 * The starter set plus what the given imports loaded, as a server would hold them after importing them in this
	 * order: for tests and in-process benchmarks that load fixture or full files without a server.
	 */
	public static BillingTerminology starterWith(ImportReport... reports) {
		TerminologyCatalog catalog = TerminologyCatalog.starter();
		for (ImportReport report : reports) {
			catalog = catalog.with(report);
		}
		return catalog.billing();
	}

	/** ICD-10-CM: valid, a header code ({@link CodeStatus#NOT_BILLABLE}), deleted or unknown on the date. */
	public CodeValidation diagnosis(String code, LocalDate dateOfService) {
		return validate(Icd10CmCodeSet.SYSTEM, code, dateOfService);
	}

	/**
	 * A CPT or HCPCS Level II procedure code on the date; {@link CodeStatus#UNKNOWN} for any other system. Without a
	 * licensee's CPT file a well-formed CPT code is valid (the public files do not list every CPT code).
	 */
	public CodeValidation procedure(String system, String code, LocalDate dateOfService) {
		return validate(system, code, dateOfService);
	}

	/** A CPT or HCPCS modifier on the date; the answer's system says which kind it is. */
	public CodeValidation modifier(String code, LocalDate dateOfService) {
		return catalog.modifiers().validate(code, dateOfService);
	}

	/** A place of service code. */
	public CodeValidation placeOfService(String code, LocalDate dateOfService) {
		return validate(PlaceOfServiceCodeSet.SYSTEM, code, dateOfService);
	}

	/** Whether {@code system} is CPT or HCPCS Level II, the procedure systems of a professional claim. */
	public static boolean isProcedureSystem(String system) {
		return CptCodeSet.SYSTEM.equals(system) || org.openrcm.terminology.hcpcs.HcpcsCodeSet.SYSTEM.equals(system);
	}

	/** The NCCI practitioner PTP table for the date of service; empty when none is loaded. */
	public Optional<Resolution<PtpTable>> ptp(LocalDate dateOfService) {
		return ptp.resolve(dateOfService);
	}

	/** The NCCI practitioner MUE table for the date of service; empty when none is loaded. */
	public Optional<Resolution<MueTable>> mue(LocalDate dateOfService) {
		return mue.resolve(dateOfService);
	}

	/** The NCCI add-on code table for the date of service; empty when none is loaded. */
	public Optional<Resolution<AddOnCodeTable>> addOnCodes(LocalDate dateOfService) {
		return addOnCodes.resolve(dateOfService);
	}

	/** The MCE diagnosis edits (age, sex, manifestation) for the date of service; empty when none is loaded. */
	public Optional<Resolution<MceDiagnosisEdits>> mce(LocalDate dateOfService) {
		return mce.resolve(dateOfService);
	}

	private CodeValidation validate(String system, String code, LocalDate dateOfService) {
		return catalog.codeSet(system)
				.map(set -> set.validate(code, dateOfService, null))
				.orElseGet(() -> new CodeValidation(system, code == null ? "" : code.trim(), CodeStatus.UNKNOWN, null,
						null, dateOfService, Coverage.COVERED));
	}
}
