package org.openrcm.terminology.ncci;

import java.time.LocalDate;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import org.openrcm.terminology.EffectivePeriod;

/**
 * One quarter's NCCI procedure-to-procedure edit table (practitioner or outpatient hospital), built for the claim
 * scrubber: "is (column one, column two) an edit on date D, and with which modifier indicator" costs two hash probes
 * and a binary search over a few hundred entries, with no allocation on the {@link #modifierIndicator(int, int, int)}
 * path.
 *
 * <p>Layout: the codes are numbered in ascending order ({@code codeKeys}, with an {@link IntIndex} from the base-36
 * code to its number). Rows — one per line of the CMS file, so a pair deleted and re-added has several — are sorted
 * by column-one number, column-two number and deletion date; {@code column1Start[c]} is the first row of column-one
 * code {@code c}. Per row: the column-two number ({@code char}), effective and deletion dates as epoch days
 * ({@code int}; unknown effective = {@link Integer#MIN_VALUE}, active = {@link Integer#MAX_VALUE}), the modifier
 * indicator with the prior-to-1996 flag ({@code byte}) and the rationale's number ({@code byte}). About 11 bytes a
 * row: 2.5 million rows take under 30 MB.
 *
 * <p>Date rule: an edit applies to dates of service from its effective date through its deletion date, both
 * inclusive (CMS deletion dates are the last day of a quarter; a retroactive deletion has indicator 9). When several
 * rows of a pair cover the date, the earliest-deleted row with indicator 0 or 1 answers; a covering row with 9 answers
 * only when no such row exists. Immutable and thread-safe.
 */
public final class PtpTable {

	static final int UNKNOWN_EFFECTIVE = Integer.MIN_VALUE;
	static final int ACTIVE = Integer.MAX_VALUE;
	static final byte PRIOR_TO_1996 = 0x10;

	private final NcciQuarter quarter;
	private final int[] codeKeys;
	private final String[] codeTexts;
	private final IntIndex codeNumbers;
	private final int[] column1Start;
	private final char[] column2;
	private final int[] effective;
	private final int[] deletion;
	private final byte[] indicator;
	private final byte[] rationale;
	private final String[] rationales;

	PtpTable(NcciQuarter quarter, int[] codeKeys, int[] column1Start, char[] column2, int[] effective, int[] deletion,
			byte[] indicator, byte[] rationale, String[] rationales) {
		this.quarter = quarter;
		this.codeKeys = codeKeys;
		int[] numbers = new int[codeKeys.length];
		this.codeTexts = new String[codeKeys.length];
		for (int i = 0; i < numbers.length; i++) {
			numbers[i] = i;
			codeTexts[i] = NcciCodes.decode(codeKeys[i]);
		}
		this.codeNumbers = new IntIndex(codeKeys, numbers);
		this.column1Start = column1Start;
		this.column2 = column2;
		this.effective = effective;
		this.deletion = deletion;
		this.indicator = indicator;
		this.rationale = rationale;
		this.rationales = rationales;
	}

	public NcciQuarter quarter() {
		return quarter;
	}

	/** The dates of service this quarter's table is in effect for. */
	public EffectivePeriod period() {
		return quarter.period();
	}

	/** Number of rows (edit lines, deleted ones included). */
	public int size() {
		return column2.length;
	}

	/** Number of distinct (column one, column two) pairs. */
	public int pairCount() {
		int pairs = 0;
		for (int c = 0; c + 1 < column1Start.length; c++) {
			for (int row = column1Start[c]; row < column1Start[c + 1]; row++) {
				if (row == column1Start[c] || column2[row] != column2[row - 1]) {
					pairs++;
				}
			}
		}
		return pairs;
	}

	/**
	 * The heap the table takes, in bytes: the arrays' payloads plus a 16-byte header each, the code index, and about
	 * 48 bytes per code text. The rationale strings (a dozen) are left out.
	 */
	public long heapBytes() {
		return arrayBytes(codeKeys.length, Integer.BYTES) + arrayBytes(column1Start.length, Integer.BYTES)
				+ arrayBytes(column2.length, Character.BYTES) + arrayBytes(effective.length, Integer.BYTES)
				+ arrayBytes(deletion.length, Integer.BYTES) + arrayBytes(indicator.length, 1)
				+ arrayBytes(rationale.length, 1) + codeNumbers.heapBytes() + arrayBytes(codeTexts.length, 4)
				+ codeTexts.length * 48L;
	}

	static long arrayBytes(int length, int elementSize) {
		return 16L + (long) length * elementSize;
	}

	/** Every code that appears in either column, in ascending order. */
	public List<String> codes() {
		return new AbstractList<>() {
			@Override
			public String get(int index) {
				return codeTexts[index];
			}

			@Override
			public int size() {
				return codeKeys.length;
			}
		};
	}

	/**
	 * The table's number for a code, for callers that look up many pairs of the same claim; -1 when the code is in
	 * no edit (then no pair with it is an edit).
	 */
	public int codeNumber(String code) {
		return codeNumbers.get(NcciCodes.encode(code));
	}

	/**
	 * The modifier indicator of the edit (column one, column two) on a date, without allocating: 0, 1 or 9, or -1
	 * when the pair is no edit on that date.
	 *
	 * @param column1 {@link #codeNumber} of the column-one code
	 * @param column2 {@link #codeNumber} of the column-two code
	 * @param epochDay the date of service as {@link LocalDate#toEpochDay()}
	 */
	public int modifierIndicator(int column1, int column2, int epochDay) {
		int row = row(column1, column2, epochDay);
		return row < 0 ? -1 : indicatorValue(indicator[row]);
	}

	/** The edit (column one, column two) in effect on {@code dateOfService}, if any. Codes in any case. */
	public Optional<PtpEdit> edit(String column1, String column2, LocalDate dateOfService) {
		int first = codeNumber(column1);
		int row = row(first, codeNumber(column2), (int) dateOfService.toEpochDay());
		return row < 0 ? Optional.empty() : Optional.of(toEdit(first, row));
	}

	/**
	 * The edit between two codes in either direction (a claim's lines have no column order): (a, b) first, then
	 * (b, a).
	 */
	public Optional<PtpEdit> editBetween(String a, String b, LocalDate dateOfService) {
		Optional<PtpEdit> edit = edit(a, b, dateOfService);
		return edit.isPresent() ? edit : edit(b, a, dateOfService);
	}

	private int row(int column1, int column2, int day) {
		if (column1 < 0 || column2 < 0) {
			return -1;
		}
		int groupStart = column1Start[column1];
		int groupEnd = column1Start[column1 + 1];
		char target = (char) column2;
		int low = groupStart;
		int high = groupEnd - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			char found = this.column2[middle];
			if (found < target) {
				low = middle + 1;
			} else if (found > target) {
				high = middle - 1;
			} else {
				return covering(middle, target, day, groupStart, groupEnd);
			}
		}
		return -1;
	}

	/** Among the rows of one pair (found at {@code hit}), the row that answers for {@code day}, or -1. */
	private int covering(int hit, char target, int day, int groupStart, int groupEnd) {
		int first = hit;
		while (first > groupStart && column2[first - 1] == target) {
			first--;
		}
		int notApplicable = -1;
		for (int row = first; row < groupEnd && column2[row] == target; row++) {
			if (day >= effective[row] && day <= deletion[row]) {
				if (indicatorValue(indicator[row]) != 9) {
					return row;
				}
				if (notApplicable < 0) {
					notApplicable = row;
				}
			}
		}
		return notApplicable;
	}

	private PtpEdit toEdit(int column1, int row) {
		return new PtpEdit(codeTexts[column1], codeTexts[column2[row]],
				PtpModifierIndicator.of(indicatorValue(indicator[row])),
				effective[row] == UNKNOWN_EFFECTIVE ? null : LocalDate.ofEpochDay(effective[row]),
				deletion[row] == ACTIVE ? null : LocalDate.ofEpochDay(deletion[row]), rationales[rationale[row]],
				(indicator[row] & PRIOR_TO_1996) != 0);
	}

	static int indicatorValue(byte packed) {
		return packed & 0x0F;
	}

	int[] codeKeys() {
		return codeKeys;
	}

	int[] column1Start() {
		return column1Start;
	}

	char[] column2() {
		return column2;
	}

	int[] effective() {
		return effective;
	}

	int[] deletion() {
		return deletion;
	}

	byte[] indicator() {
		return indicator;
	}

	byte[] rationale() {
		return rationale;
	}

	String[] rationales() {
		return rationales;
	}
}
