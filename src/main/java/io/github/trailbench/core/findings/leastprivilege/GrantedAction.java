package io.github.trailbench.core.findings.leastprivilege;

import java.util.List;

/**
 * An action the principal's identity policies grant on at least one resource, after its explicit
 * denies and its permissions boundary.
 *
 * @param action canonical catalog spelling, e.g. {@code s3:GetObject}
 * @param service the IAM service prefix ({@code s3})
 * @param resources the resource patterns of the granting statements under which the engine allowed it
 * @param conditional the grant depends on a condition the analysis cannot evaluate (request
 *     context such as source IP, MFA, tags): the engine's decision was Undetermined
 * @param scp what the organization's SCPs say about it
 */
public record GrantedAction(String action, String service, List<String> resources, boolean conditional, ScpEffect scp) {
  public GrantedAction {
    resources = List.copyOf(resources);
  }

  /** What the SCPs on the principal's account path say about a granted action. */
  public enum ScpEffect {
    /** The account is in no organization of the case (or SCPs do not apply to it). */
    NOT_APPLICABLE,
    ALLOWS,
    /** Allowed or denied depending on request context (e.g. an aws:RequestedRegion condition). */
    CONDITIONAL,
    /** An SCP denies it (explicitly, or by not allowing it at some level). */
    DENIES
  }
}
