package io.github.trailbench.core.iam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Access Advisor says about one principal's use of one service, merged over the case's
 * reports (see {@link AccessAdvisor#forPrincipal}).
 *
 * @param service the service namespace ({@code s3})
 * @param serviceName AWS's name for it, when a report gave one
 * @param lastAuthenticated the latest access a report shows; empty when the reports that cover
 *     the service show none in AWS's tracking period
 * @param region where that access was made, when reported
 * @param actions the tracked actions of an action-level report, each with its latest access
 * @param reportedAt the latest {@code JobCompletionDate} among the reports that cover the service:
 *     ages are measured from here
 * @param origins the reports it comes from (file and entry)
 */
public record ServiceLastAccess(String service, String serviceName, Optional<Instant> lastAuthenticated,
    Optional<String> region, List<ActionLastAccess> actions, Instant reportedAt, List<String> origins) {
  public ServiceLastAccess {
    actions = List.copyOf(actions);
    origins = List.copyOf(origins);
  }

  /** A tracked action with its latest access ({@code action} as {@code service:Name}). */
  public record ActionLastAccess(String action, Optional<Instant> lastAccessed) {}

  /** The tracked actions a report shows accessed. */
  public List<ActionLastAccess> accessedActions() {
    return actions.stream().filter(a -> a.lastAccessed().isPresent()).toList();
  }

  /** {@code YYYY-MM-DD} of the last access, or "not in the tracking period". */
  public String lastDay() {
    return lastAuthenticated.map(t -> t.toString().substring(0, 10)).orElse("not in the tracking period");
  }
}
