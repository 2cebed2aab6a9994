package io.github.trailbench.store;

import io.github.trailbench.core.correlate.DefaultEventFacts;
import java.nio.file.Path;
import java.util.List;

/** Child JVM for {@link KillDuringImportTest}: imports a folder, printing progress lines. */
public final class ImportChild {
  public static void main(String[] args) {
    try (CaseStore s = CaseStore.open(Path.of(args[0]))) {
      s.importer(DefaultEventFacts.deriver(), CaseStore.ImportOptions.defaults().withParserThreads(1))
          .importPaths(List.of(Path.of(args[1])), new ImportListener() {
            @Override
            public void fileDone(FileOutcome outcome) {
              System.out.println("done " + outcome.path());
              System.out.flush();
            }
          });
      System.out.println("finished");
    }
  }
}
