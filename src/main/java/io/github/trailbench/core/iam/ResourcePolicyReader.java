package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.PolicyDocument;
import io.github.trailbench.core.model.iam.ResourcePolicies;
import io.github.trailbench.core.model.iam.ResourcePolicy;
import io.github.trailbench.core.model.iam.S3AccessControl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the Trailbench resource-policy manifest ({@code "trailbench": "resource-policies/v1"}).
 * An entry's {@code document} may be the policy itself (object or JSON string) or the output of
 * the CLI command that prints it, e.g. {@code {"Policy": "..."}} from {@code get-bucket-policy}.
 * The output of {@code aws secretsmanager get-resource-policy} is also read on its own, since it
 * names its secret's ARN.
 */
final class ResourcePolicyReader {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private ResourcePolicyReader() {}

  static ResourcePolicies read(String file, String text) throws SourceFormatException {
    Json json = Json.parse(file, text);
    if (json.roots().size() != 1) {
      throw json.roots().get(1).error("a resource-policy manifest holds one JSON object; found " + json.roots().size() + " values");
    }
    Json.At top = json.roots().get(0).object();
    if (!top.field("trailbench").exists() && top.field("ARN").exists() && top.field("ResourcePolicy").exists()) {
      return new ResourcePolicies(file, List.of(entry(file, top, top.field("ARN"), top)));
    }
    String marker = top.field("trailbench").text();
    if (!marker.equals(IamSources.RESOURCE_POLICIES_V1)) {
      throw top.field("trailbench").error("unsupported manifest \"" + marker + "\"; this version reads \"" + IamSources.RESOURCE_POLICIES_V1 + "\"");
    }
    List<ResourcePolicy> out = new ArrayList<>();
    List<S3AccessControl> acls = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    Map<String, String> seenAcl = new HashMap<>();
    for (Json.At e : top.field("policies").requiredElements()) {
      e.object();
      Json.At doc = e.field("document");
      Json.At arnAt = e.field("resourceArn");
      if (!arnAt.exists() && doc.exists() && doc.node.isObject() && doc.field("ARN").exists()) {
        arnAt = doc.field("ARN");
      }
      Optional<S3AccessControl> acl = S3AclFileReader.entry(file, e, arnAt, true);
      if (acl.isPresent()) {
        String first = seenAcl.putIfAbsent(acl.get().resourceArn(), e.path);
        if (first != null) {
          throw arnAt.error(acl.get().resourceArn() + " already has an ACL entry at " + first);
        }
        acls.add(acl.get());
        if (!doc.exists()) {
          continue;
        }
      }
      ResourcePolicy policy = entry(file, e, arnAt, doc);
      for (String name : names(policy)) {
        String first = seen.putIfAbsent(name, e.path);
        if (first != null) {
          throw arnAt.error(name + " already has a policy at " + first + "; a resource has one resource-based policy");
        }
      }
      out.add(policy);
    }
    return new ResourcePolicies(file, out, acls, S3AclFileReader.accounts(top.field("accounts")));
  }

  private static List<String> names(ResourcePolicy p) {
    List<String> names = new ArrayList<>();
    names.add(p.resourceArn());
    names.addAll(p.aliases());
    return names;
  }

  private static ResourcePolicy entry(String file, Json.At e, Json.At arnAt, Json.At doc) throws SourceFormatException {
    String arn = arnAt.nonEmptyText();
    String[] parts = arn.split(":", 6);
    if (!arn.startsWith("arn:") || parts.length < 6 || parts[2].isEmpty() || parts[5].isEmpty()) {
      throw arnAt.error("not an ARN (arn:partition:service:region:account:resource): " + PolicyDocuments.quote(arn));
    }
    String arnService = parts[2];
    String arnAccount = parts[4];
    Json.At serviceAt = e.field("service");
    String service = serviceAt.optText().orElse(arnService);
    if (!service.equals(arnService)) {
      throw serviceAt.error("service \"" + service + "\" does not match the ARN's service \"" + arnService + "\"");
    }
    Json.At accountAt = e.field("resourceAccount");
    Optional<String> account = accountAt.optText();
    if (account.isPresent()) {
      if (!ACCOUNT_ID.matcher(account.get()).matches()) {
        throw accountAt.error("\"" + account.get() + "\" is not an account id (12 digits)");
      }
      if (!arnAccount.isEmpty() && !arnAccount.equals(account.get())) {
        throw accountAt.error("resourceAccount " + account.get() + " differs from the ARN's account " + arnAccount);
      }
    } else if (arnAccount.isEmpty()) {
      throw accountAt.error("resourceAccount is required: " + arn + " carries no account (S3 bucket ARNs never do), "
          + "and same- versus cross-account evaluation needs it");
    }
    List<String> aliases = new ArrayList<>();
    for (Json.At a : e.field("aliases").elements()) {
      String alias = a.nonEmptyText();
      if (alias.startsWith("alias/")) {
        alias = "arn:" + parts[1] + ":" + parts[2] + ":" + parts[3] + ":" + parts[4] + ":" + alias;
      }
      aliases.add(alias);
    }
    PolicyDocument document = PolicyDocuments.read(unwrap(doc));
    return new ResourcePolicy(arn, account.orElse(arnAccount), service, aliases, document, file, e.path.isEmpty() ? "top level" : e.path);
  }

  /**
   * The policy inside a CLI command's output, when {@code at} is such an output rather than a
   * policy: {@code Policy} (s3api get-bucket-policy, kms get-key-policy, lambda get-policy),
   * {@code Policy.Content} (organizations describe-policy), {@code Attributes.Policy} (sqs
   * get-queue-attributes, sns get-topic-attributes), {@code ResourcePolicy} (secretsmanager
   * get-resource-policy), {@code policyText} (ecr get-repository-policy).
   */
  static Json.At unwrap(Json.At at) {
    if (!at.exists() || !at.node.isObject() || at.node.has("Statement")) {
      return at;
    }
    Json.At policy = at.field("Policy");
    if (policy.exists()) {
      return policy.node.isObject() && policy.node.has("Content") ? policy.field("Content") : policy;
    }
    Json.At attributes = at.field("Attributes");
    if (attributes.exists() && attributes.node.isObject() && attributes.node.has("Policy")) {
      return attributes.field("Policy");
    }
    for (String name : List.of("ResourcePolicy", "policyText")) {
      if (at.node.has(name)) {
        return at.field(name);
      }
    }
    return at;
  }
}
