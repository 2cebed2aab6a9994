package io.github.trailbench.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of a decision trace that decided, as a pruned copy with the original ids.
 *
 * <ul>
 *   <li>ExplicitDeny: only the deny branch (step 1, the denying policies and statements with
 *       their elements); SCP/RCP and other Allow branches did not decide and are left out;
 *   <li>ImplicitDeny: the gates that denied (an SCP/RCP level, a mandatory resource-based
 *       policy, the boundary, the session policies) and, when nothing else denied, the identity
 *       step that found no allow; plus a possible explicit deny that depends on unknown values;
 *   <li>Allowed and Undetermined: every step that allowed or was undetermined, down to the
 *       statements that matched (or may match).
 * </ul>
 *
 * A kept statement keeps all its elements and conditions: they are the values that decided.
 */
public final class DecidingPath {
  private DecidingPath() {}

  /** The pruned trace: the root and the nodes that decided, ids as in the full trace. */
  public static TraceNode of(TraceNode root) {
    Set<String> keep = ids(root);
    return copy(root, keep);
  }

  /** Ids of the nodes on the deciding path (the root included), in evaluation order. */
  public static Set<String> ids(TraceNode root) {
    Set<String> out = new LinkedHashSet<>();
    out.add(root.id());
    Outcome decision = root.outcome();
    boolean explicitDeny = "ExplicitDeny".equals(root.detail().get("decision"));
    boolean implicitDeny = "ImplicitDeny".equals(root.detail().get("decision"));
    for (TraceNode step : root.children()) {
      if (step.id().equals(NotDeniable.STEP_ID)) {
        if (step.outcome() == Outcome.ALLOW) {
          out.add(step.id());
          return out;
        }
        continue;
      }
      boolean denyCheck = step.id().equals("1");
      if (explicitDeny) {
        if (denyCheck) {
          markOutcome(step, Outcome.DENY, out);
        }
      } else if (implicitDeny) {
        if (denyCheck && step.outcome() == Outcome.UNDETERMINED) {
          markOutcome(step, Outcome.UNDETERMINED, out);
        } else if (!denyCheck && step.outcome() == Outcome.DENY) {
          markOutcome(step, Outcome.DENY, out);
        }
      } else if (!denyCheck || decision == Outcome.UNDETERMINED) {
        markMattered(step, out);
      }
    }
    if (implicitDeny && onlyDenyCheck(out)) {
      // same account, nothing denied at a gate: the identity step (and resource policy) found no allow
      for (TraceNode step : root.children()) {
        if ((step.id().equals("7") || step.id().equals("4")) && step.outcome() != Outcome.NOT_APPLICABLE) {
          out.add(step.id());
        }
      }
    }
    return out;
  }

  private static boolean onlyDenyCheck(Set<String> ids) {
    for (String id : ids) {
      if (!id.equals("0") && !id.equals("1") && !id.startsWith("1.")) {
        return false;
      }
    }
    return true;
  }

  /** Keeps nodes with the given outcome, and everything under a kept statement. */
  private static void markOutcome(TraceNode n, Outcome wanted, Set<String> out) {
    if (n.outcome() != wanted) {
      return;
    }
    out.add(n.id());
    if (n.kind() == NodeKind.STATEMENT) {
      n.children().forEach(c -> c.walk(d -> out.add(d.id())));
      return;
    }
    for (TraceNode c : n.children()) {
      markOutcome(c, wanted, out);
    }
  }

  private static void markMattered(TraceNode n, Set<String> out) {
    if (!n.outcome().mattered()) {
      return;
    }
    out.add(n.id());
    if (n.kind() == NodeKind.STATEMENT) {
      n.children().forEach(c -> c.walk(d -> out.add(d.id())));
      return;
    }
    for (TraceNode c : n.children()) {
      markMattered(c, out);
    }
  }

  private static TraceNode copy(TraceNode n, Set<String> keep) {
    List<TraceNode> kids = new ArrayList<>();
    for (TraceNode c : n.children()) {
      if (keep.contains(c.id())) {
        kids.add(copy(c, keep));
      }
    }
    return new TraceNode(n.id(), n.kind(), n.label(), n.outcome(), n.explanation(), n.detail(), kids);
  }
}
