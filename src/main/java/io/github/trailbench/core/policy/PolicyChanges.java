package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.NamedPolicy;
import java.util.ArrayList;
import java.util.List;

/** Applies {@link PolicyChange}s to a {@link PolicySet}; the set itself is never modified. */
public final class PolicyChanges {
  private PolicyChanges() {}

  /**
   * The set with the changes applied in order.
   *
   * @throws IllegalArgumentException when a change names a policy the set does not hold (or
   *     holds twice under that name), adds a second boundary or resource policy, or adds an SCP
   *     or RCP to a set that has no organization levels; the message says which
   */
  public static PolicySet apply(PolicySet set, List<? extends PolicyChange> changes) {
    Mutable m = new Mutable(set);
    for (PolicyChange c : changes) {
      m.apply(c);
    }
    return new PolicySet(m.identity, m.boundary, m.session, m.resource, m.scps, m.rcps, set.flags(), set.s3Acl());
  }

  private static final class Mutable {
    final List<NamedPolicy> identity;
    NamedPolicy boundary;
    final List<NamedPolicy> session;
    NamedPolicy resource;
    final List<List<NamedPolicy>> scps = new ArrayList<>();
    final List<List<NamedPolicy>> rcps = new ArrayList<>();

    Mutable(PolicySet set) {
      identity = new ArrayList<>(set.identityPolicies());
      boundary = set.permissionsBoundary();
      session = new ArrayList<>(set.sessionPolicies());
      resource = set.resourcePolicy();
      set.scps().forEach(l -> scps.add(new ArrayList<>(l)));
      set.rcps().forEach(l -> rcps.add(new ArrayList<>(l)));
    }

    void apply(PolicyChange change) {
      PolicyKind kind = change.kind();
      switch (kind) {
        case IDENTITY -> list(identity, change);
        case SESSION -> list(session, change);
        case BOUNDARY -> boundary = single(boundary, change);
        case RESOURCE -> resource = single(resource, change);
        case SCP -> levels(scps, change);
        case RCP -> levels(rcps, change);
        default -> throw new IllegalStateException(kind.name());
      }
    }

    private static void list(List<NamedPolicy> policies, PolicyChange change) {
      if (change instanceof PolicyChange.Add add) {
        if (indexOf(policies, add.policyName(), change) >= 0) {
          throw new IllegalArgumentException("there already is a " + change.kind().label() + " named " + add.policyName());
        }
        policies.add(add.policy());
        return;
      }
      int i = indexOf(policies, change.policyName(), change);
      if (i < 0) {
        throw missing(change);
      }
      if (change instanceof PolicyChange.Replace r) {
        policies.set(i, new NamedPolicy(r.policyName(), r.document()));
      } else {
        policies.remove(i);
      }
    }

    private static NamedPolicy single(NamedPolicy current, PolicyChange change) {
      if (change instanceof PolicyChange.Add add) {
        if (current != null) {
          throw new IllegalArgumentException("the set already has a " + change.kind().label() + " (" + current.name()
              + "); edit or remove it instead of adding another");
        }
        return add.policy();
      }
      if (current == null || !current.name().equals(change.policyName())) {
        throw missing(change);
      }
      return change instanceof PolicyChange.Replace r ? new NamedPolicy(r.policyName(), r.document()) : null;
    }

    private static void levels(List<List<NamedPolicy>> levels, PolicyChange change) {
      if (change instanceof PolicyChange.Add add) {
        if (levels.isEmpty()) {
          throw new IllegalArgumentException("no " + change.kind().name() + " levels are in force here (the account is in no"
              + " organization the case knows), so an added " + change.kind().name() + " would not apply");
        }
        int level = add.level() < 0 ? levels.size() - 1 : add.level();
        if (level >= levels.size()) {
          throw new IllegalArgumentException(change.kind().name() + " level " + (level + 1) + " does not exist (there are "
              + levels.size() + ")");
        }
        levels.get(level).add(add.policy());
        return;
      }
      int foundLevel = -1;
      int foundIndex = -1;
      for (int l = 0; l < levels.size(); l++) {
        int i = indexOf(levels.get(l), change.policyName(), change);
        if (i >= 0) {
          if (foundLevel >= 0) {
            throw ambiguous(change);
          }
          foundLevel = l;
          foundIndex = i;
        }
      }
      if (foundLevel < 0) {
        throw missing(change);
      }
      if (change instanceof PolicyChange.Replace r) {
        levels.get(foundLevel).set(foundIndex, new NamedPolicy(r.policyName(), r.document()));
      } else {
        levels.get(foundLevel).remove(foundIndex);
      }
    }

    private static int indexOf(List<NamedPolicy> policies, String name, PolicyChange change) {
      int found = -1;
      for (int i = 0; i < policies.size(); i++) {
        if (policies.get(i).name().equals(name)) {
          if (found >= 0) {
            throw ambiguous(change);
          }
          found = i;
        }
      }
      return found;
    }

    private static IllegalArgumentException missing(PolicyChange change) {
      return new IllegalArgumentException("cannot " + change.describe() + ": the policies in force have no "
          + change.kind().label() + " named " + change.policyName());
    }

    private static IllegalArgumentException ambiguous(PolicyChange change) {
      return new IllegalArgumentException("cannot " + change.describe() + ": two " + change.kind().label()
          + " policies have that name");
    }
  }
}
