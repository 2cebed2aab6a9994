package io.github.trailbench.store;

import io.github.trailbench.core.enrich.IpInfo;
import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.findings.IpClassifier;
import java.util.HashMap;
import java.util.Map;
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

  /**
   * Runs the pack with the case's stored IP enrichment as the address classifier (country, AS,
   * AWS ownership), so rules see what the timeline shows.
   */
  public static Outcome run(CaseStore store, RulePack pack) {
    Map<String, IpInfo> ips = new HashMap<>();
    for (IpInfo i : CaseIpInfo.all(store)) {
      ips.put(i.input(), i);
    }
    DetectionOptions options = DetectionOptions.defaults().withIpClassifier(IpClassifier.enriched(ips::get));
    DetectionEngine.Run run = new DetectionEngine(pack, options).start();
    List<SourceProblem> problems = new ArrayList<>();
    CaseEvents.forEach(store, new Expr.All(), run, problems::add);
    return new Outcome(run.finish(), problems);
  }
}
