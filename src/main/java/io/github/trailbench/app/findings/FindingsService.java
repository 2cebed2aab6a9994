package io.github.trailbench.app.findings;

import io.github.trailbench.core.findings.Finding;
import java.nio.file.Path;
import java.util.List;

/** Detections over the open case, and exports of findings. */
public interface FindingsService {
  List<Finding> detect() throws Exception;

  void exportCsv(List<Finding> findings, Path file) throws Exception;

  /** A PDF report of these findings with the case summary on its cover. */
  void exportPdf(List<Finding> findings, Path file) throws Exception;
}
