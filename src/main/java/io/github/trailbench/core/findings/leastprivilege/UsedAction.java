package io.github.trailbench.core.findings.leastprivilege;

import java.time.Instant;
import java.util.List;

/**
 * An IAM action the principal's logged calls were authorized as.
 *
 * @param action canonical catalog spelling
 * @param service IAM service prefix
 * @param count events that needed it
 * @param lastUsed time of the latest of them
 * @param resources distinct resource ARNs the events touched, in the order first seen, as a policy's
 *     Resource writes them ({@code *}, {@code ?}, {@code ${} in a name as {@code ${*}}, {@code ${?}},
 *     {@code ${$}}); a bucket's objects ({@code …/*}) where a call's keys are not logged
 * @param resourcesComplete every event of this action named its resource ARNs (so a policy may be
 *     narrowed to {@code resources}); false when at least one did not
 * @param dataEvent the calls were CloudTrail data events
 */
public record UsedAction(
    String action, String service, long count, Instant lastUsed, List<String> resources, boolean resourcesComplete,
    boolean dataEvent) {
  public UsedAction {
    resources = List.copyOf(resources);
  }
}
