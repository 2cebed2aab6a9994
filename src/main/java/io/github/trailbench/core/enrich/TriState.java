package io.github.trailbench.core.enrich;

/** A yes/no that the data may not be able to answer: then it is {@link #UNKNOWN}, never a guess. */
public enum TriState {
  YES,
  NO,
  UNKNOWN
}
