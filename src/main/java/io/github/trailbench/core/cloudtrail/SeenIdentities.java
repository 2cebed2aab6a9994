package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.trailbench.core.model.UserIdentity;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code userIdentity} objects already read from one file, by their exact source bytes. A
 * file's events come from a few callers, each repeating the same identity text (about 40 % of a
 * record): when the bytes at an identity's start are those of one read before, the parser passes
 * over it and the earlier {@link UserIdentity} is used again, instead of building its dozen
 * Strings once more. The same bytes make the same JSON value, so what the events hold is
 * unchanged; they only share one instance (cheaper to hash and compare downstream). The rules of
 * the reader (duplicate keys, nesting, number length) are still checked on every byte, as the
 * parser passes over. Bounded: forgets everything past {@value #MAX_ENTRIES} identities or
 * {@value #MAX_BYTES} bytes of them. Not thread-safe: one per file being read.
 */
final class SeenIdentities {
  static final int MAX_ENTRIES = 4096;
  static final int MAX_BYTES = 4 << 20;
  /** Identities are looked up by a hash of their first bytes (type, principal id, ARN: enough to tell callers apart). */
  private static final int PREFIX = 64;

  private record Seen(byte[] bytes, UserIdentity identity, Seen next) {}

  private final Map<Integer, Seen> byPrefix = new HashMap<>();
  private int entries;
  private int bytes;

  /**
   * The identity whose value starts at the parser's current token, a {@code START_OBJECT}, read
   * from {@code source}'s copy of the bytes when it holds them; on return the parser stands on
   * the identity's END_OBJECT.
   */
  UserIdentity read(JsonParser p, CaptureStream source) throws IOException, EventObjectParser.FieldTypeException {
    long start = p.currentTokenLocation().getByteOffset();
    if (start < 0 || !source.available(start, start + PREFIX)) {
      return EventObjectParser.userIdentity(p, JsonToken.START_OBJECT);
    }
    byte[] buf = source.buffer();
    int from = source.indexOf(start);
    int held = source.indexOf(source.heldEnd()) - from;
    int h = 1;
    for (int i = from; i < from + PREFIX; i++) {
      h = 31 * h + buf[i];
    }
    Integer key = h;
    Seen first = byPrefix.get(key);
    for (Seen s = first; s != null; s = s.next()) {
      byte[] b = s.bytes();
      if (b.length <= held && Arrays.equals(buf, from, from + b.length, b, 0, b.length)) {
        p.skipChildren();
        if (p.currentLocation().getByteOffset() != start + b.length) {
          throw new IllegalStateException("an identity's bytes matched one read before, but its value ended elsewhere");
        }
        return s.identity();
      }
    }
    UserIdentity read = EventObjectParser.userIdentity(p, JsonToken.START_OBJECT);
    long end = p.currentLocation().getByteOffset();
    if (source.available(start, end)) {
      int length = (int) (end - start);
      if (entries >= MAX_ENTRIES || bytes + length > MAX_BYTES) {
        byPrefix.clear();
        first = null;
        entries = 0;
        bytes = 0;
      }
      int at = source.indexOf(start); // the parser may have read on (and the buffer moved) since
      byPrefix.put(key, new Seen(Arrays.copyOfRange(source.buffer(), at, at + length), read, first));
      entries++;
      bytes += length;
    }
    return read;
  }
}
