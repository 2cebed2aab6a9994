package io.github.trailbench.core.model.policy;

import java.util.List;

/**
 * One key test inside a Condition block, e.g. {@code "ForAnyValue:StringLikeIfExists":
 * {"aws:TagKeys": ["team*"]}} gives operator STRING_LIKE, ifExists, FOR_ANY_VALUE, key
 * aws:TagKeys, values [team*].
 *
 * @param operatorName the operator as written in the document
 * @param key the condition key as written (matched case-insensitively)
 * @param values the policy values as strings (a JSON number or boolean becomes its text)
 */
public record ConditionClause(
    String operatorName,
    ConditionOperator operator,
    boolean ifExists,
    SetQualifier qualifier,
    String key,
    List<String> values) {
  public ConditionClause {
    values = List.copyOf(values);
  }
}
