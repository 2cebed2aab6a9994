package io.github.trailbench.core.model.graph;

/**
 * Relations between nodes; {@link #grantsAccess()} marks those an attacker can travel along (a
 * session acts with its role's permissions, so "session of" is one).
 */
public enum EdgeKind {
  MEMBER_OF("member of", false),
  POLICY_ATTACHED("policy attached", false),
  PERMISSIONS_BOUNDARY("permissions boundary", false),
  CAN_ASSUME("can assume", true),
  DID_ASSUME("did assume", true),
  OWNS_KEY("owns key", true),
  KEY_USED_BY_SESSION("key used by session", true),
  SESSION_OF("session of", true),
  CROSS_ACCOUNT_TRUST("trusts", true),
  CAN_ESCALATE("can escalate to", true),
  INSTANCE_PROFILE_OF("instance profile of", true);

  private final String label;
  private final boolean grantsAccess;

  EdgeKind(String label, boolean grantsAccess) {
    this.label = label;
    this.grantsAccess = grantsAccess;
  }

  public String label() {
    return label;
  }

  public boolean grantsAccess() {
    return grantsAccess;
  }
}
