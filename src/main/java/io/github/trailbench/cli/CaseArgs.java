package io.github.trailbench.cli;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.core.query.FilterSyntaxException;
import io.github.trailbench.store.CaseStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the {@code --case} and {@code --filter} arguments of commands that read an existing case. */
final class CaseArgs {
  private CaseArgs() {}

  static void requireExistingCase(Path caseDir) {
    if (!Files.isDirectory(caseDir) || !Files.exists(caseDir.resolve(CaseStore.DB_NAME + ".mv.db"))) {
      throw new BadInputException(caseDir + ": not a Trailbench case (no " + CaseStore.DB_NAME
          + ".mv.db); import files into it first with `trailbench import --case " + caseDir + " PATH...`");
    }
  }

  /** The {@code --filter} text parsed, or a bad-input error that points at the character it could not read. */
  static Expr parseFilter(String filter) {
    try {
      return FilterParser.parse(filter);
    } catch (FilterSyntaxException e) {
      throw new BadInputException("--filter: " + e.reason() + " at character " + (e.position() + 1) + "\n  "
          + filter + "\n  " + " ".repeat(e.position()) + "^");
    }
  }
}
