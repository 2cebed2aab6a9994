package io.github.trailbench.app.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The "Add to finding" chooser: a new finding by default, or one of the case's. */
@ExtendWith(ApplicationExtension.class)
class AddToFindingPaneTest {
  static final Finding EXISTING = Finding.manual("m-1", "Leaked CI key", Severity.HIGH, "", Instant.parse("2026-11-23T10:00:00Z"));
  private final List<Finding> saved = new ArrayList<>();
  private FindingsViewModel model;
  private AddToFindingPane pane;

  @Start
  void start(Stage stage) throws Exception {
    FindingsService service = new FindingsService() {
      @Override public DetectionRun detect() { throw new UnsupportedOperationException(); }
      @Override public Snapshot stored() {
        List<Finding> all = new ArrayList<>(List.of(EXISTING));
        saved.forEach(f -> { all.removeIf(x -> x.id().equals(f.id())); all.add(f); });
        return new Snapshot(all, Set.of());
      }
      @Override public void save(Finding f) { saved.add(f); }
      @Override public void delete(String id) {}
      @Override public void move(String id, int index) {}
      @Override public void exportCsv(List<Finding> f, Path p) {}
      @Override public void exportPdf(List<Finding> f, Path p) {}
    };
    model = new FindingsViewModel(service, Runnable::run, Runnable::run);
    model.load();
    pane = new AddToFindingPane(List.copyOf(model.all()), "CreateUser by ci-maint", 2);
    stage.setScene(new Scene(pane, 600, 300));
    stage.show();
  }

  static final List<Evidence> EVIDENCE = List.of(new Evidence.AccessKey("AKIARFWHS3K5CEKMQEQK"),
      new Evidence.Principal("arn:aws:iam::111122223333:user/ci-deploy"));

  @Test
  void aNewFindingTakesTheTypedTitleAndSeverity(FxRobot robot) {
    robot.doubleClickOn("#add-to-finding-title").eraseText(30).write("Leaked key used by attacker");
    ComboBox<Severity> severity = robot.lookup("#add-to-finding-severity").queryComboBox();
    robot.interact(() -> severity.setValue(Severity.CRITICAL));
    robot.interact(() -> pane.applyTo(model, EVIDENCE));
    assertThat(saved).hasSize(1);
    assertThat(saved.get(0).title()).isEqualTo("Leaked key used by attacker");
    assertThat(saved.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(saved.get(0).evidence()).containsExactlyElementsOf(EVIDENCE);
    assertThat(saved.get(0).isManual()).isTrue();
  }

  @Test
  void choosingAnExistingFindingAddsToItAndLocksTheNewFindingFields(FxRobot robot) {
    ComboBox<Finding> target = robot.lookup("#add-to-finding-target").queryComboBox();
    robot.clickOn("#add-to-finding-target").clickOn("high · Leaked CI key");
    assertThat(target.getValue()).isEqualTo(EXISTING);
    assertThat(robot.lookup("#add-to-finding-title").queryTextInputControl().isDisabled()).isTrue();
    robot.interact(() -> pane.applyTo(model, EVIDENCE));
    assertThat(saved).hasSize(1);
    assertThat(saved.get(0).id()).isEqualTo("m-1");
    assertThat(saved.get(0).title()).isEqualTo("Leaked CI key");
    assertThat(saved.get(0).evidence()).containsExactlyElementsOf(EVIDENCE);
  }
}
