package io.github.trailbench.app.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Stands in for a view that is not built yet and says what it will show. Shows no data. */
public final class PlannedView extends VBox {

  public PlannedView(Section section) {
    setId("view-" + section.id());
    getStyleClass().add("planned-view");
    setAlignment(Pos.CENTER);
    setSpacing(14);
    setPadding(new Insets(40));
    setMaxWidth(Double.MAX_VALUE);

    FontIcon icon = new FontIcon(section.iconLiteral());
    icon.getStyleClass().add("planned-icon");

    Label title = new Label(section.title());
    title.getStyleClass().addAll("title-2", "planned-title");

    Label state = new Label("Not built yet — tracked as issue #" + section.issue());
    state.getStyleClass().addAll("text-muted", "planned-state");

    Label plan = new Label(section.plan());
    plan.setWrapText(true);
    plan.setMaxWidth(560);
    plan.getStyleClass().add("planned-plan");

    getChildren().addAll(icon, title, state, plan);
  }
}
