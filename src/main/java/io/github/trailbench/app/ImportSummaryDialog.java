package io.github.trailbench.app;

import io.github.trailbench.app.workspace.ImportOutcome;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Tells what an import did, listing rejects with file, position and reason. */
final class ImportSummaryDialog {
  private ImportSummaryDialog() {}

  static void show(Window owner, ImportOutcome outcome) {
    Alert alert = new Alert(outcome.problems().isEmpty() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
    alert.initOwner(owner);
    alert.setHeaderText(outcome.cancelled() ? "Import cancelled" : "Import finished");
    alert.setContentText(String.format(
        "%d file(s): %,d records read, %,d added, %,d duplicates, %,d rejected.%s",
        outcome.files(), outcome.read(), outcome.added(), outcome.duplicates(), outcome.rejected(),
        outcome.cancelled() ? String.format("%n%nCancelled: %d file(s) were not imported (the one being written was"
            + " rolled back). The files before it are in the case whole; importing the same paths again adds"
            + " only what is missing.", outcome.filesNotImported()) : ""));
    if (!outcome.problems().isEmpty()) {
      TextArea problems = new TextArea(String.join("\n", outcome.problems()));
      problems.setEditable(false);
      problems.setWrapText(true);
      alert.getDialogPane().setExpandableContent(problems);
      alert.getDialogPane().setExpanded(true);
    }
    alert.show();
  }
}
