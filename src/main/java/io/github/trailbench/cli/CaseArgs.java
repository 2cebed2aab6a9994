package io.github.trailbench.cli;

import io.github.trailbench.store.CaseStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on a {@code --case} argument for commands that read an existing case. */
final class CaseArgs {
  private CaseArgs() {}

  static void requireExistingCase(Path caseDir) {
    if (!Files.isDirectory(caseDir) || !Files.exists(caseDir.resolve(CaseStore.DB_NAME + ".mv.db"))) {
      throw new BadInputException(caseDir + ": not a Trailbench case (no " + CaseStore.DB_NAME
          + ".mv.db); import files into it first with `trailbench import --case " + caseDir + " PATH...`");
    }
  }
}
