package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.policy.Glob;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough reading of IAM policy documents, as CloudTrail logs them (a JSON string, sometimes
 * URL-encoded), for the rule operators {@code policyAllowsAll} and {@code policyTrustsOutside}.
 * The full evaluation lives in core.policy.
 */
final class Policies {
  private Policies() {}

  /** The policy as a JSON tree: accepts an object node or text holding (URL-encoded) JSON. */
  static JsonNode document(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isObject()) {
      return value;
    }
    if (!value.isTextual()) {
      return null;
    }
    String text = value.asText().trim();
    if (text.startsWith("%7B") || text.startsWith("%7b") || (!text.startsWith("{") && text.contains("%22"))) {
      try {
        text = URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    JsonNode n = EventView.parse(text);
    return n != null && n.isObject() ? n : null;
  }

  static List<JsonNode> allowStatements(JsonNode policy) {
    List<JsonNode> out = new ArrayList<>();
    if (policy == null) {
      return out;
    }
    JsonNode st = policy.get("Statement");
    if (st == null) {
      return out;
    }
    if (st.isObject()) {
      if (isAllow(st)) {
        out.add(st);
      }
    } else if (st.isArray()) {
      for (JsonNode s : st) {
        if (s.isObject() && isAllow(s)) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static boolean isAllow(JsonNode s) {
    return "Allow".equalsIgnoreCase(s.path("Effect").asText(""));
  }

  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    } else if (n.isValueNode()) {
      out.add(n.asText());
    }
    return out;
  }

  /** The elements of an array, an object alone (XML logged as JSON gives one repeated element as an object), else none. */
  static List<JsonNode> elements(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(out::add);
    } else if (n != null && n.isObject()) {
      out.add(n);
    }
    return out;
  }

  /**
   * Some Allow statement has Principal {@code *} (or {@code {"AWS": "*"}}) and no condition on a key that limits who
   * may use it ({@link io.github.trailbench.core.policy.PublicGrant}): anyone may. A condition such as
   * {@code aws:SecureTransport} limits how, not who.
   */
  static boolean grantsEveryone(JsonNode policy) {
    for (JsonNode s : allowStatements(policy)) {
      if (limitsWho(s.get("Condition"))) {
        continue;
      }
      JsonNode p = s.get("Principal");
      if (p != null && (p.isTextual() ? p.asText().equals("*") : strings(p.get("AWS")).contains("*"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean limitsWho(JsonNode condition) {
    if (condition == null || !condition.isObject()) {
      return false;
    }
    for (JsonNode byKey : condition) {
      if (byKey.isObject()) {
        for (java.util.Iterator<String> keys = byKey.fieldNames(); keys.hasNext();) {
          if (io.github.trailbench.core.policy.PublicGrant.restricts(keys.next())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The IAM actions by which the holder of a policy, whatever user, role or group it is attached to,
   * gives itself any other permission (AdministratorAccess, or an inline {@code *}).
   */
  static final List<String> SELF_GRANTS = List.of("iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutRolePolicy",
      "iam:AttachRolePolicy", "iam:PutGroupPolicy", "iam:AttachGroupPolicy");

  /**
   * Some Allow statement on Resource {@code *} grants everything: Action {@code *} (or {@code *:*}),
   * or a NotAction that holds back none of {@link #SELF_GRANTS}, so the holder can grant itself
   * what NotAction lists.
   */
  static boolean allowsAll(JsonNode policy) {
    for (JsonNode s : allowStatements(policy)) {
      if (!strings(s.get("Resource")).contains("*")) {
        continue;
      }
      if (strings(s.get("Action")).stream().anyMatch(a -> a.equals("*") || a.equals("*:*"))) {
        return true;
      }
      List<String> notAction = strings(s.get("NotAction"));
      if (!notAction.isEmpty() && SELF_GRANTS.stream().noneMatch(a -> notAction.stream().anyMatch(n -> Glob.match(n, a, true)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The principals of Allow statements that are {@code *} or name an AWS account other than
   * {@code account} (12-digit ids and ARNs), and the shared OIDC providers let in for any subject
   * ({@link #openFederated}). Service principals and other federated principals are ignored, and so
   * is a {@code *} limited to {@code account} ({@link #limitedToAccount}).
   */
  static List<String> outsidePrincipals(JsonNode policy, String account) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : allowStatements(policy)) {
      JsonNode p = s.get("Principal");
      if (p == null) {
        continue;
      }
      boolean ownAccountOnly = limitedToAccount(s, account);
      if (p.isTextual()) {
        if (p.asText().equals("*") && !ownAccountOnly) {
          out.add("*");
        }
        continue;
      }
      for (String aws : strings(p.get("AWS"))) {
        if (aws.equals("*")) {
          if (!ownAccountOnly) {
            out.add("*");
          }
          continue;
        }
        String acct = accountOf(aws);
        if (acct == null || account == null || !acct.equals(account)) {
          out.add(aws);
        }
      }
    }
    out.addAll(openFederated(policy));
    return out;
  }

  /** Condition keys whose value is the account of the caller, or of the resource an AWS service acts for. */
  private static final List<String> ACCOUNT_KEYS =
      List.of("aws:sourceaccount", "aws:sourceowner", "aws:principalaccount", "kms:calleraccount");

  /**
   * The statement's Condition requires (StringEquals) one of {@link #ACCOUNT_KEYS} to be
   * {@code account} and nothing else: a {@code *} principal then means only that account's
   * principals, or AWS services acting for it (the default SNS topic and KMS key policies).
   */
  private static boolean limitedToAccount(JsonNode statement, String account) {
    JsonNode equals = statement.path("Condition").path("StringEquals");
    if (account == null || !equals.isObject()) {
      return false;
    }
    for (var it = equals.fields(); it.hasNext(); ) {
      var e = it.next();
      List<String> values = strings(e.getValue());
      if (ACCOUNT_KEYS.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)) && !values.isEmpty()
          && values.stream().allMatch(account::equals)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The shared OpenID Connect providers (GitHub Actions, gitlab.com, HCP Terraform) an Allow
   * statement lets in without a condition naming the repository, project or organization: every
   * user of that service, in words.
   */
  static List<String> openFederated(JsonNode policy) {
    List<String> out = new ArrayList<>();
    io.github.trailbench.core.model.policy.PolicyDocument doc;
    try {
      doc = io.github.trailbench.core.policy.PolicyParser.parse(policy.toString(), "request");
    } catch (io.github.trailbench.core.model.SourceFormatException | RuntimeException e) {
      return out; // not a policy the engine reads: the rule's other tests decide
    }
    for (io.github.trailbench.core.model.policy.Statement st : doc.statements()) {
      String host = OpenFederatedTrusts.openTo(st);
      String who = host == null ? null : "any " + OpenFederatedTrusts.SHARED.get(host) + " (" + host + " with no sub condition)";
      if (who != null && !out.contains(who)) {
        out.add(who);
      }
    }
    return out;
  }

  /** The account of a principal given as a 12-digit id or an ARN; null if neither. */
  static String accountOf(String principal) {
    if (principal.matches("\\d{12}")) {
      return principal;
    }
    if (principal.startsWith("arn:")) {
      String[] parts = principal.split(":", 6);
      if (parts.length >= 5 && parts[4].matches("\\d{12}")) {
        return parts[4];
      }
    }
    return null;
  }
}
