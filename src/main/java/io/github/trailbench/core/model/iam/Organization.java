package io.github.trailbench.core.model.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS organization as described by a Trailbench organization manifest: its SCPs and RCPs by
 * id, and the tree of root, OUs and accounts with the policies attached at each node. The reader
 * guarantees every referenced policy id exists and every account appears once.
 */
public record Organization(
    String file, String organizationId, String managementAccountId, Map<String, OrgPolicy> policies, OrgUnit root)
    implements IamSource {

  public Organization {
    policies = Copies.orderedMap(policies);
  }

  @Override
  public IamSourceKind kind() {
    return IamSourceKind.ORGANIZATION;
  }

  public boolean isManagementAccount(String accountId) {
    return managementAccountId.equals(accountId);
  }

  /** The ids of the organizational units of the tree ({@code ou-...}), the root left out. */
  public List<String> organizationalUnitIds() {
    List<String> out = new ArrayList<>();
    List<OrgUnit> todo = new ArrayList<>(root.organizationalUnits());
    while (!todo.isEmpty()) {
      OrgUnit unit = todo.remove(todo.size() - 1);
      out.add(unit.id());
      todo.addAll(unit.organizationalUnits());
    }
    return out;
  }

  public boolean contains(String accountId) {
    return account(accountId).isPresent();
  }

  public Optional<OrgAccount> account(String accountId) {
    List<OrgUnit> path = new ArrayList<>();
    return find(root, accountId, path);
  }

  /** The OUs from the root down to the account's parent (the root first), empty if the account is not in the tree. */
  public List<OrgUnit> pathTo(String accountId) {
    List<OrgUnit> path = new ArrayList<>();
    return find(root, accountId, path).isPresent() ? List.copyOf(path) : List.of();
  }

  /**
   * The policy levels of one type on the account's path: root, each OU top-down, then the account.
   * Empty when the account is not in this organization, or when the manifest holds no policy of
   * that type at all: the type is not enabled (AWS attaches FullAWSAccess or RCPFullAWSAccess to
   * every node when it is, and RCPFullAWSAccess cannot be detached), so it limits nothing. Otherwise
   * a level with no policy of that type is still listed (with no policies), because for SCPs and
   * RCPs that means nothing is allowed there.
   */
  public List<PolicyLevel> levels(String accountId, OrgPolicyType type) {
    if (policies.values().stream().noneMatch(p -> p.type() == type)) {
      return List.of();
    }
    List<OrgUnit> path = new ArrayList<>();
    Optional<OrgAccount> account = find(root, accountId, path);
    if (account.isEmpty()) {
      return List.of();
    }
    PolicyKind kind =
        type == OrgPolicyType.SERVICE_CONTROL_POLICY ? PolicyKind.SERVICE_CONTROL_POLICY : PolicyKind.RESOURCE_CONTROL_POLICY;
    List<PolicyLevel> levels = new ArrayList<>();
    for (OrgUnit unit : path) {
      levels.add(new PolicyLevel(
          unit.isRoot() ? PolicyLevel.Target.ROOT : PolicyLevel.Target.ORGANIZATIONAL_UNIT,
          unit.id(), unit.name(), named(unit.id(), unit.policyIds(), type, kind)));
    }
    OrgAccount a = account.get();
    levels.add(new PolicyLevel(PolicyLevel.Target.ACCOUNT, a.id(), a.name(), named(a.id(), a.policyIds(), type, kind)));
    return List.copyOf(levels);
  }

  private List<NamedPolicy> named(String target, List<String> ids, OrgPolicyType type, PolicyKind kind) {
    List<NamedPolicy> out = new ArrayList<>();
    for (String id : ids) {
      OrgPolicy p = policies.get(id);
      if (p != null && p.type() == type) {
        out.add(new NamedPolicy(p.name(), p.document(),
            new PolicyOrigin(kind, target, Optional.of(p.id()), Optional.empty(), file)));
      }
    }
    return out;
  }

  private static Optional<OrgAccount> find(OrgUnit unit, String accountId, List<OrgUnit> path) {
    path.add(unit);
    for (OrgAccount a : unit.accounts()) {
      if (a.id().equals(accountId)) {
        return Optional.of(a);
      }
    }
    for (OrgUnit child : unit.organizationalUnits()) {
      Optional<OrgAccount> found = find(child, accountId, path);
      if (found.isPresent()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    return Optional.empty();
  }
}
