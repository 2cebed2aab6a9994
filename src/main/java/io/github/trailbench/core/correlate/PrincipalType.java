package io.github.trailbench.core.correlate;

/** {@code userIdentity.type} values CloudTrail logs, plus UNKNOWN for anything else. */
public enum PrincipalType {
  ROOT("Root"),
  IAM_USER("IAMUser"),
  ASSUMED_ROLE("AssumedRole"),
  FEDERATED_USER("FederatedUser"),
  AWS_SERVICE("AWSService"),
  AWS_ACCOUNT("AWSAccount"),
  IDENTITY_CENTER_USER("IdentityCenterUser"),
  WEB_IDENTITY_USER("WebIdentityUser"),
  SAML_USER("SAMLUser"),
  UNKNOWN("Unknown");

  private final String logged;

  PrincipalType(String logged) {
    this.logged = logged;
  }

  /** The spelling CloudTrail uses. */
  public String logged() {
    return logged;
  }

  public static PrincipalType of(String type) {
    if (type != null) {
      for (PrincipalType t : values()) {
        if (t.logged.equalsIgnoreCase(type)) {
          return t;
        }
      }
    }
    return UNKNOWN;
  }

  /** True for identities that sign with temporary credentials issued to a session. */
  public boolean sessionBased() {
    return this == ASSUMED_ROLE || this == FEDERATED_USER;
  }
}
