package io.github.trailbench.core.correlate;

/** How the credentials of a session were issued. */
public enum SessionOrigin {
  /** A long-term AKIA key: not issued by STS; the root of a chain. */
  LONG_TERM_KEY,
  ASSUME_ROLE,
  ASSUME_ROLE_WITH_SAML,
  ASSUME_ROLE_WITH_WEB_IDENTITY,
  GET_SESSION_TOKEN,
  GET_FEDERATION_TOKEN,
  /**
   * A short-term root session in a member account (centralized root access), opened by the
   * organization's management account or IAM delegated administrator and scoped by a task policy.
   */
  ASSUME_ROOT,
  /** Temporary credentials the console issued after a sign-in (sessionCredentialFromConsole). */
  CONSOLE,
  /** Role credentials delivered to an EC2 instance (ec2RoleDelivery; session name = instance id). */
  INSTANCE_PROFILE,
  /** Seen in use only; the issuing call is not in the data. */
  UNKNOWN;

  static SessionOrigin ofStsCall(String eventName) {
    return switch (eventName) {
      case "AssumeRole" -> ASSUME_ROLE;
      case "AssumeRoleWithSAML" -> ASSUME_ROLE_WITH_SAML;
      case "AssumeRoleWithWebIdentity" -> ASSUME_ROLE_WITH_WEB_IDENTITY;
      case "GetSessionToken" -> GET_SESSION_TOKEN;
      case "GetFederationToken" -> GET_FEDERATION_TOKEN;
      case "AssumeRoot" -> ASSUME_ROOT;
      default -> null;
    };
  }
}
