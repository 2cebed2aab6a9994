package io.github.trailbench.core.model;

/**
 * Something wrong with an input file, said so an analyst can find it: which file, where in
 * it (e.g. "record 17", "line 4, column 12", "byte 1048576", "Statement[2].Condition"),
 * and why.
 */
public record SourceProblem(String file, String position, String reason) {
  @Override
  public String toString() {
    return file + (position == null || position.isEmpty() ? "" : " at " + position) + ": " + reason;
  }
}
