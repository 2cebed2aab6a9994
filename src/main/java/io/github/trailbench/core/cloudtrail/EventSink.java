package io.github.trailbench.core.cloudtrail;

import io.github.trailbench.core.model.SourceProblem;

/** Receives what a reader finds in one file, in file order. */
public interface EventSink {
  void event(ReadEvent event) throws InterruptedException;

  /** A record that cannot be used; the rest of the file goes on. */
  void reject(int recordIndex, SourceProblem problem) throws InterruptedException;
}
