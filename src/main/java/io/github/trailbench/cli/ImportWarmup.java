package io.github.trailbench.cli;

import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.enrich.IpEnricher;

/**
 * Loads what an import needs after opening the case, on a second thread while the command opens
 * it: the action catalog (the fact deriver's), then the bundled IP databases that enrich the new
 * addresses at the end (about 0.3 s of a cold JVM's CPU, which otherwise ran after the last file
 * while the other core idled). Both are shared class-initialisation singletons: the import asking
 * for one that is still loading waits for it instead of loading it twice. Nothing here reads the
 * case; an error only loses the head start (the import then meets it and reports it itself).
 */
final class ImportWarmup {
  private ImportWarmup() {}

  static void start() {
    Thread t = new Thread(() -> {
      try {
        DefaultEventFacts.deriver();
        IpEnricher.bundled();
      } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
        // only ever a head start
      }
    }, "trailbench-import-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
