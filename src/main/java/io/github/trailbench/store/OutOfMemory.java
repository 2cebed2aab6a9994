package io.github.trailbench.store;

import java.sql.SQLException;

/**
 * Java running out of heap during an import, told apart from other failures so the analyst reads
 * what to do instead of H2's "The database has been closed" or a thread's stack trace.
 */
public final class OutOfMemory {
  /** H2's error code for an {@link OutOfMemoryError} inside a statement. */
  private static final int H2_OUT_OF_MEMORY = 90108;

  private OutOfMemory() {}

  /** Whether {@code t} or one of its causes or suppressed exceptions is Java running out of heap. */
  public static boolean caused(Throwable t) {
    return caused(t, 0);
  }

  private static boolean caused(Throwable t, int depth) {
    if (t == null || depth > 20) {
      return false;
    }
    if (t instanceof OutOfMemoryError || t instanceof SQLException sql && sql.getErrorCode() == H2_OUT_OF_MEMORY) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (caused(s, depth + 1)) {
        return true;
      }
    }
    return caused(t.getCause(), depth + 1);
  }

  /** The sentence that says so, with the heap this JVM may use and how to give it more. */
  public static String explanation() {
    long mib = Runtime.getRuntime().maxMemory() >> 20;
    return "Java ran out of memory (this run may use at most " + mib + " MiB); run it again with more"
        + " (-Xmx; bin/trailbench reads TRAILBENCH_JAVA_OPTS, e.g. -Xmx4g)";
  }
}
