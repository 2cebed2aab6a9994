package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.EventResource;
import io.github.trailbench.core.model.UserIdentity;
import java.util.ArrayList;
import java.util.List;

/**
 * TEMPORARY minimal deriver so the store and importer can be built and tested; it will be
 * replaced at merge by the real implementation written in parallel (same class name and
 * {@code deriver()} signature). Naive on purpose: principal = userIdentity.arn (root/service
 * fallbacks), session = accessKeyId, action = service prefix of eventSource + ":" + eventName,
 * resources = resources[].ARN.
 */
public final class DefaultEventFacts {
  private DefaultEventFacts() {}

  public static EventFactsDeriver deriver() {
    return DefaultEventFacts::derive;
  }

  static EventFacts derive(CloudTrailEvent e) {
    UserIdentity u = e.userIdentity();
    String principal = null;
    String session = null;
    if (u != null) {
      principal = u.arn();
      if (principal == null && "Root".equals(u.type()) && u.accountId() != null) {
        principal = "arn:aws:iam::" + u.accountId() + ":root";
      }
      if (principal == null && u.invokedBy() != null) {
        principal = u.invokedBy();
      }
      session = u.accessKeyId();
    }
    List<String> actions = new ArrayList<>(1);
    if (e.eventSource() != null && e.eventName() != null) {
      String src = e.eventSource();
      int dot = src.indexOf('.');
      actions.add((dot > 0 ? src.substring(0, dot) : src) + ":" + e.eventName());
    }
    List<String> res = new ArrayList<>(e.resources().size());
    for (EventResource r : e.resources()) {
      if (r.arn() != null) {
        res.add(r.arn());
      }
    }
    return new EventFacts(principal, session, actions, res);
  }
}
