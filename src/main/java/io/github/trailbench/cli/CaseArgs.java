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
      throw new BadInputException("--filter: " + e.reason() + " at character " + (e.position() + 1) + caret(filter, e.position()));
    }
  }

  /**
   * The filter's line holding {@code position} (a filter may span lines) with a caret under it, both
   * escaped as the error output escapes them, so a tab or a line break does not shift the caret.
   */
  static String caret(String filter, int position) {
    int at = Math.min(Math.max(position, 0), filter.length());
    int start = filter.lastIndexOf('\n', at - 1) + 1;
    int end = filter.indexOf('\n', at);
    String line = filter.substring(start, end < 0 ? filter.length() : end);
    long lineNumber = filter.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
    String before = io.github.trailbench.core.model.SafeText.escape(filter.substring(start, at));
    return (lineNumber > 1 || end >= 0 ? " (line " + lineNumber + ")" : "") + "\n  "
        + io.github.trailbench.core.model.SafeText.escape(line) + "\n  " + " ".repeat(before.length()) + "^";
  }
}
