package org.openrcm.terminology.ncci;

import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import org.openrcm.terminology.EffectivePeriod;

/**
 * One quarter's MUE table (one service type: practitioner, outpatient hospital or DME supplier): code → unit limit,
 * adjudication indicator and rationale, in parallel primitive arrays behind an {@link IntIndex}. MUE values are not
 * dated within a quarter: the quarter's table applies to its dates of service. Immutable and thread-safe.
 */
public final class MueTable {

	private final NcciQuarter quarter;
	private final String serviceType;
	private final int[] codeKeys;
	private final int[] maximumUnits;
	private final byte[] indicators;
	private final byte[] rationale;
	private final String[] rationales;
	private final IntIndex index;

	MueTable(NcciQuarter quarter, String serviceType, int[] codeKeys, int[] maximumUnits, byte[] indicators,
			byte[] rationale, String[] rationales) {
		this.quarter = quarter;
		this.serviceType = serviceType;
		this.codeKeys = codeKeys;
		this.maximumUnits = maximumUnits;
		this.indicators = indicators;
		this.rationale = rationale;
		this.rationales = rationales;
		int[] rows = new int[codeKeys.length];
		for (int i = 0; i < rows.length; i++) {
			rows[i] = i;
		}
		this.index = new IntIndex(codeKeys, rows);
	}

	public NcciQuarter quarter() {
		return quarter;
	}

	public EffectivePeriod period() {
		return quarter.period();
	}

	/** {@code practitioner}, {@code outpatient hospital} or {@code DME supplier}, as the loader was told. */
	public String serviceType() {
		return serviceType;
	}

	public int size() {
		return codeKeys.length;
	}

	/** The heap the table's arrays take, in bytes (see {@link PtpTable#heapBytes()}). */
	public long heapBytes() {
		return PtpTable.arrayBytes(codeKeys.length, Integer.BYTES) + PtpTable.arrayBytes(maximumUnits.length, Integer.BYTES)
				+ PtpTable.arrayBytes(indicators.length, 1) + PtpTable.arrayBytes(rationale.length, 1) + index.heapBytes();
	}

	/** The codes with an MUE, in file order. */
	public List<String> codes() {
		return new AbstractList<>() {
			@Override
			public String get(int i) {
				return NcciCodes.decode(codeKeys[i]);
			}

			@Override
			public int size() {
				return codeKeys.length;
			}
		};
	}

	/** The code's MUE, if it has one. */
	public Optional<MueEdit> edit(String code) {
		int row = index.get(NcciCodes.encode(code));
		return row < 0 ? Optional.empty() : Optional.of(new MueEdit(NcciCodes.decode(codeKeys[row]), maximumUnits[row],
				MueAdjudicationIndicator.of(indicators[row]), rationales[rationale[row]]));
	}

	/** The unit limit of a code (as {@link NcciCodes#encode} numbers it), or -1 when it has none; allocates nothing. */
	public int maximumUnits(int codeKey) {
		int row = index.get(codeKey);
		return row < 0 ? -1 : maximumUnits[row];
	}

	int[] codeKeys() {
		return codeKeys;
	}

	int[] maximumUnitsArray() {
		return maximumUnits;
	}

	byte[] indicators() {
		return indicators;
	}

	byte[] rationaleNumbers() {
		return rationale;
	}

	String[] rationales() {
		return rationales;
	}

	/** The adjudication indicator value (1-3) of a code, or -1 when it has no MUE. */
	public int adjudicationIndicator(int codeKey) {
		int row = index.get(codeKey);
		return row < 0 ? -1 : indicators[row];
	}
}
