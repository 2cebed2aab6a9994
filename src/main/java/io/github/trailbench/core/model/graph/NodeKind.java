package io.github.trailbench.core.model.graph;

/** What a node of the principal graph stands for. */
public enum NodeKind {
  ACCOUNT("Account"),
  EXTERNAL_ACCOUNT("External account"),
  USER("User"),
  GROUP("Group"),
  ROLE("Role"),
  MANAGED_POLICY("Managed policy"),
  INLINE_POLICY("Inline policy"),
  ACCESS_KEY("Access key"),
  SESSION("Role session"),
  INSTANCE_PROFILE("Instance profile"),
  SERVICE("AWS service"),
  FEDERATED_PROVIDER("Federated provider"),
  ANYONE("Anyone (*)");

  private final String title;

  NodeKind(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** Principals and credentials, as opposed to policies: the nodes a path of access runs through. */
  public boolean actsAsPrincipal() {
    return this != MANAGED_POLICY && this != INLINE_POLICY && this != INSTANCE_PROFILE;
  }
}
