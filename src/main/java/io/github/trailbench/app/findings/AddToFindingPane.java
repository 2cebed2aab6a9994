package io.github.trailbench.app.findings;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.Severity;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * "Add to finding": choose a finding of the case, or name a new one, for evidence picked in
 * another view (events in the timeline, a node in the graph, a decision trace).
 */
public final class AddToFindingPane extends GridPane {
  /** The entry of the finding chooser that means "a new finding". */
  static final Finding NEW = Finding.manual("", "New finding…", Severity.MEDIUM, "", null);

  private final ComboBox<Finding> target = new ComboBox<>();
  private final TextField title = new TextField();
  private final ComboBox<Severity> severity = new ComboBox<>();

  public AddToFindingPane(List<Finding> findings, String suggestedTitle, int items) {
    setHgap(8);
    setVgap(8);
    setPadding(new Insets(12));
    target.setId("add-to-finding-target");
    target.getItems().add(NEW);
    target.getItems().addAll(findings);
    target.setCellFactory(l -> cell());
    target.setButtonCell(cell());
    target.setMaxWidth(Double.MAX_VALUE);
    target.getSelectionModel().select(0);
    title.setId("add-to-finding-title");
    title.setText(suggestedTitle == null ? "" : suggestedTitle);
    title.setPrefColumnCount(40);
    severity.setId("add-to-finding-severity");
    severity.getItems().setAll(Severity.values());
    severity.setValue(Severity.MEDIUM);
    title.disableProperty().bind(target.valueProperty().isNotEqualTo(NEW));
    severity.disableProperty().bind(title.disableProperty());
    add(new Label(items == 1 ? "Add 1 item of evidence to" : "Add " + items + " items of evidence to"), 0, 0, 2, 1);
    add(target, 0, 1, 2, 1);
    add(new Label("Title"), 0, 2);
    add(title, 1, 2);
    add(new Label("Severity"), 0, 3);
    add(severity, 1, 3);
  }

  private static ListCell<Finding> cell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(Finding f, boolean empty) {
        super.updateItem(f, empty);
        setText(empty || f == null ? null : f == NEW ? f.title() : f.severity().code() + " · " + f.title());
      }
    };
  }

  /** The chosen finding's id, or empty for a new finding. */
  public Optional<String> targetId() {
    Finding f = target.getValue();
    return f == null || f == NEW ? Optional.empty() : Optional.of(f.id());
  }

  public String newTitle() {
    return title.getText();
  }

  public Severity newSeverity() {
    return severity.getValue();
  }

  /** Hands the chosen target and the evidence to the findings model. */
  public void applyTo(FindingsViewModel model, List<Evidence> evidence) {
    model.addEvidence(targetId().orElse(null), newTitle(), newSeverity(), evidence);
  }

  /** Asks where the evidence goes and adds it; nothing happens on Cancel. */
  public static void show(Window owner, FindingsViewModel model, List<Evidence> evidence, String suggestedTitle) {
    if (evidence.isEmpty()) {
      return;
    }
    AddToFindingPane pane = new AddToFindingPane(List.copyOf(model.all()), suggestedTitle, evidence.size());
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Add to finding");
    dialog.getDialogPane().setContent(pane);
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> pane.applyTo(model, evidence));
  }
}
