package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A role's settings the log shows set: CreateRole records its trust policy and maximum session
 * duration, UpdateAssumeRolePolicy the whole new trust policy ("Updates the policy that grants an
 * IAM entity permission to assume a role"), UpdateRole the maximum session duration (IAM API
 * Reference). A role assumed after such a call was assumed under those settings, whatever an IAM
 * export of unknown date holds (an export does not carry the maximum session duration at all).
 */
public final class LoggedRoleChanges {
  private LoggedRoleChanges() {}

  /**
   * Settings of role {@code roleName} in {@code account} set by event {@code eventId} at
   * {@code time}: the trust policy ({@code document}) and the maximum session duration in seconds,
   * each null when the call did not set it.
   */
  public record Change(String account, String roleName, Instant time, String eventId, String eventName, String document,
      Integer maxSessionDuration) {
    /** A trust policy set by UpdateAssumeRolePolicy. */
    public Change(String account, String roleName, Instant time, String eventId, String document) {
      this(account, roleName, time, eventId, "UpdateAssumeRolePolicy", document, null);
    }

    /** "UpdateAssumeRolePolicy EVENT-ID at TIME". */
    public String describe() {
      return eventName + " " + eventId + " at " + time;
    }
  }

  /** The settings a successful CreateRole, UpdateAssumeRolePolicy or UpdateRole set; empty for any other call. */
  public static Optional<Change> madeBy(CloudTrailEvent e) {
    if (!"iam.amazonaws.com".equals(e.eventSource()) || e.failed() || e.eventTime() == null || e.recipientAccountId() == null) {
      return Optional.empty();
    }
    EventDocs d = new EventDocs(e);
    String document = switch (e.eventName()) {
      case "UpdateAssumeRolePolicy" -> d.req("policyDocument");
      case "CreateRole" -> d.req("assumeRolePolicyDocument");
      case "UpdateRole" -> null;
      default -> "";
    };
    if ("".equals(document)) {
      return Optional.empty();
    }
    Integer max = "UpdateAssumeRolePolicy".equals(e.eventName()) ? null : seconds(d.req("maxSessionDuration"));
    String role = d.req("roleName");
    if (role == null || (document == null && max == null)) {
      return Optional.empty();
    }
    if (role.startsWith("arn:")) {
      role = role.substring(role.lastIndexOf('/') + 1);
    }
    return Optional.of(new Change(e.recipientAccountId(), role, e.eventTime(), e.eventId(), e.eventName(), decoded(document), max));
  }

  static String decoded(String document) {
    if (document == null) {
      return null;
    }
    String text = document.strip();
    // older records log the document URL-encoded
    return text.startsWith("%7B") || text.startsWith("%7b") ? URLDecoder.decode(text, StandardCharsets.UTF_8) : text;
  }

  private static Integer seconds(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
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

  /** Of one role's changes, the trust policy in force at {@code time}, as {@link #inForceAt(List, Instant, Predicate)}. */
  public static InForce inForceAt(List<Change> changes, Instant time) {
    return inForceAt(changes, time, c -> c.document() != null);
  }

  /**
   * Of one role's changes that set what {@code sets} asks, the latest made before {@code time}; a
   * change logged in the same second (CloudTrail's times are to the second) is
   * {@link InForce#sameSecond}: which came first is unknown.
   */
  public static InForce inForceAt(List<Change> changes, Instant time, Predicate<Change> sets) {
    Change before = null;
    Change same = null;
    for (Change c : changes) {
      if (!sets.test(c)) {
        continue;
      }
      if (c.time().isBefore(time)) {
        before = before == null || c.time().isAfter(before.time()) ? c : before;
      } else if (c.time().equals(time)) {
        same = c;
      }
    }
    return new InForce(before, same);
  }

  /** What the log says of a role's setting at a moment: the last change before it, one in its second. */
  public record InForce(Change before, Change sameSecond) {
    public boolean any() {
      return before != null || sameSecond != null;
    }
  }
}
