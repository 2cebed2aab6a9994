package io.github.trailbench.core.correlate;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.Arn;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.IamPrincipal;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.PolicyLevel;
import io.github.trailbench.core.model.iam.ResolvedPolicies;
import io.github.trailbench.core.model.iam.UnresolvedPolicy;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.EvaluationFlags;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.UnknownPolicy;
import io.github.trailbench.core.policy.S3AclInput;
import io.github.trailbench.core.model.iam.S3AccessControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The policies in force for one request, gathered from the case's IAM data: the principal's
 * identity policies (its groups' too), permissions boundary, the resource's policy (a role's trust
 * policy for sts:AssumeRole*, a key policy for KMS), SCP levels on the principal's account path
 * and RCP levels on the resource's. What the case does not hold is listed in {@code gaps}, never
 * guessed.
 *
 * @param sources policy name as it appears in the trace → the document's JSON text
 * @param placements policy name as it appears in the trace → where it is attached, in a few
 *     words ("inline on user ci-deploy", "managed, attached to group Admins"); identity-based
 *     policies, boundaries and resource policies only
 */
public record PoliciesInForce(PolicySet set, List<String> gaps, Map<String, String> sources, Map<String, String> placements) {

  public PoliciesInForce {
    gaps = List.copyOf(gaps);
    sources = Map.copyOf(sources);
    placements = Map.copyOf(placements);
  }

  /** Where a policy of the trace is attached, or null. */
  public String placement(String policyName) {
    return placements.get(policyName);
  }

  /**
   * @param principalArn a user, role or assumed-role session ARN (or an account root)
   * @param resourceAccount the account owning the resource, or null to derive it
   * @param sessionPolicies session policies passed when the session was created (may be empty)
   */
  public static PoliciesInForce gather(IamSnapshot iam, String principalArn, String action, String resourceArn,
      String resourceAccount, List<NamedPolicy> sessionPolicies) throws SourceFormatException {
    return gather(iam, principalArn, action, resourceArn, resourceAccount, sessionPolicies, null);
  }

  /** The name of the stand-in for a resource's optional policy the case does not hold, before the ARN. */
  private static final String OPTIONAL_POLICY = "resource policy of ";

  /** What the explanation lists when the case has no policy for a resource that may have one. */
  static String optionalPolicyGap(String resourceArn) {
    return "the case has no resource policy for " + resourceArn + ": if it has one, it may allow the call";
  }

  /** The resource ARN of an optional policy's stand-in ({@link UnknownPolicy#optionalResourceStandIn}). */
  static String optionalPolicyArn(io.github.trailbench.core.model.policy.NamedPolicy standIn) {
    String name = standIn.name();
    int end = name.lastIndexOf(" (");
    return name.substring(OPTIONAL_POLICY.length(), end < 0 ? name.length() : end);
  }

  /**
   * Services whose resources may carry a resource-based policy that grants access on its own (a
   * queue, topic, function, secret, repository, event bus, DynamoDB table, Kinesis data stream or consumer): without
   * it in the case, a call the identity side does not allow may still have been allowed.
   */
  static final java.util.Set<String> OPTIONAL_RESOURCE_POLICIES = java.util.Set.of("sqs", "sns", "lambda",
      "secretsmanager", "ecr", "events", "dynamodb", "kinesis");

  /**
   * An IAM OIDC or SAML identity provider, the principal of a web identity or SAML federation call:
   * no IAM identity, so no identity-based policies, boundary or SCPs of its own.
   */
  static boolean federatedProvider(String principalArn) {
    return principalArn.startsWith("arn:") && (principalArn.contains(":oidc-provider/") || principalArn.contains(":saml-provider/"));
  }

  /**
   * As {@link #gather(IamSnapshot, String, String, String, String, List)}, reusing parsed documents
   * from {@code parsed} (keyed by source and text) when many questions share policies.
   */
  static PoliciesInForce gather(IamSnapshot iam, String principalArn, String action, String resourceArn,
      String resourceAccount, List<NamedPolicy> sessionPolicies,
      Map<String, io.github.trailbench.core.model.policy.PolicyDocument> parsed) throws SourceFormatException {
    return gather(iam, principalArn, action, resourceArn, resourceAccount, sessionPolicies, parsed, false);
  }

  /**
   * The policies in force for a call the trail logged: as {@link #gather(IamSnapshot, String, String,
   * String, String, List)}, and a queue, topic, function, secret, repository or bus whose resource
   * policy the case does not hold may have one that allows ({@link #OPTIONAL_RESOURCE_POLICIES}). A
   * question about what a principal could do (the graph, the simulator) asks about the policies the
   * case holds: a resource it creates itself has none.
   */
  public static PoliciesInForce gatherForLoggedCall(IamSnapshot iam, String principalArn, String issuerArn, String action,
      String resourceArn, String resourceAccount, List<NamedPolicy> sessionPolicies) throws SourceFormatException {
    return gather(iam, principalArn, issuerArn, action, resourceArn, resourceAccount, sessionPolicies, null, true);
  }

  static PoliciesInForce gather(IamSnapshot iam, String principalArn, String action, String resourceArn,
      String resourceAccount, List<NamedPolicy> sessionPolicies,
      Map<String, io.github.trailbench.core.model.policy.PolicyDocument> parsed, boolean loggedCall)
      throws SourceFormatException {
    return gather(iam, principalArn, null, action, resourceArn, resourceAccount, sessionPolicies, parsed, loggedCall);
  }

  /**
   * As above, for a logged call whose record names the session's issuer ({@code
   * sessionContext.sessionIssuer.arn}, or null): a federated user (GetFederationToken) has the
   * identity policies and boundary of the IAM user who federated it, limited by the session
   * policy; a session of a service-linked role the case does not hold is still one (its path,
   * {@code /aws-service-role/}, is in the issuer's ARN only).
   */
  static PoliciesInForce gather(IamSnapshot iam, String principalArn, String issuerArn, String action, String resourceArn,
      String resourceAccount, List<NamedPolicy> sessionPolicies,
      Map<String, io.github.trailbench.core.model.policy.PolicyDocument> parsed, boolean loggedCall)
      throws SourceFormatException {
    Gatherer g = new Gatherer(parsed);
    PolicySet.Builder set = PolicySet.builder();
    String principalAccount = Arn.accountOf(principalArn);
    Optional<IamPrincipal> principal = iam.principal(principalArn);
    if (principal.isEmpty() && issuerArn != null && principalArn.contains(":federated-user/") && issuerArn.contains(":user/")) {
      // "the intersection of the IAM user's identity-based policy and the session policies" (GetFederationToken)
      principal = iam.principal(issuerArn);
    }

    if (principal.isPresent()) {
      ResolvedPolicies identity = iam.identityPolicies(principal.get());
      for (io.github.trailbench.core.model.iam.NamedPolicy p : identity.policies()) {
        set.identity(g.parse(p));
      }
      g.unresolved(identity.unresolved());
      // never decide as if a policy in force were not there: each one the case lacks stands in as unknown
      identity.unresolved().forEach(u -> set.identity(UnknownPolicy.standIn(u.kind().label() + " " + u.reference(), true)));
      ResolvedPolicies boundary = iam.permissionsBoundary(principal.get());
      if (!boundary.policies().isEmpty()) {
        set.boundary(g.parse(boundary.policies().get(0)));
      } else if (!boundary.unresolved().isEmpty()) {
        set.boundary(UnknownPolicy.standIn("permissions boundary " + boundary.unresolved().get(0).reference(), true));
      }
      g.unresolved(boundary.unresolved());
    } else if (!principalArn.endsWith(":root") && principalArn.startsWith("arn:") && !federatedProvider(principalArn)) {
      // a service principal (cloudtrail.amazonaws.com) has no identity policies to miss
      g.gaps.add("the case's IAM data has no " + principalArn + ": its identity policies and boundary are unknown");
      set.identity(UnknownPolicy.standIn("identity-based policies of " + principalArn, true));
    }
    sessionPolicies.forEach(p -> {
      set.session(p);
      g.sources.put(p.name(), p.document().source());
      if (UnknownPolicy.is(p) || io.github.trailbench.core.policy.RootTaskPolicies.isUnknown(p)) {
        g.gaps.add(p.name() + ": the session is limited by it, and it may deny");
      }
    });

    String lowerAction = action.toLowerCase(Locale.ROOT);
    boolean assumeRole = io.github.trailbench.core.policy.PolicyEngine.isTrustPolicyAction(lowerAction);
    // a key (not an alias: an alias has no policy, IAM policies alone decide on it), in any partition
    boolean kms = Arn.parse(resourceArn).map(a -> a.service().equals("kms") && a.resource().startsWith("key/")).orElse(false);
    String owner = objectOwner(iam, resourceArn, resourceAccount);
    if (assumeRole && resourceArn != null && resourceArn.contains(":role/")) {
      Optional<io.github.trailbench.core.model.iam.NamedPolicy> trust = iam.trustPolicy(resourceArn);
      if (trust.isPresent()) {
        set.resource(g.parse(trust.get()));
      } else {
        // every role has one: the case not holding it leaves what it allows unknown, not "none"
        g.gaps.add("the case has no trust policy for " + resourceArn + ": every role has one, so it is unknown");
        set.resource(UnknownPolicy.resourceStandIn("trust policy of " + resourceArn));
      }
    } else if (resourceArn != null && !resourceArn.equals("*")) {
      Optional<io.github.trailbench.core.model.iam.NamedPolicy> resource = iam.resourcePolicyDocument(resourceArn);
      String writer = resource.isPresent() ? s3ObjectWriter(iam, resourceArn) : null;
      if (resource.isPresent() && writer != null) {
        // S3 User Guide, "How Amazon S3 authorizes a request for an object operation": in the bucket context
        // only the bucket owner's explicit deny counts; the object owner's permission (its ACL) must allow
        g.gaps.add(resourceArn + " is owned by account " + writer + ", which wrote it, not by the bucket's owner: the"
            + " bucket policy's Allow statements cannot grant on it (only the object owner can, in the object's ACL);"
            + " its Deny statements still apply");
        set.resource(denyOnly(g.parse(resource.get())));
      } else if (resource.isPresent()) {
        set.resource(g.parse(resource.get()));
      } else if (kms) {
        g.gaps.add("the case has no key policy for " + resourceArn + ": every KMS key has one, so it is unknown");
        set.resource(UnknownPolicy.resourceStandIn("key policy of " + resourceArn));
      } else if (loggedCall && OPTIONAL_RESOURCE_POLICIES.contains(Arn.parse(resourceArn).map(Arn::service).orElse(""))) {
        g.gaps.add(optionalPolicyGap(resourceArn));
        set.resource(UnknownPolicy.optionalResourceStandIn(OPTIONAL_POLICY + resourceArn));
      }
      if (owner == null) {
        owner = iam.resourcePolicy(resourceArn).map(io.github.trailbench.core.model.iam.ResourcePolicy::resourceAccount)
            .orElse(null);
      }
      if (lowerAction.startsWith("s3:")) {
        S3AclInput acl = s3Acl(iam, resourceArn);
        if (acl != null) {
          set.s3Acl(acl);
          if (owner == null) {
            owner = s3Owner(iam, resourceArn);
          }
        }
      }
    }
    if (owner == null || owner.isEmpty()) {
      String fromArn = resourceArn == null ? "" : Arn.accountOf(resourceArn);
      owner = fromArn.isEmpty() ? principalAccount : fromArn;
    }

    // SCPs limit the IAM users and roles of member accounts: a federated caller is neither
    for (PolicyLevel level : federatedProvider(principalArn) ? List.<PolicyLevel>of() : iam.scpLevels(principalAccount)) {
      set.scpLevel(g.parseLevel(level));
    }
    if (principalAccount != null && !principalAccount.isEmpty() && iam.organizationOf(principalAccount).isEmpty()
        && !iam.organizations().isEmpty() && !federatedProvider(principalArn)) {
      g.gaps.add("account " + principalAccount + " is in none of the case's organizations: its SCPs are unknown");
      set.scpLevel(List.of(UnknownPolicy.standIn("SCPs of account " + principalAccount + ", which the organization data does not"
          + " place", true)));
    }
    for (PolicyLevel level : iam.rcpLevels(owner)) {
      set.rcpLevel(g.parseLevel(level));
    }

    boolean serviceLinked = principal.filter(p -> p instanceof IamRole).map(p -> iam.isServiceLinkedRole(((IamRole) p).arn()))
        .orElse(principal.isEmpty() && issuerArn != null && principalArn.contains(":assumed-role/") && iam.isServiceLinkedRole(issuerArn));
    set.flags(new EvaluationFlags(iam.isManagementAccount(principalAccount), serviceLinked, iam.isManagementAccount(owner),
        kms ? Boolean.TRUE : null, assumeRole ? Boolean.TRUE : null));
    return new PoliciesInForce(set.build(), g.gaps, g.sources, g.placements);
  }

  /**
   * The S3 ACLs of the request's bucket (and object) and the bucket's Object Ownership, with the
   * accounts' canonical ids the case knows; null when the case holds none for this bucket.
   */
  static S3AclInput s3Acl(IamSnapshot iam, String resourceArn) {
    if (resourceArn == null || !resourceArn.startsWith("arn:aws") || !resourceArn.contains(":s3:::")) {
      return null;
    }
    String tail = resourceArn.substring(resourceArn.indexOf(":::") + 3);
    int slash = tail.indexOf('/');
    String bucketArn = slash < 0 ? resourceArn : resourceArn.substring(0, resourceArn.indexOf(":::") + 3 + slash);
    Optional<S3AccessControl> bucket = iam.s3AccessControl(bucketArn);
    Optional<S3AccessControl> object = slash < 0 ? Optional.empty() : iam.s3AccessControl(resourceArn);
    if (bucket.isEmpty() && object.isEmpty()) {
      return null;
    }
    return new S3AclInput(bucket.flatMap(S3AccessControl::acl).orElse(null), object.flatMap(S3AccessControl::acl).orElse(null),
        bucket.flatMap(S3AccessControl::ownership).orElse(null), iam.canonicalIds(), iam.accountEmails());
  }

  private static String s3Owner(IamSnapshot iam, String resourceArn) {
    Optional<S3AccessControl> exact = iam.s3AccessControl(resourceArn);
    if (exact.isPresent()) {
      String writer = objectWriter(iam, resourceArn, exact.get());
      return writer != null ? writer : exact.get().resourceAccount();
    }
    String tail = resourceArn.substring(resourceArn.indexOf(":::") + 3);
    int slash = tail.indexOf('/');
    return slash < 0 ? null
        : iam.s3AccessControl(resourceArn.substring(0, resourceArn.indexOf(":::") + 3 + slash)).map(S3AccessControl::resourceAccount).orElse(null);
  }

  /**
   * The account that owns an object another account wrote into a bucket whose ACLs are in force
   * (Object Ownership ObjectWriter or BucketOwnerPreferred): its object ACL's owner, when the case
   * knows that canonical id's account and it is not the bucket's; else null. Such an object's owner,
   * not the bucket owner, grants access to it ("the bucket owner ... can't grant permissions on
   * objects it does not own", S3 User Guide, Access control list overview).
   */
  private static String objectWriter(IamSnapshot iam, String objectArn, S3AccessControl object) {
    String tail = objectArn.substring(objectArn.indexOf(":::") + 3);
    int slash = tail.indexOf('/');
    if (slash < 0 || object.acl().isEmpty() || object.acl().get().ownerId() == null) {
      return null;
    }
    String bucketArn = objectArn.substring(0, objectArn.indexOf(":::") + 3 + slash);
    var ownership = iam.s3AccessControl(bucketArn).flatMap(S3AccessControl::ownership);
    if (ownership.isEmpty() || ownership.get() == io.github.trailbench.core.model.policy.ObjectOwnership.BUCKET_OWNER_ENFORCED) {
      return null; // ACLs disabled (or not known to be enabled): the bucket owner owns every object
    }
    String ownerId = object.acl().get().ownerId();
    for (Map.Entry<String, String> e : iam.canonicalIds().entrySet()) {
      if (ownerId.equals(e.getValue()) && !e.getKey().equals(object.resourceAccount())) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The account that wrote (and owns) an S3 object when it is not the bucket's owner, as {@link #objectOwner} knows it; else null. */
  private static String s3ObjectWriter(IamSnapshot iam, String resourceArn) {
    if (resourceArn == null || !resourceArn.startsWith("arn:aws") || !resourceArn.contains(":s3:::")) {
      return null;
    }
    return iam.s3AccessControl(resourceArn).map(object -> objectWriter(iam, resourceArn, object)).orElse(null);
  }

  /** The policy with its Deny statements only (under the same name, so that the trace still shows its source). */
  private static NamedPolicy denyOnly(NamedPolicy p) {
    var d = p.document();
    return new NamedPolicy(p.name(), new io.github.trailbench.core.model.policy.PolicyDocument(d.version(), d.id(),
        d.statements().stream().filter(st -> st.effect() == io.github.trailbench.core.model.policy.Effect.DENY).toList(),
        d.source()));
  }

  /**
   * The account that owns the resource, as the log gives it ({@code logged}), but for an object
   * another account wrote into a bucket whose ACLs are in force: that account.
   */
  public static String objectOwner(IamSnapshot iam, String resourceArn, String logged) {
    if (resourceArn == null || !resourceArn.startsWith("arn:aws") || !resourceArn.contains(":s3:::")) {
      return logged;
    }
    Optional<S3AccessControl> exact = iam.s3AccessControl(resourceArn);
    String writer = exact.isEmpty() ? null : objectWriter(iam, resourceArn, exact.get());
    return writer != null ? writer : logged;
  }

  /** The resource's owning account as gathered (for the engine request). */
  /**
   * Whether the case knows which account owns {@code resourceArn}: its ARN names the account, or the case's resource
   * policies or S3 data give it; true for "*" (no resource).
   */
  public static boolean ownerKnown(IamSnapshot iam, String resourceArn) {
    if (resourceArn == null || resourceArn.equals("*") || !Arn.accountOf(resourceArn).isEmpty()) {
      return true;
    }
    String fromPolicy = iam.resourcePolicy(resourceArn).map(io.github.trailbench.core.model.iam.ResourcePolicy::resourceAccount)
        .orElse(null);
    if ((fromPolicy == null || fromPolicy.isEmpty()) && resourceArn.contains(":s3:::")) {
      fromPolicy = s3Owner(iam, resourceArn);
    }
    return fromPolicy != null && !fromPolicy.isEmpty();
  }

  public static String ownerOf(IamSnapshot iam, String principalArn, String resourceArn) {
    String fromPolicy = resourceArn == null ? null
        : iam.resourcePolicy(resourceArn).map(io.github.trailbench.core.model.iam.ResourcePolicy::resourceAccount).orElse(null);
    if ((fromPolicy == null || fromPolicy.isEmpty()) && resourceArn != null && resourceArn.contains(":s3:::")) {
      fromPolicy = s3Owner(iam, resourceArn);
    }
    if (fromPolicy != null && !fromPolicy.isEmpty()) {
      return fromPolicy;
    }
    String fromArn = resourceArn == null ? "" : Arn.accountOf(resourceArn);
    return fromArn.isEmpty() ? Arn.accountOf(principalArn) : fromArn;
  }

  private static final class Gatherer {
    final List<String> gaps = new ArrayList<>();
    final Map<String, String> sources = new LinkedHashMap<>();
    final Map<String, String> placements = new LinkedHashMap<>();
    final Map<String, io.github.trailbench.core.model.policy.PolicyDocument> cache;

    Gatherer(Map<String, io.github.trailbench.core.model.policy.PolicyDocument> cache) {
      this.cache = cache;
    }

    io.github.trailbench.core.model.policy.PolicyDocument document(String json, String origin) throws SourceFormatException {
      if (cache == null) {
        return PolicyParser.parse(json, origin);
      }
      String key = origin + "\n" + json;
      io.github.trailbench.core.model.policy.PolicyDocument d = cache.get(key);
      if (d == null) {
        d = PolicyParser.parse(json, origin);
        cache.put(key, d);
      }
      return d;
    }

    NamedPolicy parse(io.github.trailbench.core.model.iam.NamedPolicy p) throws SourceFormatException {
      String name = p.name();
      NamedPolicy parsed = new NamedPolicy(name, document(p.document().json(), p.origin().describe()));
      sources.put(name, p.document().json());
      placements.putIfAbsent(name, placement(p.origin()));
      return parsed;
    }

    private static String placement(io.github.trailbench.core.model.iam.PolicyOrigin o) {
      String on = shortName(o.attachedTo());
      return switch (o.kind()) {
        case USER_INLINE -> "inline on user " + on;
        case GROUP_INLINE -> "inline on group " + on;
        case ROLE_INLINE -> "inline on role " + on;
        case USER_MANAGED -> "managed, attached to user " + on;
        case GROUP_MANAGED -> "managed, attached to group " + on;
        case ROLE_MANAGED -> "managed, attached to role " + on;
        case PERMISSIONS_BOUNDARY -> "boundary of " + on;
        case TRUST_POLICY -> "trust policy of role " + on;
        default -> "on " + o.attachedTo();
      };
    }

    private static String shortName(String arn) {
      int slash = arn.lastIndexOf('/');
      return slash >= 0 && slash < arn.length() - 1 ? arn.substring(slash + 1) : arn;
    }

    List<NamedPolicy> parseLevel(PolicyLevel level) throws SourceFormatException {
      if (level.policies().isEmpty()) {
        // AWS keeps at least one SCP (FullAWSAccess) and RCPFullAWSAccess on every node of an organization whose
        // policy type is enabled: a node listed with none means the organization data is incomplete, not "deny all"
        String what = "policies attached at " + level.targetName() + " (" + level.targetId() + ")";
        gaps.add("the organization data lists no " + what + ", and AWS requires at least one: they are unknown");
        return List.of(UnknownPolicy.standIn(what, true));
      }
      List<NamedPolicy> out = new ArrayList<>();
      for (io.github.trailbench.core.model.iam.NamedPolicy p : level.policies()) {
        String name = p.name() + " @ " + level.targetName() + " (" + level.targetId() + ")";
        out.add(new NamedPolicy(name, document(p.document().json(), p.origin().describe())));
        sources.put(name, p.document().json());
      }
      return out;
    }

    void unresolved(List<UnresolvedPolicy> missing) {
      missing.forEach(u -> gaps.add(u.kind().label() + " " + u.reference() + " on " + u.attachedTo() + ": " + u.reason()));
    }
  }
}
