package org.openrcm.terminology.ncci;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects PTP edit rows from one or more files (CMS splits a quarter's table into several) and builds the compact
 * {@link PtpTable}. Rows are kept as parallel primitive arrays and sorted once with a single {@code long} sort key
 * (column-one number, column-two number, row), so building 2.5 million rows takes well under a second on top of
 * parsing. Not thread-safe.
 */
public final class PtpTableBuilder {

	private static final int MAX_CODES = 1 << 16;
	private static final int MAX_ROWS = Integer.MAX_VALUE;

	private int[] column1 = new int[1 << 16];
	private int[] column2 = new int[1 << 16];
	private int[] effective = new int[1 << 16];
	private int[] deletion = new int[1 << 16];
	private byte[] indicator = new byte[1 << 16];
	private byte[] rationale = new byte[1 << 16];
	private int size;
	private final Map<String, Integer> rationaleNumbers = new HashMap<>();
	private final List<String> rationales = new ArrayList<>();

	/**
	 * Adds one edit row.
	 *
	 * @param column1 the column-one code's {@link NcciCodes#encode number}
	 * @param column2 the column-two code's number
	 * @param effectiveDate first date of service, or {@code null} when the source does not say
	 * @param deletionDate last date of service, or {@code null} when active
	 * @param modifierIndicator 0, 1 or 9
	 * @param rationaleText the PTP edit rationale, may be empty
	 * @throws IllegalArgumentException for an invalid code number or indicator; loaders check first and report the
	 *         file and line
	 */
	public void add(int column1, int column2, LocalDate effectiveDate, LocalDate deletionDate, int modifierIndicator,
			String rationaleText, boolean priorTo1996) {
		if (column1 < 0 || column2 < 0 || PtpModifierIndicator.of(modifierIndicator) == null) {
			throw new IllegalArgumentException("invalid PTP row");
		}
		if (size == this.column1.length) {
			grow();
		}
		this.column1[size] = column1;
		this.column2[size] = column2;
		this.effective[size] = effectiveDate == null ? PtpTable.UNKNOWN_EFFECTIVE : (int) effectiveDate.toEpochDay();
		this.deletion[size] = deletionDate == null ? PtpTable.ACTIVE : (int) deletionDate.toEpochDay();
		this.indicator[size] = (byte) (modifierIndicator | (priorTo1996 ? PtpTable.PRIOR_TO_1996 : 0));
		this.rationale[size] = (byte) rationaleNumber(rationaleText);
		size++;
	}

	/** Rows added so far. */
	public int size() {
		return size;
	}

	private int rationaleNumber(String text) {
		Integer number = rationaleNumbers.get(text);
		if (number == null) {
			if (rationales.size() == 255) {
				throw new IllegalArgumentException("more than 255 distinct PTP edit rationales");
			}
			number = rationales.size();
			rationales.add(text);
			rationaleNumbers.put(text, number);
		}
		return number;
	}

	private void grow() {
		int capacity = column1.length * 2;
		column1 = Arrays.copyOf(column1, capacity);
		column2 = Arrays.copyOf(column2, capacity);
		effective = Arrays.copyOf(effective, capacity);
		deletion = Arrays.copyOf(deletion, capacity);
		indicator = Arrays.copyOf(indicator, capacity);
		rationale = Arrays.copyOf(rationale, capacity);
	}

	/**
	 * The table, rows sorted by (column one, column two, deletion date).
	 *
	 * @throws IllegalStateException when the rows hold more than 65,536 distinct codes
	 */
	public PtpTable build(NcciQuarter quarter) {
		int[] codeKeys = distinctCodes();
		if (codeKeys.length > MAX_CODES) {
			throw new IllegalStateException(codeKeys.length + " distinct codes; a PTP table holds at most " + MAX_CODES);
		}
		IntIndex numbers = numbering(codeKeys);
		long[] order = new long[size];
		for (int i = 0; i < size; i++) {
			order[i] = (long) numbers.get(column1[i]) << 47 | (long) numbers.get(column2[i]) << 31 | i;
		}
		Arrays.sort(order);
		int[] column1Start = new int[codeKeys.length + 1];
		char[] sortedColumn2 = new char[size];
		int[] sortedEffective = new int[size];
		int[] sortedDeletion = new int[size];
		byte[] sortedIndicator = new byte[size];
		byte[] sortedRationale = new byte[size];
		for (int i = 0; i < size; i++) {
			int row = (int) (order[i] & MAX_ROWS);
			column1Start[(int) (order[i] >>> 47) + 1]++;
			sortedColumn2[i] = (char) (order[i] >>> 31 & 0xFFFF);
			sortedEffective[i] = effective[row];
			sortedDeletion[i] = deletion[row];
			sortedIndicator[i] = indicator[row];
			sortedRationale[i] = rationale[row];
		}
		for (int c = 0; c < codeKeys.length; c++) {
			column1Start[c + 1] += column1Start[c];
		}
		sortPairsByDeletion(column1Start, sortedColumn2, sortedEffective, sortedDeletion, sortedIndicator, sortedRationale);
		return new PtpTable(quarter, codeKeys, column1Start, sortedColumn2, sortedEffective, sortedDeletion,
				sortedIndicator, sortedRationale, rationales.toArray(new String[0]));
	}

	private int[] distinctCodes() {
		int[] all = new int[size * 2];
		System.arraycopy(column1, 0, all, 0, size);
		System.arraycopy(column2, 0, all, size, size);
		Arrays.sort(all);
		int distinct = 0;
		for (int i = 0; i < all.length; i++) {
			if (i == 0 || all[i] != all[i - 1]) {
				all[distinct++] = all[i];
			}
		}
		return Arrays.copyOf(all, distinct);
	}

	private static IntIndex numbering(int[] codeKeys) {
		int[] numbers = new int[codeKeys.length];
		for (int i = 0; i < numbers.length; i++) {
			numbers[i] = i;
		}
		return new IntIndex(codeKeys, numbers);
	}

	/** Orders the rows of each pair by deletion date (insertion sort: a pair has at most a handful of rows). */
	private static void sortPairsByDeletion(int[] column1Start, char[] column2, int[] effective, int[] deletion,
			byte[] indicator, byte[] rationale) {
		for (int group = 0; group + 1 < column1Start.length; group++) {
			int groupEnd = column1Start[group + 1];
			int start = column1Start[group];
			while (start < groupEnd) {
				int end = start + 1;
				while (end < groupEnd && column2[end] == column2[start]) {
					end++;
				}
				for (int i = start + 1; i < end; i++) {
					for (int j = i; j > start && deletion[j] < deletion[j - 1]; j--) {
						swap(effective, j);
						swap(deletion, j);
						swap(indicator, j);
						swap(rationale, j);
					}
				}
				start = end;
			}
		}
	}

	private static void swap(int[] values, int j) {
		int value = values[j];
		values[j] = values[j - 1];
		values[j - 1] = value;
	}

	private static void swap(byte[] values, int j) {
		byte value = values[j];
		values[j] = values[j - 1];
		values[j - 1] = value;
	}
}
