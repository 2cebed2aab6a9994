package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Rejects a key twice in one JSON object, as Jackson's {@code STRICT_DUPLICATE_DETECTION} does
 * (same message, same location: just past the second key's closing quote), without the
 * {@code HashSet} that feature makes for every object of more than two keys: each nesting level
 * has a small open-addressed table of the keys seen, emptied by a new generation number. Every
 * token, also those passed over by {@link #skipChildren()}, goes through the check.
 */
final class UniqueKeysParser extends JsonParserDelegate {
  /** The byte at an offset of the parser's input, or -1 when it is no longer held. */
  interface Input {
    int byteAt(long offset);
  }

  private static final int SLOTS = 64; // a power of two; a level past half of it moves to a HashSet
  private final Input input;
  private String[][] keys = new String[8][];
  private int[][] stamps = new int[8][];
  private int[] generation = new int[8];
  private int[] count = new int[8];
  private Set<String>[] large = newSets(8);
  private boolean[] object = new boolean[8];
  private int depth = -1;

  UniqueKeysParser(JsonParser p, Input input) {
    super(p);
    this.input = input;
  }

  @SuppressWarnings("unchecked")
  private static Set<String>[] newSets(int n) {
    return (Set<String>[]) new Set<?>[n];
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken t = delegate.nextToken();
    if (t != null) {
      switch (t.id()) {
        case JsonTokenId.ID_START_OBJECT -> open(true);
        case JsonTokenId.ID_START_ARRAY -> open(false);
        case JsonTokenId.ID_END_OBJECT, JsonTokenId.ID_END_ARRAY -> depth--;
        case JsonTokenId.ID_FIELD_NAME -> add(delegate.currentName());
        default -> {
          // a scalar value
        }
      }
    }
    return t;
  }

  // every way of moving on goes through nextToken(), or a key or a level would escape the check
  @Override
  public String nextFieldName() throws IOException {
    return nextToken() == JsonToken.FIELD_NAME ? delegate.currentName() : null;
  }

  @Override
  public boolean nextFieldName(com.fasterxml.jackson.core.SerializableString name) throws IOException {
    return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(delegate.currentName());
  }

  @Override
  public String nextTextValue() throws IOException {
    return nextToken() == JsonToken.VALUE_STRING ? delegate.getText() : null;
  }

  @Override
  public int nextIntValue(int otherwise) throws IOException {
    return nextToken() == JsonToken.VALUE_NUMBER_INT ? delegate.getIntValue() : otherwise;
  }

  @Override
  public long nextLongValue(long otherwise) throws IOException {
    return nextToken() == JsonToken.VALUE_NUMBER_INT ? delegate.getLongValue() : otherwise;
  }

  @Override
  public Boolean nextBooleanValue() throws IOException {
    JsonToken t = nextToken();
    return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
  }

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken t = nextToken();
    return t == JsonToken.FIELD_NAME ? nextToken() : t;
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken t = delegate.currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0) {
      JsonToken n = nextToken();
      if (n == null) {
        return this;
      }
      if (n.isStructStart()) {
        open++;
      } else if (n.isStructEnd()) {
        open--;
      }
    }
    return this;
  }

  private void open(boolean isObject) {
    depth++;
    if (depth == object.length) {
      int n = depth * 2;
      keys = Arrays.copyOf(keys, n);
      stamps = Arrays.copyOf(stamps, n);
      generation = Arrays.copyOf(generation, n);
      count = Arrays.copyOf(count, n);
      large = Arrays.copyOf(large, n);
      object = Arrays.copyOf(object, n);
    }
    object[depth] = isObject;
    if (isObject) {
      if (++generation[depth] == 0 && stamps[depth] != null) {
        Arrays.fill(stamps[depth], 0); // after 2^32 objects at this depth: no stale slot may look current
        generation[depth] = 1;
      }
      count[depth] = 0;
      large[depth] = null;
    }
  }

  private void add(String key) throws JsonParseException {
    if (depth < 0 || !object[depth]) {
      return; // not inside an object: the parser itself rejects the input
    }
    int d = depth;
    if (large[d] != null) {
      if (!large[d].add(key)) {
        duplicate(key);
      }
      return;
    }
    String[] slots = keys[d];
    int[] stamp = stamps[d];
    if (slots == null) {
      slots = keys[d] = new String[SLOTS];
      stamp = stamps[d] = new int[SLOTS];
    }
    int g = generation[d];
    int h = key.hashCode();
    for (int i = h & (SLOTS - 1); ; i = (i + 1) & (SLOTS - 1)) {
      if (stamp[i] != g) {
        stamp[i] = g;
        slots[i] = key;
        break;
      }
      String seen = slots[i];
      if (seen == key || seen.hashCode() == h && seen.equals(key)) {
        duplicate(key);
      }
    }
    if (++count[d] > SLOTS / 2) {
      Set<String> all = new HashSet<>();
      for (int i = 0; i < SLOTS; i++) {
        if (stamp[i] == g) {
          all.add(slots[i]);
        }
      }
      large[d] = all;
    }
  }

  /** Throws what Jackson's check throws: located just past the key's closing quote. */
  private void duplicate(String key) throws JsonParseException {
    JsonLocation start = delegate.currentTokenLocation();
    long end = endOfString(start.getByteOffset());
    JsonLocation at = end < 0 ? new JsonLocation(start.contentReference(), -1L, -1L, start.getLineNr(), start.getColumnNr())
        : new JsonLocation(start.contentReference(), end, -1L, start.getLineNr(),
            (int) (start.getColumnNr() + (end - start.getByteOffset())));
    throw new JsonParseException(this, "Duplicate field '" + key + "'", at);
  }

  /** The offset just past the closing quote of the string whose opening quote is at {@code quote}, or -1. */
  private long endOfString(long quote) {
    if (quote < 0 || input.byteAt(quote) != '"') {
      return -1;
    }
    for (long i = quote + 1; ; i++) {
      int b = input.byteAt(i);
      if (b < 0) {
        return -1;
      }
      if (b == '\\') {
        i++; // the escaped character (a \\uXXXX escape's digits are not quotes)
      } else if (b == '"') {
        return i + 1;
      }
    }
  }
}
