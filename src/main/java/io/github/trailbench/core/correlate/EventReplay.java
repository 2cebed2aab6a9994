package io.github.trailbench.core.correlate;

import io.github.trailbench.core.catalog.Authorization;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A logged call replayed through the engine: one explanation per IAM action it was authorized as,
 * and the event's verdict against CloudTrail ({@link ReplayVerdict#combine}).
 *
 * @param authorization how the catalog says the call is authorized
 * @param actions one explanation per evaluated action; empty for {@link ReplayVerdict#NO_DECISION}
 *     and for not-deniable calls without an IAM action (console sign-in)
 */
public record EventReplay(String eventId, ReplayVerdict verdict, Authorization authorization, List<Explainer.Explanation> actions) {
  public EventReplay {
    actions = List.copyOf(actions);
  }

  /** The concrete context keys an undetermined decision depended on, over all actions. */
  public List<String> undeterminedKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (Explainer.Explanation e : actions) {
      if (e.verdict() == ReplayVerdict.UNDETERMINED) {
        e.missing().forEach(m -> keys.add(m.key()));
      }
    }
    return List.copyOf(keys);
  }
}
