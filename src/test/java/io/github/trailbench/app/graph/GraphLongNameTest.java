package io.github.trailbench.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A role session's usual long name fits inside its node's box. */
@ExtendWith(ApplicationExtension.class)
class GraphLongNameTest {
  private static final String ROLE = "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole";
  private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/OrganizationAccountAccessRole/botocore-session-1701234567";
  private GraphViewModel model;

  @Start
  void start(Stage stage) {
    PrincipalGraph g = new PrincipalGraph(List.of(
        new GraphNode(ROLE, NodeKind.ROLE, "OrganizationAccountAccessRole", Map.of()),
        new GraphNode(SESSION, NodeKind.SESSION, "OrganizationAccountAccessRole/botocore-session-1701234567", Map.of())),
        List.of(new GraphEdge(SESSION, ROLE, EdgeKind.SESSION_OF, EdgeKind.SESSION_OF.label(), List.of())));
    model = new GraphViewModel(() -> g, Runnable::run, Runnable::run);
    stage.setScene(new Scene(new GraphView(model), 1366, 768));
    stage.show();
    model.load();
  }

  @Test
  void theSessionsNameFitsItsBox(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    StackPane box = robot.lookup("#node-" + GraphView.sanitize(SESSION)).queryAs(StackPane.class);
    Label name = (Label) box.getChildren().get(0);
    assertThat(name.getText()).hasSize(57);
    assertThat(name.getWidth()).as("the name's width").isGreaterThan(300);
    assertThat(name.getBoundsInParent().getMinX()).isGreaterThanOrEqualTo(0);
    assertThat(name.getBoundsInParent().getMaxX()).as("the name ends inside its box").isLessThanOrEqualTo(box.getWidth());
  }
}
