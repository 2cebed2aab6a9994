package io.github.trailbench.core.policy;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/** An insertion-ordered, array-backed map for the few detail entries of a trace node (no hashing). */
final class SmallMap extends AbstractMap<String, Object> {
  private String[] keys;
  private Object[] values;
  private int size;
  private boolean frozen;

  /** After this the map is immutable. */
  void freeze() {
    frozen = true;
  }

  boolean frozen() {
    return frozen;
  }

  SmallMap() {
    keys = new String[4];
    values = new Object[4];
  }

  @Override
  public Object put(String key, Object value) {
    if (frozen) {
      throw new UnsupportedOperationException("trace detail is immutable");
    }
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) { // detail keys are string constants; replace on the same constant
        Object old = values[i];
        values[i] = value;
        return old;
      }
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    size++;
    return null;
  }

  @Override
  public Object get(Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return i < size;
          }

          @Override
          public Entry<String, Object> next() {
            if (i >= size) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> e = new SimpleImmutableEntry<>(keys[i], values[i]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
