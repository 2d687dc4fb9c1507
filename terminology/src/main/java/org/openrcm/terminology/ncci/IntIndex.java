package org.openrcm.terminology.ncci;

import java.util.Arrays;

/**
 * An immutable open-addressing hash map from non-negative int keys to int values, for the few-thousand-entry code
 * dictionaries of the NCCI tables: one or two probes into two small arrays, no boxing.
 */
final class IntIndex {

	private final int[] keys;
	private final int[] values;
	private final int mask;
	private final int shift;

	/** @param keys distinct non-negative keys; {@code values[i]} belongs to {@code keys[i]} */
	IntIndex(int[] keys, int[] values) {
		int capacity = Integer.highestOneBit(Math.max(4, keys.length * 2) - 1) << 1;
		this.keys = new int[capacity];
		this.values = new int[capacity];
		this.mask = capacity - 1;
		this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
		Arrays.fill(this.keys, -1);
		for (int i = 0; i < keys.length; i++) {
			int slot = slot(keys[i]);
			while (this.keys[slot] >= 0) {
				if (this.keys[slot] == keys[i]) {
					throw new IllegalArgumentException("key " + keys[i] + " appears twice");
				}
				slot = (slot + 1) & mask;
			}
			this.keys[slot] = keys[i];
			this.values[slot] = values[i];
		}
	}

	/** The heap the index's two arrays take, in bytes. */
	long heapBytes() {
		return PtpTable.arrayBytes(keys.length, Integer.BYTES) * 2;
	}

	/** The value of {@code key}, or -1. */
	int get(int key) {
		if (key < 0) {
			return -1;
		}
		for (int slot = slot(key); ; slot = (slot + 1) & mask) {
			int found = keys[slot];
			if (found == key) {
				return values[slot];
			}
			if (found < 0) {
				return -1;
			}
		}
	}

	private int slot(int key) {
		return (key * 0x9E3779B9) >>> shift;
	}
}
