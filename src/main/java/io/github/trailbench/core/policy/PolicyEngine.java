package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.ActionElement;
import io.github.trailbench.core.model.policy.ConditionClause;
import io.github.trailbench.core.model.policy.Effect;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.PrincipalElement;
import io.github.trailbench.core.model.policy.PrincipalType;
import io.github.trailbench.core.model.policy.PrincipalValue;
import io.github.trailbench.core.model.policy.ResourceElement;
import io.github.trailbench.core.model.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS's policy evaluation logic, producing a decision with its trace.
 *
 * <p>The trace root (id "0") is the decision; its children are always these seven steps, in
 * this order and with these ids:
 *
 * <ol>
 *   <li>"1" explicit deny check over every applicable policy (children: policies with Deny
 *       statements, then those statements);
 *   <li>"2" SCPs (children: one node per level, root first, then policies, then Allow statements);
 *   <li>"3" RCPs (likewise);
 *   <li>"4" resource-based policy;
 *   <li>"5" permissions boundary;
 *   <li>"6" session policies;
 *   <li>"7" identity-based policies.
 * </ol>
 *
 * A statement node's children are its element nodes (Action/NotAction, Resource/NotResource,
 * Principal/NotPrincipal, Condition) in that order; evaluation stops at the first element that
 * does not match, so later elements are absent then. Condition nodes sit under the Condition
 * element. See docs/policy-engine.md for the semantics.
 *
 * <p>Thread-safe; one instance can serve a whole batch.
 *
 * <p>Why this class is still large: element matching, the combination and the trace nodes of one
 * request share the per-request state of {@code Run} (statement results feed both the decision
 * table and the trace). What stands on its own has moved out: wildcard and ARN matching
 * ({@link Glob}), conditions ({@link ConditionEvaluator}), calls no policy can deny
 * ({@link NotDeniable}), the one-sentence reading and the deciding path of a finished trace
 * ({@link DecisionSentence}, {@link DecidingPath}).
 */
public final class PolicyEngine {
  /**
   * Whether {@code actionLower} (lower case) on a role is authorized by the role's trust policy: the
   * AssumeRole calls, and the two permissions a role assumption asks besides (IAM User Guide:
   * "Passing session tags in AWS STS", the role trust policy must allow {@code sts:TagSession};
   * "Monitor and control actions taken with assumed roles", {@code sts:SetSourceIdentity}).
   */
  public static boolean isTrustPolicyAction(String actionLower) {
    return actionLower.startsWith("sts:assumerole") || actionLower.equals("sts:tagsession")
        || actionLower.equals("sts:setsourceidentity");
  }

  /**
   * The resource-based policy step's {@code grant} detail when the policy allows only the caller's
   * account: it delegates to the identity-based policies, which must allow.
   */
  /** What the bucket owner's root user may do to a bucket policy whatever it says (lower case). */
  static final java.util.Set<String> OWNER_ROOT_BUCKET_POLICY_ACTIONS =
      java.util.Set.of("s3:getbucketpolicy", "s3:putbucketpolicy", "s3:deletebucketpolicy");

  public static final String GRANT_DELEGATED = "account (delegated to identity policies)";


  private final Map<String, int[]> patternCache = new ConcurrentHashMap<>();

  /** How a resource policy's Principal matched the caller (strongest last). */
  enum PMatch { NONE, ACCOUNT, ANY, ROLE, DIRECT }

  /**
   * The KMS operations a principal of another account may call on a key (AWS KMS permissions
   * reference, "Cross-account use: Yes"), lower case; the others (ScheduleKeyDeletion, PutKeyPolicy,
   * DisableKey, …) fail across accounts whatever the policies say.
   */
  static final java.util.Set<String> KMS_CROSS_ACCOUNT = java.util.Set.of("kms:creategrant", "kms:decrypt", "kms:derivesharedsecret",
      "kms:describekey", "kms:encrypt", "kms:generatedatakey", "kms:generatedatakeypair", "kms:generatedatakeypairwithoutplaintext",
      "kms:generatedatakeywithoutplaintext", "kms:generatemac", "kms:getkeyrotationstatus", "kms:getpublickey", "kms:listgrants",
      "kms:reencryptfrom", "kms:reencryptto", "kms:retiregrant", "kms:revokegrant", "kms:sign", "kms:verify", "kms:verifymac");

  static final class StmtEval {
    Statement st;
    PolicyEval owner;
    NodeBuilder node;
    Tri applies;
    PMatch pm = PMatch.NONE;
    String actionMatched;
    String resourceMatched;
  }

  static final class PolicyEval {
    NamedPolicy policy;
    PolicyKind kind;
    String where;
    final List<StmtEval> allows = new ArrayList<>();
    final List<StmtEval> denies = new ArrayList<>();
    Tri allow = Tri.FALSE;
    Tri deny = Tri.FALSE;

    String describe() {
      return "policy " + policy.name() + " (" + where + ")";
    }
  }

  /** Evaluates a request against a policy set. */
  public EvaluationResult evaluate(Request request, PolicySet set) {
    return new Run(request, set).run();
  }

  private final class Run {
    final Request req;
    final PolicySet set;
    final PrincipalInfo pi;
    final EvalContext ctx;
    final String actionLower;
    final String resAcct;
    final boolean sameAccount;
    final boolean kms;
    final boolean trust;
    final boolean identitySide;
    final boolean hasBoundary;
    final boolean resourceUnknown;
    final List<PolicyEval> all = new ArrayList<>();

    Run(Request req, PolicySet set) {
      this.req = req;
      this.set = set;
      PrincipalInfo parsed = PrincipalInfo.parse(req.principal());
      this.pi = parsed.kind() == PrincipalInfo.Kind.FEDERATED_USER && req.federatingUser() != null
          ? parsed.federatedBy(req.federatingUser()) : parsed;
      this.actionLower = req.action().toLowerCase(Locale.ROOT);
      String ra = req.resourceAccount();
      if (ra == null || ra.isEmpty()) {
        ra = arnAccount(req.resource());
      }
      if ((ra == null || ra.isEmpty()) && pi.account() != null) {
        ra = pi.account();
      }
      this.resAcct = ra;
      this.ctx = new EvalContext(req, pi, ra);
      this.sameAccount = pi.account() == null || ra == null || pi.account().equals(ra);
      EvaluationFlags f = set.flags();
      this.kms = f.kmsKey() != null ? f.kmsKey() : isKmsKey(req.resource());
      this.trust = f.trustPolicy() != null ? f.trustPolicy()
          : isTrustPolicyAction(actionLower) && req.resource().matches("arn:[^:]+:iam::\\d*:role/.+");
      this.identitySide = pi.kind().isIamIdentity();
      this.hasBoundary = set.permissionsBoundary() != null && identitySide;
      this.resourceUnknown = req.resourceUnknown();
    }

    EvaluationResult run() {
      EvaluationFlags f = set.flags();
      boolean scpApplies = !set.scps().isEmpty() && !f.principalInManagementAccount() && !f.serviceLinkedRole() && identitySide;
      boolean rcpApplies = !set.rcps().isEmpty() && !f.resourceInManagementAccount() && !f.serviceLinkedRole()
          && RcpServices.govern(req.action());
      boolean required = kms || trust;

      List<List<PolicyEval>> scps = new ArrayList<>();
      if (scpApplies) {
        for (int i = 0; i < set.scps().size(); i++) {
          List<PolicyEval> level = new ArrayList<>();
          for (NamedPolicy p : set.scps().get(i)) {
            level.add(evalPolicy(p, PolicyKind.SCP, "SCP, level " + (i + 1) + " " + levelName(i, set.scps().size())));
          }
          scps.add(level);
        }
      }
      List<List<PolicyEval>> rcps = new ArrayList<>();
      if (rcpApplies) {
        for (int i = 0; i < set.rcps().size(); i++) {
          List<PolicyEval> level = new ArrayList<>();
          for (NamedPolicy p : set.rcps().get(i)) {
            level.add(evalPolicy(p, PolicyKind.RCP, "RCP, level " + (i + 1) + " " + levelName(i, set.rcps().size())));
          }
          rcps.add(level);
        }
      }
      PolicyEval resource = set.resourcePolicy() == null ? null : evalPolicy(set.resourcePolicy(), PolicyKind.RESOURCE, "resource-based policy");
      PolicyEval boundary = hasBoundary ? evalPolicy(set.permissionsBoundary(), PolicyKind.BOUNDARY, "permissions boundary") : null;
      List<PolicyEval> sessions = new ArrayList<>();
      if (identitySide) {
        for (NamedPolicy p : set.sessionPolicies()) {
          sessions.add(evalPolicy(p, PolicyKind.SESSION, "session policy"));
        }
      }
      List<PolicyEval> identities = new ArrayList<>();
      if (identitySide) {
        for (NamedPolicy p : set.identityPolicies()) {
          identities.add(evalPolicy(p, PolicyKind.IDENTITY, "identity-based policy" + principalSuffix()));
        }
      }

      // ---- 1. explicit deny over all applicable policies
      NodeBuilder denyNode = new NodeBuilder(NodeKind.POLICY_TYPE, "Explicit deny check (all applicable policies)");
      Tri explicitDeny = Tri.FALSE;
      List<StmtEval> denyMatches = new ArrayList<>();
      List<StmtEval> denyUnknown = new ArrayList<>();
      int denyStatements = 0;
      boolean ownerRootOnBucketPolicy = ownerRootManagesBucketPolicy();
      for (PolicyEval pe : all) {
        if (pe.denies.isEmpty()) {
          continue;
        }
        NodeBuilder pn = policyNode(pe);
        if (ownerRootOnBucketPolicy && pe.kind == PolicyKind.RESOURCE) {
          pn.outcome = Outcome.NOT_APPLICABLE;
          pn.explanation = "The bucket owner's root user can always get, put and delete its bucket policy, even when the"
              + " bucket policy denies it: the bucket policy's Deny statements do not apply (only VPC endpoint policies"
              + " and AWS Organizations policies can block it).";
          denyNode.add(pn);
          continue;
        }
        pn.outcome = pe.deny == Tri.TRUE ? Outcome.DENY : pe.deny == Tri.FALSE ? Outcome.NO_MATCH : Outcome.UNDETERMINED;
        pn.explanation = pe.deny == Tri.TRUE ? "A Deny statement of " + pe.describe() + " matches the request."
            : pe.deny == Tri.FALSE ? "No Deny statement of " + pe.describe() + " matches the request."
            : "A Deny statement of " + pe.describe() + " may match, depending on unknown values.";
        for (StmtEval se : pe.denies) {
          pn.add(se.node);
          denyStatements++;
          if (se.applies == Tri.TRUE) {
            denyMatches.add(se);
          } else if (se.applies == Tri.UNKNOWN) {
            denyUnknown.add(se);
          }
        }
        denyNode.add(pn);
        explicitDeny = explicitDeny.or(pe.deny);
      }
      denyNode.put("denyStatements", String.valueOf(denyStatements));
      denyNode.outcome = explicitDeny == Tri.TRUE ? Outcome.DENY : explicitDeny == Tri.FALSE ? Outcome.NO_MATCH : Outcome.UNDETERMINED;
      denyNode.explanation = explicitDeny == Tri.TRUE ? "Explicit deny: " + describeStatement(denyMatches.get(0)) + " matches."
          : explicitDeny == Tri.FALSE ? "No Deny statement in any applicable policy matches (" + denyStatements + " checked)."
          : "A Deny statement may match, depending on unknown values: " + describeStatement(denyUnknown.get(0)) + ".";

      // ---- 2. SCPs
      NodeBuilder scpNode = new NodeBuilder(NodeKind.POLICY_TYPE, "Service control policies (SCPs)");
      Tri scpOk = Tri.TRUE;
      int scpFailLevel = -1;
      if (!scpApplies) {
        scpNode.outcome = Outcome.NOT_APPLICABLE;
        scpNode.explanation = set.scps().isEmpty() ? "No SCPs given: the principal's account is not in an organization."
            : f.principalInManagementAccount() ? "SCPs do not apply: the principal belongs to the organization's management account."
            : f.serviceLinkedRole() ? "SCPs do not apply to service-linked roles."
            : "SCPs do not apply: the caller is not an IAM principal of a member account.";
      } else {
        for (int i = 0; i < scps.size(); i++) {
          Tri lv = Tri.FALSE;
          NodeBuilder ln = new NodeBuilder(NodeKind.POLICY_TYPE, "SCP level " + (i + 1) + " " + levelName(i, scps.size()));
          for (PolicyEval pe : scps.get(i)) {
            ln.add(allowPolicyNode(pe));
            lv = lv.or(pe.allow);
          }
          ln.put("policies", String.valueOf(scps.get(i).size()));
          ln.outcome = gateOutcome(lv);
          ln.explanation = lv == Tri.TRUE ? "An SCP at this level allows " + req.action() + "."
              : lv == Tri.FALSE ? "Implicit deny: no SCP at this level allows " + req.action() + "."
              : "Whether an SCP at this level allows " + req.action() + " depends on unknown values.";
          scpNode.add(ln);
          if (lv == Tri.FALSE && scpFailLevel < 0) {
            scpFailLevel = i;
          }
          scpOk = scpOk.and(lv);
        }
        scpNode.put("levels", String.valueOf(scps.size()));
        scpNode.outcome = gateOutcome(scpOk);
        scpNode.explanation = scpOk == Tri.TRUE ? "Every SCP level (" + scps.size() + ") allows " + req.action() + "."
            : scpOk == Tri.FALSE ? "Implicit deny: SCP level " + (scpFailLevel + 1) + " has no statement that allows " + req.action() + "."
            : "Whether every SCP level allows " + req.action() + " depends on unknown values.";
      }

      // ---- 3. RCPs
      NodeBuilder rcpNode = new NodeBuilder(NodeKind.POLICY_TYPE, "Resource control policies (RCPs)");
      Tri rcpOk = Tri.TRUE;
      int rcpFailLevel = -1;
      if (!rcpApplies) {
        rcpNode.outcome = Outcome.NOT_APPLICABLE;
        rcpNode.explanation = set.rcps().isEmpty() ? "No RCPs given: the resource's account is not in an organization."
            : f.resourceInManagementAccount() ? "RCPs do not apply to resources in the organization's management account."
            : f.serviceLinkedRole() ? "RCPs do not apply to requests by service-linked roles."
            : "RCPs do not apply to " + req.action() + ": AWS applies them only to " + RcpServices.names() + " (AWS's list as of "
                + RcpServices.AS_OF + ").";
      } else {
        for (int i = 0; i < rcps.size(); i++) {
          Tri lv = Tri.FALSE;
          NodeBuilder ln = new NodeBuilder(NodeKind.POLICY_TYPE, "RCP level " + (i + 1) + " " + levelName(i, rcps.size()));
          for (PolicyEval pe : rcps.get(i)) {
            ln.add(allowPolicyNode(pe));
            lv = lv.or(pe.allow);
          }
          ln.put("policies", String.valueOf(rcps.get(i).size()));
          ln.outcome = gateOutcome(lv);
          ln.explanation = lv == Tri.TRUE ? "An RCP at this level allows " + req.action() + " on the resource."
              : lv == Tri.FALSE ? "Implicit deny: no RCP at this level allows " + req.action() + " on the resource."
              : "Whether an RCP at this level allows the request depends on unknown values.";
          rcpNode.add(ln);
          if (lv == Tri.FALSE && rcpFailLevel < 0) {
            rcpFailLevel = i;
          }
          rcpOk = rcpOk.and(lv);
        }
        rcpNode.put("levels", String.valueOf(rcps.size()));
        rcpNode.outcome = gateOutcome(rcpOk);
        rcpNode.explanation = rcpOk == Tri.TRUE ? "Every RCP level (" + rcps.size() + ") allows the request."
            : rcpOk == Tri.FALSE ? "Implicit deny: RCP level " + (rcpFailLevel + 1) + " has no statement that allows " + req.action() + "."
            : "Whether every RCP level allows the request depends on unknown values.";
      }

      // ---- resource policy grants by principal match
      Tri direct = Tri.FALSE;
      Tri named = Tri.FALSE;
      Tri limited = Tri.FALSE;
      Tri delegated = Tri.FALSE;
      if (resource != null) {
        for (StmtEval se : resource.allows) {
          if (se.applies == Tri.FALSE) {
            continue;
          }
          switch (se.pm) {
            case DIRECT: direct = direct.or(se.applies); named = named.or(se.applies); break;
            // Principal "*" grants to the calling identity itself, like naming the session or user
            // (docs/policy-engine.md, decision 2): not limited by a boundary or session policy
            case ANY: direct = direct.or(se.applies); break;
            case ROLE: limited = limited.or(se.applies); break;
            case ACCOUNT: delegated = delegated.or(se.applies); break;
            default: break;
          }
        }
      }
      Tri policyGrant = direct.or(limited).or(delegated);
      // an S3 ACL grant is a resource-side grant: a group like Principal "*", an account delegates
      S3AclEvaluator.Outcome acl = S3AclEvaluator.evaluate(req, pi, resAcct, set.s3Acl());
      if (acl != null) {
        direct = direct.or(acl.direct());
        delegated = delegated.or(acl.delegated());
      }
      boolean aclGrants = acl != null && acl.direct().or(acl.delegated()) == Tri.TRUE;
      // a key or trust policy must allow, but the log does not name the key or role: its policy is unknown
      boolean resourcePolicyUnknown = required && resource == null && resourceUnknown;
      if (resourcePolicyUnknown) {
        direct = Tri.UNKNOWN;
      }
      Tri resourceAny = direct.or(limited).or(delegated);

      Tri boundaryOk = boundary == null ? Tri.TRUE : boundary.allow;
      Tri sessionOk = Tri.TRUE;
      boolean rootTask = pi.kind() == PrincipalInfo.Kind.ROOT && !sessions.isEmpty();
      if (!sessions.isEmpty() && !rootTask) {
        sessionOk = Tri.FALSE;
        for (PolicyEval pe : sessions) {
          sessionOk = sessionOk.or(pe.allow);
        }
      }
      boolean root = pi.kind() == PrincipalInfo.Kind.ROOT;
      Tri identityAllow = Tri.FALSE;
      if (root) {
        identityAllow = Tri.TRUE;
      } else {
        for (PolicyEval pe : identities) {
          identityAllow = identityAllow.or(pe.allow);
        }
      }

      String mode;
      Tri core;
      if (!identitySide) {
        mode = "non-IAM caller: only the resource-based policy can grant";
        core = resourceAny;
      } else if (!sameAccount && kms && !KMS_CROSS_ACCOUNT.contains(req.action().toLowerCase(java.util.Locale.ROOT))) {
        mode = "cross-account: AWS KMS does not let a principal of another account call " + req.action()
            + " on a key, whatever the key policy and the IAM policies say";
        core = Tri.FALSE;
      } else if (!sameAccount) {
        mode = "cross-account: both the principal's side and the resource-based policy must allow";
        core = identityAllow.and(boundaryOk).and(sessionOk).and(resourceAny);
      } else if (required) {
        mode = "same account, " + (kms ? "KMS key: the key policy must allow" : "role trust policy: the trust policy must allow");
        core = direct.or(limited.or(delegated.and(identityAllow)).and(boundaryOk).and(sessionOk));
      } else {
        mode = "same account: an identity-based or a resource-based policy may allow";
        core = direct.or(identityAllow.or(limited).and(boundaryOk).and(sessionOk));
      }
      Tri allowed = scpOk.and(rcpOk).and(core);
      boolean directBypass = direct == Tri.TRUE && sameAccount && identitySide;

      // ---- 4. resource-based policy
      NodeBuilder resNode = new NodeBuilder(NodeKind.POLICY_TYPE, "Resource-based policy");
      boolean resourceMandatory = identitySide ? (!sameAccount || required) : true;
      Tri resourceGate = !identitySide || !sameAccount ? resourceAny
          : required ? direct.or(limited).or(delegated) : direct.or(limited);
      resNode.put("sameAccount", sameAccount);
      resNode.put("principalAccount", pi.account());
      resNode.put("resourceAccount", resAcct);
      resNode.put("required", resourceMandatory);
      if (kms) {
        resNode.put("kind", "KMS key policy");
      } else if (trust) {
        resNode.put("kind", "role trust policy");
      }
      if (resourcePolicyUnknown) {
        resNode.outcome = Outcome.UNDETERMINED;
        resNode.put("unknownKey", Request.UNKNOWN_RESOURCE);
        resNode.explanation = "Undetermined: " + (kms ? "a KMS key's key policy" : "the role's trust policy")
            + " must allow, and the log does not name the " + (kms ? "key" : "role") + ", so its policy is unknown.";
      } else if (resource == null && acl == null) {
        resNode.outcome = resourceMandatory ? Outcome.DENY : Outcome.NOT_APPLICABLE;
        resNode.explanation = required && identitySide && sameAccount
            ? "Implicit deny: " + (kms ? "a KMS key's key policy must allow the request, and none was given."
                : "the role's trust policy must allow AssumeRole, and none was given.")
            : resourceMandatory ? "Implicit deny: " + (identitySide ? "a cross-account request needs a resource-based policy that allows it, and there is none."
                : "only a resource-based policy can allow this caller, and there is none.")
            : "No resource-based policy: the identity-based side decides.";
      } else {
        if (resource != null) {
          resNode.add(allowPolicyNode(resource));
        }
        if (acl != null) {
          resNode.add(acl.node());
          resNode.put("acl", acl.aclName());
        }
        resNode.put("grant", policyGrant != Tri.TRUE && aclGrants ? "S3 ACL: " + acl.matched().describe()
            : named == Tri.TRUE ? "principal named directly" : direct == Tri.TRUE ? "every principal (*)"
            : limited == Tri.TRUE ? "role of the session"
            : delegated == Tri.TRUE ? GRANT_DELEGATED : "none");
        resNode.outcome = resourceGate == Tri.TRUE ? Outcome.ALLOW : resourceGate == Tri.UNKNOWN ? Outcome.UNDETERMINED
            : resourceMandatory ? Outcome.DENY : Outcome.NO_MATCH;
        if (resource == null) {
          resNode.explanation = resourceGate == Tri.TRUE ? acl.node().explanationText()
              : resourceGate == Tri.UNKNOWN ? acl.node().explanationText()
              : aclGrants && sameAccount && identitySide
                  ? "The " + acl.aclName() + " grants only the principal's own account: that delegates to the identity-based policies, which must allow."
              : resourceMandatory ? "Implicit deny: " + (identitySide ? "a cross-account request needs a resource-based policy or an ACL grant that allows it, and there is neither."
                  : "only a resource-based policy or an ACL grant can allow this caller, and there is neither.")
              : "No resource-based policy, and no ACL grant for this principal: the identity-based side decides.";
        } else if (resourceGate == Tri.TRUE && policyGrant != Tri.TRUE && aclGrants) {
          resNode.explanation = acl.node().explanationText();
        } else if (resourceGate == Tri.UNKNOWN && acl != null && acl.unknown() != null && policyGrant == Tri.FALSE) {
          resNode.explanation = acl.node().explanationText();
        } else if (resourceGate == Tri.TRUE) {
          resNode.explanation = direct == Tri.TRUE && identitySide && sameAccount
              ? (named == Tri.TRUE ? "The resource-based policy names this principal directly" : "The resource-based policy allows every principal (*)")
                  + " and allows the request; in the same account this suffices without an identity-based allow and is not limited by an implicit deny in a permissions boundary or session policy."
              : "The resource-based policy allows the request.";
        } else if (resourceGate == Tri.UNKNOWN) {
          resNode.explanation = "Whether the resource-based policy allows the request depends on unknown values.";
        } else {
          resNode.explanation = delegated == Tri.TRUE && sameAccount && identitySide
              ? "The resource-based policy allows the principal's account only: that delegates to the identity-based policies, which must allow."
              : resourceMandatory ? "Implicit deny: the resource-based policy does not allow this principal, and it must."
              : "The resource-based policy does not allow this principal; an identity-based policy may still allow.";
        }
      }

      // ---- 5. permissions boundary
      NodeBuilder bNode = new NodeBuilder(NodeKind.POLICY_TYPE, "Permissions boundary");
      if (boundary == null) {
        bNode.outcome = Outcome.NOT_APPLICABLE;
        bNode.explanation = identitySide ? "The principal has no permissions boundary." : "Permissions boundaries apply only to IAM principals.";
      } else {
        bNode.add(allowPolicyNode(boundary));
        bNode.outcome = gateOutcome(boundary.allow);
        bNode.explanation = boundary.allow == Tri.TRUE ? "The permissions boundary " + boundary.policy.name() + " allows " + req.action() + "."
            : boundary.allow == Tri.UNKNOWN ? "Whether the permissions boundary allows " + req.action() + " depends on unknown values."
            : "Implicit deny: the permissions boundary " + boundary.policy.name() + " does not allow " + req.action()
                + (directBypass ? " (but a resource-based policy naming the principal directly is not limited by it)." : ".");
      }

      // ---- 6. session policies
      NodeBuilder sNode = new NodeBuilder(NodeKind.POLICY_TYPE, "Session policies");
      if (sessions.isEmpty()) {
        sNode.outcome = Outcome.NOT_APPLICABLE;
        sNode.explanation = identitySide ? "No session policy was passed for this session." : "Session policies apply only to IAM sessions.";
      } else if (rootTask) {
        for (PolicyEval pe : sessions) {
          sNode.add(allowPolicyNode(pe));
        }
        sNode.outcome = Outcome.NOT_APPLICABLE;
        sNode.put("rootTaskPolicy", sessions.get(0).policy.name());
        sNode.explanation = "A short-term root session (sts:AssumeRoot) is scoped by its "
            + sessions.get(0).policy.name() + ", which only denies: its Deny statements are checked with the others;"
            + " it grants nothing and need not allow.";
      } else {
        for (PolicyEval pe : sessions) {
          sNode.add(allowPolicyNode(pe));
        }
        sNode.outcome = gateOutcome(sessionOk);
        sNode.explanation = sessionOk == Tri.TRUE ? "A session policy allows " + req.action() + "."
            : sessionOk == Tri.UNKNOWN ? "Whether a session policy allows " + req.action() + " depends on unknown values."
            : "Implicit deny: no session policy allows " + req.action() + (directBypass ? " (but a resource-based policy naming the principal directly is not limited by it)." : ".");
      }

      // ---- 7. identity-based policies
      NodeBuilder iNode = new NodeBuilder(NodeKind.POLICY_TYPE, "Identity-based policies");
      if (!identitySide) {
        iNode.outcome = Outcome.NOT_APPLICABLE;
        iNode.explanation = "The caller (" + pi.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ") has no identity-based policies.";
      } else if (root) {
        iNode.outcome = Outcome.ALLOW;
        iNode.explanation = "The account root user has full permissions in its own account; identity-based policies do not apply to it.";
        for (PolicyEval pe : identities) {
          iNode.add(allowPolicyNode(pe));
        }
      } else {
        for (PolicyEval pe : identities) {
          iNode.add(allowPolicyNode(pe));
        }
        boolean mandatory = !sameAccount;
        iNode.outcome = identityAllow == Tri.TRUE ? Outcome.ALLOW : identityAllow == Tri.UNKNOWN ? Outcome.UNDETERMINED
            : mandatory ? Outcome.DENY : Outcome.NO_MATCH;
        iNode.explanation = identityAllow == Tri.TRUE ? "An identity-based policy allows " + req.action() + "."
            : identityAllow == Tri.UNKNOWN ? "Whether an identity-based policy allows " + req.action() + " depends on unknown values."
            : identities.isEmpty() ? "The principal has no identity-based policies, so none allows " + req.action() + "."
            : "No identity-based policy allows " + req.action() + " on " + req.resource() + ".";
      }
      iNode.put("policies", String.valueOf(identities.size()));

      // ---- decision
      Decision decision;
      if (explicitDeny == Tri.TRUE) {
        decision = Decision.EXPLICIT_DENY;
      } else if (explicitDeny == Tri.FALSE) {
        decision = allowed == Tri.TRUE ? Decision.ALLOWED : allowed == Tri.FALSE ? Decision.IMPLICIT_DENY : Decision.UNDETERMINED;
      } else {
        decision = allowed == Tri.FALSE ? Decision.IMPLICIT_DENY : Decision.UNDETERMINED;
      }
      Decision byPolicies = decision;
      java.util.Optional<String> notDeniable = NotDeniable.reason(req.action(), pi.kind());
      if (notDeniable.isPresent()) {
        decision = Decision.ALLOWED;
      }

      NodeBuilder rootNode = new NodeBuilder(NodeKind.DECISION, "Decision: " + decision.json());
      rootNode.outcome = decision == Decision.ALLOWED ? Outcome.ALLOW : decision == Decision.UNDETERMINED ? Outcome.UNDETERMINED : Outcome.DENY;
      rootNode.put("decision", decision.json());
      rootNode.put("principal", req.principal());
      rootNode.put("principalKind", pi.kind().name());
      rootNode.put("action", req.action());
      rootNode.put("resource", req.resource());
      rootNode.put("principalAccount", pi.account());
      rootNode.put("resourceAccount", resAcct);
      rootNode.put("crossAccount", !sameAccount);
      rootNode.put("evaluation", mode);
      if (!ctx.derived.isEmpty()) {
        rootNode.put("derivedContext", new java.util.LinkedHashMap<>(ctx.derived));
      }
      rootNode.add(denyNode).add(scpNode).add(rcpNode).add(resNode).add(bNode).add(sNode).add(iNode);
      if (notDeniable.isPresent()) {
        NodeBuilder nd = new NodeBuilder(NodeKind.POLICY_TYPE, "Calls no policy can deny");
        nd.outcome = Outcome.ALLOW;
        nd.put("policiesWouldGive", byPolicies.json());
        nd.explanation = "Allowed whatever the policies say: " + notDeniable.get() + "; the policies alone would give "
            + byPolicies.json() + ".";
        rootNode.add(nd);
        rootNode.put("notDeniable", true);
      }

      // dependsOn + explanation
      List<String> dependsOn = new ArrayList<>();
      String explanation;
      if (notDeniable.isPresent()) {
        explanation = "Allowed: " + req.action() + " cannot be denied by any policy: " + notDeniable.get()
            + " (the policies alone would give " + byPolicies.json() + ").";
      } else switch (decision) {
        case EXPLICIT_DENY:
          explanation = "Explicitly denied: " + describeStatement(denyMatches.get(0)) + " matches: " + matchSummary(denyMatches.get(0)) + ".";
          break;
        case ALLOWED:
          explanation = allowedExplanation(resource, identities, direct, limited, scpApplies, scps.size(), rcpApplies, boundary, sessions, root,
              policyGrant != Tri.TRUE && aclGrants && (!sameAccount || !identitySide || identityAllow != Tri.TRUE) ? acl : null);
          break;
        case IMPLICIT_DENY: {
          explanation = "Implicitly denied: " + implicitReason(scpFailLevel, scpOk, rcpFailLevel, rcpOk, resource, resourceGate,
              resourceMandatory, boundary, sessionOk, identityAllow, sessions, required) + ".";
          if (explicitDeny == Tri.UNKNOWN) {
            Set<String> keys = new LinkedHashSet<>();
            String cond = conditionsOf(denyUnknown, keys);
            explanation += " An explicit deny may also apply: " + describeStatement(denyUnknown.get(0)) + " denies if " + cond
                + "; " + reasons(keys) + ".";
            dependsOn.addAll(keys);
          }
          break;
        }
        default: {
          Set<String> keys = new LinkedHashSet<>();
          List<StmtEval> unknownAllows = new ArrayList<>();
          if (scpOk == Tri.UNKNOWN) {
            for (List<PolicyEval> l : scps) {
              collectUnknown(l, unknownAllows);
            }
          }
          if (rcpOk == Tri.UNKNOWN) {
            for (List<PolicyEval> l : rcps) {
              collectUnknown(l, unknownAllows);
            }
          }
          // also when the resource step passed on another grant (a key policy delegating to the account) while its
          // statement naming the caller directly is unknown: that statement is what the decision turns on
          if (resource != null && (resNode.outcome == Outcome.UNDETERMINED || direct == Tri.UNKNOWN)) {
            collectUnknown(List.of(resource), unknownAllows);
          }
          if (boundary != null && boundary.allow == Tri.UNKNOWN) {
            collectUnknown(List.of(boundary), unknownAllows);
          }
          if (sessionOk == Tri.UNKNOWN) {
            collectUnknown(sessions, unknownAllows);
          }
          if (identityAllow == Tri.UNKNOWN) {
            collectUnknown(identities, unknownAllows);
          }
          StringBuilder sb = new StringBuilder("Undetermined. ");
          boolean aclUnknown = acl != null && acl.unknown() != null && allowed == Tri.UNKNOWN && unknownAllows.isEmpty() && !resourcePolicyUnknown;
          if (aclUnknown) {
            sb.append("Allowed if the ").append(acl.aclName()).append("'s grant ").append(acl.matched().describe())
                .append(" applies to the caller; undetermined: ").append(acl.unknown());
            if (explicitDeny == Tri.UNKNOWN) {
              sb.append(", and unless ").append(conditionsOf(denyUnknown, keys)).append(" (then ")
                  .append(describeStatement(denyUnknown.get(0))).append(" denies explicitly); ").append(reasons(keys));
            }
            sb.append('.');
            dependsOn.add(acl.unknown());
            dependsOn.addAll(keys);
            explanation = sb.toString();
            break;
          }
          java.util.Set<String> standIns = new java.util.LinkedHashSet<>();
          for (StmtEval se : concat(allowed == Tri.UNKNOWN ? unknownAllows : List.of(), explicitDeny == Tri.UNKNOWN ? denyUnknown : List.of())) {
            NamedPolicy p = se.owner.policy;
            standIns.add(UnknownPolicy.is(p) || RootTaskPolicies.isUnknown(p) ? p.name() : null);
          }
          if (!standIns.isEmpty() && !standIns.contains(null) && !resourcePolicyUnknown) {
            // only policies the case does not hold are in doubt: say so, not their stand-ins' conditions
            conditionsOf(unknownAllows, keys);
            conditionsOf(denyUnknown, keys);
            explanation = "Undetermined. It depends on " + String.join(" and ", standIns) + ", which may allow or deny.";
            dependsOn.addAll(keys);
            break;
          }
          if (allowed == Tri.UNKNOWN) {
            if (resourcePolicyUnknown) {
              keys.add(Request.UNKNOWN_RESOURCE);
            }
            sb.append("Allowed if ").append(resourcePolicyUnknown && unknownAllows.isEmpty()
                ? "the " + (kms ? "key policy of the key" : "trust policy of the role") + " the log does not name allows it"
                : conditionsOf(unknownAllows, keys));
          } else {
            sb.append("Allowed");
          }
          if (explicitDeny == Tri.UNKNOWN) {
            sb.append(allowed == Tri.UNKNOWN ? ", and " : " ").append("unless ").append(conditionsOf(denyUnknown, keys))
                .append(" (then ").append(describeStatement(denyUnknown.get(0))).append(" denies explicitly)");
          }
          sb.append("; ").append(reasons(keys)).append('.');
          explanation = sb.toString();
          dependsOn.addAll(keys);
          break;
        }
      }
      rootNode.explanation = explanation;
      if (!dependsOn.isEmpty()) {
        rootNode.put("dependsOn", dependsOn);
      }
      return new EvaluationResult(decision, explanation, dependsOn, rootNode.freeze("0"));
    }

    private static List<StmtEval> concat(List<StmtEval> a, List<StmtEval> b) {
      List<StmtEval> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }

    private void collectUnknown(List<PolicyEval> pes, List<StmtEval> out) {
      for (PolicyEval pe : pes) {
        for (StmtEval se : pe.allows) {
          if (se.applies == Tri.UNKNOWN) {
            out.add(se);
          }
        }
      }
    }

    private String conditionsOf(List<StmtEval> stmts, Set<String> keys) {
      List<String> alts = new ArrayList<>();
      for (StmtEval se : stmts) {
        List<String> conds = new ArrayList<>();
        collectUndeterminedConditions(se.node, conds, keys);
        alts.add(String.join(" and ", conds) + " (" + describeStatement(se) + ")");
      }
      return alts.isEmpty() ? "unknown values allow it" : String.join(" or ", alts);
    }

    private void collectUndeterminedConditions(NodeBuilder n, List<String> conds, Set<String> keys) {
      if (n.outcome == Outcome.UNDETERMINED && n.detail.containsKey("unknownKey")) {
        keys.add((String) n.detail.get("unknownKey"));
        Object d = n.detail.get("describe");
        conds.add(d != null ? d.toString() : String.valueOf(n.label));
      }
      for (NodeBuilder c : n.children) {
        collectUndeterminedConditions(c, conds, keys);
      }
    }

    private String reasons(Set<String> keys) {
      Set<String> rs = new LinkedHashSet<>();
      for (String k : keys) {
        rs.add(ConditionEvaluator.unknownReason(k));
      }
      return rs.isEmpty() ? "some values are unknown" : String.join("; ", rs);
    }

    private String allowedExplanation(PolicyEval resource, List<PolicyEval> identities, Tri direct, Tri limited,
        boolean scpApplies, int scpLevels, boolean rcpApplies, PolicyEval boundary, List<PolicyEval> sessions, boolean root,
        S3AclEvaluator.Outcome aclGrant) {
      if (aclGrant != null) {
        StmtEval idGrant = firstTrue(identities);
        return "Allowed: the " + aclGrant.aclName() + " grants " + aclGrant.matched().describe() + ", which gives " + req.action()
            + (!sameAccount && identitySide ? "; cross-account, and " + (idGrant != null ? describeStatement(idGrant) + " also allows"
                : "the account root user's own side allows") : "")
            + (scpApplies ? "; every SCP level (" + scpLevels + ") allows" : "") + (rcpApplies ? "; every RCP level allows" : "")
            + "; no Deny statement applies.";
      }
      StmtEval grant = null;
      if (resource != null && (direct == Tri.TRUE || !identitySide || !sameAccount || limited == Tri.TRUE)) {
        grant = strongestGrant(resource);
      }
      StringBuilder sb = new StringBuilder("Allowed: ");
      StmtEval idGrant = firstTrue(identities);
      if (grant == null) {
        grant = idGrant;
      }
      if (grant != null) {
        sb.append(describeStatement(grant)).append(" matches: ").append(matchSummary(grant));
      } else if (root && !sessions.isEmpty()) {
        sb.append("a short-term root session (sts:AssumeRoot) has the root user's full permissions in its account, less what its "
            + sessions.get(0).policy.name() + " denies");
      } else if (root) {
        sb.append("the account root user has full permissions in its account");
      } else {
        sb.append("the applicable policies allow the request");
      }
      if (!sameAccount && identitySide && grant != null && grant.owner.kind == PolicyKind.RESOURCE && idGrant != null) {
        sb.append("; cross-account, and ").append(describeStatement(idGrant)).append(" also allows");
      }
      sb.append(scpApplies ? "; every SCP level (" + scpLevels + ") allows" : "");
      sb.append(rcpApplies ? "; every RCP level allows" : "");
      if (boundary != null) {
        sb.append(boundary.allow == Tri.TRUE ? "; the permissions boundary " + boundary.policy.name() + " allows"
            : "; the permissions boundary does not limit a resource-based policy that names the principal directly");
      }
      if (!sessions.isEmpty() && !root) {
        Tri s = Tri.FALSE;
        for (PolicyEval pe : sessions) {
          s = s.or(pe.allow);
        }
        sb.append(s == Tri.TRUE ? "; a session policy allows" : "; session policies do not limit a resource-based policy that names the session directly");
      }
      sb.append("; no Deny statement applies.");
      return sb.toString();
    }

    private String implicitReason(int scpFailLevel, Tri scpOk, int rcpFailLevel, Tri rcpOk, PolicyEval resource, Tri resourceGate,
        boolean resourceMandatory, PolicyEval boundary, Tri sessionOk, Tri identityAllow, List<PolicyEval> sessions, boolean required) {
      if (scpOk == Tri.FALSE) {
        return "no SCP at level " + (scpFailLevel + 1) + " of the principal's organization path allows " + req.action()
            + " (SCPs must allow at every level)";
      }
      if (rcpOk == Tri.FALSE) {
        return "no RCP at level " + (rcpFailLevel + 1) + " of the resource's organization path allows " + req.action()
            + " (RCPs must allow at every level)";
      }
      if (!identitySide) {
        return resource == null ? "the caller is not an IAM principal, so only a resource-based policy could allow, and there is none"
            : "the resource-based policy does not allow " + req.principal();
      }
      if (required && sameAccount && resourceGate == Tri.FALSE) {
        return kms ? "the KMS key policy does not allow " + req.principal() + " to call " + req.action()
            + " (a KMS key's key policy must allow, directly or by allowing the account and so enabling IAM policies)"
            : "the trust policy of " + req.resource() + " does not allow " + req.principal() + " to assume it";
      }
      if (!sameAccount) {
        if (resourceGate == Tri.FALSE) {
          return "cross-account request (principal account " + pi.account() + ", resource account " + resAcct
              + "): " + (resource == null ? (set.s3Acl() == null ? "there is no resource-based policy"
                  : set.s3Acl().ownership() != null && set.s3Acl().ownership().aclsDisabled()
                      ? "there is no resource-based policy, and ACLs are disabled (Object Ownership BucketOwnerEnforced)"
                      : "there is no resource-based policy and no ACL grant allows it")
              : "the resource-based policy does not allow " + req.principal() + (set.s3Acl() != null ? ", nor does an ACL grant" : ""));
        }
        if (identityAllow == Tri.FALSE) {
          return "cross-account request: no identity-based policy of " + req.principal() + " allows " + req.action()
              + " (both sides must allow)";
        }
      }
      if (identityAllow == Tri.FALSE && resourceGate != Tri.TRUE) {
        return "no identity-based " + (resource == null ? "" : "or resource-based ") + "policy allows " + req.action() + " on " + req.resource();
      }
      if (boundary != null && boundary.allow == Tri.FALSE) {
        return "the permissions boundary " + boundary.policy.name() + " does not allow " + req.action();
      }
      if (!sessions.isEmpty() && sessionOk == Tri.FALSE) {
        return "no session policy allows " + req.action() + " (session policies limit the session's permissions)";
      }
      return "no applicable policy allows " + req.action();
    }

    /**
     * The resource statement that granted: of those that apply, the one whose Principal grants most
     * (named directly, then every principal, then the session's role, then the account), so an
     * earlier statement naming only the account is not credited with a direct grant.
     */
    private StmtEval strongestGrant(PolicyEval resource) {
      StmtEval best = null;
      for (StmtEval se : resource.allows) {
        if (se.applies == Tri.TRUE && (best == null || grantRank(se.pm) > grantRank(best.pm))) {
          best = se;
        }
      }
      return best;
    }

    private static int grantRank(PMatch m) {
      return switch (m) {
        case DIRECT -> 4;
        case ANY -> 3;
        case ROLE -> 2;
        case ACCOUNT -> 1;
        case NONE -> 0;
      };
    }

    private StmtEval firstTrue(List<PolicyEval> pes) {
      for (PolicyEval pe : pes) {
        for (StmtEval se : pe.allows) {
          if (se.applies == Tri.TRUE) {
            return se;
          }
        }
      }
      return null;
    }

    private String principalSuffix() {
      switch (pi.kind()) {
        case USER: return ", user " + pi.name();
        case ROLE:
        case ASSUMED_ROLE_SESSION: return ", role " + pi.name();
        default: return "";
      }
    }

    NodeBuilder policyNode(PolicyEval pe) {
      NodeBuilder pn = new NodeBuilder(NodeKind.POLICY, pe.policy.name() + " (" + pe.where + ")");
      pn.put("name", pe.policy.name());
      pn.put("type", pe.kind.label());
      return pn;
    }

    NodeBuilder allowPolicyNode(PolicyEval pe) {
      NodeBuilder pn = policyNode(pe);
      pn.put("allowStatements", String.valueOf(pe.allows.size()));
      for (StmtEval se : pe.allows) {
        pn.add(se.node);
      }
      pn.outcome = pe.allow == Tri.TRUE ? Outcome.ALLOW : pe.allow == Tri.UNKNOWN ? Outcome.UNDETERMINED : Outcome.NO_MATCH;
      pn.explanation = pe.allow == Tri.TRUE ? "An Allow statement of " + pe.describe() + " matches."
          : pe.allow == Tri.UNKNOWN ? "An Allow statement of " + pe.describe() + " may match, depending on unknown values."
          : pe.allows.isEmpty() ? pe.policy.name() + " has no Allow statement." : "No Allow statement of " + pe.describe() + " matches.";
      return pn;
    }

    /**
     * The root user of the account that owns a bucket, getting, putting or deleting its bucket
     * policy: AWS lets it do so whatever the bucket policy says, so that an owner cannot lock itself
     * out (S3 API reference, PutBucketPolicy). The owner must be known, from the request or the ARN.
     */
    private boolean ownerRootManagesBucketPolicy() {
      String owner = req.resourceAccount() != null && !req.resourceAccount().isEmpty() ? req.resourceAccount() : arnAccount(req.resource());
      return pi.kind() == PrincipalInfo.Kind.ROOT && owner != null && owner.equals(pi.account())
          && OWNER_ROOT_BUCKET_POLICY_ACTIONS.contains(actionLower) && req.resource().matches("arn:[^:]+:s3:::[^/]+");
    }

    PolicyEval evalPolicy(NamedPolicy p, PolicyKind kind, String where) {
      PolicyEval pe = new PolicyEval();
      pe.policy = p;
      pe.kind = kind;
      pe.where = where;
      boolean vars = p.document().variablesEnabled();
      for (Statement st : p.document().statements()) {
        StmtEval se = evalStatement(st, kind, vars);
        se.owner = pe;
        if (st.effect() == Effect.ALLOW) {
          pe.allows.add(se);
          pe.allow = pe.allow.or(se.applies);
        } else {
          pe.denies.add(se);
          pe.deny = pe.deny.or(se.applies);
        }
      }
      all.add(pe);
      return pe;
    }

    StmtEval evalStatement(Statement st, PolicyKind kind, boolean vars) {
      StmtEval se = new StmtEval();
      se.st = st;
      NodeBuilder node = new NodeBuilder(NodeKind.STATEMENT,
          (java.util.function.Supplier<String>) () -> "Statement " + st.displayName() + " (" + st.effect().json() + ")");
      se.node = node;
      node.put("sid", st.sid());
      node.put("index", st.index());
      node.put("effect", st.effect().json());

      Tri t = actionElement(st.action(), node, se);
      NodeBuilder failed = t == Tri.FALSE ? last(node) : null;
      if (t != Tri.FALSE) {
        t = t.and(resourceElement(st.resource(), vars, node, se));
        if (t == Tri.FALSE) {
          failed = last(node);
        }
      }
      if (t != Tri.FALSE && (kind == PolicyKind.RESOURCE || st.principal() != null)) {
        Tri p = principalElement(st.principal(), node, se, kind);
        t = t.and(p);
        if (t == Tri.FALSE) {
          failed = last(node);
        }
      }
      if (t != Tri.FALSE && !st.conditions().isEmpty()) {
        NodeBuilder cn = new NodeBuilder(NodeKind.ELEMENT, "Condition");
        Tri c = Tri.TRUE;
        NodeBuilder firstFail = null;
        for (ConditionClause cc : st.conditions()) {
          ConditionEvaluator.Result r = ConditionEvaluator.evaluate(cc, vars, ctx);
          r.node.put("describe", ConditionEvaluator.describeKey(cc));
          cn.add(r.node);
          c = c.and(r.value);
          if (r.value == Tri.FALSE && firstFail == null) {
            firstFail = r.node;
          }
        }
        cn.outcome = NodeBuilder.matchOutcome(c);
        cn.explanation = c == Tri.TRUE ? "All " + st.conditions().size() + " condition(s) hold."
            : c == Tri.FALSE ? "A condition does not hold: " + firstFail.explanationText()
            : "No condition fails, but some cannot be decided with the values known.";
        node.add(cn);
        t = t.and(c);
        if (t == Tri.FALSE) {
          failed = cn;
        }
      }
      se.applies = t;
      String who = "Statement " + (st.sid() != null && !st.sid().isEmpty() ? st.sid() : "#" + st.index());
      if (t == Tri.TRUE) {
        node.outcome = st.effect() == Effect.ALLOW ? Outcome.ALLOW : Outcome.DENY;
        node.explanation = who + (st.effect() == Effect.ALLOW ? " allows" : " denies") + " the request: " + matchSummary(se) + ".";
      } else if (t == Tri.FALSE) {
        node.outcome = Outcome.NO_MATCH;
        NodeBuilder f = failed;
        node.explanation = (java.util.function.Supplier<String>) () -> who + " does not apply: "
            + (f != null ? f.explanationText() : "an element does not match");
      } else {
        node.outcome = Outcome.UNDETERMINED;
        node.explanation = who + " applies only if values that are unknown allow it.";
      }
      return se;
    }

    private NodeBuilder last(NodeBuilder n) {
      return n.children.get(n.children.size() - 1);
    }

    Tri actionElement(ActionElement a, NodeBuilder stmt, StmtEval se) {
      NodeBuilder n = new NodeBuilder(NodeKind.ELEMENT, a.elementName());
      n.put("request", req.action());
      n.put("policy", a.values().size() == 1 ? a.values().get(0) : a.values());
      String matched = null;
      for (String p : a.values()) {
        if (p.equals("*") || Glob.match(p, actionLower, true)) {
          matched = p;
          break;
        }
      }
      n.put("matched", matched);
      boolean ok = a.negated() ? matched == null : matched != null;
      se.actionMatched = matched;
      n.outcome = ok ? Outcome.MATCH : Outcome.NO_MATCH;
      String m = matched;
      String action = req.action();
      if (!a.negated()) {
        n.explanation = ok ? (java.util.function.Supplier<String>) () -> "Action " + action + " matches " + m + "."
            : (java.util.function.Supplier<String>) () -> "Action " + action + " matches none of " + a.values() + ".";
      } else {
        n.explanation = ok ? (java.util.function.Supplier<String>) () -> "Action " + action + " is not covered by NotAction " + a.values() + ", so the statement covers it."
            : (java.util.function.Supplier<String>) () -> "Action " + action + " matches NotAction entry " + m + ", so the statement does not cover it.";
      }
      stmt.add(n);
      return Tri.of(ok);
    }

    Tri resourceElement(ResourceElement r, boolean vars, NodeBuilder stmt, StmtEval se) {
      if (r == null) {
        return Tri.TRUE;
      }
      NodeBuilder n = new NodeBuilder(NodeKind.ELEMENT, r.elementName());
      n.put("request", req.resource());
      if (resourceUnknown) {
        return unknownResource(r, n, stmt, se);
      }
      String matched = null;
      String unknownKey = null;
      List<String> resolvedShown = null;
      List<String> missing = null;
      for (String p : r.values()) {
        int[] tokens;
        if (vars && Variables.hasVariables(p)) {
          Variables.Resolved res = Variables.resolve(p, true, ctx);
          if (res.unknownKey() != null) {
            unknownKey = unknownKey == null ? res.unknownKey() : unknownKey;
            continue;
          }
          if (!res.ok()) {
            if (missing == null) {
              missing = new ArrayList<>();
            }
            missing.add(res.missingKey());
            continue;
          }
          tokens = Glob.resourcePattern(res.tokens());
          if (resolvedShown == null) {
            resolvedShown = new ArrayList<>();
          }
          resolvedShown.add(res.text());
        } else {
          tokens = patternCache.computeIfAbsent(p, x -> Glob.resourcePattern(Glob.tokens(x, true)));
        }
        if (p.equals("*") || Glob.resourceMatch(tokens, req.resource())) {
          matched = p;
          break;
        }
      }
      n.put("policy", r.values().size() == 1 ? r.values().get(0) : r.values());
      if (resolvedShown != null) {
        n.put("resolved", resolvedShown);
      }
      if (missing != null) {
        n.put("missingVariables", missing);
      }
      n.put("matched", matched);
      se.resourceMatched = matched;
      Tri t;
      if (matched != null) {
        t = Tri.of(!r.negated());
      } else if (unknownKey != null) {
        t = Tri.UNKNOWN;
        n.put("unknownKey", unknownKey);
        n.put("describe", "the resource matches " + r.values() + " with " + unknownKey + " filled in");
      } else {
        t = Tri.of(r.negated());
      }
      n.outcome = NodeBuilder.matchOutcome(t);
      if (t == Tri.UNKNOWN) {
        n.explanation = "Undetermined: the pattern uses ${" + unknownKey + "}, whose value is not known.";
      } else if (!r.negated()) {
        n.explanation = matched != null ? "Resource " + req.resource() + " matches " + matched + "."
            : "Resource " + req.resource() + " matches none of " + r.values()
                + (missing != null ? " (policy variable(s) " + missing + " have no value)" : "") + ".";
      } else {
        n.explanation = matched != null ? "Resource " + req.resource() + " matches NotResource entry " + matched + ", so the statement does not cover it."
            : "Resource " + req.resource() + " is not covered by NotResource " + r.values() + ", so the statement covers it.";
      }
      stmt.add(n);
      return t;
    }

    /**
     * Resource/NotResource when the request's resource is unknown: only a "*" entry decides, or,
     * when the request names the family the resource is in ({@code arn:aws:s3:::bucket/*}), an entry
     * that covers the whole family (or all entries covering none of it).
     */
    private Tri unknownResource(ResourceElement r, NodeBuilder n, NodeBuilder stmt, StmtEval se) {
      String res = req.resource();
      int tail = 0;
      while (tail < res.length() && res.charAt(res.length() - 1 - tail) == '?') {
        tail++;
      }
      // a family: the resources under a prefix ("bucket/*"), or a prefix and a fixed number of unknown letters or
      // digits (a secret's "NAME-??????")
      String family = res.length() > 2 && res.endsWith("/*") ? res : tail > 0 && tail < res.length() ? res : null;
      String covering = r.values().contains("*") ? "*" : null;
      boolean none = false;
      if (covering == null && family != null) {
        none = true;
        String prefix = family.substring(0, family.length() - Math.max(1, tail));
        for (String p : r.values()) {
          if (Variables.hasVariables(p)) {
            none = false; // a variable's value may make it cover the family
            continue;
          }
          int[] pattern = Glob.resourcePattern(Glob.tokens(p, true));
          Glob.Coverage c = tail > 0 ? Glob.tailCoverage(pattern, prefix, tail) : Glob.prefixCoverage(pattern, prefix);
          if (c == Glob.Coverage.ALL) {
            covering = p;
            break;
          }
          none &= c == Glob.Coverage.NONE;
        }
      }
      boolean star = covering != null;
      n.put("policy", r.values().size() == 1 ? r.values().get(0) : r.values());
      n.put("matched", covering);
      se.resourceMatched = covering;
      if (!star && none) {
        Tri t = Tri.of(r.negated());
        n.outcome = NodeBuilder.matchOutcome(t);
        n.explanation = "The request's resource is one of " + family + ", none of which " + r.elementName() + " " + r.values()
            + " covers" + (r.negated() ? ", so the statement covers it." : ".");
        stmt.add(n);
        return t;
      }
      Tri t = star ? Tri.of(!r.negated()) : Tri.UNKNOWN;
      if (t == Tri.UNKNOWN) {
        n.put("unknownKey", Request.UNKNOWN_RESOURCE);
        n.put("describe", "the resource is " + (r.negated() ? "outside " : "one of ") + r.values());
      }
      n.outcome = NodeBuilder.matchOutcome(t);
      String coveringText = covering;
      n.explanation = t == Tri.UNKNOWN ? "Undetermined: the request's resource is not known" + (family != null ? " (one of " + family + ")" : "")
          + ", and it decides whether " + r.elementName() + " " + r.values() + " covers it."
          : "*".equals(coveringText) ? (r.negated() ? "NotResource lists *, so the statement covers no resource." : "Resource * covers any resource.")
          : r.elementName() + " entry " + coveringText + " covers every resource of " + family
              + (r.negated() ? ", so the statement covers none of them." : ", whichever the request named.");
      stmt.add(n);
      return t;
    }

    Tri principalElement(PrincipalElement p, NodeBuilder stmt, StmtEval se, PolicyKind kind) {
      NodeBuilder n = new NodeBuilder(NodeKind.ELEMENT, p == null ? "Principal" : p.elementName());
      n.put("request", req.principal());
      if (p == null) {
        n.put("policy", null);
        n.outcome = Outcome.NO_MATCH;
        n.explanation = "The statement has no Principal element, so in a resource-based policy it applies to no one.";
        stmt.add(n);
        return Tri.FALSE;
      }
      List<String> shown = new ArrayList<>(p.values().size());
      for (PrincipalValue v : p.values()) {
        shown.add(v.toString());
      }
      n.put("policy", shown.size() == 1 ? shown.get(0) : shown);
      if (!p.negated()) {
        PMatch best = PMatch.NONE;
        PrincipalValue bestV = null;
        for (PrincipalValue v : p.values()) {
          PMatch m = matchPrincipal(v);
          if (m.ordinal() > best.ordinal()) {
            best = m;
            bestV = v;
          }
        }
        se.pm = best;
        n.put("matched", bestV == null ? null : bestV.toString());
        n.put("matchKind", best.name().toLowerCase(Locale.ROOT));
        boolean ok = best != PMatch.NONE;
        n.outcome = ok ? Outcome.MATCH : Outcome.NO_MATCH;
        n.explanation = !ok ? "Principal " + req.principal() + " is none of " + shown + "."
            : best == PMatch.ACCOUNT ? "Principal " + req.principal() + " belongs to account " + pi.account() + ", named as " + bestV + "."
            : best == PMatch.ANY ? "The statement names every principal (*)."
            : best == PMatch.ROLE && pi.kind() == PrincipalInfo.Kind.ROLE ? "Role " + req.principal() + " is named: it acts"
                + " through its sessions, and a grant to a role's ARN reaches them limited by a permissions boundary or"
                + " session policy."
            : best == PMatch.ROLE ? "Session " + req.principal() + (pi.kind() == PrincipalInfo.Kind.FEDERATED_USER
                ? " was federated by the named user " : " is a session of the named role ") + bestV.value() + "."
            : "Principal " + req.principal() + " is named directly (" + bestV + ").";
        stmt.add(n);
        return Tri.of(ok);
      }
      // NotPrincipal: applies unless every identity AWS checks (account, role, session / user) is listed
      boolean boundaryRule = hasBoundary && pi.kind().isIamIdentity() && pi.kind() != PrincipalInfo.Kind.ROOT;
      List<String> chain = pi.identityChain();
      List<String> missingIds = new ArrayList<>();
      for (String id : chain) {
        boolean listed = false;
        for (PrincipalValue v : p.values()) {
          if (v.type() == PrincipalType.ANY || notPrincipalNames(v, id)) {
            listed = true;
            break;
          }
        }
        if (!listed) {
          missingIds.add(id);
        }
      }
      boolean applies = boundaryRule || !missingIds.isEmpty();
      se.pm = applies ? PMatch.ANY : PMatch.NONE;
      n.put("checkedIdentities", chain);
      n.put("notListed", missingIds);
      n.outcome = applies ? Outcome.MATCH : Outcome.NO_MATCH;
      n.explanation = boundaryRule ? "NotPrincipal always covers a principal that has a permissions boundary, whatever it lists."
          : applies ? "NotPrincipal does not exempt " + req.principal() + ": " + missingIds + " not listed (AWS checks account, role and session in turn)."
          : "NotPrincipal lists every identity of " + req.principal() + " " + chain + ", so the statement does not cover it.";
      stmt.add(n);
      return Tri.of(applies);
    }

    private boolean notPrincipalNames(PrincipalValue v, String id) {
      if (v.type() != PrincipalType.AWS) {
        return v.value().equals(id);
      }
      String val = v.value();
      if (val.matches("\\d{12}")) {
        return id.equals("arn:" + (pi.partition() == null ? "aws" : pi.partition()) + ":iam::" + val + ":root");
      }
      return val.equals(id);
    }

    PMatch matchPrincipal(PrincipalValue v) {
      switch (v.type()) {
        case ANY:
          return PMatch.ANY;
        case SERVICE:
        case FEDERATED:
        case CANONICAL_USER:
          return v.value().equals(req.principal()) ? PMatch.DIRECT : PMatch.NONE;
        default:
          break;
      }
      String val = v.value();
      if (val.equals("*")) {
        return PMatch.ANY;
      }
      if (!pi.kind().isIamIdentity()) {
        return val.equals(req.principal()) ? PMatch.DIRECT : PMatch.NONE;
      }
      if (val.matches("\\d{12}")) {
        return val.equals(pi.account()) ? (pi.kind() == PrincipalInfo.Kind.ROOT ? PMatch.DIRECT : PMatch.ACCOUNT) : PMatch.NONE;
      }
      PrincipalInfo named = PrincipalInfo.parse(val);
      if (named.kind() == PrincipalInfo.Kind.ROOT) {
        return val.equals(pi.accountRootArn()) ? (pi.kind() == PrincipalInfo.Kind.ROOT ? PMatch.DIRECT : PMatch.ACCOUNT) : PMatch.NONE;
      }
      if (val.equals(pi.arn())) {
        // a role acts only through its sessions: its ARN named is the grant each session gets through the role,
        // which a permissions boundary or session policy limits (asked of the role itself: simulate, the graph)
        return pi.kind() == PrincipalInfo.Kind.ROLE ? PMatch.ROLE : PMatch.DIRECT;
      }
      if (named.kind() == PrincipalInfo.Kind.ROLE && pi.kind() == PrincipalInfo.Kind.ASSUMED_ROLE_SESSION
          && named.account() != null && named.account().equals(pi.account())
          && named.name().equals(pi.name())
          && java.util.Objects.equals(named.partition(), pi.partition())) {
        return PMatch.ROLE;
      }
      if (named.kind() == PrincipalInfo.Kind.USER && pi.kind() == PrincipalInfo.Kind.FEDERATED_USER && val.equals(pi.roleArn())) {
        // the user who federated: "the permissions from the resource-based policy are added to the ... user's
        // identity-based policy before the session is created", so the session policy limits them
        return PMatch.ROLE;
      }
      return PMatch.NONE;
    }

    String describeStatement(StmtEval se) {
      return "statement " + se.st.displayName() + " of " + se.owner.describe();
    }

    String matchSummary(StmtEval se) {
      StringBuilder sb = new StringBuilder();
      for (NodeBuilder c : se.node.children) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        switch (c.kind == NodeKind.ELEMENT ? (String) c.label : "") {
          case "Action":
            sb.append("action ").append(req.action()).append(" matches ").append(c.detail.get("matched"));
            break;
          case "NotAction":
            sb.append("action ").append(req.action()).append(" is outside NotAction");
            break;
          case "Resource":
            sb.append("resource ").append(req.resource()).append(" matches ").append(c.detail.get("matched"));
            break;
          case "NotResource":
            sb.append("resource ").append(req.resource()).append(" is outside NotResource");
            break;
          case "Principal":
            sb.append("principal matches ").append(c.detail.get("matched"));
            break;
          case "NotPrincipal":
            sb.append("principal is not exempted by NotPrincipal");
            break;
          case "Condition": {
            List<String> ds = new ArrayList<>();
            for (NodeBuilder cc : c.children) {
              ds.add(String.valueOf(cc.detail.get("describe")));
            }
            sb.append("condition ").append(String.join(" and ", ds)).append(c.outcome == Outcome.MATCH ? " holds" : " is undetermined");
            break;
          }
          default:
            sb.append(c.label);
        }
      }
      return sb.toString();
    }
  }

  private static Outcome gateOutcome(Tri t) {
    return t == Tri.TRUE ? Outcome.ALLOW : t == Tri.FALSE ? Outcome.DENY : Outcome.UNDETERMINED;
  }

  private static String levelName(int i, int n) {
    if (i == 0) {
      return "(root)";
    }
    return i == n - 1 ? "(account)" : "(OU)";
  }

  static String arnAccount(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length == 6 ? parts[4] : null;
  }

  static boolean isKmsKey(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return false;
    }
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[2].equals("kms") && parts[5].startsWith("key/");
  }
}
