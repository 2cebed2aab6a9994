package io.github.trailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures kept for findings' references reach the report under their finding. */
class CaseFiguresTest {
  @TempDir Path caseDir;
  @TempDir Path tmp;

  @Test
  void aKeptPictureIsTheFigureOfEveryFindingReferencingIt() throws Exception {
    byte[] png = HistogramFigure.png(List.of(), java.time.Duration.ofHours(1), 200, 100);
    Path rendered = Files.write(tmp.resolve("tree.png"), png);
    String traceId = "df4199c7-7b89-4c87-8698-9cc5d75feab4#cloudtrail:StopLogging";
    Path kept = CaseFigures.keep(caseDir, traceId, rendered);
    assertThat(kept).startsWith(caseDir.resolve("figures")).exists();
    assertThat(CaseFigures.fileFor(caseDir, traceId)).isEqualTo(kept);
    assertThat(CaseFigures.fileFor(caseDir, traceId + "x")).as("other ids, other files").isNotEqualTo(kept);

    Finding with = Finding.manual("m1", "Trail stopped", Severity.HIGH, "", Instant.EPOCH).withAddedEvidence(
        new Evidence.Reference(Evidence.ReferenceKind.DECISION_TRACE, traceId, "ExplicitDeny: cloudtrail:StopLogging"),
        new Evidence.Reference(Evidence.ReferenceKind.GRAPH_PATH, "graph:none", "not rendered"));
    Finding without = Finding.manual("m2", "Other", Severity.LOW, "", Instant.EPOCH);
    Map<String, List<Figure>> figures = CaseFigures.forFindings(caseDir, List.of(with, without));
    assertThat(figures).containsOnlyKeys("m1");
    assertThat(figures.get("m1")).containsExactly(new Figure("ExplicitDeny: cloudtrail:StopLogging", png));
  }
}
