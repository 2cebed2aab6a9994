package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.util.Locale;
import java.util.Optional;

/**
 * What a kind of credentials cannot do whatever the policies allow. Each rule is AWS's own:
 * <ul>
 *   <li>GetSessionToken credentials "cannot call any IAM API operations unless MFA authentication
 *       information is included in the request" and "cannot call any STS API except AssumeRole or
 *       GetCallerIdentity" (STS API Reference, GetSessionToken);
 *   <li>a federated user (GetFederationToken) "cannot call any IAM operations using the CLI or the
 *       AWS API" (console sessions excepted) and "cannot call any STS operations except
 *       GetCallerIdentity" (STS API Reference, GetFederationToken);
 *   <li>a role session "cannot call GetFederationToken or GetSessionToken" (IAM User Guide,
 *       "Compare AWS STS credentials");
 *   <li>the root user "cannot call AssumeRole" (IAM User Guide, "Switch to an IAM role (AWS API)");
 *   <li>a role session asking AssumeRole for more than an hour fails: role chaining limits a session
 *       to one hour (STS API Reference, AssumeRole, DurationSeconds).
 * </ul>
 * A rule applies only when the record shows the kind of credentials: GetSessionToken credentials
 * when the case holds the call that issued them (an IAM user's temporary key from a console sign-in
 * looks the same in older records), a console session by the record's
 * {@code sessionCredentialFromConsole} mark.
 */
public final class CredentialLimits {
  private CredentialLimits() {}

  /** Why AWS refuses {@code action} in {@code event} whatever the policies allow; null when nothing does. */
  public static String refusal(String action, CloudTrailEvent event, Optional<IssuedKey> issued) {
    UserIdentity u = event.userIdentity();
    if (u == null || u.type() == null) {
      return null;
    }
    String a = action.toLowerCase(Locale.ROOT);
    boolean iam = a.startsWith("iam:");
    boolean sts = a.startsWith("sts:");
    String key = u.accessKeyId() == null ? "" : u.accessKeyId();
    boolean assumedRoot = u.sessionContext() != null && u.sessionContext().assumedRoot();
    switch (u.type()) {
      case "IAMUser", "Root" -> {
        boolean sessionToken = key.startsWith("ASIA") && !assumedRoot
            && issued.map(k -> "GetSessionToken".equals(k.issuedBy())).orElse(false) && !consoleSession(event);
        if (sessionToken && iam && !mfa(u)) {
          return "the call is signed with GetSessionToken credentials issued without MFA, which cannot call any IAM"
              + " operation (STS API Reference, GetSessionToken)";
        }
        if (sessionToken && sts && !a.equals("sts:assumerole") && !a.equals("sts:getcalleridentity")) {
          return "the call is signed with GetSessionToken credentials, which cannot call any STS operation but AssumeRole"
              + " and GetCallerIdentity (STS API Reference, GetSessionToken)";
        }
        if ("Root".equals(u.type()) && !assumedRoot && a.equals("sts:assumerole")) {
          return "the root user cannot call AssumeRole (IAM User Guide, \"Switch to an IAM role (AWS API)\")";
        }
        return null;
      }
      case "FederatedUser" -> {
        if (iam && !consoleSession(event)) {
          return "the call is signed with a federated user's credentials (GetFederationToken), which cannot call IAM"
              + " operations through the CLI or API (STS API Reference, GetFederationToken)";
        }
        if (sts && !a.equals("sts:getcalleridentity")) {
          return "the call is signed with a federated user's credentials (GetFederationToken), which cannot call any STS"
              + " operation but GetCallerIdentity (STS API Reference, GetFederationToken)";
        }
        return null;
      }
      case "AssumedRole" -> {
        if (a.equals("sts:getsessiontoken") || a.equals("sts:getfederationtoken")) {
          return "a role session cannot call GetFederationToken or GetSessionToken (IAM User Guide, \"Compare AWS STS"
              + " credentials\")";
        }
        if (a.equals("sts:assumerole") && "AssumeRole".equals(event.eventName())) {
          Integer asked = durationSeconds(event);
          if (asked != null && asked > IssuedKey.CHAINED_SESSION_LIMIT.toSeconds()) {
            return "a role session asked AssumeRole for " + asked + " seconds: role chaining limits a session to one hour,"
                + " and a longer DurationSeconds makes the call fail (STS API Reference, AssumeRole)";
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** Whether the record's credentials are a console session's ({@code sessionCredentialFromConsole}). */
  static boolean consoleSession(CloudTrailEvent event) {
    String raw = event.rawJson();
    return raw != null && raw.contains("\"sessionCredentialFromConsole\"");
  }

  private static boolean mfa(UserIdentity u) {
    return u.sessionContext() != null && Boolean.TRUE.equals(u.sessionContext().mfaAuthenticated());
  }

  private static Integer durationSeconds(CloudTrailEvent event) {
    String d = new EventDocs(event).req("durationSeconds");
    if (d == null) {
      return null;
    }
    try {
      return Integer.valueOf(d.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
