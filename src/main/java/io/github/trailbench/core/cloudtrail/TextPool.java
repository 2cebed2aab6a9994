package io.github.trailbench.core.cloudtrail;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One String instance per text among the values that repeat across the files one reader reads
 * (sources, names, regions, addresses, agents, identities' fields): the store's term dictionary
 * then finds a value by an identity check instead of comparing its characters once per event.
 * Consulted once per distinct value per file, not per event. Thread-safe; bounded (forgets all
 * past {@value #MAX_ENTRIES} texts).
 */
public final class TextPool {
  static final int MAX_ENTRIES = 1 << 16;
  private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

  /** The pooled instance of {@code text} (null for null). */
  public String of(String text) {
    if (text == null) {
      return null;
    }
    String pooled = texts.get(text);
    if (pooled != null) {
      return pooled;
    }
    if (texts.size() >= MAX_ENTRIES) {
      texts.clear();
    }
    pooled = texts.putIfAbsent(text, text);
    return pooled == null ? text : pooled;
  }
}
