package io.github.trailbench.core.findings.hygiene;

import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Each IAM user's latest call in the case signed with one of its long-term access keys (AKIA…), to
 * set against a credential report that says the user's keys were not used: the report describes
 * them as of its own time (IAM User Guide, "Getting credential reports"), the trail may be newer.
 * The report names no key ids, so a use is matched by user, not by key slot. Fed every event.
 */
public final class LoggedKeyUses implements Consumer<CloudTrailEvent> {
  /** A call signed with a user's long-term key. */
  public record Use(String accessKeyId, Instant time, String eventId) {}

  private final Map<String, Use> latest = new HashMap<>();

  @Override
  public void accept(CloudTrailEvent e) {
    UserIdentity u = e.userIdentity();
    if (u == null || e.eventTime() == null || !"IAMUser".equals(u.type()) || u.userName() == null
        || u.accessKeyId() == null || !u.accessKeyId().startsWith("AKIA") || !Explainer.authenticated(e)) {
      return;
    }
    latest.merge(key(u.accountId(), u.userName()), new Use(u.accessKeyId(), e.eventTime(), e.eventId()),
        (a, b) -> b.time().isAfter(a.time()) ? b : a);
  }

  /** The user's latest logged use of one of its access keys; the account may be null when the report names none. */
  public Optional<Use> latest(String accountId, String userName) {
    Use exact = latest.get(key(accountId, userName));
    if (exact != null || accountId != null) {
      return Optional.ofNullable(exact);
    }
    return latest.entrySet().stream().filter(x -> x.getKey().endsWith("\u001f" + userName)).map(Map.Entry::getValue)
        .findFirst();
  }

  private static String key(String accountId, String userName) {
    return (accountId == null ? "" : accountId) + "\u001f" + userName;
  }
}
