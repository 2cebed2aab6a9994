package io.github.trailbench.core.correlate;

import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.Outcome;
import io.github.trailbench.core.policy.PolicyKind;
import io.github.trailbench.core.policy.TraceNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of policy AWS's error message names as what refused a call (IAM User Guide,
 * "Troubleshoot access denied error messages"): "with an explicit deny in a TYPE" for a Deny
 * statement, "because no TYPE allows the ACTION action" for an implicit deny. AWS names one policy
 * type even when several refused the call, and may say "explicit deny in a service control policy"
 * for an SCP that only failed to allow; some services write other messages, which name nothing.
 *
 * @param kind the policy kind named, null for a VPC endpoint policy (the case holds none)
 * @param explicit whether AWS says a Deny statement refused it
 * @param action the action the message says was refused, or null when it names none
 * @param phrase the message's words naming the policy, for sentences
 */
public record LoggedRefusal(PolicyKind kind, boolean explicit, String action, String phrase) {

  private static final Pattern EXPLICIT = Pattern.compile("explicit deny in (?:an? |the )?(service control policy|scp"
      + "|resource control policy|rcp|identity-based policy|resource-based policy|permissions boundary|session policy"
      + "|vpc endpoint policy)");
  private static final Pattern IMPLICIT = Pattern.compile("because no (service control policy|scp|resource control policy"
      + "|rcp|identity-based policy|resource-based policy|permissions boundary|session policy|vpc endpoint policy) allows");
  private static final Pattern ACTION = Pattern.compile("not authorized to perform: ([A-Za-z0-9-]+:[A-Za-z0-9*]+)");

  /** What {@code errorMessage} names as the refusing policy, or null when it names none. */
  public static LoggedRefusal of(String errorMessage) {
    if (errorMessage == null || errorMessage.isEmpty()) {
      return null;
    }
    String m = errorMessage.toLowerCase(Locale.ROOT);
    Matcher explicit = EXPLICIT.matcher(m);
    Matcher implicit = IMPLICIT.matcher(m);
    boolean isExplicit = explicit.find();
    if (!isExplicit && !implicit.find()) {
      return null;
    }
    String type = (isExplicit ? explicit : implicit).group(1);
    PolicyKind kind = switch (type) {
      case "service control policy", "scp" -> PolicyKind.SCP;
      case "resource control policy", "rcp" -> PolicyKind.RCP;
      case "identity-based policy" -> PolicyKind.IDENTITY;
      case "resource-based policy" -> PolicyKind.RESOURCE;
      case "permissions boundary" -> PolicyKind.BOUNDARY;
      case "session policy" -> PolicyKind.SESSION;
      default -> null;
    };
    Matcher action = ACTION.matcher(errorMessage);
    String named = type.equals("scp") ? "service control policy" : type.equals("rcp") ? "resource control policy" : type;
    String phrase = isExplicit ? "with an explicit deny in " + (named.startsWith("identity") ? "an " : "a ") + named
        : "because no " + named + " allows it";
    return new LoggedRefusal(kind, isExplicit, action.find() ? action.group(1) : null, phrase);
  }

  /** Whether the message is about {@code action} (or names no action). */
  public boolean concerns(String action) {
    return this.action == null || this.action.equalsIgnoreCase(action);
  }

  /**
   * Whether the replay's refusal {@code r} holds the refusal AWS names: a Deny statement in a policy
   * of that kind, or that kind's step denying for want of an Allow (for SCPs and RCPs either, as AWS
   * may call an SCP's missing Allow an explicit deny). True too when that step is undetermined, or
   * when {@code r} is not a refusal or names a VPC endpoint policy: there is nothing to hold against it.
   */
  public boolean heldBy(EvaluationResult r) {
    if (kind == null || r.decision() == Decision.ALLOWED || r.decision() == Decision.UNDETERMINED) {
      return true;
    }
    TraceNode root = r.trace();
    TraceNode step = root.find(stepId(kind));
    if (step != null && step.outcome() == Outcome.UNDETERMINED) {
      return true;
    }
    boolean denyStatement = denyingKinds(root).contains(kind);
    boolean gateDenies = step != null && gateRefuses(kind, step);
    if (explicit) {
      return denyStatement || kind.levelled() && gateDenies;
    }
    return gateDenies || kind.levelled() && denyStatement;
  }

  /**
   * What the replay found refusing the call, in words: the kinds holding a matching Deny statement
   * and the steps that found no Allow.
   */
  public static String replayedRefusals(EvaluationResult r) {
    TraceNode root = r.trace();
    List<String> out = new ArrayList<>();
    for (PolicyKind k : denyingKinds(root)) {
      out.add("an explicit deny in " + article(k) + k.label());
    }
    for (PolicyKind k : PolicyKind.values()) {
      TraceNode step = root.find(stepId(k));
      // a resource-based policy the call had none of is not worth naming as a refusal
      if (step != null && gateRefuses(k, step) && !(k == PolicyKind.RESOURCE && step.outcome() == Outcome.NOT_APPLICABLE)) {
        out.add("no " + k.label() + " allowing it");
      }
    }
    return out.isEmpty() ? "nothing it can name" : String.join(" and ", out);
  }

  private static String article(PolicyKind k) {
    return k == PolicyKind.IDENTITY ? "an " : "a ";
  }

  private static List<PolicyKind> denyingKinds(TraceNode root) {
    List<PolicyKind> out = new ArrayList<>();
    TraceNode denyCheck = root.find("1");
    if (denyCheck == null) {
      return out;
    }
    for (TraceNode policy : denyCheck.children()) {
      Object type = policy.detail().get("type");
      if (policy.outcome() == Outcome.DENY && type != null) {
        PolicyKind.ofLabel(type.toString()).filter(k -> !out.contains(k)).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * Whether a policy step refused for want of an Allow. The identity and resource-based steps refuse
   * when they allow nothing: a refused same-account call was allowed by neither, and AWS may name
   * either (a Lambda function without a policy: "because no resource-based policy allows").
   */
  private static boolean gateRefuses(PolicyKind k, TraceNode step) {
    Outcome o = step.outcome();
    if (k == PolicyKind.IDENTITY || k == PolicyKind.RESOURCE) {
      return o != Outcome.ALLOW;
    }
    return o == Outcome.DENY;
  }

  private static String stepId(PolicyKind k) {
    return switch (k) {
      case SCP -> "2";
      case RCP -> "3";
      case RESOURCE -> "4";
      case BOUNDARY -> "5";
      case SESSION -> "6";
      case IDENTITY -> "7";
    };
  }
}
