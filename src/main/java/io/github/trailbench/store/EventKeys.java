package io.github.trailbench.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The set of event keys (eventID + recipient account) in a case, for deduplication while
 * importing: an open-addressing table of 64-bit hashes over the keys' bytes, each verified
 * against the stored bytes, so a hash collision can never drop an event. The keys of events
 * already in the case are read from the case's columns (not copied): 24 bytes per event; keys
 * added here are kept here. Keys added since a {@link #mark()} can be taken back with
 * {@link #rollback(int)}.
 */
final class EventKeys {
  private long[] hashes = new long[1 << 12];
  /** Entry number + 1 per slot; 0 = empty. */
  private int[] slots = new int[1 << 12];
  private byte[] data = new byte[1 << 16];
  private int[] start = new int[1 << 10];
  /** Per key added here: its event's time, event name and error code (term ids), as the case's columns hold them. */
  private long[] ownTime = new long[1 << 10];
  private int[] ownName = new int[1 << 10];
  private int[] ownError = new int[1 << 10];
  private int size;
  private int dataSize;
  /** Entries below baseSize are the events of {@code base}, by index. */
  private final EventColumns base;
  private final int baseSize;

  EventKeys() {
    this(EventColumns.EMPTY);
  }

  private EventKeys(EventColumns base) {
    this.base = base;
    this.baseSize = base.size;
  }

  /** The keys of the events in {@code cols} (which are distinct: the store never holds an event twice). */
  static EventKeys of(EventColumns cols) {
    EventKeys keys = new EventKeys(cols);
    int[] account = cols.terms[TermKind.ACCOUNT.column];
    int capacity = keys.slots.length;
    while (cols.size * 2 >= capacity) {
      capacity *= 2;
    }
    keys.hashes = new long[capacity];
    keys.slots = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < cols.size; i++) {
      long h = hash(cols.idBytes, cols.idStart[i], cols.idStart[i + 1], account[i]);
      int s = (int) (h ^ (h >>> 32)) & mask;
      while (keys.slots[s] != 0) {
        s = (s + 1) & mask;
      }
      keys.hashes[s] = h;
      keys.slots[s] = i + 1;
    }
    keys.size = cols.size;
    return keys;
  }

  int size() {
    return size;
  }

  /** Adds the key; false when it was already present. */
  boolean add(byte[] id, int account) {
    return add(id, 0, id.length, account);
  }

  boolean add(String eventId, int account) {
    return add(eventId.getBytes(StandardCharsets.UTF_8), account);
  }

  private boolean add(byte[] id, int from, int to, int account) {
    return addOrFind(id, from, to, account, 0L, 0, 0) < 0;
  }

  /**
   * Adds the key of an event with this time, event name and error code (term ids); when the key is
   * already present, returns its entry (whose {@link #time}, {@link #name} and {@link #error} tell
   * whether the two records are the same event), else -1.
   */
  int addOrFind(byte[] id, int account, long time, int name, int error) {
    return addOrFind(id, 0, id.length, account, time, name, error);
  }

  /** The time of entry {@code entry}'s event, in epoch milliseconds. */
  long time(int entry) {
    return entry < baseSize ? base.time[entry] : ownTime[entry - baseSize];
  }

  /** The event name's term id of entry {@code entry}. */
  int name(int entry) {
    return entry < baseSize ? base.terms[TermKind.EVENT_NAME.column][entry] : ownName[entry - baseSize];
  }

  /** The error code's term id of entry {@code entry} (0: none). */
  int error(int entry) {
    return entry < baseSize ? base.terms[TermKind.ERROR_CODE.column][entry] : ownError[entry - baseSize];
  }

  private int addOrFind(byte[] id, int from, int to, int account, long time, int name, int error) {
    long h = hash(id, from, to, account);
    int mask = slots.length - 1;
    int s = (int) (h ^ (h >>> 32)) & mask;
    while (slots[s] != 0) {
      if (hashes[s] == h && same(slots[s] - 1, id, from, to, account)) {
        return slots[s] - 1;
      }
      s = (s + 1) & mask;
    }
    int len = to - from + 4;
    if (dataSize + len > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, dataSize + len));
    }
    System.arraycopy(id, from, data, dataSize, to - from);
    putInt(data, dataSize + to - from, account);
    int own = size - baseSize;
    if (own + 2 > start.length) {
      start = Arrays.copyOf(start, start.length * 2);
      ownTime = Arrays.copyOf(ownTime, start.length);
      ownName = Arrays.copyOf(ownName, start.length);
      ownError = Arrays.copyOf(ownError, start.length);
    }
    start[own] = dataSize;
    dataSize += len;
    start[own + 1] = dataSize;
    ownTime[own] = time;
    ownName[own] = name;
    ownError[own] = error;
    hashes[s] = h;
    slots[s] = ++size;
    if (size * 2 > slots.length) {
      grow();
    }
    return -1;
  }

  private boolean same(int entry, byte[] id, int from, int to, int account) {
    int len = to - from;
    if (entry < baseSize) {
      int a = base.idStart[entry];
      int b = base.idStart[entry + 1];
      return b - a == len && Arrays.equals(base.idBytes, a, b, id, from, to)
          && base.terms[TermKind.ACCOUNT.column][entry] == account;
    }
    int a = start[entry - baseSize];
    int b = start[entry - baseSize + 1];
    return b - a == len + 4 && Arrays.equals(data, a, a + len, id, from, to) && getInt(data, a + len) == account;
  }

  private void grow() {
    rehash(slots.length * 2);
  }

  /** Re-inserts every occupied slot into tables of {@code capacity} (no probe chain keeps a hole). */
  private void rehash(int capacity) {
    long[] oldHashes = hashes;
    int[] oldSlots = slots;
    hashes = new long[capacity];
    slots = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != 0) {
        long h = oldHashes[i];
        int s = (int) (h ^ (h >>> 32)) & mask;
        while (slots[s] != 0) {
          s = (s + 1) & mask;
        }
        hashes[s] = h;
        slots[s] = oldSlots[i];
      }
    }
  }

  /** The current size, to roll back to. */
  int mark() {
    return size;
  }

  /** Forgets every key added after {@code mark}. */
  void rollback(int mark) {
    if (mark < baseSize) {
      throw new IllegalArgumentException("cannot roll back the case's own events");
    }
    if (mark >= size) {
      return;
    }
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] > mark) {
        slots[i] = 0;
      }
    }
    rehash(slots.length);
    size = mark;
    dataSize = start[mark - baseSize];
  }

  private static long hash(byte[] b, int from, int to, int account) {
    long h = 0xcbf29ce484222325L ^ account;
    for (int i = from; i < to; i++) {
      h ^= b[i];
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }
}
