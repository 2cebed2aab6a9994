package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Trust policies the log shows set: a successful {@code UpdateAssumeRolePolicy} records the role
 * and the whole new document (IAM API Reference, UpdateAssumeRolePolicy: "Updates the policy that
 * grants an IAM entity permission to assume a role"). A role assumed after such a call was assumed
 * under that document, whatever an IAM export of unknown date holds.
 */
public final class LoggedTrustPolicies {
  private LoggedTrustPolicies() {}

  /** A trust policy set on role {@code roleName} of {@code account} by event {@code eventId} at {@code time}. */
  public record Change(String account, String roleName, Instant time, String eventId, String document) {}

  /** The trust policy a successful UpdateAssumeRolePolicy set; empty for any other call. */
  public static Optional<Change> madeBy(CloudTrailEvent e) {
    if (!"iam.amazonaws.com".equals(e.eventSource()) || !"UpdateAssumeRolePolicy".equals(e.eventName()) || e.failed()
        || e.eventTime() == null || e.recipientAccountId() == null) {
      return Optional.empty();
    }
    EventDocs d = new EventDocs(e);
    String role = d.req("roleName");
    String document = d.req("policyDocument");
    if (role == null || document == null) {
      return Optional.empty();
    }
    if (role.startsWith("arn:")) {
      role = role.substring(role.lastIndexOf('/') + 1);
    }
    String text = document.strip();
    if (text.startsWith("%7B") || text.startsWith("%7b")) {
      text = URLDecoder.decode(text, StandardCharsets.UTF_8); // older records log the document URL-encoded
    }
    return Optional.of(new Change(e.recipientAccountId(), role, e.eventTime(), e.eventId(), text));
  }

  /** Where changes of one role are kept: its account and name (the log does not carry the role's path). */
  public static String key(String account, String roleName) {
    return account + ":" + roleName;
  }

  /** The key of a role ARN ({@code arn:aws:iam::111122223333:role/path/Name}), or null for anything else. */
  public static String keyOf(String roleArn) {
    if (roleArn == null || !roleArn.contains(":role/")) {
      return null;
    }
    String account = io.github.trailbench.core.model.Arn.accountOf(roleArn);
    return account == null || account.isEmpty() ? null : key(account, roleArn.substring(roleArn.lastIndexOf('/') + 1));
  }

  /**
   * Of one role's changes, the latest made before {@code time}; a change logged in the same second
   * (CloudTrail's times are to the second) is {@link InForce#sameSecond}: which came first is unknown.
   */
  public static InForce inForceAt(List<Change> changes, Instant time) {
    Change before = null;
    Change same = null;
    for (Change c : changes) {
      if (c.time().isBefore(time)) {
        before = before == null || c.time().isAfter(before.time()) ? c : before;
      } else if (c.time().equals(time)) {
        same = c;
      }
    }
    return new InForce(before, same);
  }

  /** What the log says of a role's trust policy at a moment: the last change before it, one in its second. */
  public record InForce(Change before, Change sameSecond) {
    public boolean any() {
      return before != null || sameSecond != null;
    }
  }
}
