package io.github.trailbench.store;

import io.github.trailbench.core.correlate.ChangeSetStacks;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.IssuedKey;
import io.github.trailbench.core.correlate.LoggedPolicyVersions;
import io.github.trailbench.core.correlate.LoggedRoleChanges;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay of a case's calls: its IAM data, the session policies and tags its issuing calls
 * passed, the stacks of the change sets it saw made, the trust policies it saw set and the managed
 * policy versions it saw made the default.
 */
public final class CaseExplainers {
  private CaseExplainers() {}

  /** For replaying many calls: what the case holds is read once. */
  public static Explainer forCase(CaseStore store, IamSnapshot iam) {
    Map<String, List<NamedPolicy>> sessions = CaseSessions.sessionPolicies(store, iam);
    Map<String, IssuedKey> issued = CaseSessions.issuedKeys(store);
    Map<String, String> stacks = changeSetStacks(store);
    Map<String, List<LoggedRoleChanges.Change>> trusts = roleChanges(store);
    Map<String, List<LoggedPolicyVersions.Change>> versions = policyVersionChanges(store);
    return new Explainer(iam, key -> sessions.getOrDefault(key, List.of()), key -> Optional.ofNullable(issued.get(key)),
        changeSet -> Optional.ofNullable(stacks.get(changeSet))).withRoleChanges(role -> trusts.getOrDefault(role, List.of()))
        .withPolicyVersionChanges(policy -> versions.getOrDefault(policy, List.of()));
  }

  /** For one call: each thing read when its decision asks for it, once. */
  public static Explainer forOneCall(CaseStore store, IamSnapshot iam) {
    Map<String, List<NamedPolicy>> sessions = new ConcurrentHashMap<>();
    Map<String, Optional<IssuedKey>> issued = new ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicReference<Map<String, String>> stacks = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Map<String, List<LoggedRoleChanges.Change>>> trusts =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Map<String, List<LoggedPolicyVersions.Change>>> versions =
        new java.util.concurrent.atomic.AtomicReference<>();
    return new Explainer(iam, key -> sessions.computeIfAbsent(key, k -> CaseSessions.sessionPoliciesOf(store, iam, k)),
        key -> issued.computeIfAbsent(key, k -> CaseSessions.issuedKeyOf(store, k)),
        changeSet -> Optional.ofNullable(stacks.updateAndGet(known -> known != null ? known : changeSetStacks(store))
            .get(changeSet)))
        .withRoleChanges(role -> trusts.updateAndGet(known -> known != null ? known : roleChanges(store))
            .getOrDefault(role, List.of()))
        .withPolicyVersionChanges(policy -> versions.updateAndGet(known -> known != null ? known : policyVersionChanges(store))
            .getOrDefault(policy, List.of()));
  }

  private static final Expr ROLE_CHANGES = new Expr.Or(List.of(
      new Expr.Term(Field.EVENT_NAME, "UpdateAssumeRolePolicy", false, -1),
      new Expr.Term(Field.EVENT_NAME, "CreateRole", false, -1),
      new Expr.Term(Field.EVENT_NAME, "UpdateRole", false, -1)));

  /** Each role's settings (trust policy, maximum session duration) the log shows set, by {@link LoggedRoleChanges#key}. */
  static Map<String, List<LoggedRoleChanges.Change>> roleChanges(CaseStore store) {
    Map<String, List<LoggedRoleChanges.Change>> out = new HashMap<>();
    CaseEvents.forEach(store, ROLE_CHANGES, event -> LoggedRoleChanges.madeBy(event)
        .ifPresent(c -> out.computeIfAbsent(LoggedRoleChanges.key(c.account(), c.roleName()), k -> new java.util.ArrayList<>())
            .add(c)), problem -> {});
    return out;
  }

  private static final Expr POLICY_VERSION_CHANGES = new Expr.Or(List.of(
      new Expr.Term(Field.EVENT_NAME, "SetDefaultPolicyVersion", false, -1),
      new Expr.Term(Field.EVENT_NAME, "CreatePolicyVersion", false, -1)));

  /** Each customer managed policy's versions the log shows made (or made the default), by policy ARN. */
  static Map<String, List<LoggedPolicyVersions.Change>> policyVersionChanges(CaseStore store) {
    Map<String, List<LoggedPolicyVersions.Change>> out = new HashMap<>();
    CaseEvents.forEach(store, POLICY_VERSION_CHANGES, event -> LoggedPolicyVersions.madeBy(event)
        .ifPresent(c -> out.computeIfAbsent(c.policyArn(), k -> new java.util.ArrayList<>()).add(c)), problem -> {});
    return out;
  }

  private static final Expr CREATE_CHANGE_SET = new Expr.Term(Field.EVENT_NAME, "CreateChangeSet", false, -1);

  /** Each change set the case saw made (by its ARN), and its stack's ARN. */
  static Map<String, String> changeSetStacks(CaseStore store) {
    Map<String, String> out = new HashMap<>();
    CaseEvents.forEach(store, CREATE_CHANGE_SET,
        event -> ChangeSetStacks.madeBy(event).ifPresent(m -> out.put(m.changeSetArn(), m.stackArn())), problem -> {});
    return out;
  }
}
