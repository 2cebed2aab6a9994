package io.github.trailbench.core.model.graph;

import java.util.Map;

/**
 * A node: {@code id} is its ARN (or key id, service name, {@code *}); {@code details} are the
 * facts shown when it is selected (policies, trust, tags, credential report row, activity), in the
 * order they were given.
 */
public record GraphNode(String id, NodeKind kind, String label, Map<String, String> details) {
  public GraphNode {
    details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
  }

  /** The detail that marks a user or role the policy engine found admin-equivalent, with its evidence. */
  public static final String ADMIN_DETAIL = "admin-equivalent";

  /**
   * The detail that marks a user or role that may be admin-equivalent: the engine would let it grant
   * itself any permission if policies the case does not hold allow it; the detail names them.
   */
  public static final String POSSIBLE_ADMIN_DETAIL = "possibly admin-equivalent";

  /** How far the engine could decide whether a principal can grant itself any permission. */
  public enum AdminStanding { ADMIN, POSSIBLY_ADMIN, NOT_ADMIN }

  /** True when the engine found this principal can grant itself any permission. */
  public boolean adminEquivalent() {
    return details.containsKey(ADMIN_DETAIL);
  }

  /** True when whether this principal can grant itself any permission rests on policies the case does not hold. */
  public boolean possiblyAdmin() {
    return !adminEquivalent() && details.containsKey(POSSIBLE_ADMIN_DETAIL);
  }

  public AdminStanding adminStanding() {
    return adminEquivalent() ? AdminStanding.ADMIN : possiblyAdmin() ? AdminStanding.POSSIBLY_ADMIN : AdminStanding.NOT_ADMIN;
  }

  /** What a possible admin's standing depends on ("ReadOnlyAccess, not in the case"), or null for any other node. */
  public String adminDependsOn() {
    String d = possiblyAdmin() ? details.get(POSSIBLE_ADMIN_DETAIL) : null;
    int at = d == null ? -1 : d.lastIndexOf(DEPENDS_ON);
    return at < 0 ? null : d.substring(at + DEPENDS_ON.length());
  }

  /** How a possible admin's detail names what it depends on. */
  public static final String DEPENDS_ON = "; depends on ";
}
