package io.github.trailbench.core.policy;

import java.util.List;

/**
 * What the engine knows about the caller from its ARN (or service / anonymous name).
 *
 * @param roleArn for an assumed-role session, the role's ARN without path
 *     ({@code arn:aws:iam::ACCOUNT:role/NAME}): the session ARN does not carry the role's path
 * @param name user name, role name, federated user name (null otherwise)
 */
public record PrincipalInfo(Kind kind, String arn, String partition, String account, String name, String roleArn, String sessionName) {

  /** Kinds of caller. */
  public enum Kind {
    USER, ROLE, ASSUMED_ROLE_SESSION, FEDERATED_USER, ROOT,
    /** An AWS service principal, e.g. cloudtrail.amazonaws.com. */
    SERVICE,
    /** A web identity / SAML provider or other non-IAM caller named by a string. */
    EXTERNAL,
    ANONYMOUS;

    /** Whether the caller is an IAM identity of an account (has identity-based policies). */
    public boolean isIamIdentity() {
      return this == USER || this == ROLE || this == ASSUMED_ROLE_SESSION || this == FEDERATED_USER || this == ROOT;
    }
  }

  public static PrincipalInfo parse(String principal) {
    String p = principal.trim();
    if (p.equals("*") || p.equalsIgnoreCase("anonymous")) {
      return new PrincipalInfo(Kind.ANONYMOUS, p, null, null, null, null, null);
    }
    if (p.matches("\\d{12}")) {
      return new PrincipalInfo(Kind.ROOT, "arn:aws:iam::" + p + ":root", "aws", p, null, null, null);
    }
    if (!p.startsWith("arn:")) {
      Kind k = p.endsWith(".amazonaws.com") || p.endsWith(".amazonaws.com.cn") ? Kind.SERVICE : Kind.EXTERNAL;
      return new PrincipalInfo(k, p, null, null, null, null, null);
    }
    String[] parts = p.split(":", 6);
    if (parts.length < 6) {
      return new PrincipalInfo(Kind.EXTERNAL, p, null, null, null, null, null);
    }
    String partition = parts[1];
    String service = parts[2];
    String account = parts[4];
    String res = parts[5];
    if (service.equals("iam")) {
      if (res.equals("root")) {
        return new PrincipalInfo(Kind.ROOT, p, partition, account, null, null, null);
      }
      if (res.startsWith("user/")) {
        return new PrincipalInfo(Kind.USER, p, partition, account, last(res), null, null);
      }
      if (res.startsWith("role/")) {
        return new PrincipalInfo(Kind.ROLE, p, partition, account, last(res), p, null);
      }
    } else if (service.equals("sts")) {
      if (res.startsWith("assumed-role/")) {
        String[] rs = res.split("/", 3);
        if (rs.length == 3) {
          String roleArn = "arn:" + partition + ":iam::" + account + ":role/" + rs[1];
          return new PrincipalInfo(Kind.ASSUMED_ROLE_SESSION, p, partition, account, rs[1], roleArn, rs[2]);
        }
      }
      if (res.startsWith("federated-user/")) {
        return new PrincipalInfo(Kind.FEDERATED_USER, p, partition, account, res.substring("federated-user/".length()), null, null);
      }
    }
    return new PrincipalInfo(Kind.EXTERNAL, p, partition, account.isEmpty() ? null : account, null, null, null);
  }

  /** A federated user's session with the IAM user who federated it (kept where a role session keeps its role). */
  public PrincipalInfo federatedBy(String userArn) {
    return new PrincipalInfo(kind, arn, partition, account, name, userArn, sessionName);
  }

  private static String last(String res) {
    return res.substring(res.lastIndexOf('/') + 1);
  }

  /** The ARN of the principal's account root, or null. */
  public String accountRootArn() {
    return account == null ? null : "arn:" + (partition == null ? "aws" : partition) + ":iam::" + account + ":root";
  }

  /**
   * The identities AWS checks one after another for a NotPrincipal element: account, then role,
   * then session (or account, then user).
   */
  public List<String> identityChain() {
    switch (kind) {
      case ROOT:
        return List.of(accountRootArn());
      case USER:
      case ROLE:
      case FEDERATED_USER:
        return List.of(accountRootArn(), arn);
      case ASSUMED_ROLE_SESSION:
        return List.of(accountRootArn(), roleArn, arn);
      default:
        return List.of(arn);
    }
  }

  /** aws:PrincipalType as AWS sets it. */
  public String principalType() {
    switch (kind) {
      case USER: return "User";
      case ROLE:
      case ASSUMED_ROLE_SESSION: return "AssumedRole";
      case FEDERATED_USER: return "FederatedUser";
      case ROOT: return "Account";
      case ANONYMOUS: return "Anonymous";
      default: return null;
    }
  }
}
