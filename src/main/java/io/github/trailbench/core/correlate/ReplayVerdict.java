package io.github.trailbench.core.correlate;

import io.github.trailbench.core.policy.Decision;
import java.util.List;

/**
 * How the engine's replay of a logged call compares with what CloudTrail recorded.
 * The {@link #json()} words are those of {@code explain --json} and of the timeline filter
 * ({@code verdict:disagrees}).
 */
public enum ReplayVerdict {
  /** The engine's decision is what CloudTrail recorded. */
  AGREES("agrees"),
  /** The engine decided otherwise than CloudTrail recorded; the explanation names what the case lacks. */
  DISAGREES("disagrees"),
  /** The decision depends on values the log does not carry ({@code missing} names them). */
  UNDETERMINED("undetermined"),
  /** No policy can deny the call (sts:GetCallerIdentity, console sign-in …); recorded as allowed. */
  NOT_DENIABLE("not deniable"),
  /** Nothing to replay: not a request by a principal, the catalog does not know the action, or AWS refused the credentials before authorization. */
  NO_DECISION("no decision");

  private final String json;

  ReplayVerdict(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  /** The verdict of a decision against what CloudTrail recorded ({@link Explainer#recordedOutcome}). */
  public static ReplayVerdict ofLogged(Decision decision, String recorded) {
    return of(decision, false, recorded);
  }

  /** The verdict for one evaluated action. */
  static ReplayVerdict of(Decision decision, boolean notDeniable, String recorded) {
    if (recorded.equals(Explainer.NOT_AUTHENTICATED) || recorded.equals(Explainer.INVALID_REQUEST)) {
      return NO_DECISION; // refused before, or maybe before, authorization: nothing the policies decide compares
    }
    boolean recordedAllowed = recorded.equals("Allowed");
    if (decision == Decision.UNDETERMINED) {
      return UNDETERMINED;
    }
    boolean agrees = recordedAllowed == (decision == Decision.ALLOWED);
    if (!agrees) {
      return DISAGREES;
    }
    return notDeniable ? NOT_DENIABLE : AGREES;
  }

  /** The verdict of an event from those of its actions: any disagreement, else any undetermined, else the first. */
  public static ReplayVerdict combine(List<ReplayVerdict> perAction) {
    if (perAction.isEmpty()) {
      return NO_DECISION;
    }
    if (perAction.contains(DISAGREES)) {
      return DISAGREES;
    }
    if (perAction.contains(UNDETERMINED)) {
      return UNDETERMINED;
    }
    return perAction.contains(AGREES) ? AGREES : perAction.get(0);
  }
}
