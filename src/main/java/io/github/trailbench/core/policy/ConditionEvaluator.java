package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.ConditionClause;
import io.github.trailbench.core.model.policy.ConditionOperator;
import io.github.trailbench.core.model.policy.SetQualifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one condition clause against the request context.
 *
 * <p>Semantics (AWS "Condition operators" and "Multivalued context keys"): several values for one
 * key are OR-ed; a negated operator ({@code StringNotEquals}, {@code NotIpAddress},
 * {@code ArnNotLike} …) holds when no value matches. Without a set qualifier, a missing key makes
 * a positive operator false and a negated operator true; {@code …IfExists} makes any operator true
 * on a missing key. {@code ForAllValues:} holds when every request value matches (true on a
 * missing or empty key); {@code ForAnyValue:} holds when at least one does (false on a missing
 * key). A key in the unknown set makes the clause Undetermined.
 */
final class ConditionEvaluator {
  private ConditionEvaluator() {}

  static final class Result {
    Tri value;
    NodeBuilder node;
    String unknownKey;
  }

  static Result evaluate(ConditionClause c, boolean variables, EvalContext ctx) {
    Result r = new Result();
    NodeBuilder node = new NodeBuilder(NodeKind.CONDITION, c.operatorName() + " " + c.key());
    r.node = node;
    node.put("operator", c.operatorName());
    node.put("key", c.key());
    EvalContext.Lookup l = ctx.lookup(c.key());
    node.put("request", l.state() == EvalContext.State.PRESENT ? (l.values().size() == 1 ? l.values().get(0) : l.values()) : null);
    node.put("keyState", l.state() == EvalContext.State.PRESENT ? "present" : l.state() == EvalContext.State.UNKNOWN ? "unknown" : "absent");

    ConditionOperator op = c.operator();
    // resolve policy values
    List<Object> policyValues = new ArrayList<>(c.values().size());
    List<String> shown = new ArrayList<>(c.values().size());
    boolean wildcards = op == ConditionOperator.STRING_LIKE || op == ConditionOperator.STRING_NOT_LIKE || op.family() == ConditionOperator.Family.ARN;
    boolean resolvable = op.family() == ConditionOperator.Family.STRING || op.family() == ConditionOperator.Family.ARN;
    String unknownVar = null;
    List<String> missingVars = new ArrayList<>();
    for (String v : c.values()) {
      if (variables && resolvable && Variables.hasVariables(v)) {
        Variables.Resolved res = Variables.resolve(v, wildcards, ctx);
        if (res.unknownKey() != null) {
          unknownVar = res.unknownKey();
          shown.add(v);
          continue;
        }
        if (!res.ok()) {
          missingVars.add(res.missingKey());
          shown.add(v);
          continue;
        }
        shown.add(res.text());
        policyValues.add(wildcards ? res.tokens() : res.text());
      } else {
        shown.add(v);
        policyValues.add(wildcards ? Glob.tokens(v, true) : v);
      }
    }
    node.put("policy", shown.size() == 1 ? shown.get(0) : shown);
    if (!missingVars.isEmpty()) {
      node.put("missingVariables", missingVars);
    }

    String desc = describeKey(c);
    Tri outside = l.state() == EvalContext.State.UNKNOWN && unknownVar == null && missingVars.isEmpty()
        ? outsideKnownValues(c, policyValues, ctx.notAmong(c.key())) : Tri.UNKNOWN;
    if (outside != Tri.UNKNOWN) {
      r.value = outside;
      node.outcome = NodeBuilder.matchOutcome(outside);
      node.put("keyState", "none of " + ctx.notAmong(c.key()));
      node.explanation = c.key() + " is not known, but it is none of " + ctx.notAmong(c.key()) + " (or absent), so "
          + c.operatorName() + " " + shown + (outside == Tri.TRUE ? " holds either way." : " fails either way.");
      return r;
    }
    java.util.Set<String> held = l.state() == EvalContext.State.UNKNOWN && unknownVar == null && missingVars.isEmpty()
        ? ctx.holding(c.key()) : null;
    Tri byHeld = held == null ? Tri.UNKNOWN : heldValues(c, policyValues, held);
    if (byHeld != Tri.UNKNOWN) {
      r.value = byHeld;
      node.outcome = NodeBuilder.matchOutcome(byHeld);
      node.put("keyState", "holds " + held + " among values not logged");
      node.explanation = c.key() + " is not known whole, but it holds " + held + ", so " + c.operatorName() + " " + shown
          + (byHeld == Tri.TRUE ? " holds whatever else it holds." : " fails whatever else it holds.");
      return r;
    }
    // an absent key decides the condition whatever its policy values are (below), an unknown variable among them too
    if (l.state() == EvalContext.State.UNKNOWN || unknownVar != null && l.present()) {
      String k = l.state() == EvalContext.State.UNKNOWN ? c.key() : unknownVar;
      r.value = Tri.UNKNOWN;
      r.unknownKey = k;
      node.put("unknownKey", k);
      node.outcome = Outcome.UNDETERMINED;
      node.explanation = "Undetermined: the value of " + k + " is not known (" + unknownReason(k) + "); the condition "
          + desc + " cannot be decided.";
      return r;
    }

    if (op == ConditionOperator.NULL) {
      boolean present = l.present();
      boolean any = false;
      for (Object pv : policyValues) {
        boolean wantAbsent = "true".equalsIgnoreCase((String) pv);
        any |= wantAbsent != present;
      }
      r.value = Tri.of(any);
      node.outcome = NodeBuilder.matchOutcome(r.value);
      node.explanation = c.key() + " is " + (present ? "present" : "absent") + "; Null " + shown + (any ? " holds." : " does not hold.");
      return r;
    }

    // A policy variable whose key has no value stands for no value at all (IAM User Guide, "Policy variables with no
    // value"): no request value equals or is like it, so it drops out of policyValues; a positive operator left with
    // no value fails, a negated one holds, and a missing request key is decided as for any other value below.
    boolean present = l.present();
    List<String> rv = present ? l.values() : List.of();
    boolean neg = op.negated();
    boolean result;
    String how;
    if (!present) {
      if (c.ifExists()) {
        result = true;
        how = c.key() + " is absent, and " + c.operatorName() + " holds when the key is absent.";
      } else if (c.qualifier() == SetQualifier.FOR_ALL_VALUES) {
        result = true;
        how = c.key() + " is absent or empty; ForAllValues holds for an empty set.";
      } else if (c.qualifier() == SetQualifier.FOR_ANY_VALUE) {
        result = false;
        how = c.key() + " is absent or empty; ForAnyValue needs at least one value.";
      } else {
        result = neg;
        how = c.key() + " is absent; " + (neg ? "a negated operator holds on a missing key." : "a missing key does not match.");
      }
    } else {
      switch (c.qualifier()) {
        case FOR_ALL_VALUES: {
          boolean all = true;
          for (String v : rv) {
            boolean m = anyMatch(op, v, policyValues);
            if (neg ? m : !m) {
              all = false;
              break;
            }
          }
          result = all;
          how = "ForAllValues: " + (all ? "every request value " : "not every request value ") + (neg ? "avoids " : "matches ") + "the policy values.";
          break;
        }
        case FOR_ANY_VALUE: {
          boolean any = false;
          for (String v : rv) {
            boolean m = anyMatch(op, v, policyValues);
            if (neg ? !m : m) {
              any = true;
              break;
            }
          }
          result = any;
          how = "ForAnyValue: " + (any ? "at least one request value " : "no request value ") + (neg ? "avoids " : "matches ") + "the policy values.";
          break;
        }
        default: {
          boolean any = false;
          for (String v : rv) {
            if (anyMatch(op, v, policyValues)) {
              any = true;
              break;
            }
          }
          result = neg != any;
          how = display(rv) + (any ? " matches " : " does not match ") + shownList(shown) + (neg ? " (negated operator)." : ".");
          break;
        }
      }
    }
    r.value = Tri.of(result);
    node.outcome = NodeBuilder.matchOutcome(r.value);
    String noValue = missingVars.isEmpty() ? ""
        : " (the policy variable" + (missingVars.size() == 1 ? " " : "s ") + String.join(", ", missingVars)
            + " of the request " + (missingVars.size() == 1 ? "has" : "have") + " no value: no request value matches it)";
    node.explanation = (result ? "Holds: " : "Does not hold: ") + c.key() + " " + c.operatorName() + " " + shownList(shown) + " — "
        + how + noValue;
    return r;
  }

  private static String display(List<String> values) {
    return values.size() == 1 ? "'" + values.get(0) + "'" : values.toString();
  }

  private static String shownList(List<String> shown) {
    return shown.size() == 1 ? "'" + shown.get(0) + "'" : shown.toString();
  }

  /** Whether a single request value matches any of the (resolved) policy values under op's base comparison. */
  static boolean anyMatch(ConditionOperator op, String v, List<Object> policyValues) {
    for (Object p : policyValues) {
      if (match(op, v, p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean match(ConditionOperator op, String v, Object p) {
    switch (op) {
      case STRING_EQUALS:
      case STRING_NOT_EQUALS:
        return v.equals(p);
      case STRING_EQUALS_IGNORE_CASE:
      case STRING_NOT_EQUALS_IGNORE_CASE:
        return v.equalsIgnoreCase((String) p);
      case STRING_LIKE:
      case STRING_NOT_LIKE: {
        int[] t = (int[]) p;
        return Glob.match(t, 0, t.length, v, 0, v.length(), false);
      }
      case ARN_EQUALS:
      case ARN_LIKE:
      case ARN_NOT_EQUALS:
      case ARN_NOT_LIKE:
        return Glob.arnMatch((int[]) p, v);
      case BOOL:
        return v.equalsIgnoreCase((String) p);
      case BINARY_EQUALS:
        return Values.binaryEquals(v, (String) p);
      case IP_ADDRESS:
      case NOT_IP_ADDRESS: {
        Values.Cidr cidr = Values.Cidr.parse((String) p);
        byte[] ip = Values.addressBytes(v.trim());
        return cidr != null && ip != null && cidr.contains(ip);
      }
      default:
        break;
    }
    if (op.family() == ConditionOperator.Family.NUMERIC) {
      BigDecimal a = Values.number(v);
      BigDecimal b = Values.number((String) p);
      if (a == null || b == null) {
        return false;
      }
      return compare(op.json().substring("Numeric".length()), a.compareTo(b));
    }
    if (op.family() == ConditionOperator.Family.DATE) {
      Instant a = Values.date(v);
      Instant b = Values.date((String) p);
      if (a == null || b == null) {
        return false;
      }
      return compare(op.json().substring("Date".length()), a.compareTo(b));
    }
    return false;
  }

  private static boolean compare(String rel, int cmp) {
    switch (rel) {
      case "Equals":
      case "NotEquals":
        return cmp == 0;
      case "LessThan":
        return cmp < 0;
      case "LessThanEquals":
        return cmp <= 0;
      case "GreaterThan":
        return cmp > 0;
      case "GreaterThanEquals":
        return cmp >= 0;
      default:
        return false;
    }
  }

  /** A short human form of the clause, e.g. "aws:ResourceTag/team = red". */
  static String describeKey(ConditionClause c) {
    String vals = c.values().size() == 1 ? c.values().get(0) : "one of " + c.values();
    String q = c.qualifier() == SetQualifier.NONE ? "" : c.qualifier().prefix();
    switch (c.operator()) {
      case STRING_EQUALS:
      case NUMERIC_EQUALS:
      case DATE_EQUALS:
      case BOOL:
      case ARN_EQUALS:
        if (q.isEmpty() && !c.ifExists()) {
          return c.key() + " = " + vals;
        }
        break;
      case STRING_NOT_EQUALS:
      case NUMERIC_NOT_EQUALS:
      case DATE_NOT_EQUALS:
      case ARN_NOT_EQUALS:
        if (q.isEmpty() && !c.ifExists()) {
          return c.key() + " != " + vals;
        }
        break;
      default:
        break;
    }
    return c.key() + " " + c.operatorName() + " " + vals;
  }

  /**
   * A condition on a key known only to be none of {@code excluded} (or absent): StringEquals on
   * those values fails whether the key is absent or has another value, StringNotEquals (IfExists or
   * not) holds either way; anything else stays unknown.
   */
  private static Tri outsideKnownValues(ConditionClause c, List<Object> policyValues, java.util.Set<String> excluded) {
    if (excluded == null || policyValues.isEmpty() || c.qualifier() != SetQualifier.NONE) {
      return Tri.UNKNOWN;
    }
    ConditionOperator op = c.operator();
    boolean ignoreCase = op == ConditionOperator.STRING_EQUALS_IGNORE_CASE || op == ConditionOperator.STRING_NOT_EQUALS_IGNORE_CASE;
    if (op != ConditionOperator.STRING_EQUALS && op != ConditionOperator.STRING_NOT_EQUALS && !ignoreCase) {
      return Tri.UNKNOWN;
    }
    for (Object pv : policyValues) {
      String v = (String) pv;
      boolean in = excluded.stream().anyMatch(x -> ignoreCase ? x.equalsIgnoreCase(v) : x.equals(v));
      if (!in) {
        return Tri.UNKNOWN; // a value the key may have
      }
    }
    if (op.negated()) {
      return Tri.TRUE;
    }
    return c.ifExists() ? Tri.UNKNOWN : Tri.FALSE; // absent: StringEqualsIfExists holds
  }

  /**
   * A condition on a multivalued key known to be present and to hold {@code held} among values the
   * log does not show: decided when those values settle it (ForAnyValue finds one, ForAllValues
   * meets one that fails, Null), else unknown.
   */
  private static Tri heldValues(ConditionClause c, List<Object> policyValues, java.util.Set<String> held) {
    ConditionOperator op = c.operator();
    if (op == ConditionOperator.NULL) {
      boolean any = false;
      for (Object pv : policyValues) {
        any |= !"true".equalsIgnoreCase((String) pv); // the key is present: only Null false holds
      }
      return Tri.of(any);
    }
    if (policyValues.isEmpty()) {
      return Tri.UNKNOWN;
    }
    boolean string = switch (op) {
      case STRING_EQUALS, STRING_NOT_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE, STRING_LIKE,
          STRING_NOT_LIKE -> true;
      default -> false;
    };
    if (!string) {
      return Tri.UNKNOWN;
    }
    for (String v : held) {
      boolean m = anyMatch(op, v, policyValues);
      if (c.qualifier() == SetQualifier.FOR_ANY_VALUE && (op.negated() ? !m : m)) {
        return Tri.TRUE; // one value satisfies it
      }
      if (c.qualifier() == SetQualifier.FOR_ALL_VALUES && (op.negated() ? m : !m)) {
        return Tri.FALSE; // one value fails it
      }
    }
    return Tri.UNKNOWN;
  }

  /** Why a key may be unknown, in words for the analyst. */
  static String unknownReason(String key) {
    if (key.equals(Request.UNKNOWN_RESOURCE)) {
      return "the log does not name the resource";
    }
    String k = key.toLowerCase(java.util.Locale.ROOT);
    if (k.startsWith("aws:resourcetag/") || k.contains(":resourcetag/") || k.startsWith("s3:existingobjecttag/")) {
      return "the log does not carry resource tags";
    }
    if (k.startsWith("aws:principaltag/")) {
      return "the log does not carry principal tags";
    }
    if (k.startsWith("aws:requesttag/") || k.equals("aws:tagkeys")) {
      return "the log does not carry the request's tags";
    }
    return "the log does not carry " + key;
  }
}
