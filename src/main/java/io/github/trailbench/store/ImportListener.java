package io.github.trailbench.store;

/** Progress of an import, called on the writer thread. */
public interface ImportListener {
  ImportListener NONE = new ImportListener() {};

  /** {@code filesDone} of {@code filesTotal} files done; {@code events} records read so far. */
  default void progress(int filesDone, int filesTotal, long events) {}

  default void fileDone(FileOutcome outcome) {}
}
