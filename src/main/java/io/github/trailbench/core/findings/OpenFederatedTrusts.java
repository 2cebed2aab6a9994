package io.github.trailbench.core.findings;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.policy.ConditionClause;
import io.github.trailbench.core.model.policy.ConditionOperator;
import io.github.trailbench.core.model.policy.Effect;
import io.github.trailbench.core.model.policy.PrincipalElement;
import io.github.trailbench.core.model.policy.PrincipalType;
import io.github.trailbench.core.model.policy.PrincipalValue;
import io.github.trailbench.core.model.policy.Statement;
import io.github.trailbench.core.policy.Glob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A role whose trust policy lets in a shared OpenID Connect provider (GitHub Actions, gitlab.com,
 * HCP Terraform) without a condition naming the repository, project or organization, or Amazon Cognito
 * without a condition naming the identity pool. Anyone can
 * get a token from such a provider for a repository of their own; the token's {@code sub} claim
 * is what names the tenant, so a trust that does not test it (or tests it only against a pattern
 * like {@code repo:*}) lets every user of the service assume the role. GitHub's guide to OIDC in
 * AWS, quoting AWS's guidance, asks for a {@code sub} condition in every such trust.
 *
 * <p>Fed every event: the successful AssumeRoleWithWebIdentity calls into such a role are its
 * evidence, with the subjects that used it. One finding per role: high when the trail shows the
 * role assumed through the open statement, medium when it shows none (the role is open all the
 * same, and the case's trail may not reach back to its use).
 */
public final class OpenFederatedTrusts implements Consumer<CloudTrailEvent> {
  public static final String RULE_ID = "federated-trust-any-subject";
  public static final String TITLE = "Role trusts every user of a shared identity provider";
  static final String DESCRIPTION = "The role's trust policy allows sts:AssumeRoleWithWebIdentity to a shared OpenID "
      + "Connect provider (GitHub Actions, gitlab.com, HCP Terraform) without a condition on the token's subject "
      + "(sub) or another claim that names the repository, project or organization, or to Amazon Cognito without a "
      + "condition on cognito-identity.amazonaws.com:aud naming the identity pool. Anyone can obtain a token from "
      + "these providers for a repository (or an identity pool) of their own, so every user of the service can assume "
      + "the role (AWS STS, AssumeRoleWithWebIdentity: a policy that trusts Cognito identity pools without the aud "
      + "condition \"creates a risk that a user from an unintended identity pool can assume the role\").";

  /** Amazon Cognito identity pools' principal: a service name, not an IAM OIDC provider's ARN. */
  static final String COGNITO = "cognito-identity.amazonaws.com";

  /** Shared providers by host, with who can get a token from each. */
  static final Map<String, String> SHARED = Map.of(
      "token.actions.githubusercontent.com", "GitHub Actions workflow of any repository",
      "gitlab.com", "GitLab CI/CD job of any project on gitlab.com",
      "app.terraform.io", "HCP Terraform run of any organization",
      COGNITO, "identity of any Amazon Cognito identity pool, of any account");

  /** Claims besides sub that name the tenant, per provider host (lower case). */
  private static final Map<String, Set<String>> TENANT_CLAIMS = Map.of(
      "token.actions.githubusercontent.com", Set.of("sub", "repository", "repository_id", "repository_owner",
          "repository_owner_id", "job_workflow_ref", "workflow_ref"),
      "gitlab.com", Set.of("sub", "project_path", "project_id", "namespace_path", "namespace_id"),
      "app.terraform.io", Set.of("sub", "terraform_organization_name", "terraform_organization_id",
          "terraform_workspace_id", "terraform_project_id"),
      COGNITO, Set.of("aud"));

  private final IpClassifier ips;
  /** Role ARN → its successful web identity assumptions, in trail order. */
  private final Map<String, List<Evidence.Event>> assumptions = new LinkedHashMap<>();
  private final Map<String, List<String>> subjects = new LinkedHashMap<>();

  public OpenFederatedTrusts(IpClassifier ips) {
    this.ips = ips;
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || !"AssumeRoleWithWebIdentity".equals(e.eventName()) || !"sts.amazonaws.com".equals(e.eventSource())
        || e.failed()) {
      return;
    }
    EventView v = new EventView(e, ips);
    String role = v.resource();
    if (role == null) {
      return;
    }
    assumptions.computeIfAbsent(role, k -> new ArrayList<>()).add(v.toEvidence());
    String sub = e.userIdentity() == null ? null : e.userIdentity().userName();
    List<String> subs = subjects.computeIfAbsent(role, k -> new ArrayList<>());
    if (sub != null && !subs.contains(sub)) {
      subs.add(sub);
    }
  }

  /** One finding per role of {@code roles} with an open statement. */
  public List<Finding> findings(List<IamRole> roles, Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (IamRole role : roles) {
      if (role.trustPolicy() == null) {
        continue;
      }
      io.github.trailbench.core.model.policy.PolicyDocument trust;
      try {
        trust = io.github.trailbench.core.policy.PolicyParser.parse(role.trustPolicy().json(), role.file());
      } catch (io.github.trailbench.core.model.SourceFormatException e) {
        continue; // an unreadable trust policy is the IAM import's problem to report
      }
      for (Statement st : trust.statements()) {
        String host = openTo(st);
        if (host != null) {
          out.add(finding(role, st, host, createdAt));
          break;
        }
      }
    }
    return out;
  }

  private Finding finding(IamRole role, Statement st, String host, Instant createdAt) {
    List<Evidence.Event> used = assumptions.getOrDefault(role.arn(), List.of());
    List<String> subs = subjects.getOrDefault(role.arn(), List.of());
    List<Evidence> evidence = new ArrayList<>(used);
    evidence.add(new Evidence.Principal(role.arn()));
    String summary = role.name() + " can be assumed by any " + SHARED.get(host) + ": its trust policy (statement "
        + st.displayName() + ") lets " + host + " in with no condition on " + host
        + (host.equals(COGNITO) ? ":aud naming the identity pool" : ":sub or another claim naming whose token it is")
        + (used.isEmpty() ? "; the case's trail shows no web identity assumption of it."
            : "; assumed " + used.size() + " time(s) through it, by " + String.join(", ", subs.subList(0, Math.min(5, subs.size())))
                + (subs.size() > 5 ? " and " + (subs.size() - 5) + " more" : "") + ".");
    Instant first = used.isEmpty() ? null : used.get(0).time();
    Instant last = used.isEmpty() ? null : used.get(used.size() - 1).time();
    return new Finding(Finding.idFor(RULE_ID, role.arn()), RULE_ID, TITLE + ": " + role.name() + " (" + host + ")",
        used.isEmpty() ? Severity.MEDIUM : Severity.HIGH, FindingStatus.OPEN, summary, DESCRIPTION, "", evidence,
        used.size(), first, last, createdAt,
        List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
            "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services",
            "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html"));
  }

  /** The shared provider host an Allow statement lets in for any subject, or null. */
  static String openTo(Statement st) {
    if (st.effect() != Effect.ALLOW || !(st.principal() instanceof PrincipalElement.Principal p) || !allowsWebIdentity(st)) {
      return null;
    }
    for (PrincipalValue v : p.values()) {
      if (v.type() != PrincipalType.FEDERATED) {
        continue;
      }
      String host = hostOf(v.value());
      if (host != null && SHARED.containsKey(host) && !namesTenant(st, host)) {
        return host;
      }
    }
    return null;
  }

  private static boolean allowsWebIdentity(Statement st) {
    boolean listed = st.action().values().stream()
        .anyMatch(a -> Glob.match(a, "sts:AssumeRoleWithWebIdentity", true));
    return st.action().negated() != listed;
  }

  /** The provider host of an IAM OIDC provider ARN (…:oidc-provider/HOST), or null. */
  private static String hostOf(String federated) {
    if (federated.equalsIgnoreCase(COGNITO)) {
      return COGNITO;
    }
    int at = federated.indexOf(":oidc-provider/");
    return at < 0 ? null : federated.substring(at + ":oidc-provider/".length()).toLowerCase(Locale.ROOT);
  }

  /** Whether a condition of the statement limits a tenant claim to values that name one. */
  private static boolean namesTenant(Statement st, String host) {
    Set<String> claims = TENANT_CLAIMS.get(host);
    for (ConditionClause c : st.conditions()) {
      String key = c.key().toLowerCase(Locale.ROOT);
      if (!key.startsWith(host + ":") || !claims.contains(key.substring(host.length() + 1))) {
        continue;
      }
      boolean limiting = c.operator() == ConditionOperator.STRING_EQUALS || c.operator() == ConditionOperator.STRING_LIKE
          || c.operator() == ConditionOperator.STRING_EQUALS_IGNORE_CASE;
      if (limiting && !c.values().isEmpty() && c.values().stream().noneMatch(OpenFederatedTrusts::anyTenant)) {
        return true;
      }
    }
    return false;
  }

  /** A pattern any tenant's value matches: "*", or a claim prefix then a wildcard ("repo:*"). */
  private static boolean anyTenant(String value) {
    int colon = value.indexOf(':');
    String rest = colon < 0 ? value : value.substring(colon + 1);
    return value.startsWith("*") || value.startsWith("?") || rest.startsWith("*") || rest.startsWith("?");
  }
}
