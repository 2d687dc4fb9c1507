package org.openrcm.terminology.modifiers;

import org.openrcm.terminology.cpt.CptCodeSet;
import org.openrcm.terminology.hcpcs.HcpcsCodeSet;

/** The two modifier code sets on professional claims (837P SV101-3..6). */
public enum ModifierKind {

	/** HCPCS Level II modifiers (two letters or letter/digit), maintained by CMS; public domain, with descriptions. */
	HCPCS_LEVEL_II(HcpcsCodeSet.SYSTEM),

	/** CPT modifiers (two digits, and P1-P6), AMA content: codes only, no descriptors shipped. */
	CPT(CptCodeSet.SYSTEM);

	private final String system;

	ModifierKind(String system) {
		this.system = system;
	}

	/** The FHIR code system the modifier belongs to (modifiers are codes of the HCPCS or CPT code system). */
	public String system() {
		return system;
	}
}
