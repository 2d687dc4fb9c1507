package org.openrcm.terminology.cpt;

/** Where a CPT code was seen. CMS's public files carry bare CPT codes; only a licensee's file carries descriptors. */
public enum CptSource {
	/** NCCI procedure-to-procedure edits (either column). */
	NCCI_PTP,
	/** NCCI medically unlikely edits. */
	NCCI_MUE,
	/** NCCI add-on code edits (add-on or primary code). */
	NCCI_AOC,
	/** The physician fee schedule relative value file. */
	PFS_RVU,
	/** A licensee's AMA descriptor file. */
	LICENSEE
}
