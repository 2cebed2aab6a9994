package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;

/** Resolves the canonical {@link Principal} of an event's {@code userIdentity}. Stateless. */
public final class Principals {
  /** The user name CloudTrail logs for a sign-in whose typed name is no IAM user (it does not log what was typed). */
  static final String HIDDEN_USER = "HIDDEN_DUE_TO_SECURITY_REASONS";

  private Principals() {}

  /** Partition of an ARN ({@code aws}, {@code aws-cn}, {@code aws-us-gov}); {@code aws} if unknown. */
  static String partitionOf(String arn) {
    if (arn != null && arn.startsWith("arn:")) {
      int e = arn.indexOf(':', 4);
      if (e > 4) {
        return arn.substring(4, e);
      }
    }
    return null;
  }

  /** Partition AWS uses in a region ({@code cn-north-1} → aws-cn). */
  public static String partitionOfRegion(String region) {
    if (region == null) {
      return "aws";
    }
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    if (region.startsWith("us-iso-")) {
      return "aws-iso";
    }
    if (region.startsWith("us-isob-")) {
      return "aws-iso-b";
    }
    return "aws";
  }

  public static Principal resolve(CloudTrailEvent event) {
    UserIdentity u = event.userIdentity();
    if (u == null) {
      return new Principal(PrincipalType.UNKNOWN, null, null, null, null, null, null, null);
    }
    PrincipalType type = PrincipalType.of(u.type());
    SessionContext sc = u.sessionContext();
    SessionIssuer issuer = sc == null ? null : sc.sessionIssuer();
    String account = u.accountId();
    String partition = partitionOf(u.arn());
    if (partition == null) {
      partition = partitionOfRegion(event.awsRegion());
    }
    String sourceIdentity = sc == null ? null : blankToNull(sc.sourceIdentity());
    switch (type) {
      case ROOT -> {
        String arn = u.arn() != null ? u.arn()
            : account != null ? "arn:" + partition + ":iam::" + account + ":root" : null;
        return new Principal(type, arn, account, "root", null, null, sourceIdentity, null);
      }
      case IAM_USER -> {
        String arn = u.arn();
        // a sign-in with a mistyped name is logged as HIDDEN_DUE_TO_SECURITY_REASONS: no user of that name exists
        if (arn == null && HIDDEN_USER.equals(u.userName())) {
          arn = blankToNull(u.principalId()); // as for an Unknown identity: what the log has, no user ARN
        } else if (arn == null && account != null && u.userName() != null) {
          arn = "arn:" + partition + ":iam::" + account + ":user/" + u.userName();
        }
        return new Principal(type, arn, account, u.userName(), null, null, sourceIdentity, null);
      }
      case ASSUMED_ROLE -> {
        String arn = u.arn();
        String roleName = issuer != null ? issuer.userName() : null;
        String sessionName = null;
        if (arn != null) {
          int i = arn.indexOf(":assumed-role/");
          if (i > 0) {
            String rest = arn.substring(i + ":assumed-role/".length());
            int slash = rest.lastIndexOf('/');
            if (slash > 0) {
              sessionName = rest.substring(slash + 1);
              if (roleName == null) {
                roleName = rest.substring(0, slash);
              }
            }
          }
        }
        if (sessionName == null && u.principalId() != null && u.principalId().indexOf(':') > 0) {
          sessionName = u.principalId().substring(u.principalId().indexOf(':') + 1);
        }
        if (arn == null && account != null && roleName != null && sessionName != null) {
          arn = "arn:" + partition + ":sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        }
        return new Principal(type, arn, account, roleName, issuer == null ? null : issuer.arn(),
            sessionName, sourceIdentity, sc == null ? null : sc.webIdFederationProvider());
      }
      case FEDERATED_USER -> {
        String arn = u.arn();
        String name = u.userName();
        if (name == null && arn != null && arn.contains(":federated-user/")) {
          name = arn.substring(arn.indexOf(":federated-user/") + ":federated-user/".length());
        }
        if (name == null && u.principalId() != null && u.principalId().indexOf(':') > 0) {
          name = u.principalId().substring(u.principalId().indexOf(':') + 1);
        }
        if (arn == null && account != null && name != null) {
          arn = "arn:" + partition + ":sts::" + account + ":federated-user/" + name;
        }
        return new Principal(type, arn, account, name, issuer == null ? null : issuer.arn(), null,
            sourceIdentity, null);
      }
      case AWS_SERVICE -> {
        String svc = blankToNull(u.invokedBy());
        return new Principal(type, svc, account, svc, null, null, null, null);
      }
      case AWS_ACCOUNT -> {
        if (anonymous(u)) {
          // an unsigned request (a public object read): CloudTrail logs accountId "anonymous"
          return new Principal(type, ANONYMOUS, null, ANONYMOUS, null, null, null, null);
        }
        String arn = account == null ? null : "arn:" + partition + ":iam::" + account + ":root";
        return new Principal(type, arn, account, account, null, null, sourceIdentity, null);
      }
      case IDENTITY_CENTER_USER -> {
        String arn = null;
        String userId = null;
        JsonNode ui = userIdentityNode(event);
        if (ui != null) {
          JsonNode obo = ui.path("onBehalfOf");
          userId = text(obo.get("userId"));
          String store = text(obo.get("identityStoreArn"));
          if (userId != null && store != null && store.startsWith("arn:")) {
            String[] p = store.split(":", 6);
            if (p.length >= 5) {
              arn = "arn:" + p[1] + ":identitystore::" + p[4] + ":user/" + userId;
            }
          }
        }
        if (arn == null) {
          arn = u.arn() != null ? u.arn() : blankToNull(u.principalId());
        }
        return new Principal(type, arn, account, u.userName() != null ? u.userName() : userId,
            null, null, sourceIdentity, null);
      }
      case WEB_IDENTITY_USER, SAML_USER -> {
        String id = blankToNull(u.principalId());
        if (id == null && u.identityProvider() != null && u.userName() != null) {
          id = u.identityProvider() + ":" + u.userName();
        }
        return new Principal(type, id, account, u.userName(), null, null, sourceIdentity,
            u.identityProvider());
      }
      default -> {
        if ("Unknown".equals(u.type()) && blankToNull(u.arn()) == null && account != null && account.equals(u.principalId())
            && blankToNull(u.userName()) != null) {
          // an IAM Identity Center sign-in step: its principalId is the account, its user a directory user's name
          String id = identityCenterUser(u.userName(), account);
          return new Principal(PrincipalType.UNKNOWN, id, account, u.userName(), null, null, sourceIdentity, u.identityProvider());
        }
        String id = blankToNull(u.arn()) != null ? u.arn() : blankToNull(u.principalId());
        return new Principal(PrincipalType.UNKNOWN, id, account, u.userName(), null, null,
            sourceIdentity, u.identityProvider());
      }
    }
  }

  /**
   * How an IAM Identity Center user whom a record names only by user name is shown and filtered:
   * "Identity Center user dana (111122223333)", never the bare account id (which reads as the
   * account itself).
   */
  public static String identityCenterUser(String userName, String account) {
    return "Identity Center user " + userName + " (" + account + ")";
  }

  /** The principal of an unsigned request, as policies name it ({@code "Principal": "*"} covers it). */
  public static final String ANONYMOUS = "anonymous";

  /** Whether the identity is an unsigned (anonymous) request's: type AWSAccount, accountId "anonymous". */
  public static boolean anonymous(UserIdentity u) {
    return u != null && "AWSAccount".equals(u.type()) && ANONYMOUS.equalsIgnoreCase(u.accountId());
  }

  private static JsonNode userIdentityNode(CloudTrailEvent e) {
    JsonNode raw = Json.parse(e.rawJson());
    return raw == null ? null : raw.get("userIdentity");
  }

  static String text(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : blankToNull(n.asText());
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
