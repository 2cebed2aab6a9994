package io.github.trailbench.core.findings;

import io.github.trailbench.core.correlate.EventReplay;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.ReplayVerdict;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.policy.Decision;
import java.util.Locale;

/**
 * Says why a failed call failed from the policy engine's replay of the event over the case's IAM
 * data: the denying policy and where it is attached ("denied by SCP ProtectSecurityTooling on OU
 * Production"). Only a replay that agrees with CloudTrail (the engine denies too) is used; anything
 * else answers null, so the log's own words are used instead.
 */
public final class EngineDenials implements DenialExplainer {
  private final Explainer explainer;

  public EngineDenials(Explainer explainer) {
    this.explainer = explainer;
  }

  @Override
  public String whyDenied(CloudTrailEvent event) {
    EventReplay replay;
    try {
      replay = explainer.replay(event);
    } catch (SourceFormatException | RuntimeException e) {
      return null;
    }
    if (replay.verdict() != ReplayVerdict.AGREES) {
      return null;
    }
    for (Explainer.Explanation x : replay.actions()) {
      Decision d = x.result().decision();
      if (d == Decision.EXPLICIT_DENY || d == Decision.IMPLICIT_DENY) {
        return shortReason(x.explanation(), x.action());
      }
    }
    return null;
  }

  /** "Denied by SCP X on OU Y: the values …" → "denied by SCP X on OU Y"; an implicit deny says which action no policy allows. */
  static String shortReason(String sentence, String action) {
    if (sentence == null || sentence.isBlank()) {
      return null;
    }
    if (sentence.startsWith("Denied implicitly")) {
      return "denied: no policy allows " + action;
    }
    int colon = sentence.indexOf(": ");
    String head = colon < 0 ? sentence : sentence.substring(0, colon);
    head = head.endsWith(".") ? head.substring(0, head.length() - 1) : head;
    return head.substring(0, 1).toLowerCase(Locale.ROOT) + head.substring(1);
  }
}
