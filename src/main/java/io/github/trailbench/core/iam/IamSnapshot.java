package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.Arn;

import io.github.trailbench.core.model.iam.AccessAdvisorReports;
import io.github.trailbench.core.model.iam.AccessKeyStatus;
import io.github.trailbench.core.model.iam.AttachedPolicy;
import io.github.trailbench.core.model.iam.AuthorizationDetails;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.CredentialReportRow;
import io.github.trailbench.core.model.iam.IamGroup;
import io.github.trailbench.core.model.iam.IamPrincipal;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.InlinePolicy;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.NamedPolicy;
import io.github.trailbench.core.model.iam.OrgPolicyType;
import io.github.trailbench.core.model.iam.Organization;
import io.github.trailbench.core.model.iam.PolicyKind;
import io.github.trailbench.core.model.iam.PolicyLevel;
import io.github.trailbench.core.model.iam.PolicyOrigin;
import io.github.trailbench.core.model.iam.PolicyVersion;
import io.github.trailbench.core.model.iam.ResolvedPolicies;
import io.github.trailbench.core.model.iam.ResourcePolicies;
import io.github.trailbench.core.model.iam.ResourcePolicy;
import io.github.trailbench.core.model.iam.AccountIds;
import io.github.trailbench.core.model.iam.S3AccessControl;
import io.github.trailbench.core.model.iam.S3AccessControls;
import io.github.trailbench.core.model.iam.UnresolvedPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The IAM world of the case, merged from every IAM source read, with the lookups the policy
 * engine needs to gather the policies in force for a principal and a resource.
 *
 * <p>Merging: entities are keyed by ARN; when two sources hold the same user, group, role,
 * managed policy, credential-report row or resource policy, the later source in the list wins
 * and {@link #warnings()} says so if they differ. An authorization-details file whose last page
 * says {@code IsTruncated} is reported there too. Immutable and safe to share between threads.
 */
public final class IamSnapshot {
  private final List<IamSource> sources;
  private final Map<String, IamUser> users = new LinkedHashMap<>();
  private final Map<String, IamGroup> groups = new LinkedHashMap<>();
  private final Map<String, IamRole> roles = new LinkedHashMap<>();
  private final Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
  private final Map<String, CredentialReportRow> reportRows = new LinkedHashMap<>();
  private final Map<String, ResourcePolicy> resourcePolicies = new LinkedHashMap<>();
  private final Map<String, ResourcePolicy> resourcePolicyAliases = new LinkedHashMap<>();
  private final List<Organization> organizations = new ArrayList<>();
  private final Map<String, S3AccessControl> s3AccessControls = new LinkedHashMap<>();
  private final Map<String, String> canonicalIds = new LinkedHashMap<>();
  private final Map<String, String> emails = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final AccessAdvisor accessAdvisor;

  private IamSnapshot(List<IamSource> sources) {
    this.sources = List.copyOf(sources);
    List<AccessAdvisorReports> advisorFiles = new ArrayList<>();
    for (IamSource source : this.sources) {
      if (source instanceof AuthorizationDetails d) {
        add(d);
      } else if (source instanceof CredentialReport r) {
        r.rows().forEach(row -> put(reportRows, row.arn(), row, x -> r.file(), "credential report row", r.file()));
      } else if (source instanceof Organization o) {
        organizations.add(o);
      } else if (source instanceof ResourcePolicies rp) {
        rp.policies().forEach(p -> {
          put(resourcePolicies, p.resourceArn(), p, ResourcePolicy::file, "resource policy", rp.file());
          p.aliases().forEach(a -> resourcePolicyAliases.put(a, p));
        });
        rp.accessControls().forEach(a -> putAccessControl(a, rp.file()));
        rp.accounts().forEach(this::putAccount);
      } else if (source instanceof S3AccessControls a) {
        a.entries().forEach(e -> putAccessControl(e, a.file()));
        a.accounts().forEach(this::putAccount);
      } else if (source instanceof AccessAdvisorReports a) {
        advisorFiles.add(a);
      }
    }
    accessAdvisor = AccessAdvisor.of(advisorFiles);
  }

  /** ACL and ownership controls of one resource may come from different files: they are merged, a later one winning per part. */
  private void putAccessControl(S3AccessControl a, String file) {
    S3AccessControl previous = s3AccessControls.get(a.resourceArn());
    if (previous == null) {
      s3AccessControls.put(a.resourceArn(), a);
      return;
    }
    if (previous.acl().isPresent() && a.acl().isPresent() && !previous.acl().equals(a.acl())) {
      warnings.add(file + ": the ACL of " + a.resourceArn() + " differs from the one in " + previous.file() + "; using " + file + "'s");
    }
    s3AccessControls.put(a.resourceArn(), new S3AccessControl(a.resourceArn(), a.resourceAccount(),
        a.acl().isPresent() ? a.acl() : previous.acl(), a.ownership().isPresent() ? a.ownership() : previous.ownership(),
        a.file(), a.position()));
  }

  private void putAccount(AccountIds ids) {
    ids.canonicalUserId().ifPresent(c -> canonicalIds.put(ids.accountId(), c));
    ids.email().ifPresent(e -> emails.put(ids.accountId(), e));
  }

  public static IamSnapshot of(List<? extends IamSource> sources) {
    return new IamSnapshot(List.copyOf(Objects.requireNonNull(sources, "sources")));
  }

  public static IamSnapshot empty() {
    return new IamSnapshot(List.of());
  }

  private void add(AuthorizationDetails d) {
    d.users().forEach(u -> put(users, u.arn(), u, IamUser::file, "user", d.file()));
    d.groups().forEach(g -> put(groups, g.arn(), g, IamGroup::file, "group", d.file()));
    d.roles().forEach(r -> put(roles, r.arn(), r, IamRole::file, "role", d.file()));
    d.policies().forEach(p -> put(policies, p.arn(), p, ManagedPolicy::file, "managed policy", d.file()));
    if (d.truncated()) {
      warnings.add(d.file() + ": the last page says there is more (IsTruncated or the AWS CLI's NextToken)"
          + d.marker().map(m -> ", resuming at " + m).orElse("")
          + "; unless a later page is in another file, the authorization details are incomplete");
    }
  }

  /** Later sources win; a differing duplicate (compared without the file it came from) is noted. */
  private <T> void put(Map<String, T> map, String key, T value, Function<T, String> fileOf, String what, String file) {
    T previous = map.put(key, value);
    if (previous != null && !withoutFile(previous, fileOf).equals(withoutFile(value, fileOf))) {
      warnings.add(file + ": " + what + " " + key + " differs from the one in " + fileOf.apply(previous) + "; using " + file + "'s");
    }
  }

  private static <T> String withoutFile(T value, Function<T, String> fileOf) {
    return value.toString().replace("file=" + fileOf.apply(value), "file=");
  }

  // ---------------------------------------------------------------- sources and listings

  public List<IamSource> sources() {
    return sources;
  }

  /** Notes about the merge: incomplete pages, the same entity differing between files. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public List<IamUser> users() {
    return List.copyOf(users.values());
  }

  public List<IamGroup> groups() {
    return List.copyOf(groups.values());
  }

  public List<IamRole> roles() {
    return List.copyOf(roles.values());
  }

  public List<ManagedPolicy> managedPolicies() {
    return List.copyOf(policies.values());
  }

  public List<ResourcePolicy> resourcePolicies() {
    return List.copyOf(resourcePolicies.values());
  }

  /** The case's Access Advisor reports (service last-accessed data). */
  public AccessAdvisor accessAdvisor() {
    return accessAdvisor;
  }

  public List<Organization> organizations() {
    return List.copyOf(organizations);
  }

  // ---------------------------------------------------------------- principals

  /**
   * A user by ARN ({@code arn:aws:iam::ACCT:user/path/name}) or by name. A name is matched
   * exactly, then ignoring case (IAM names are unique ignoring case); it must be unambiguous
   * across the accounts in the case.
   */
  public Optional<IamUser> user(String nameOrArn) {
    return lookup(users, nameOrArn, "user");
  }

  /** A group by ARN or by name (as {@link #user}). */
  public Optional<IamGroup> group(String nameOrArn) {
    return lookup(groups, nameOrArn, "group");
  }

  /**
   * A role by ARN or by name (as {@link #user}). Also resolves a role ARN written without its
   * path and an assumed-role session ARN {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}.
   */
  public Optional<IamRole> role(String nameOrArnOrSession) {
    Optional<Arn> arn = Arn.parse(nameOrArnOrSession);
    if (arn.isPresent() && arn.get().service().equals("sts") && arn.get().resourceType().equals("assumed-role")) {
      String[] parts = arn.get().resource().split("/");
      if (parts.length < 2) {
        return Optional.empty();
      }
      return byAccountAndName(roles, arn.get().account(), parts[1], "role");
    }
    return lookup(roles, nameOrArnOrSession, "role");
  }

  /** The user or role an ARN names: IAM user ARN, IAM role ARN, or assumed-role session ARN. */
  public Optional<IamPrincipal> principal(String arn) {
    Optional<Arn> parsed = Arn.parse(arn);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    String type = parsed.get().resourceType();
    if (parsed.get().service().equals("iam") && type.equals("user")) {
      return user(arn).map(IamPrincipal.class::cast);
    }
    if (type.equals("role") || type.equals("assumed-role")) {
      return role(arn).map(IamPrincipal.class::cast);
    }
    return Optional.empty();
  }

  /** The tags of a user or role (for an assumed-role session: the role's tags; session tags are in the log, not here). */
  public Map<String, String> principalTags(String principalArn) {
    return principal(principalArn).map(IamPrincipal::tags).orElse(Map.of());
  }

  /** True when the role (by ARN, name or session ARN) is service-linked: its path is {@code /aws-service-role/...}. */
  public boolean isServiceLinkedRole(String roleArn) {
    return role(roleArn).map(IamRole::serviceLinked)
        .orElseGet(() -> Arn.parse(roleArn).map(a -> a.resource().startsWith("role/aws-service-role/")).orElse(false));
  }

  private <T> Optional<T> lookup(Map<String, T> map, String nameOrArn, String type) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      return Optional.empty();
    }
    T exact = map.get(nameOrArn);
    if (exact != null) {
      return Optional.of(exact);
    }
    Optional<Arn> arn = Arn.parse(nameOrArn);
    if (arn.isPresent()) {
      if (!arn.get().service().equals("iam") || !arn.get().resourceType().equals(type)) {
        return Optional.empty();
      }
      // an ARN without the entity's path, as some logs and policies write it
      return byAccountAndName(map, arn.get().account(), arn.get().lastName(), type);
    }
    return byAccountAndName(map, null, nameOrArn, type);
  }

  private <T> Optional<T> byAccountAndName(Map<String, T> map, String account, String name, String type) {
    List<T> exact = new ArrayList<>();
    List<T> ignoringCase = new ArrayList<>();
    for (Map.Entry<String, T> e : map.entrySet()) {
      Arn a = Arn.parse(e.getKey()).orElseThrow();
      if (!a.resourceType().equals(type) || (account != null && !a.account().equals(account))) {
        continue;
      }
      String n = a.lastName();
      if (n.equals(name)) {
        exact.add(e.getValue());
      } else if (n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        ignoringCase.add(e.getValue());
      }
    }
    List<T> found = exact.isEmpty() ? ignoringCase : exact;
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  // ---------------------------------------------------------------- identity policies

  /**
   * The identity-based policies of a principal (user ARN, role ARN or assumed-role session ARN),
   * in AWS's terms and this order: for a user its inline policies, its attached managed policies
   * (default version), then for each of its groups in the user's order the group's inline and
   * attached policies; for a role its inline then attached policies. Empty when the principal
   * is not in the case.
   */
  public Optional<ResolvedPolicies> identityPolicies(String principalArn) {
    return principal(principalArn).map(this::identityPolicies);
  }

  public ResolvedPolicies identityPolicies(IamPrincipal principal) {
    List<NamedPolicy> found = new ArrayList<>();
    List<UnresolvedPolicy> missing = new ArrayList<>();
    if (principal instanceof IamUser u) {
      inline(u.arn(), u.inlinePolicies(), PolicyKind.USER_INLINE, u.file(), found);
      managed(u.arn(), u.attachedPolicies(), PolicyKind.USER_MANAGED, found, missing);
      for (String groupName : u.groups()) {
        Optional<IamGroup> group = byAccountAndName(groups, u.accountId(), groupName, "group");
        if (group.isEmpty()) {
          missing.add(new UnresolvedPolicy(PolicyKind.GROUP_INLINE, u.arn(), "group/" + groupName,
              "the user is in group " + groupName + ", which is not in the case: its inline and attached policies are unknown"));
          continue;
        }
        IamGroup g = group.get();
        inline(g.arn(), g.inlinePolicies(), PolicyKind.GROUP_INLINE, g.file(), found);
        managed(g.arn(), g.attachedPolicies(), PolicyKind.GROUP_MANAGED, found, missing);
      }
    } else if (principal instanceof IamRole r) {
      inline(r.arn(), r.inlinePolicies(), PolicyKind.ROLE_INLINE, r.file(), found);
      managed(r.arn(), r.attachedPolicies(), PolicyKind.ROLE_MANAGED, found, missing);
    }
    return new ResolvedPolicies(found, missing);
  }

  /** The permissions boundary of a principal: one policy, one unresolved reference, or none. */
  public ResolvedPolicies permissionsBoundary(IamPrincipal principal) {
    if (principal.permissionsBoundary().isEmpty()) {
      return ResolvedPolicies.NONE;
    }
    List<NamedPolicy> found = new ArrayList<>();
    List<UnresolvedPolicy> missing = new ArrayList<>();
    managed(principal.arn(), List.of(principal.permissionsBoundary().get()), PolicyKind.PERMISSIONS_BOUNDARY, found, missing);
    return new ResolvedPolicies(found, missing);
  }

  /** The permissions boundary of a principal by ARN (user, role or session); empty when the principal is not in the case. */
  public Optional<ResolvedPolicies> permissionsBoundary(String principalArn) {
    return principal(principalArn).map(this::permissionsBoundary);
  }

  /** A role's trust policy (its AssumeRolePolicyDocument), named after the role. */
  public Optional<NamedPolicy> trustPolicy(String roleArnOrName) {
    return role(roleArnOrName).map(r -> new NamedPolicy(r.name(), r.trustPolicy(),
        new PolicyOrigin(PolicyKind.TRUST_POLICY, r.arn(), Optional.empty(), Optional.empty(), r.file())));
  }

  private static void inline(String holder, List<InlinePolicy> list, PolicyKind kind, String file, List<NamedPolicy> out) {
    for (InlinePolicy p : list) {
      out.add(new NamedPolicy(p.name(), p.document(), new PolicyOrigin(kind, holder, Optional.empty(), Optional.empty(), file)));
    }
  }

  private void managed(String holder, List<AttachedPolicy> list, PolicyKind kind, List<NamedPolicy> out, List<UnresolvedPolicy> missing) {
    for (AttachedPolicy a : list) {
      ManagedPolicy p = policies.get(a.arn());
      if (p == null) {
        missing.add(new UnresolvedPolicy(kind, holder, a.arn(), ManagedPolicy.isAwsManagedArn(a.arn())
            ? "AWS-managed policy " + a.name() + " is referenced, but its document is not in the case"
            : "customer-managed policy " + a.name() + " is referenced, but its document is not in the case"));
        continue;
      }
      PolicyVersion v = p.defaultVersion();
      out.add(new NamedPolicy(p.name(), v.document(),
          new PolicyOrigin(kind, holder, Optional.of(p.arn()), Optional.of(v.versionId()), p.file())));
    }
  }

  /** A managed policy with all its versions, by ARN. */
  public Optional<ManagedPolicy> managedPolicy(String policyArn) {
    return Optional.ofNullable(policies.get(policyArn));
  }

  // ---------------------------------------------------------------- organization

  /** The organization that contains the account, if a manifest in the case lists it. */
  public Optional<Organization> organizationOf(String accountId) {
    return organizations.stream().filter(o -> o.contains(accountId)).findFirst();
  }

  /**
   * The SCP levels on the account's path, root first, then each OU top-down, then the account.
   * Empty when the account is in no organization of the case. Note that SCPs do not restrict
   * the management account ({@link #isManagementAccount}); the engine applies that rule.
   */
  public List<PolicyLevel> scpLevels(String accountId) {
    return organizationOf(accountId).map(o -> o.levels(accountId, OrgPolicyType.SERVICE_CONTROL_POLICY)).orElse(List.of());
  }

  /** The RCP levels on the path of the resource's account, root first; empty outside an organization. */
  public List<PolicyLevel> rcpLevels(String accountId) {
    return organizationOf(accountId).map(o -> o.levels(accountId, OrgPolicyType.RESOURCE_CONTROL_POLICY)).orElse(List.of());
  }

  /** True when a manifest in the case names the account as its organization's management account. */
  public boolean isManagementAccount(String accountId) {
    return organizations.stream().anyMatch(o -> o.isManagementAccount(accountId));
  }

  // ---------------------------------------------------------------- resource policies

  /**
   * The resource-based policy governing a resource ARN: the exact ARN; for an S3 object
   * ({@code arn:aws:s3:::bucket/key}) the bucket's policy; for a KMS alias ARN the policy of the
   * key that lists it among its aliases.
   */
  public Optional<ResourcePolicy> resourcePolicy(String resourceArn) {
    if (resourceArn == null) {
      return Optional.empty();
    }
    ResourcePolicy exact = resourcePolicies.get(resourceArn);
    if (exact == null) {
      exact = resourcePolicyAliases.get(resourceArn);
    }
    if (exact != null) {
      return Optional.of(exact);
    }
    Optional<Arn> arn = Arn.parse(resourceArn);
    if (arn.isPresent() && arn.get().service().equals("s3") && arn.get().region().isEmpty() && arn.get().account().isEmpty()) {
      String resource = arn.get().resource();
      int slash = resource.indexOf('/');
      if (slash > 0) {
        return Optional.ofNullable(resourcePolicies.get(arn.get().prefix() + resource.substring(0, slash)));
      }
    }
    // a DynamoDB index (…:table/T/index/I) or stream is governed by its table's policy (DynamoDB Developer Guide,
    // "Resource-based policies": "the resource-based policy for a table also includes the index")
    if (arn.isPresent() && arn.get().service().equals("dynamodb") && arn.get().resource().startsWith("table/")
        && arn.get().resource().indexOf("/index/") > 0) {
      return Optional.ofNullable(resourcePolicies.get(resourceArn.substring(0, resourceArn.indexOf("/index/"))));
    }
    // an object through an access point (…:accesspoint/NAME/object/KEY): the access point's policy
    int object = resourceArn.indexOf("/object/");
    if (arn.isPresent() && arn.get().service().equals("s3") && arn.get().resource().startsWith("accesspoint/") && object > 0) {
      return Optional.ofNullable(resourcePolicies.get(resourceArn.substring(0, object)));
    }
    return Optional.empty();
  }

  /** The ACL / ownership controls the case holds for exactly this S3 bucket or object ARN. */
  public Optional<S3AccessControl> s3AccessControl(String resourceArn) {
    return resourceArn == null ? Optional.empty() : Optional.ofNullable(s3AccessControls.get(resourceArn));
  }

  /** Every S3 ACL / ownership-controls entry of the case. */
  public List<S3AccessControl> s3AccessControls() {
    return List.copyOf(s3AccessControls.values());
  }

  /**
   * Account id → canonical user id, as the case knows it: the accounts lists of its S3 ACL
   * inputs, and the Owner of each bucket ACL (the canonical id of the bucket's account).
   */
  public Map<String, String> canonicalIds() {
    Map<String, String> out = new LinkedHashMap<>();
    for (S3AccessControl a : s3AccessControls.values()) {
      boolean bucket = !a.resourceArn().substring(a.resourceArn().indexOf(":::") + 3).contains("/");
      if (bucket && a.acl().isPresent() && a.acl().get().ownerId() != null) {
        out.putIfAbsent(a.resourceAccount(), a.acl().get().ownerId());
      }
    }
    out.putAll(canonicalIds);
    return out;
  }

  /** Account id → the e-mail address of its root user, from the accounts lists of S3 ACL inputs. */
  public Map<String, String> accountEmails() {
    return Map.copyOf(emails);
  }

  /** {@link #resourcePolicy} as a named document for the engine (named after the resource). */
  public Optional<NamedPolicy> resourcePolicyDocument(String resourceArn) {
    return resourcePolicy(resourceArn).map(p -> new NamedPolicy(p.resourceArn(), p.document(),
        new PolicyOrigin(PolicyKind.RESOURCE_POLICY, p.resourceArn(), Optional.empty(), Optional.empty(), p.file())));
  }

  // ---------------------------------------------------------------- credential report

  /** A credential report row by user ARN (the root user: {@code arn:aws:iam::ACCT:root}) or user name ({@code <root_account>} for root). */
  public Optional<CredentialReportRow> credentialReportRow(String userNameOrArn) {
    if (userNameOrArn == null) {
      return Optional.empty();
    }
    CredentialReportRow exact = reportRows.get(userNameOrArn);
    if (exact != null) {
      return Optional.of(exact);
    }
    List<CredentialReportRow> byName = reportRows.values().stream().filter(r -> r.user().equals(userNameOrArn)).toList();
    if (byName.isEmpty() && Arn.parse(userNameOrArn).isEmpty()) {
      byName = reportRows.values().stream().filter(r -> r.user().equalsIgnoreCase(userNameOrArn)).toList();
    }
    return byName.size() == 1 ? Optional.of(byName.get(0)) : Optional.empty();
  }

  /** The status of access-key slot 1 or 2 of a user, from the credential report. */
  public Optional<AccessKeyStatus> accessKeyStatus(String userNameOrArn, int slot) {
    return credentialReportRow(userNameOrArn).map(r -> r.accessKey(slot));
  }
}
