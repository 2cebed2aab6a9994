package io.github.trailbench.core.model.policy;

/** The base condition operators (without IfExists / set qualifiers). */
public enum ConditionOperator {
  STRING_EQUALS("StringEquals", Family.STRING, false),
  STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING, true),
  STRING_LIKE("StringLike", Family.STRING, false),
  STRING_NOT_LIKE("StringNotLike", Family.STRING, true),
  NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
  NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
  DATE_EQUALS("DateEquals", Family.DATE, false),
  DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
  DATE_LESS_THAN("DateLessThan", Family.DATE, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
  DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
  BOOL("Bool", Family.BOOL, false),
  BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
  IP_ADDRESS("IpAddress", Family.IP, false),
  NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
  ARN_EQUALS("ArnEquals", Family.ARN, false),
  ARN_LIKE("ArnLike", Family.ARN, false),
  ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
  ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
  NULL("Null", Family.NULL, false);

  /** Operator families, each with its own value type. */
  public enum Family {
    STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL
  }

  private final String json;
  private final Family family;
  private final boolean negated;

  ConditionOperator(String json, Family family, boolean negated) {
    this.json = json;
    this.family = family;
    this.negated = negated;
  }

  public String json() {
    return json;
  }

  public Family family() {
    return family;
  }

  /** True for the "Not" operators: they match when no policy value matches. */
  public boolean negated() {
    return negated;
  }

  /** The operator with this exact (case-sensitive) name, or null. */
  public static ConditionOperator ofName(String name) {
    for (ConditionOperator op : values()) {
      if (op.json.equals(name)) {
        return op;
      }
    }
    return null;
  }
}
