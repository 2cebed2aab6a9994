package io.github.trailbench.app.decision;

import io.github.trailbench.core.findings.Evidence;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What "Add to finding" hands to whoever keeps findings: a reference to the decision trace
 * (kind DECISION_TRACE, id = event id + "#" + action, label = the one-line decision) and the
 * tree rendered as PNG, or null when it could not be rendered.
 */
public record DecisionTraceEvidence(Evidence.Reference reference, Path png) {
  public DecisionTraceEvidence {
    Objects.requireNonNull(reference, "reference");
  }
}
