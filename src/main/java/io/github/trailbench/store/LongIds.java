package io.github.trailbench.store;

/**
 * Dense ids for longs (two term ids packed in one), by open addressing: one multiply and usually
 * one probe per key, where {@link TupleIds} hashes and compares an array.
 */
final class LongIds {
  private long[] keys;
  /** Slot → id + 1; 0 is an empty slot. Its length is a power of two, at most half full. */
  private int[] slots;
  private int size;

  LongIds(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
    keys = new long[capacity];
    slots = new int[capacity];
  }

  /** The id of {@code key}; when it has none yet, {@code next} becomes its id (and is returned). */
  int idOf(long key, int next) {
    int mask = slots.length - 1;
    for (int s = hash(key) & mask; ; s = (s + 1) & mask) {
      int id = slots[s] - 1;
      if (id < 0) {
        keys[s] = key;
        slots[s] = next + 1;
        if (++size * 2 > slots.length) {
          rehash();
        }
        return next;
      }
      if (keys[s] == key) {
        return id;
      }
    }
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    keys = new long[oldKeys.length * 2];
    slots = new int[oldSlots.length * 2];
    int mask = slots.length - 1;
    for (int o = 0; o < oldSlots.length; o++) {
      if (oldSlots[o] != 0) {
        int s = hash(oldKeys[o]) & mask;
        while (slots[s] != 0) {
          s = (s + 1) & mask;
        }
        keys[s] = oldKeys[o];
        slots[s] = oldSlots[o];
      }
    }
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
