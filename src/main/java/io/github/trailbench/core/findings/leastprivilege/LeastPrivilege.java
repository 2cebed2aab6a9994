package io.github.trailbench.core.findings.leastprivilege;

import io.github.trailbench.core.catalog.ActionCatalog;
import io.github.trailbench.core.catalog.ActionLogging;
import io.github.trailbench.core.catalog.ActionMapping;
import io.github.trailbench.core.catalog.EventActionMapper;
import io.github.trailbench.core.correlate.ResourceArns;
import io.github.trailbench.core.correlate.ResourceDerivation;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.ServiceLastAccess;
import io.github.trailbench.core.model.Arn;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.UserIdentity;
import io.github.trailbench.core.model.iam.IamPrincipal;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.PolicyLevel;
import io.github.trailbench.core.model.iam.ResolvedPolicies;
import io.github.trailbench.core.model.iam.UnresolvedPolicy;
import io.github.trailbench.core.model.policy.ConditionClause;
import io.github.trailbench.core.model.policy.Effect;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.Statement;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationFlags;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Least privilege for one principal (an IAM user or role): what its identity policies grant, what
 * its logged calls used, what is granted and unused, a minimal policy for what was used, and what
 * the trail cannot show (caveats). See docs/least-privilege.md for the method.
 *
 * <pre>{@code
 * LeastPrivilege.Analysis a = new LeastPrivilege(iam).start("arn:aws:iam::111122223333:user/ci-deploy");
 * events.forEach(a);                       // every event of the case, any order
 * LeastPrivilegeResult r = a.finish();
 * }</pre>
 */
public final class LeastPrivilege {
  /** Context keys the engine derives from the principal and resource; they are known, not unknown. */
  private static final Set<String> DERIVED_KEYS = Set.of("aws:principalarn", "aws:principalaccount",
      "aws:principaltype", "aws:username", "aws:userid", "aws:principalisawsservice", "aws:principalservicename",
      "aws:resourceaccount");
  private static final Pattern DENIED_ERROR =
      Pattern.compile("AccessDenied.*|.*UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|Forbidden");
  /** More distinct resource ARNs than this for one action are widened to a prefix (see {@link #narrow}). */
  static final int MAX_RESOURCES_PER_ACTION = 10;

  private final IamSnapshot iam;
  /**
   * The KMS key ARN a successful S3 upload (PutObject, CopyObject, CreateMultipartUpload) was encrypted
   * with, from its response; null for any other call or encryption.
   */
  static String sseKmsKey(CloudTrailEvent e) {
    if (!"s3.amazonaws.com".equals(e.eventSource()) || e.failed() || !Set.of("PutObject", "CopyObject",
        "CreateMultipartUpload").contains(e.eventName()) || e.responseElementsJson() == null) {
      return null;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode r = RESPONSES.readTree(e.responseElementsJson());
      String key = r.path("x-amz-server-side-encryption-aws-kms-key-id").asText("");
      return r.path("x-amz-server-side-encryption").asText("").startsWith("aws:kms") && key.startsWith("arn:")
          && key.contains(":kms:") && key.contains(":key/") ? key : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      return null;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper RESPONSES = new com.fasterxml.jackson.databind.ObjectMapper();

  /** S3 actions an upload adds for its headers, checked on the object it writes. */
  private static final Set<String> OBJECT_SUB_ACTIONS = Set.of("s3:PutObjectTagging", "s3:PutObjectAcl",
      "s3:PutObjectLegalHold", "s3:PutObjectRetention");
  private final ActionCatalog catalog;
  private final EventActionMapper mapper;
  private final PolicyEngine engine;

  public LeastPrivilege(IamSnapshot iam) {
    this(iam, EventActionMapper.get(), new PolicyEngine());
  }

  public LeastPrivilege(IamSnapshot iam, EventActionMapper mapper, PolicyEngine engine) {
    this.iam = Objects.requireNonNull(iam, "iam");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.catalog = mapper.catalog();
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** Analyses one principal over the given events. */
  public LeastPrivilegeResult analyze(String principalArn, Iterable<CloudTrailEvent> events) throws SourceFormatException {
    Analysis a = start(principalArn);
    events.forEach(a);
    return a.finish();
  }

  /**
   * Starts an analysis: resolves the principal and computes its grants.
   *
   * @throws IllegalArgumentException when the case's IAM data has no such user or role (the message
   *     lists the ones it has)
   * @throws SourceFormatException when one of its policy documents does not parse
   */
  public Analysis start(String principalArn) throws SourceFormatException {
    IamPrincipal principal = resolve(principalArn);
    return new Analysis(principal, grants(principal));
  }

  private IamPrincipal resolve(String arn) {
    Optional<IamPrincipal> p = arn == null ? Optional.empty() : iam.principal(arn);
    if (p.isPresent() && p.get().arn().equals(arn)) {
      return p.get();
    }
    List<String> known = new ArrayList<>();
    iam.users().forEach(u -> known.add(u.arn()));
    iam.roles().forEach(r -> known.add(r.arn()));
    throw new IllegalArgumentException("the case's IAM data has no user or role " + arn
        + (known.isEmpty() ? " (it holds no users or roles: import get-account-authorization-details)"
            : "; it has: " + String.join(", ", known)));
  }

  // ------------------------------------------------------------------------------------- granted

  /** The grants and what the IAM data could not say. */
  record Grants(List<GrantedAction> granted, List<String> gaps, List<String> unknownPolicyActions,
      List<PolicySizeQuota> oversized) {}

  private Grants grants(IamPrincipal principal) throws SourceFormatException {
    List<String> gaps = new ArrayList<>();
    ResolvedPolicies identity = iam.identityPolicies(principal);
    ResolvedPolicies boundaryPolicies = iam.permissionsBoundary(principal);
    String account = principal.accountId();
    List<PolicyLevel> scpLevels = iam.scpLevels(account);
    List<io.github.trailbench.core.model.iam.NamedPolicy> considered = new ArrayList<>(identity.policies());
    considered.addAll(boundaryPolicies.policies());
    scpLevels.forEach(level -> considered.addAll(level.policies()));
    List<PolicySizeQuota> oversized = PolicySizeQuota.exceeded(considered);
    List<NamedPolicy> identityPolicies = new ArrayList<>();
    for (io.github.trailbench.core.model.iam.NamedPolicy p : identity.policies()) {
      if (!PolicySizeQuota.skip(p)) {
        identityPolicies.add(parse(p));
      }
    }
    identity.unresolved().forEach(u -> gaps.add(describe(u)));
    NamedPolicy boundary = boundaryPolicies.policies().isEmpty() || PolicySizeQuota.skip(boundaryPolicies.policies().get(0))
        ? null : parse(boundaryPolicies.policies().get(0));
    boundaryPolicies.unresolved().forEach(u -> gaps.add(describe(u)));
    List<List<NamedPolicy>> scps = new ArrayList<>();
    for (PolicyLevel level : scpLevels) {
      List<NamedPolicy> l = new ArrayList<>();
      for (io.github.trailbench.core.model.iam.NamedPolicy p : level.policies()) {
        if (PolicySizeQuota.skip(p)) {
          continue;
        }
        l.add(new NamedPolicy(p.name() + " @ " + level.targetName(), PolicyParser.parse(p.document().json(),
            p.origin().describe())));
      }
      scps.add(l);
    }
    boolean serviceLinked = principal instanceof IamRole role && iam.isServiceLinkedRole(role.arn());
    boolean scpsApply = !scps.isEmpty() && !iam.isManagementAccount(account) && !serviceLinked;
    if (principal instanceof IamRole) {
      gaps.add("session policies passed when the role was assumed narrow single sessions; they are not considered");
    }

    // Candidates: every catalog action an Allow statement names, with that statement's resources.
    Map<String, Set<String>> candidates = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Set<String> unknownActions = new TreeSet<>();
    Set<String> conditionKeys = new LinkedHashSet<>();
    List<NamedPolicy> all = new ArrayList<>(identityPolicies);
    if (boundary != null) {
      all.add(boundary);
    }
    scps.forEach(all::addAll);
    for (NamedPolicy p : all) {
      for (Statement st : p.document().statements()) {
        for (ConditionClause c : st.conditions()) {
          if (!DERIVED_KEYS.contains(c.key().toLowerCase(Locale.ROOT))) {
            conditionKeys.add(c.key());
          }
        }
      }
    }
    for (NamedPolicy p : identityPolicies) {
      for (Statement st : p.document().statements()) {
        if (st.effect() != Effect.ALLOW || st.action() == null) {
          continue;
        }
        List<String> resources = st.resource() == null || st.resource().negated() ? List.of("*")
            : st.resource().values().stream().map(r -> substitute(r, principal)).toList();
        for (String action : actions(st, unknownActions)) {
          candidates.computeIfAbsent(action, k -> new LinkedHashSet<>()).addAll(resources);
        }
      }
    }

    // Resources a boundary allows, or a Deny spares (NotResource), narrower than the identity Allow's:
    // an action "*"-allowed by the identity policy is still granted on those (a boundary scoped to a
    // bucket, "deny s3 outside this bucket"); asked only on "*" it looked granted nowhere.
    List<Statement> narrowing = new ArrayList<>();
    if (boundary != null) {
      boundary.document().statements().stream().filter(st -> st.effect() == Effect.ALLOW).forEach(narrowing::add);
    }
    identityPolicies.forEach(p -> p.document().statements().stream()
        .filter(st -> st.effect() == Effect.DENY && st.resource() != null && st.resource().negated()).forEach(narrowing::add));
    for (Statement st : narrowing) {
      if (st.resource() == null || st.action() == null) {
        continue;
      }
      StatementActions matcher = new StatementActions(st);
      List<String> resources = st.resource().values().stream().map(r -> substitute(r, principal)).toList();
      for (Map.Entry<String, Set<String>> c : candidates.entrySet()) {
        if (matcher.matches(c.getKey().toLowerCase(Locale.ROOT))) {
          c.getValue().addAll(resources);
        }
      }
    }

    EvaluationFlags flags = new EvaluationFlags(iam.isManagementAccount(account), serviceLinked, false, false, false);
    PolicySet.Builder own = PolicySet.builder().flags(flags);
    identityPolicies.forEach(own::identity);
    if (boundary != null) {
      own.boundary(boundary);
    }
    PolicySet ownSet = own.build();
    // The SCPs alone: an identity policy that allows everything, so the decision is theirs.
    PolicySet scpsOnly = null;
    if (scpsApply) {
      PolicySet.Builder b = PolicySet.builder().flags(flags)
          .identity(new NamedPolicy("(any identity grant)", PolicyParser.parse(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
              "least privilege")));
      scps.forEach(b::scpLevel);
      scpsOnly = b.build();
    }

    // The engine's decision depends on the action only through which Action/NotAction elements
    // match it, so actions matched by the same statements (and with the same resources) share one
    // evaluation: AdministratorAccess's 22,000 actions need a handful, not 44,000.
    List<StatementActions> statements = new ArrayList<>();
    for (NamedPolicy p : all) {
      for (Statement st : p.document().statements()) {
        statements.add(new StatementActions(st));
      }
    }
    Map<EvaluationKey, List<String>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> c : candidates.entrySet()) {
      java.util.BitSet signature = new java.util.BitSet(statements.size());
      String lower = c.getKey().toLowerCase(Locale.ROOT);
      for (int i = 0; i < statements.size(); i++) {
        if (statements.get(i).matches(lower)) {
          signature.set(i);
        }
      }
      groups.computeIfAbsent(new EvaluationKey(signature, List.copyOf(c.getValue())), k -> new ArrayList<>())
          .add(c.getKey());
    }
    Map<String, GrantedAction> grantedByAction = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<EvaluationKey, List<String>> g : groups.entrySet()) {
      String representative = g.getValue().get(0);
      List<String> allowedOn = new ArrayList<>();
      boolean unconditional = false;
      GrantedAction.ScpEffect scp = scpsApply ? GrantedAction.ScpEffect.DENIES : GrantedAction.ScpEffect.NOT_APPLICABLE;
      for (String resource : g.getKey().resources()) {
        Request request = request(principal.arn(), representative, resource, account, conditionKeys);
        Decision d = engine.evaluate(request, ownSet).decision();
        if (d != Decision.ALLOWED && d != Decision.UNDETERMINED) {
          continue;
        }
        allowedOn.add(resource);
        unconditional |= d == Decision.ALLOWED;
        if (scpsOnly != null && scp != GrantedAction.ScpEffect.ALLOWS) {
          Decision s = engine.evaluate(request, scpsOnly).decision();
          if (s == Decision.ALLOWED) {
            scp = GrantedAction.ScpEffect.ALLOWS;
          } else if (s == Decision.UNDETERMINED) {
            scp = GrantedAction.ScpEffect.CONDITIONAL;
          }
        }
      }
      if (!allowedOn.isEmpty()) {
        for (String action : g.getValue()) {
          grantedByAction.put(action, new GrantedAction(action, service(action), allowedOn, !unconditional, scp));
        }
      }
    }
    List<GrantedAction> granted = List.copyOf(grantedByAction.values());
    return new Grants(granted, gaps, List.copyOf(unknownActions), List.copyOf(oversized));
  }

  /** Actions with the same statement signature and resources get the same decision. */
  private record EvaluationKey(java.util.BitSet signature, List<String> resources) {}

  /** Which catalog actions a statement's Action or NotAction element matches. */
  private final class StatementActions {
    final boolean negated;
    final boolean all;
    final Set<String> matched = new HashSet<>();

    StatementActions(Statement st) {
      negated = st.action() != null && st.action().negated();
      boolean star = false;
      if (st.action() != null) {
        for (String pattern : st.action().values()) {
          if (pattern.equals("*")) {
            star = true;
          } else {
            catalog.expand(pattern).forEach(a -> matched.add(a.toLowerCase(Locale.ROOT)));
          }
        }
      }
      all = star;
    }

    boolean matches(String lowerAction) {
      boolean in = all || matched.contains(lowerAction);
      return in != negated;
    }
  }

  private List<String> actions(Statement st, Set<String> unknownActions) {
    Set<String> matched = new LinkedHashSet<>();
    for (String pattern : st.action().values()) {
      List<String> expanded = catalog.expand(pattern);
      if (expanded.isEmpty() && !pattern.contains("*") && !pattern.contains("?")) {
        unknownActions.add(pattern);
      }
      matched.addAll(expanded);
    }
    if (!st.action().negated()) {
      return List.copyOf(matched);
    }
    Set<String> excluded = new HashSet<>();
    matched.forEach(a -> excluded.add(a.toLowerCase(Locale.ROOT)));
    return catalog.expand("*").stream().filter(a -> !excluded.contains(a.toLowerCase(Locale.ROOT))).toList();
  }

  private static Request request(String principal, String action, String resource, String account, Set<String> unknown) {
    Request.Builder b = Request.builder(principal, action, resource).resourceAccount(account);
    unknown.forEach(b::unknown);
    return b.build();
  }

  /** Fills in the one policy variable a user's own resources are written with. */
  private static String substitute(String resource, IamPrincipal principal) {
    return principal instanceof IamUser ? resource.replace("${aws:username}", principal.name()) : resource;
  }

  private static NamedPolicy parse(io.github.trailbench.core.model.iam.NamedPolicy p) throws SourceFormatException {
    return new NamedPolicy(p.name(), PolicyParser.parse(p.document().json(), p.origin().describe()));
  }

  private static String describe(UnresolvedPolicy u) {
    return u.kind().label() + " " + u.reference() + " on " + u.attachedTo() + ": " + u.reason();
  }

  /** An error code of a call refused by authorization (AccessDenied and the like), not failed for another reason. */
  static boolean isDenial(String errorCode) {
    return errorCode != null && DENIED_ERROR.matcher(errorCode).matches();
  }

  static String service(String action) {
    int colon = action.indexOf(':');
    return colon < 0 ? action : action.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------------------------ analysis

  /** One analysis in progress: feed every event of the case, then {@link #finish}. Not thread-safe. */
  public final class Analysis implements Consumer<CloudTrailEvent> {
    private final IamPrincipal principal;
    private final Grants grants;
    private final String sessionPrefix;
    private Instant first;
    private Instant last;
    private long events;
    private long principalEvents;
    private final Set<String> servicesInTrail = new HashSet<>();
    private final Map<String, Long> dataEventsByService = new HashMap<>();
    private final Map<String, Usage> used = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Usage> denied = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Long> notDeniable = new TreeMap<>();
    private final Map<String, Long> unmapped = new TreeMap<>();
    /** First and last successful use per service, beside Access Advisor's dates. */
    private final Map<String, Instant[]> serviceUse = new HashMap<>();

    private Analysis(IamPrincipal principal, Grants grants) {
      this.principal = principal;
      this.grants = grants;
      this.sessionPrefix = principal instanceof IamRole
          ? "arn:" + Arn.parse(principal.arn()).map(Arn::partition).orElse("aws") + ":sts::" + principal.accountId() + ":assumed-role/" + principal.name() + "/"
          : null;
    }

    @Override
    public void accept(CloudTrailEvent e) {
      if (e == null) {
        return;
      }
      events++;
      Instant t = e.eventTime();
      if (t != null) {
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
      }
      if (e.eventSource() != null) {
        servicesInTrail.addAll(mapper.prefixCandidates(e.eventSource()));
      }
      boolean dataEvent = Boolean.FALSE.equals(e.managementEvent()) || "Data".equalsIgnoreCase(e.eventCategory());
      boolean mine = isPrincipals(e.userIdentity());
      if (!dataEvent && !mine) {
        return;
      }
      ActionMapping m = mapper.map(e);
      if (dataEvent) {
        m.actions().forEach(a -> dataEventsByService.merge(service(a), 1L, Long::sum));
      }
      if (!mine) {
        return;
      }
      principalEvents++;
      switch (m.authorization()) {
        case IAM -> record(e, m, e.failed() && isDenial(e.errorCode()) ? denied : used);
        case NOT_DENIABLE -> notDeniable.merge(e.eventSource() + " " + e.eventName(), 1L, Long::sum);
        case UNKNOWN -> unmapped.merge(e.eventSource() + " " + e.eventName(), 1L, Long::sum);
        default -> { }
      }
    }

    private boolean isPrincipals(UserIdentity id) {
      if (id == null || id.arn() == null) {
        return false;
      }
      if (sessionPrefix == null) {
        return id.arn().equals(principal.arn());
      }
      if (id.sessionContext() != null && id.sessionContext().sessionIssuer() != null
          && principal.arn().equals(id.sessionContext().sessionIssuer().arn())) {
        return true;
      }
      return id.arn().startsWith(sessionPrefix);
    }

    private void record(CloudTrailEvent e, ActionMapping m, Map<String, Usage> into) {
      ResourceDerivation d = ResourceArns.derive(e);
      boolean known = d.known() && d.unknownReason() == null;
      boolean primary = true;
      for (String mapped : m.actions()) {
        // what AWS checks the action on: a copy's source and target, the role passed, the objects deleted
        io.github.trailbench.core.correlate.ActionTargets.Target target = known
            ? io.github.trailbench.core.correlate.ActionTargets.passedRoleFromIam(
                io.github.trailbench.core.correlate.ActionTargets.of(mapped, d.arns(), e), e, callerAccount(e), iam)
            : null;
        String action = target == null ? mapped : target.action();
        Usage u = touch(into, action, e, m.dataEvent());
        // The derived ARNs belong to the call's first action; an added action (iam:PassRole of a
        // RunInstances, s3:PutObjectAcl of a PutObject) may concern another resource. An action that
        // takes no resource type (ec2:DescribeInstances, kms:CreateKey) is granted on "*" only.
        if (catalog.resourceArnFormats(action).isEmpty() && catalog.action(action).isPresent()
            || action.equals("ec2:RunInstances")) {
          // RunInstances is checked on the image, subnet, security groups … and a new instance id: the
          // instance it made (all the log names) would allow no second launch
          u.complete = false;
        } else if (target != null && !target.resources().isEmpty()) {
          addFitting(u, action, target.resources());
        } else if (target != null && action.equals("s3:DeleteObject")) {
          // the keys a DeleteObjects call deleted are not logged: its bucket's objects
          d.arns().stream().filter(a -> a.startsWith("arn:") && a.contains(":s3:::") && a.indexOf('/') < 0)
              .forEach(bucket -> u.resources.add(bucket + "/*"));
          u.complete &= !u.resources.isEmpty();
        } else if (target == null && primary && known) {
          addFitting(u, action, d.arns());
        } else if (target == null && known && OBJECT_SUB_ACTIONS.contains(action)) {
          // an upload's tags, ACL, legal hold or retention are set on the object it writes (Service Authorization
          // Reference, Amazon S3: each on the object resource)
          addFitting(u, action, d.arns());
        } else {
          u.complete = false;
        }
        primary = false;
      }
      String key = sseKmsKey(e);
      if (key != null) {
        // S3 User Guide, "Using server-side encryption with AWS KMS keys": an upload encrypted with a KMS key needs
        // kms:GenerateDataKey on it (and kms:Decrypt for a multipart upload); S3 asks KMS with the caller's permissions
        addFitting(touch(into, "kms:GenerateDataKey", e, m.dataEvent()), "kms:GenerateDataKey", List.of(key));
        if ("CreateMultipartUpload".equals(e.eventName())) {
          addFitting(touch(into, "kms:Decrypt", e, m.dataEvent()), "kms:Decrypt", List.of(key));
        }
      }
    }

    /** Counts one use of {@code action} by {@code e}: its count, last time, and the service's span. */
    private Usage touch(Map<String, Usage> into, String action, CloudTrailEvent e, boolean dataEvent) {
      Usage u = into.computeIfAbsent(action, Usage::new);
      u.count++;
      if (e.eventTime() != null && (u.last == null || e.eventTime().isAfter(u.last))) {
        u.last = e.eventTime();
      }
      u.dataEvent |= dataEvent;
      if (into == used && e.eventTime() != null) {
        Instant[] span = serviceUse.computeIfAbsent(service(action), k -> new Instant[] {e.eventTime(), e.eventTime()});
        span[0] = e.eventTime().isBefore(span[0]) ? e.eventTime() : span[0];
        span[1] = e.eventTime().isAfter(span[1]) ? e.eventTime() : span[1];
      }
      return u;
    }

    /** The account of the call's caller, or the recipient's. */
    private String callerAccount(CloudTrailEvent e) {
      return e.userIdentity() != null && e.userIdentity().accountId() != null ? e.userIdentity().accountId()
          : e.recipientAccountId();
    }

    /**
     * Adds the ARNs of the kinds {@code action} is checked on (the catalog's ARN formats: a bucket
     * ARN is no resource of s3:GetObject), each IAM user or role at its real path when the case
     * knows it; with none that fits, the action goes on "*".
     */
    private void addFitting(Usage u, String action, List<String> arns) {
      List<java.util.regex.Pattern> formats = catalog.resourceArnFormats(action).stream().map(LeastPrivilege::formatPattern).toList();
      boolean fitted = false;
      for (String arn : arns) {
        String real = withPath(arn);
        if (formats.isEmpty() || formats.stream().anyMatch(f -> f.matcher(real).matches())) {
          u.resources.add(literal(real));
          fitted = true;
        }
      }
      if (!fitted && !arns.isEmpty()) {
        u.complete = false;
      }
    }

    /** An IAM user's or role's ARN with the path the case's IAM data gives it (the log names them without). */
    private String withPath(String arn) {
      int user = arn.indexOf(":user/");
      int role = arn.indexOf(":role/");
      if (arn.startsWith("arn:") && arn.contains(":iam::") && (user > 0 || role > 0)) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        String account = io.github.trailbench.core.model.Arn.accountOf(arn);
        Optional<? extends io.github.trailbench.core.model.iam.IamPrincipal> p = user > 0 ? iam.user(name) : iam.role(name);
        if (p.isPresent() && account != null && account.equals(io.github.trailbench.core.model.Arn.accountOf(p.get().arn()))
            && p.get().arn().endsWith("/" + name)) {
          return p.get().arn();
        }
      }
      return arn;
    }

    public LeastPrivilegeResult finish() {
      List<UsedAction> usedActions = used.values().stream().map(Usage::toRecord).toList();
      List<UsedAction> deniedActions = denied.values().stream().map(Usage::toRecord).toList();
      Set<String> usedLower = new HashSet<>();
      usedActions.forEach(u -> usedLower.add(u.action().toLowerCase(Locale.ROOT)));
      Set<String> grantedLower = new HashSet<>();
      grants.granted().forEach(g -> grantedLower.add(g.action().toLowerCase(Locale.ROOT)));
      TreeMap<String, List<String>> unused = new TreeMap<>();
      for (GrantedAction g : grants.granted()) {
        if (!usedLower.contains(g.action().toLowerCase(Locale.ROOT))) {
          unused.computeIfAbsent(g.service(), k -> new ArrayList<>()).add(g.action());
        }
      }
      TrailWindow window = new TrailWindow(first, last, events, principalEvents);
      List<AdvisorService> advisor = advisor(usedLower);
      List<GrantedAction> kept = new ArrayList<>();
      Set<String> keptLower = new HashSet<>();
      advisor.forEach(a -> a.kept().forEach(k -> keptLower.add(k.toLowerCase(Locale.ROOT))));
      grants.granted().stream().filter(g -> keptLower.contains(g.action().toLowerCase(Locale.ROOT))).forEach(kept::add);
      List<Caveat> caveats = caveats(window, unused, usedActions, grantedLower);
      advisorCaveat(advisor).ifPresent(c -> caveats.add(1, c));
      return new LeastPrivilegeResult(principal.arn(), principal instanceof IamRole ? "role" : "user", window,
          grants.granted(), usedActions, unused, deniedActions, notDeniable, MinimalPolicy.of(usedActions, kept),
          caveats, advisor);
    }

    /**
     * The granted services Access Advisor reports on, each with its verdict and what the minimal
     * policy keeps: a service unused in the trail but accessed in Access Advisor's window keeps
     * its tracked actions shown accessed, or, when none is tracked as such, its granted actions
     * that are not tracked as unaccessed; a service used in the trail keeps the tracked actions
     * Access Advisor shows accessed that the trail did not.
     */
    private List<AdvisorService> advisor(Set<String> usedLower) {
      Map<String, List<GrantedAction>> grantedByService = new TreeMap<>();
      grants.granted().forEach(g -> grantedByService.computeIfAbsent(g.service(), k -> new ArrayList<>()).add(g));
      List<AdvisorService> out = new ArrayList<>();
      for (ServiceLastAccess s : iam.accessAdvisor().forPrincipal(principal.arn())) {
        List<GrantedAction> granted = grantedByService.get(s.service());
        if (granted == null) {
          continue; // Access Advisor lists what the policies allowed when it ran; not granted in the case now
        }
        Instant[] span = serviceUse.get(s.service());
        Map<String, Boolean> tracked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        s.actions().forEach(a -> tracked.put(a.action(), a.lastAccessed().isPresent()));
        List<String> kept = new ArrayList<>();
        AdvisorService.Status status;
        if (span != null) {
          status = AdvisorService.Status.USED_IN_TRAIL;
          granted.stream().map(GrantedAction::action)
              .filter(a -> Boolean.TRUE.equals(tracked.get(a)) && !usedLower.contains(a.toLowerCase(Locale.ROOT)))
              .forEach(kept::add);
        } else if (s.lastAuthenticated().isPresent()) {
          status = AdvisorService.Status.USED_ACCORDING_TO_ACCESS_ADVISOR;
          boolean anyTrackedAccessed = tracked.containsValue(Boolean.TRUE);
          granted.stream().map(GrantedAction::action)
              .filter(a -> anyTrackedAccessed ? Boolean.TRUE.equals(tracked.get(a)) : !tracked.containsKey(a))
              .forEach(kept::add);
        } else {
          status = AdvisorService.Status.UNUSED;
        }
        out.add(new AdvisorService(s.service(), status, s.lastAuthenticated(), s.reportedAt(),
            Optional.ofNullable(span).map(x -> x[0]), Optional.ofNullable(span).map(x -> x[1]), kept));
      }
      return out;
    }

    private Optional<Caveat> advisorCaveat(List<AdvisorService> advisor) {
      List<String> items = new ArrayList<>();
      Map<String, Instant> trackedTimes = new HashMap<>();
      for (ServiceLastAccess s : iam.accessAdvisor().forPrincipal(principal.arn())) {
        s.accessedActions().forEach(a -> trackedTimes.put(a.action().toLowerCase(Locale.ROOT), a.lastAccessed().get()));
      }
      for (AdvisorService a : advisor) {
        if (a.status() == AdvisorService.Status.USED_ACCORDING_TO_ACCESS_ADVISOR) {
          items.add(a.service() + ": " + a.label() + ", kept: " + String.join(", ", a.kept()));
        } else if (!a.kept().isEmpty()) {
          for (String k : a.kept()) {
            Instant t = trackedTimes.get(k.toLowerCase(Locale.ROOT));
            items.add(k + ": used (Access Advisor, last " + (t == null ? "?" : AdvisorService.day(t)) + "), kept");
          }
        }
      }
      if (items.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Caveat(Caveat.Kind.ACCESS_ADVISOR, "Unused in the trail but used within IAM Access"
          + " Advisor's tracking period: the minimal policy keeps them (statements AccessAdvisor…); check that the"
          + " use was legitimate before keeping it.", items));
    }

    private List<Caveat> caveats(TrailWindow w, Map<String, List<String>> unused, List<UsedAction> usedActions,
        Set<String> grantedLower) {
      List<Caveat> out = new ArrayList<>();
      out.add(w.first() == null
          ? new Caveat(Caveat.Kind.TRAIL_WINDOW, "The case has no events: no action can be shown as used.", List.of())
          : new Caveat(Caveat.Kind.TRAIL_WINDOW, "The trail covers " + w.first() + " to " + w.last() + " (" + w.events()
              + " events, " + w.principalEvents() + " of this principal" + (sessionPrefix != null ? "'s sessions" : "")
              + "); an action used only outside this window is reported as unused.",
              List.of(w.first().toString(), w.last().toString())));

      List<String> noDataEvents = new ArrayList<>();
      List<String> someDataEvents = new ArrayList<>();
      List<String> notLogged = new ArrayList<>();
      for (List<String> actions : unused.values()) {
        for (String a : actions) {
          ActionLogging logging = mapper.logging(a);
          if (logging == ActionLogging.DATA_EVENT) {
            (dataEventsByService.containsKey(service(a)) ? someDataEvents : noDataEvents).add(a);
          } else if (logging == ActionLogging.NOT_LOGGED) {
            notLogged.add(a);
          }
        }
      }
      if (!noDataEvents.isEmpty()) {
        out.add(new Caveat(Caveat.Kind.DATA_EVENTS, noDataEvents.size() + " granted action(s) are logged only as data"
            + " events, and the trail holds no data events of their service: their use cannot be seen.", noDataEvents));
      }
      if (!someDataEvents.isEmpty()) {
        out.add(new Caveat(Caveat.Kind.DATA_EVENTS, someDataEvents.size() + " granted action(s) are logged only as data"
            + " events; the trail holds data events of their service (" + String.join(", ", new TreeSet<>(
                someDataEvents.stream().map(LeastPrivilege::service).toList())) + "), but data-event selectors may"
            + " cover only some resources, so use on others cannot be seen.", someDataEvents));
      }
      if (!notLogged.isEmpty()) {
        out.add(new Caveat(Caveat.Kind.NOT_LOGGED, notLogged.size() + " granted action(s) are never logged by CloudTrail"
            + " as events of their own: the trail cannot show their use.", notLogged));
      }
      List<String> absent = unused.keySet().stream().filter(s -> !servicesInTrail.contains(s)).toList();
      if (!absent.isEmpty() && w.first() != null) {
        out.add(new Caveat(Caveat.Kind.SERVICE_ABSENT_FROM_TRAIL, absent.size() + " granted service(s) have no event at"
            + " all in the trail's window, from any principal: the trail may not record them (region, selectors) or"
            + " they were simply not used in the window.", absent));
      }
      List<String> conditional = grants.granted().stream().filter(GrantedAction::conditional).map(GrantedAction::action).toList();
      if (!conditional.isEmpty()) {
        out.add(new Caveat(Caveat.Kind.CONDITIONAL_GRANTS, conditional.size() + " action(s) are granted only when a"
            + " condition holds that depends on the request (source IP, MFA, tags…); counted as granted.", conditional));
      }
      List<String> scpDenied = grants.granted().stream().filter(g -> g.scp() == GrantedAction.ScpEffect.DENIES)
          .map(GrantedAction::action).toList();
      if (!scpDenied.isEmpty()) {
        out.add(new Caveat(Caveat.Kind.SCP, scpDenied.size() + " granted action(s) are denied by the organization's SCPs"
            + " on the account's path: the grant has no effect while they apply, but remove it anyway.", scpDenied));
      }
      List<String> scpConditional = grants.granted().stream().filter(g -> g.scp() == GrantedAction.ScpEffect.CONDITIONAL)
          .map(GrantedAction::action).toList();
      if (!scpConditional.isEmpty()) {
        out.add(new Caveat(Caveat.Kind.SCP, scpConditional.size() + " granted action(s) are allowed by the SCPs only"
            + " under a condition (e.g. a region restriction).", scpConditional));
      }
      List<String> broad = usedActions.stream().filter(u -> narrow(u).equals(List.of("*")))
          .filter(u -> !catalog.resourceArnFormats(u.action()).isEmpty()).map(UsedAction::action)
          .sorted(java.util.Comparator.comparing((String a) -> !BROAD_AND_SENSITIVE.contains(a)).thenComparing(a -> a)).toList();
      if (!broad.isEmpty()) {
        List<String> sensitive = broad.stream().filter(BROAD_AND_SENSITIVE::contains).toList();
        out.add(new Caveat(Caveat.Kind.BROAD_RESOURCES, broad.size() + " action(s) of the minimal policy are granted on"
            + " Resource \"*\" although they can be scoped: the log did not name all their resources, or named too many."
            + (sensitive.isEmpty() ? "" : " " + String.join(" and ", sensitive) + " on \"*\" would let the principal assume or"
                + " pass any role: scope them to the roles it needs before using this policy."), broad));
      }
      List<String> usedNotGranted = usedActions.stream().map(UsedAction::action)
          .filter(a -> !grantedLower.contains(a.toLowerCase(Locale.ROOT))).toList();
      if (!usedNotGranted.isEmpty()) {
        out.add(new Caveat(Caveat.Kind.USED_BUT_NOT_GRANTED, usedNotGranted.size() + " action(s) were used in the trail"
            + " but are not granted by the identity policies in the case: the policies changed after the calls, or a"
            + " resource-based policy allowed them.", usedNotGranted));
      }
      if (!unmapped.isEmpty()) {
        out.add(new Caveat(Caveat.Kind.UNMAPPED_EVENTS, "Calls of this principal that the catalog cannot map to IAM"
            + " actions; what they needed is not in the used actions.",
            unmapped.entrySet().stream().map(x -> x.getKey() + " (" + x.getValue() + ")").toList()));
      }
      if (!grants.gaps().isEmpty()) {
        out.add(new Caveat(Caveat.Kind.INCOMPLETE_IAM_DATA, "The case's IAM data is incomplete for this principal.",
            grants.gaps()));
      }
      if (!grants.oversized().isEmpty()) {
        boolean anySkipped = grants.oversized().stream().anyMatch(PolicySizeQuota::skipped);
        out.add(new Caveat(Caveat.Kind.OVERSIZED_POLICIES, grants.oversized().size() + " policy document(s) are larger"
            + " than AWS allows (IAM and Organizations size quotas, whitespace not counted), so they are not what AWS"
            + " holds in force" + (anySkipped ? "; those over " + PolicySizeQuota.SKIP_FACTOR + "x their cap are left"
                + " out: their grants are not listed, and a boundary or SCP left out restricts nothing here" : "")
            + ".", grants.oversized().stream().map(PolicySizeQuota::describe).toList()));
      }
      if (!grants.unknownPolicyActions().isEmpty()) {
        out.add(new Caveat(Caveat.Kind.UNKNOWN_POLICY_ACTIONS, "The policies name actions the catalog does not know;"
            + " they are not counted as granted.", grants.unknownPolicyActions()));
      }
      return out;
    }
  }

  /** Running totals of one action. */
  /** A catalog ARN format ({@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}) as a pattern; each placeholder matches one or more characters. */
  static java.util.regex.Pattern formatPattern(String format) {
    StringBuilder re = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{[^}]*\\}").matcher(format);
    int at = 0;
    while (m.find()) {
      re.append(java.util.regex.Pattern.quote(format.substring(at, m.start()))).append(".+");
      at = m.end();
    }
    re.append(java.util.regex.Pattern.quote(format.substring(at)));
    return java.util.regex.Pattern.compile(re.toString());
  }

  /** Actions that on "*" hand out more than any other: any role assumed or passed. */
  private static final Set<String> BROAD_AND_SENSITIVE = Set.of("sts:AssumeRole", "iam:PassRole");

  private static final class Usage {
    final String action;
    long count;
    Instant last;
    boolean dataEvent;
    boolean complete = true;
    final Set<String> resources = new LinkedHashSet<>();

    Usage(String action) {
      this.action = action;
    }

    UsedAction toRecord() {
      return new UsedAction(action, service(action), count, last, List.copyOf(resources), complete && !resources.isEmpty(),
          dataEvent);
    }
  }

  /** Used by {@link MinimalPolicy}: the ARNs to write for an action, or "*" (see docs/least-privilege.md). */
  static List<String> narrow(UsedAction u) {
    if (!u.resourcesComplete()) {
      return List.of("*");
    }
    List<String> arns = u.resources();
    if (arns.size() <= MAX_RESOURCES_PER_ACTION) {
      return arns;
    }
    // Group by the ARN up to the first '/' of its resource part (bucket, table, role path…) and
    // widen each group of several to its longest common prefix plus '*'.
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String arn : arns) {
      groups.computeIfAbsent(root(arn), k -> new ArrayList<>()).add(arn);
    }
    if (groups.size() > MAX_RESOURCES_PER_ACTION) {
      return List.of("*");
    }
    List<String> out = new ArrayList<>();
    for (List<String> g : groups.values()) {
      out.add(g.size() == 1 ? g.get(0) : widened(g));
    }
    return out;
  }

  private static String root(String arn) {
    int colons = 0;
    for (int i = 0; i < arn.length(); i++) {
      if (arn.charAt(i) == ':' && ++colons == 5) {
        int slash = arn.indexOf('/', i);
        return slash < 0 ? arn : arn.substring(0, slash + 1);
      }
    }
    return arn;
  }

  /**
   * An ARN as a policy's Resource matches only it: a {@code *}, {@code ?} or {@code ${} in a name
   * (an S3 key may hold any of them) written as the policy variables {@code ${*}}, {@code ${?}},
   * {@code ${$}}, which stand for those characters themselves (policy version 2012-10-17).
   */
  static String literal(String arn) {
    if (arn.indexOf('*') < 0 && arn.indexOf('?') < 0 && !arn.contains("${")) {
      return arn;
    }
    StringBuilder out = new StringBuilder(arn.length() + 8);
    for (int i = 0; i < arn.length(); i++) {
      char c = arn.charAt(i);
      if (c == '*' || c == '?') {
        out.append("${").append(c).append('}');
      } else if (c == '$' && i + 1 < arn.length() && arn.charAt(i + 1) == '{') {
        out.append("${$}");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The group's common prefix up to its last '/', plus '*' (a folder of objects becomes {@code …/folder/*}). */
  private static String widened(List<String> group) {
    String prefix = commonPrefix(group);
    String root = root(group.get(0));
    int slash = prefix.lastIndexOf('/');
    if (slash >= root.length() - 1) {
      prefix = prefix.substring(0, slash + 1);
    }
    return prefix + "*";
  }

  private static String commonPrefix(List<String> values) {
    String p = values.get(0);
    for (String v : values) {
      int n = 0;
      while (n < p.length() && n < v.length() && p.charAt(n) == v.charAt(n)) {
        n++;
      }
      p = p.substring(0, n);
    }
    return p;
  }
}
