package io.github.trailbench.core.model.policy;

import java.util.List;

/**
 * One statement of a policy document.
 *
 * @param sid the optional Sid (null when absent)
 * @param index position in the document's Statement list (0-based)
 * @param resource Resource/NotResource, or null when absent (e.g. trust policies)
 * @param principal Principal/NotPrincipal, or null when absent (identity-based policies)
 * @param conditions condition clauses in document order (all must hold)
 */
public record Statement(
    String sid,
    int index,
    Effect effect,
    ActionElement action,
    ResourceElement resource,
    PrincipalElement principal,
    List<ConditionClause> conditions) {
  public Statement {
    conditions = List.copyOf(conditions);
  }

  /** The Sid, or "#index" when the statement has none. */
  public String displayName() {
    return sid != null && !sid.isEmpty() ? sid : "#" + index;
  }
}
