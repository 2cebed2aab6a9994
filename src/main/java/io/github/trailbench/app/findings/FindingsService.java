package io.github.trailbench.app.findings;

import io.github.trailbench.core.findings.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The findings kept in the open case: detections, the analyst's edits and findings, exports. */
public interface FindingsService {

  /**
   * The case's findings in the analyst's order, the ids of detection findings the latest run no
   * longer produced (kept, shown as such), and why the findings are stale — made by other rules
   * than the case's now — or null when they are not.
   */
  record Snapshot(List<Finding> findings, Set<String> noLongerDetected, String staleNotice) {
    public Snapshot {
      findings = List.copyOf(findings);
      noLongerDetected = Set.copyOf(noLongerDetected);
    }

    public Snapshot(List<Finding> findings, Set<String> noLongerDetected) {
      this(findings, noLongerDetected, null);
    }
  }

  /** What a detection run changed in the case. */
  record DetectionRun(Snapshot snapshot, int added, int refreshed, int noLongerDetected, long eventsScanned) {}

  /** Runs the detections over the case and keeps their findings in it. */
  DetectionRun detect() throws Exception;

  Snapshot stored() throws Exception;

  /** Saves a new finding or an edit. */
  void save(Finding finding) throws Exception;

  void delete(String findingId) throws Exception;

  /** Moves a finding to a place (0-based) in the analyst's order. */
  void move(String findingId, int index) throws Exception;

  void exportCsv(List<Finding> findings, Path file) throws Exception;

  /** A PDF report of these findings with the case summary on its cover. */
  void exportPdf(List<Finding> findings, Path file) throws Exception;
}
