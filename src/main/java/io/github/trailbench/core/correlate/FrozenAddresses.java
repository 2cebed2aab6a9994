package io.github.trailbench.core.correlate;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A key's source addresses handed from {@link SessionGraphBuilder} to a {@link Session} without a
 * copy: a read-only view of a set the builder no longer changes (it copies before it adds to it
 * again), so a session keeps it as it is. 47k sessions of a 1M-event case each copied theirs.
 */
final class FrozenAddresses extends AbstractSet<String> {
  private final LinkedHashSet<String> values;

  FrozenAddresses(LinkedHashSet<String> values) {
    this.values = values;
  }

  @Override
  public Iterator<String> iterator() {
    Iterator<String> it = values.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public String next() {
        return it.next();
      }
    };
  }

  @Override
  public int size() {
    return values.size();
  }

  @Override
  public boolean contains(Object o) {
    return values.contains(o);
  }

  /** {@code values} as a session keeps them: itself when frozen, else an unmodifiable copy in the same order. */
  static Set<String> kept(Set<String> values) {
    if (values instanceof FrozenAddresses) {
      return values;
    }
    return values.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }
}
