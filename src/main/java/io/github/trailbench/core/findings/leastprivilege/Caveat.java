package io.github.trailbench.core.findings.leastprivilege;

import java.util.List;

/**
 * A reason the trail cannot settle whether a granted action is needed, with the actions or
 * services it concerns.
 */
public record Caveat(Kind kind, String message, List<String> items) {
  public Caveat {
    items = List.copyOf(items);
  }

  /** The closed set of caveats. */
  public enum Kind {
    /** The time span the trail covers; use outside it cannot be seen. */
    TRAIL_WINDOW,
    /** Unused in the trail, but used within IAM Access Advisor's tracking period: kept in the minimal policy. */
    ACCESS_ADVISOR,
    /** Data-event actions (s3:GetObject, dynamodb:GetItem, lambda:InvokeFunction…) while the trail logged no, or only some, data events of their service. */
    DATA_EVENTS,
    /** Actions CloudTrail never logs as events of their own (cloudwatch:PutMetricData, iam:PassRole…). */
    NOT_LOGGED,
    /** Granted services of which the trail holds no event at all, from anyone. */
    SERVICE_ABSENT_FROM_TRAIL,
    /** Grants that depend on request context the analysis could not evaluate. */
    CONDITIONAL_GRANTS,
    /** Granted by the identity policies but denied, or conditionally denied, by an SCP. */
    SCP,
    /** Used in the trail but not granted by the identity policies in the case (they changed since, or another policy allowed it). */
    USED_BUT_NOT_GRANTED,
    /** The principal's events the catalog could not map to IAM actions. */
    UNMAPPED_EVENTS,
    /** IAM data the case lacks (managed policy documents not exported) or policies not considered (session policies). */
    INCOMPLETE_IAM_DATA,
    /** Action names in the policies the catalog does not know (new, misspelt or retired actions). */
    UNKNOWN_POLICY_ACTIONS,
    /** Policy documents larger than AWS's size quota for their kind; those far beyond it are left out. */
    OVERSIZED_POLICIES,
    /** Actions the minimal policy grants on Resource "*" although they can be scoped (their resources were not all logged, or too many). */
    BROAD_RESOURCES
  }
}
