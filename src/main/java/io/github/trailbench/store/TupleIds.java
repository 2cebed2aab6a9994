package io.github.trailbench.store;

import java.util.Arrays;

/**
 * Dense ids for fixed-width tuples of ints (term ids), by open addressing: one probe per tuple
 * over a million events, where a map keyed by objects would allocate a key per event.
 */
final class TupleIds {
  private final int width;
  private int[] tuples;
  private int[] ids;
  /** Slot → entry + 1; 0 is an empty slot. Its length is a power of two, at most half full. */
  private int[] slots;
  private int size;

  /** For tuples of {@code width} ints, about {@code expected} of them at most (more are taken, at the cost of growing). */
  TupleIds(int width, int expected) {
    this.width = width;
    int capacity = Math.max(16, expected);
    this.tuples = new int[capacity * width];
    this.ids = new int[capacity];
    this.slots = new int[Integer.highestOneBit(capacity * 2 - 1) * 2];
  }

  /** The id of {@code tuple}; when it has none yet, {@code next} becomes its id (and is returned). */
  int idOf(int[] tuple, int next) {
    int mask = slots.length - 1;
    for (int s = hash(tuple) & mask; ; s = (s + 1) & mask) {
      int entry = slots[s] - 1;
      if (entry < 0) {
        add(tuple, next, s);
        return next;
      }
      if (Arrays.equals(tuples, entry * width, entry * width + width, tuple, 0, width)) {
        return ids[entry];
      }
    }
  }

  private void add(int[] tuple, int id, int slot) {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
      tuples = Arrays.copyOf(tuples, size * 2 * width);
    }
    System.arraycopy(tuple, 0, tuples, size * width, width);
    ids[size] = id;
    slots[slot] = ++size;
    if (size * 2 > slots.length) {
      rehash();
    }
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    int[] one = new int[width];
    for (int entry = 0; entry < size; entry++) {
      System.arraycopy(tuples, entry * width, one, 0, width);
      int s = hash(one) & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = entry + 1;
    }
  }

  private int hash(int[] tuple) {
    int h = 0;
    for (int k = 0; k < width; k++) {
      h = (h + tuple[k]) * 0x9E3779B1;
    }
    return h ^ (h >>> 16);
  }
}
