package io.github.trailbench.app.timeline;

import io.github.trailbench.core.correlate.ReplayVerdict;

/**
 * An event's replay verdict as the Verdict column shows it: the engine's decision over the case's
 * IAM data compared with what CloudTrail recorded.
 *
 * @param undeterminedKey for {@link ReplayVerdict#UNDETERMINED}, the first context key the decision
 *     depended on (null when none is known)
 */
public record RowVerdict(ReplayVerdict verdict, String undeterminedKey) {
  /** What the replay names a request's unknown resource by ({@code Request.UNKNOWN_RESOURCE}). */
  private static final String UNKNOWN_RESOURCE = "(resource ARN)";

  /**
   * The cell text: {@code agrees}, {@code DISAGREES} (upper case: the one an analyst must look at),
   * {@code undetermined: aws:SourceVpc}, {@code not deniable}, and nothing when there was no decision.
   */
  public String label() {
    return switch (verdict) {
      case AGREES -> "agrees";
      case DISAGREES -> "DISAGREES";
      case UNDETERMINED -> undeterminedKey == null ? "undetermined"
          : "undetermined: " + (UNKNOWN_RESOURCE.equals(undeterminedKey) ? "resource"
              : io.github.trailbench.core.policy.UnknownPolicy.describe(undeterminedKey));
      case NOT_DENIABLE -> "not deniable";
      case NO_DECISION -> "";
    };
  }

  /**
   * The cell's text: the label, but for an undetermined verdict with a key only what it depends on
   * ({@code missing policy}, {@code aws:SecureTransport}): the cell marks it undetermined with a
   * question-mark icon and its colour, so that the key is read whole at the default width.
   */
  public String cellText() {
    return verdict == ReplayVerdict.UNDETERMINED && undeterminedKey != null ? label().substring("undetermined: ".length()) : label();
  }

  /** A sentence for the cell's tooltip. */
  public String explanation() {
    return switch (verdict) {
      case AGREES -> "The policy engine, over the case's IAM data, decides what CloudTrail recorded.";
      case DISAGREES -> "The engine decides otherwise than CloudTrail recorded: the case lacks evidence"
          + " (Explain this decision says what). Filter: verdict:disagrees";
      case UNDETERMINED -> "The decision depends on "
          + (undeterminedKey == null ? "values" : UNKNOWN_RESOURCE.equals(undeterminedKey) ? "the resource, which the log does not name"
              : undeterminedKey + ", which the log does not carry") + ". Filter: verdict:undetermined";
      case NOT_DENIABLE -> "No policy can deny this call. Filter: verdict:not-deniable";
      case NO_DECISION -> "Nothing to replay: not a request by a principal, or an action the catalog does not know.";
    };
  }

  public boolean disagrees() {
    return verdict == ReplayVerdict.DISAGREES;
  }
}
