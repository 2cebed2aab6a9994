package io.github.trailbench.app;

import atlantafx.base.theme.PrimerLight;
import io.github.trailbench.app.decision.DecisionView;
import io.github.trailbench.app.decision.DecisionViewModel;
import io.github.trailbench.app.findings.AddToFindingPane;
import io.github.trailbench.app.findings.FindingsView;
import io.github.trailbench.app.findings.FindingsViewModel;
import io.github.trailbench.app.findings.RulePacksViewModel;
import io.github.trailbench.app.graph.GraphView;
import io.github.trailbench.app.graph.GraphViewModel;
import io.github.trailbench.app.imports.ImportsView;
import io.github.trailbench.app.imports.ImportsViewModel;
import io.github.trailbench.app.shell.AboutDialog;
import io.github.trailbench.app.shell.Section;
import io.github.trailbench.app.shell.ShellView;
import io.github.trailbench.app.shell.ShellViewModel;
import io.github.trailbench.app.timeline.EventRow;
import io.github.trailbench.app.timeline.TimelineView;
import io.github.trailbench.app.timeline.TimelineViewModel;
import io.github.trailbench.app.workspace.CaseWorkspace;
import io.github.trailbench.app.workspace.Workspaces;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import picocli.CommandLine;

/** The desktop application: wires the shell to a case workspace and the feature views. */
public class TrailbenchApp extends Application {

  private final ExecutorService background = worker("trailbench-shell");
  private final ExecutorService timelineWorker = worker("trailbench-timeline");
  private final ExecutorService verdictWorker = worker("trailbench-verdicts");
  private final ExecutorService decisionWorker = worker("trailbench-decision");
  private final ExecutorService graphWorker = worker("trailbench-graph");
  // not the graph's: a detection run over a large case takes tens of seconds, and the graph (and
  // its layout) waited behind it
  private final ExecutorService findingsWorker = worker("trailbench-findings");
  private AppOptions options;
  private CaseWorkspace workspace;
  private ShellViewModel shellModel;
  private TimelineViewModel timelineModel;
  private DecisionViewModel decisionModel;
  private GraphViewModel graphModel;
  private ImportsViewModel importsModel;
  private io.github.trailbench.app.overview.OverviewViewModel overviewModel;
  private FindingsViewModel findingsModel;
  private Stage stage;

  private static ExecutorService worker(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  public static int launchFromCommandLine(String[] args) {
    AppOptions parsed;
    try {
      parsed = AppOptions.parse(List.of(args));
    } catch (CommandLine.ParameterException e) {
      System.err.println("trailbench: " + e.getMessage());
      return 2;
    }
    if (parsed.caseDir() != null) {
      io.github.trailbench.app.workspace.StoreCaseWorkspace.openAhead(parsed.caseDir());
    } else if (parsed.sample()) {
      io.github.trailbench.app.workspace.StoreCaseWorkspace.openAhead(SampleCase.caseDirectory());
    }
    registerOpenFileHandler();
    Application.launch(TrailbenchApp.class, args);
    return 0;
  }

  private static volatile TrailbenchApp running;

  /**
   * macOS passes a double-clicked case marker as an "open files" event, not as an argument. Where
   * the platform offers that event, a marker opens its case (also while the app is running).
   */
  private static void registerOpenFileHandler() {
    // Only on macOS: on Linux, initialising AWT's Desktop loads a GTK that keeps JavaFX's from loading.
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("mac")) {
      return;
    }
    try {
      if (java.awt.GraphicsEnvironment.isHeadless() || !java.awt.Desktop.isDesktopSupported()
          || !java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.APP_OPEN_FILE)) {
        return;
      }
      java.awt.Desktop.getDesktop().setOpenFileHandler(event -> event.getFiles().stream().findFirst().ifPresent(file -> {
        Path dir = file.isDirectory() ? file.toPath() : file.toPath().toAbsolutePath().getParent();
        Platform.runLater(() -> {
          TrailbenchApp app = running;
          if (app != null) {
            app.shellModel.openCase(dir, app::error);
          }
        });
      }));
    } catch (UnsupportedOperationException | SecurityException e) {
      // no desktop integration on this platform: cases open with --case or a path argument
    }
  }

  @Override
  public void init() {
    options = AppOptions.parse(getParameters().getRaw());
  }

  @Override
  public void start(Stage stage) {
    this.stage = stage;
    running = this;
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    workspace = Workspaces.create();
    shellModel = new ShellViewModel(workspace, background,
        options.screenshot() == null ? io.github.trailbench.app.shell.RecentCases.userPreferences()
            : io.github.trailbench.app.shell.RecentCases.inMemory());
    timelineModel = new TimelineViewModel(workspace.timeline(), timelineWorker, Platform::runLater, verdictWorker);
    timelineModel.setExplainHandler(this::explain);
    timelineModel.setGraphHandler(node -> {
      shellModel.select(Section.GRAPH);
      graphModel.focusOn(node);
    });
    timelineModel.setSimulateHandler(principal -> {
      shellModel.select(Section.DECISION);
      decisionModel.simulatePrincipal(principal);
    });
    decisionModel = new DecisionViewModel(workspace.decisions(), decisionWorker, Platform::runLater);
    graphModel = new GraphViewModel(workspace.graph(), graphWorker, Platform::runLater);
    findingsModel = new FindingsViewModel(workspace.findings(), findingsWorker, Platform::runLater);
    RulePacksViewModel rulePacks = new RulePacksViewModel(workspace.caseRules(), findingsWorker, Platform::runLater);
    rulePacks.setChooser(RulePacksViewModel.platformChooser(() -> stage));
    rulePacks.setAfterChange(findingsModel::load);
    findingsModel.setRulePacks(rulePacks);
    timelineModel.setKnownAddressHandler(ip -> {
      javafx.scene.control.TextInputDialog ask = new javafx.scene.control.TextInputDialog();
      ask.initOwner(stage);
      ask.setTitle("Mark address as known");
      ask.setHeaderText("Calls from " + ip + " will not count as a new address. Ranges (CIDR) can be listed in"
          + " Findings \u203a Rule packs….");
      ask.setContentText("Why is it known? (office, CI runner …)");
      ask.showAndWait().ifPresent(note -> rulePacks.addAddress(ip, note));
    });
    // the graph opens on the principals of the high and critical findings
    findingsModel.all().addListener((javafx.collections.ListChangeListener<io.github.trailbench.core.findings.Finding>) c ->
        graphModel.setIncidentNodes(GraphViewModel.incidentNodesOf(findingsModel.all())));
    decisionModel.onAddToFindingProperty().set(evidence -> {
      keepFigure(evidence.reference().id(), evidence.png());
      AddToFindingPane.show(stage, findingsModel, List.of(evidence.reference()), evidence.reference().label());
    });
    findingsModel.setExplainHandler(e -> explain(new EventRow(e.eventId(), e.accountId(), e.time(), e.eventSource(),
        e.eventName(), e.region(), e.principal(), e.accessKeyId(), null, e.sourceIp(), e.userAgent(),
        "Success".equals(e.outcome()) ? null : e.outcome(), List.of())));
    timelineModel.setFindingHandler((evidence, title) -> AddToFindingPane.show(stage, findingsModel, evidence, title));
    graphModel.setFindingHandler(request -> {
      keepFigure(request.pictureReferenceId(), request.picture());
      AddToFindingPane.show(stage, findingsModel, request.evidence(), request.title());
    });
    graphModel.setDecisionHandler(q -> {
      shellModel.select(Section.DECISION);
      decisionModel.open(io.github.trailbench.app.decision.DecisionRequest.of(q.principal(), q.action(), q.resource(), Map.of()));
    });
    graphModel.setSimulateHandler(principal -> {
      shellModel.select(Section.DECISION);
      decisionModel.simulatePrincipal(principal);
    });
    graphModel.setTimelineHandler(node -> {
      shellModel.select(Section.TIMELINE);
      timelineModel.filterProperty().set("");
      if (node.contains(":role/")) {
        // a role acts through its sessions: arn:aws:sts::ACCT:assumed-role/NAME/SESSION
        timelineModel.pivotPattern("principal", TimelineViewModel.sessionsOfRole(node));
      } else {
        timelineModel.pivot(node.startsWith("AKIA") || node.startsWith("ASIA") ? "accessKey" : "principal", node);
      }
    });
    importsModel = new ImportsViewModel(workspace.ledger(), this::importPaths, background, Platform::runLater);
    overviewModel = new io.github.trailbench.app.overview.OverviewViewModel(workspace.overview(), background, Platform::runLater);
    overviewModel.setTimelineHandler(principal -> {
      shellModel.select(Section.TIMELINE);
      timelineModel.filterProperty().set("");
      timelineModel.pivot("principal", principal);
    });
    if (Boolean.getBoolean("trailbench.timing")) { // debug aid: when the window, the case and the timeline were ready
      long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
      shellModel.openCaseProperty().addListener((obs, old, summary) -> System.err.printf("timing: case open at %d ms%n",
          System.currentTimeMillis() - jvmStart));
      timelineModel.loadingProperty().addListener((obs, was, loading) -> System.err.printf("timing: timeline loading %s at %d ms%n",
          loading, System.currentTimeMillis() - jvmStart));
      graphModel.loadingProperty().addListener((obs, was, loading) -> {
        if (was && !loading) {
          System.err.printf("timing: principal graph laid out at %d ms%n", System.currentTimeMillis() - jvmStart);
        }
      });
      // both on screen, not in a model: the first frame laid out at all, and the first laid out with
      // the timeline view showing a loaded page of rows (each is drawn right after its layout)
      stage.sceneProperty().addListener((obs, old, scene) -> {
        boolean[] windowSeen = {false};
        boolean[] pageSeen = {false};
        Runnable[] watch = new Runnable[1];
        watch[0] = () -> {
          long at = System.currentTimeMillis() - jvmStart;
          if (!windowSeen[0]) {
            windowSeen[0] = true;
            System.err.printf("timing: window shown at %d ms%n", at);
          }
          javafx.scene.Node view = scene.lookup("#view-timeline");
          if (!pageSeen[0] && view != null && view.isVisible() && !timelineModel.loadingProperty().get()
              && !timelineModel.rows().isEmpty()) {
            pageSeen[0] = true;
            System.err.printf("timing: timeline page loaded at %d ms%n", at);
            javafx.application.Platform.runLater(() -> scene.removePostLayoutPulseListener(watch[0]));
          }
        };
        scene.addPostLayoutPulseListener(watch[0]);
      });
    }
    boolean[] graphStale = {false};
    shellModel.selectedProperty().addListener((obs, old, section) -> {
      if (section == Section.GRAPH && graphStale[0] && shellModel.openCaseProperty().get() != null) {
        graphStale[0] = false;
        graphModel.load();
      }
    });
    // a case's first page of events can take seconds: the status bar says so instead of "Ready"
    timelineModel.loadingProperty().addListener((obs, was, loading) -> shellModel.showCaseLoading(loading));
    shellModel.openCaseProperty().addListener((obs, old, summary) -> {
      findingsModel.caseOpenProperty().set(summary != null);
      if (summary != null) {
        decisionModel.figureDirectoryProperty().set(summary.directory().resolve("figures"));
        timelineModel.apply();
        timelineModel.loadSavedFilters();
        // the graph of a big case takes long to build and lay out: not before the timeline's first page
        graphStale[0] = true;
        if (shellModel.selectedProperty().get() == Section.GRAPH) {
          graphStale[0] = false;
          graphModel.load();
        }
        // what reads the case on the other workers waits for the timeline's first page on screen, which the
        // analyst is looking at: on two cores they would otherwise share them with it
        readersPending.set(true);
        afterTimelinePage(() -> {
          readersPending.set(false); // each reader below says it is busy from its start
          if (shellModel.openCaseProperty().get() == summary) {
            timelineModel.loadVerdicts();
            importsModel.refresh();
            overviewModel.refresh();
            findingsModel.loadOrDetect();
            // and the graph, on its own worker: ready when the analyst turns to it (after an import
            // its first build takes seconds; afterwards it is read from the case)
            if (graphStale[0]) {
              graphStale[0] = false;
              graphModel.load();
            }
          }
        });
        if (options.explain() != null && old == null) {
          explain(new EventRow(options.explain(), null, null, null, null, null, null, null, null, null, null, null, List.of()));
        }
      }
    });
    if (options.view() != null) {
      Section.byId(options.view()).ifPresent(shellModel::select);
    }
    // the case opens on a worker while the window is built (its result reaches the models on this thread, later)
    openInitialCase();
    ShellView shell = new ShellView(shellModel, this::viewFor, new MenuActions(), true);
    // 1360×860, or the screen when smaller (a 1366×768 laptop)
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(shell, Math.min(1360, screen.getWidth()), Math.min(860, screen.getHeight()));
    scene.getStylesheets().add(asset("theme.css"));
    stage.setScene(scene);
    stage.titleProperty().bind(shellModel.windowTitleProperty());
    icon().ifPresent(stage.getIcons()::add);
    stage.show();
    if (options.screenshot() != null) {
      Screenshots.whenIdle(shellModel.busyProperty().or(timelineModel.loadingProperty()).or(findingsModel.runningProperty()).or(graphModel.loadingProperty()).or(decisionModel.evaluatingProperty()).or(overviewModel.loadingProperty()).or(explaining).or(timelineModel.verdictsComputingProperty()).or(readersPending), () -> {
        try {
          Screenshots.write(scene, options.screenshot());
        } catch (IOException e) {
          System.err.println("trailbench: cannot write screenshot " + options.screenshot() + ": " + e.getMessage());
        }
        Platform.exit();
      });
    }
  }

  private void openInitialCase() {
    if (options.caseDir() != null) {
      shellModel.openCase(options.caseDir(), this::error);
    } else if (options.sample()) {
      openSample();
    }
  }

  private void openSample() {
    SampleCase.locate()
        .ifPresentOrElse(
            sample -> shellModel.openCaseWithImport(SampleCase.caseDirectory(), List.of(sample), this::error),
            () -> error("The bundled sample case was not found (looked for samples/case beside the working directory and the jar)."));
  }

  private Node viewFor(Section section) {
    if (!Boolean.getBoolean("trailbench.timing")) {
      return newViewFor(section);
    }
    long start = System.nanoTime();
    Node view = newViewFor(section);
    System.err.printf("timing: %s view built in %d ms%n", section, (System.nanoTime() - start) / 1_000_000);
    return view;
  }

  private Node newViewFor(Section section) {
    return switch (section) {
      case TIMELINE -> new TimelineView(timelineModel);
      case DECISION -> new DecisionView(decisionModel);
      case GRAPH -> new GraphView(graphModel);
      case IMPORTS -> new ImportsView(importsModel);
      case FINDINGS -> new FindingsView(findingsModel);
      case ORGANIZATION -> new io.github.trailbench.app.overview.OverviewView(overviewModel);
    };
  }

  /** Runs {@code then} once the timeline has no page loading (now, when it has none). */
  private void afterTimelinePage(Runnable then) {
    AfterFirstPage.run(timelineModel.loadingProperty(), stage, then);
  }


  /** Keeps a rendered picture of a finding's evidence in the open case, for the PDF report. */
  private void keepFigure(String referenceId, java.nio.file.Path png) {
    io.github.trailbench.app.workspace.CaseSummary open = shellModel.openCaseProperty().get();
    if (open == null || png == null || referenceId == null) {
      return;
    }
    try {
      io.github.trailbench.report.CaseFigures.keep(open.directory(), referenceId, png);
    } catch (java.io.IOException e) {
      // the evidence is added all the same; the report then has no picture of it
    }
  }

  /** True from an explain request until its decision is being evaluated (screenshots wait for it). */
  private final javafx.beans.property.BooleanProperty explaining = new javafx.beans.property.SimpleBooleanProperty(false);
  /** From a case's opening until its other readers start (after the first page's frame): not idle for a screenshot. */
  private final javafx.beans.property.BooleanProperty readersPending = new javafx.beans.property.SimpleBooleanProperty(false);

  private void explain(EventRow row) {
    explaining.set(true);
    decisionWorker.execute(() -> {
      try {
        var requests = workspace.requestsOf(row);
        Platform.runLater(() -> {
          explaining.set(false);
          if (requests.isEmpty()) {
            error("Event " + row.eventId() + " (" + row.eventName() + ") needs no IAM authorization, so there is no decision to explain.");
            return;
          }
          shellModel.select(Section.DECISION);
          decisionModel.open(requests.get(0));
        });
      } catch (Exception e) {
        Platform.runLater(() -> {
          explaining.set(false);
          error(e.getMessage());
        });
      }
    });
  }

  private void importPaths(List<Path> paths) {
    shellModel.importFiles(paths, outcome -> {
      ImportSummaryDialog.show(stage, outcome);
      importsModel.refresh();
    }, this::error);
  }

  private void error(String message) {
    if (stage.getScene() == null) {
      // the initial case opens while the window is still being built
      Platform.runLater(() -> error(message));
      return;
    }
    Alert alert = new Alert(Alert.AlertType.ERROR, message);
    alert.setHeaderText("Trailbench");
    alert.initOwner(stage);
    if (options.screenshot() == null) {
      alert.show();
    }
  }

  static String asset(String name) {
    return TrailbenchApp.class.getResource("/io/github/trailbench/assets/" + name).toExternalForm();
  }

  private static java.util.Optional<Image> icon() {
    InputStream in = TrailbenchApp.class.getResourceAsStream("/io/github/trailbench/assets/trailbench-256.png");
    return in == null ? java.util.Optional.empty() : java.util.Optional.of(new Image(in));
  }

  @Override
  public void stop() {
    if (workspace != null) {
      workspace.close();
    }
    background.shutdownNow();
    timelineWorker.shutdownNow();
    verdictWorker.shutdownNow();
    decisionWorker.shutdownNow();
    graphWorker.shutdownNow();
    findingsWorker.shutdownNow();
  }

  private final class MenuActions implements ShellView.Actions {
    @Override
    public void openCase() {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Open or create a case directory");
      File dir = chooser.showDialog(stage);
      if (dir != null) {
        shellModel.openCase(dir.toPath(), TrailbenchApp.this::error);
      }
    }

    @Override
    public void newCase() {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("New case: choose an empty folder (or create one) to keep the case in");
      File dir = chooser.showDialog(stage);
      if (dir != null) {
        shellModel.openCase(dir.toPath(), TrailbenchApp.this::error);
      }
    }

    @Override
    public void openSample() {
      TrailbenchApp.this.openSample();
    }

    @Override
    public void importFolder() {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Import a folder (an AWSLogs/ tree, an investigation folder; read recursively)");
      File folder = chooser.showDialog(stage);
      if (folder == null) {
        return;
      }
      if (shellModel.openCaseProperty().get() != null) {
        importPaths(List.of(folder.toPath()));
        return;
      }
      DirectoryChooser where = new DirectoryChooser();
      where.setTitle("No case is open: choose an empty folder for the new case");
      File dir = where.showDialog(stage);
      if (dir != null) {
        shellModel.openCaseWithImport(dir.toPath(), List.of(folder.toPath()), TrailbenchApp.this::error);
      }
    }

    @Override
    public void help(io.github.trailbench.app.shell.HelpTopic topic) {
      io.github.trailbench.app.shell.HelpDialog.show(stage, topic, SampleCase.caseDirectory());
    }

    @Override
    public void error(String message) {
      TrailbenchApp.this.error(message);
    }

    @Override
    public void importFiles() {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Import CloudTrail, credential report, IAM and policy files");
      List<File> files = chooser.showOpenMultipleDialog(stage);
      if (files != null && !files.isEmpty()) {
        importPaths(files.stream().map(File::toPath).toList());
      }
    }

    @Override
    public void export() {
      shellModel.select(Section.FINDINGS);
      FindingsView.exportDialog(findingsModel);
    }

    @Override
    public void about() {
      background.execute(() -> {
        List<String> data;
        try {
          data = workspace.dataSources();
        } catch (RuntimeException e) {
          data = List.of("data sources could not be listed: " + e.getMessage());
        }
        String licences = io.github.trailbench.core.enrich.IpEnricher.bundledLicenceText();
        List<String> lines = data;
        Platform.runLater(() -> AboutDialog.show(stage, shellModel.version(), lines, licences));
      });
    }

    @Override
    public void quit() {
      Platform.exit();
    }
  }
}
