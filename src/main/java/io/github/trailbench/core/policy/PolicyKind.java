package io.github.trailbench.core.policy;

import java.util.Optional;

/** The kinds of policy in a {@link PolicySet}, named as the trace's policy nodes name them. */
public enum PolicyKind {
  SCP("SCP"),
  RCP("RCP"),
  RESOURCE("resource-based policy"),
  BOUNDARY("permissions boundary"),
  SESSION("session policy"),
  IDENTITY("identity-based policy");

  private final String label;

  PolicyKind(String label) {
    this.label = label;
  }

  /** The wording of a policy node's {@code type} detail, e.g. {@code identity-based policy}. */
  public String label() {
    return label;
  }

  /** Whether policies of this kind come in levels of an organization path (root first). */
  public boolean levelled() {
    return this == SCP || this == RCP;
  }

  /** The kind a trace policy node's {@code type} detail names. */
  public static Optional<PolicyKind> ofLabel(String label) {
    for (PolicyKind k : values()) {
      if (k.label.equals(label)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
