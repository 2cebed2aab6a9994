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
    alert.setHeaderText("Import finished");
    alert.setContentText(String.format(
        "%d file(s): %,d records read, %,d added, %,d duplicates, %,d rejected.",
        outcome.files(), outcome.read(), outcome.added(), outcome.duplicates(), outcome.rejected()));
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
