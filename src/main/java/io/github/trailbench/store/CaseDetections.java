package io.github.trailbench.store;

import io.github.trailbench.core.findings.DetectionEngine;
import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import java.util.ArrayList;
import java.util.List;

/** Runs a detection rule pack over every event of a case, in time order. */
public final class CaseDetections {
  private CaseDetections() {}

  /** A detection run and the stored records that could not be read back (should be none). */
  public record Outcome(DetectionResult result, List<SourceProblem> unreadable) {
    public Outcome {
      unreadable = List.copyOf(unreadable);
    }
  }

  public static Outcome run(CaseStore store, RulePack pack) {
    DetectionEngine.Run run = new DetectionEngine(pack).start();
    List<SourceProblem> problems = new ArrayList<>();
    CaseEvents.forEach(store, new Expr.All(), run, problems::add);
    return new Outcome(run.finish(), problems);
  }
}
