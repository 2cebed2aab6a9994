package io.github.trailbench.core.findings;

import java.time.Instant;
import java.util.List;

/**
 * What a detection run produced.
 *
 * @param findings in {@link Finding#ORDER}
 * @param eventsScanned events read
 * @param outOfOrderEvents events older than one read before them; stateful rules assume time
 *     order, so a non-zero count means their results may be incomplete
 * @param firstEvent earliest event time seen, null when none
 * @param lastEvent latest event time seen, null when none
 * @param rulesRun ids of the enabled rules that ran
 */
public record DetectionResult(
    List<Finding> findings, long eventsScanned, long outOfOrderEvents, Instant firstEvent, Instant lastEvent,
    List<String> rulesRun) {
  public DetectionResult {
    findings = List.copyOf(findings);
    rulesRun = List.copyOf(rulesRun);
  }
}
