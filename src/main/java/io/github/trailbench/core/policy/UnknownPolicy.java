package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.NamedPolicy;

/**
 * Stand-ins for policies in force that the case does not hold (a managed policy left out of the
 * IAM export, a group not exported, a boundary, a session policy named by ARN, an account missing
 * from the organization data): each may allow and may deny everything on a condition key no request
 * carries ({@link #KEY}, always unknown to the engine), so a decision that depends on the missing
 * policy is undetermined instead of being made as if the policy were not there. A decision the
 * known policies settle either way (a known explicit Deny) is still made.
 */
public final class UnknownPolicy {
  /** Keys of this namespace are never carried by a request: the engine always takes them as unknown. */
  public static final String NAMESPACE = "trailbench:";
  public static final String KEY = NAMESPACE + "PolicyNotInCase";
  private static final String SUFFIX = " (not in the case)";

  private UnknownPolicy() {}

  /**
   * A stand-in named "{@code what} (not in the case)". {@code mayAllow}: false for a policy that can
   * only deny (then it is a Deny alone); a policy that grants or limits may do both.
   */
  public static NamedPolicy standIn(String what, boolean mayAllow) {
    return build(what, "", mayAllow);
  }

  /**
   * A stand-in for a resource-based policy that exists but is not in the case (every KMS key has a
   * key policy, every role a trust policy): it may allow any principal and may deny, on {@link #KEY}.
   */
  public static NamedPolicy resourceStandIn(String what) {
    return build(what, "\"Principal\":\"*\",", true);
  }

  /**
   * A stand-in for a resource-based policy the resource may or may not have (an SQS queue, a Lambda
   * function, a secret…) that is not in the case: it may allow any principal, on {@link #KEY}. It
   * is not taken to deny: that would leave every call on such a resource undetermined, for a Deny
   * statement in a policy nobody has seen.
   */
  public static NamedPolicy optionalResourceStandIn(String what) {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"MayAllow\",\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"" + KEY + "\":\"true\"}}}]}";
    try {
      return new NamedPolicy(what + SUFFIX, PolicyParser.parse(json, what + SUFFIX));
    } catch (SourceFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NamedPolicy build(String what, String principal, boolean mayAllow) {
    String body = "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"" + KEY + "\":\"true\"}}}";
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":["
        + (mayAllow ? "{\"Sid\":\"MayAllow\",\"Effect\":\"Allow\"," + principal + body + "," : "")
        + "{\"Sid\":\"MayDeny\",\"Effect\":\"Deny\"," + principal + body + "]}";
    try {
      return new NamedPolicy(what + SUFFIX, PolicyParser.parse(json, what + SUFFIX));
    } catch (SourceFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A key as an analyst reads it where decisions are counted or labelled: the stand-ins' keys, which
   * no request carries, by what they stand for; any other key as it is.
   */
  public static String describe(String key) {
    if (KEY.equals(key)) {
      return "missing policy";
    }
    if (RootTaskPolicies.UNKNOWN_TASK_POLICY_KEY.equals(key)) {
      return "root task policy";
    }
    if (key != null && key.length() > 2 && key.startsWith("(") && key.endsWith(")")) {
      return key.substring(1, key.length() - 1); // "(caller)": what the case lacks, named in parentheses
    }
    return key;
  }

  /** Whether {@code p} is a stand-in that may only allow ({@link #optionalResourceStandIn}). */
  public static boolean isOptionalResourceStandIn(NamedPolicy p) {
    return p != null && p.name().endsWith(SUFFIX) && !p.document().statements().isEmpty()
        && p.document().statements().stream().allMatch(s -> "MayAllow".equals(s.sid()));
  }

  /** Whether {@code p} is a stand-in. */
  public static boolean is(NamedPolicy p) {
    return p.name().endsWith(SUFFIX) && p.document().statements().stream()
        .anyMatch(s -> "MayDeny".equals(s.sid()));
  }
}
