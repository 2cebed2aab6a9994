package io.github.trailbench.core.correlate;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.catalog.Authorization;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.DecisionSentence;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Why was this logged request allowed (or denied)? Rebuilds the request from the event, gathers
 * the policies in force from the case, evaluates each IAM action the call was authorized as, and
 * compares the decision with what CloudTrail recorded. A disagreement is reported as missing
 * evidence, with what could explain it, never papered over.
 */
public final class Explainer {
  private final IamSnapshot iam;
  private final RequestContextDeriver requests;
  private final Function<String, List<NamedPolicy>> sessionPolicies;
  /** Keys whose issuing call the case holds; null when the caller did not say (then none is taken as missing). */
  private final Function<String, java.util.Optional<IssuedKey>> issued;
  private final Function<String, java.util.Optional<String>> stackOfChangeSet;
  /** A role's trust policies the log shows set ({@link LoggedRoleChanges}), by its key; null when the caller did not say. */
  private Function<String, List<LoggedRoleChanges.Change>> roleChanges;
  /** Customer managed policies' default versions the log shows set ({@link LoggedPolicyVersions}), by policy ARN; null when the caller did not say. */
  private Function<String, List<LoggedPolicyVersions.Change>> policyVersionChanges;
  private final PolicyEngine engine = new PolicyEngine();
  /** Parsed policy documents shared by all replays (many events share their policies). */
  private final Map<String, io.github.trailbench.core.model.policy.PolicyDocument> parsed = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param sessionPolicies the session policies passed when a temporary key (ASIA…) was issued,
   *     by access key id; empty when none or unknown
   */
  public Explainer(IamSnapshot iam, Function<String, List<NamedPolicy>> sessionPolicies) {
    this(iam, sessionPolicies, null);
  }

  /**
   * @param issued the temporary keys whose issuing call the case holds, with the session tags they
   *     were issued with; empty for a key the case saw only in use
   */
  public Explainer(IamSnapshot iam, Function<String, List<NamedPolicy>> sessionPolicies,
      Function<String, java.util.Optional<IssuedKey>> issued) {
    this(iam, sessionPolicies, issued, null);
  }

  /**
   * @param stackOfChangeSet the stack of a change set (by its ARN) the case saw made
   *     ({@link ChangeSetStacks}); null when the caller did not say
   */
  public Explainer(IamSnapshot iam, Function<String, List<NamedPolicy>> sessionPolicies,
      Function<String, java.util.Optional<IssuedKey>> issued, Function<String, java.util.Optional<String>> stackOfChangeSet) {
    this.iam = iam;
    this.sessionPolicies = sessionPolicies;
    this.issued = issued;
    this.stackOfChangeSet = stackOfChangeSet;
    this.requests = new RequestContextDeriver(arn -> {
      Map<String, String> tags = iam.principalTags(arn);
      return iam.principal(arn).isPresent() ? java.util.Optional.of(tags) : java.util.Optional.empty();
    });
  }

  /**
   * This explainer, deciding a role assumption logged after an UpdateAssumeRolePolicy of the role
   * on the trust policy that call set ({@code changes}: a role's changes by
   * {@link LoggedRoleChanges#key}), not on the IAM data's. Call before the first replay.
   */
  public Explainer withRoleChanges(Function<String, List<LoggedRoleChanges.Change>> changes) {
    this.roleChanges = changes;
    return this;
  }

  /**
   * This explainer, deciding a call on the version of each customer managed policy the log shows
   * the default then (SetDefaultPolicyVersion, CreatePolicyVersion with setAsDefault; {@code changes}
   * by policy ARN), not on the IAM data's default. Call before the first replay.
   */
  public Explainer withPolicyVersionChanges(Function<String, List<LoggedPolicyVersions.Change>> changes) {
    this.policyVersionChanges = changes;
    return this;
  }

  /** The caller's managed policies as the log shows them in force at the call, where that is not the IAM data's default. */
  private LoggedPolicyVersions.Replacements versionsInForce(DerivedRequest d, String issuer, java.time.Instant at) {
    if (policyVersionChanges == null || at == null || d.principalArn() == null) {
      return LoggedPolicyVersions.Replacements.NONE;
    }
    java.util.Optional<io.github.trailbench.core.model.iam.IamPrincipal> principal = iam.principal(d.principalArn());
    if (principal.isEmpty() && issuer != null && d.principalArn().contains(":federated-user/") && issuer.contains(":user/")) {
      principal = iam.principal(issuer);
    }
    return principal.map(p -> LoggedPolicyVersions.of(iam, p, policyVersionChanges, at, d.eventId()))
        .orElse(LoggedPolicyVersions.Replacements.NONE);
  }

  /**
   * One evaluated action of a logged call.
   *
   * @param missing the concrete context keys the decision depended on whose values the log cannot
   *     carry (with the reason); empty when the decision did not depend on any
   * @param explanation the decision in one sentence ({@link DecisionSentence})
   * @param comparison the verdict against CloudTrail in words; for a disagreement it names what the
   *     case lacks
   */
  public record Explanation(
      String eventId,
      String principal,
      String action,
      String resource,
      Map<String, List<String>> context,
      EvaluationResult result,
      String recorded,
      ReplayVerdict verdict,
      List<DerivedRequest.KeyNote> missing,
      List<String> gaps,
      String explanation,
      String comparison,
      Map<String, String> policySources) {
    public Explanation {
      context = Map.copyOf(context);
      missing = List.copyOf(missing);
      gaps = List.copyOf(gaps);
      policySources = Map.copyOf(policySources);
    }

    /** Whether the engine's decision is what CloudTrail recorded. */
    public boolean agrees() {
      return verdict == ReplayVerdict.AGREES || verdict == ReplayVerdict.NOT_DENIABLE;
    }
  }

  /**
   * Error codes by which AWS says the request was never authenticated (bad, expired or unknown
   * credentials, a bad signature): authorization was not reached, so no policy decision compares.
   */
  static boolean notAuthenticated(String errorCode) {
    if (errorCode == null || errorCode.isEmpty()) {
      return false;
    }
    return switch (errorCode.replace("Client.", "")) {
      case "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch", "AuthFailure",
          "IncompleteSignature", "InvalidAccessKeyId", "InvalidToken", "TokenRefreshRequired", "UnrecognizedClientException",
          "InvalidSignatureException", "MissingAuthenticationToken" -> true;
      default -> false;
    };
  }

  /** What CloudTrail recorded of a call: Allowed, Denied or Not authenticated (a failed console sign-in, but a role switch). */
  public static String recordedOutcome(CloudTrailEvent event) {
    // a console sign-in that failed (but for a role switch) failed authentication, whatever its message
    return "signin.amazonaws.com".equals(event.eventSource()) && event.failed() && !denied(event.errorCode())
        ? NOT_AUTHENTICATED : recorded(event.errorCode());
  }

  /** Whether AWS accepted the call's credentials: it succeeded or was refused by a policy, not refused before authorization. */
  public static boolean authenticated(CloudTrailEvent event) {
    return !NOT_AUTHENTICATED.equals(recordedOutcome(event));
  }

  /** What CloudTrail recorded of a call with this error code. */
  static String recorded(String errorCode) {
    return notAuthenticated(errorCode) ? NOT_AUTHENTICATED : denied(errorCode) ? "Denied"
        : invalid(errorCode) ? INVALID_REQUEST : "Allowed";
  }

  /**
   * The recorded outcome of a call AWS rejected as invalid (ValidationError): its parameters may be
   * checked before authorization, so whether it was authorized the log cannot say.
   */
  static final String INVALID_REQUEST = "Rejected as invalid";

  static boolean invalid(String errorCode) {
    return "ValidationError".equals(errorCode) || "ValidationException".equals(errorCode);
  }

  /** The recorded outcome of a call that failed before authorization. */
  static final String NOT_AUTHENTICATED = "Not authenticated";

  /** Error codes by which AWS says the request was not authorized. */
  static boolean denied(String errorCode) {
    return errorCode != null && !errorCode.isEmpty() && DENIED_CODES.matcher(errorCode).matches();
  }

  /**
   * The error codes the replay reads as a refusal, as case-insensitive wildcard patterns: the one
   * rule {@link #denied} and the counts of refusals over a case's error code terms (the timeline's
   * histogram, the report) share.
   */
  public static final List<String> DENIED_CODE_PATTERNS = List.of(
      "*AccessDenied*", "*Unauthorized*", "*NotAuthorized*", "Forbidden", "*AuthorizationError*", "SwitchRole failure");

  private static final java.util.regex.Pattern DENIED_CODES = java.util.regex.Pattern.compile(String.join("|",
      DENIED_CODE_PATTERNS.stream().map(p -> "\\Q" + p.replace("*", "\\E.*\\Q") + "\\E").toList()),
      java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

  /** The derived request of an event (principal, actions, resources, context, missing keys). */
  public DerivedRequest derive(CloudTrailEvent event) {
    DerivedRequest d = withMultiRegionAccessPoint(withIamResourceTags(withWebIdentityClaims(withSessionTags(
        OrganizationArns.resolve(SecretNames.resolve(ChangeSetStacks.resolve(requests.derive(event), event, stackOfChangeSet),
            event, iam), event, iam), event), event)), event);
    String caller = ownersCopy(event) ? callerOfOwnersCopy(event) : null;
    return caller == null ? d : new DerivedRequest(d.eventId(), caller, d.actions(), d.resourceArns(), d.resourceAccount(),
        d.context(), d.missing(), d.absent(), d.resourceUnknownReason(), d.notes(), d.authorization());
  }

  /** What an owner's copy whose caller the case cannot name depends on, as undetermined keys list it. */
  public static final String UNKNOWN_CALLER = "(caller)";

  /** What an allowed KMS call no policy allows depends on: a grant the case does not hold. */
  public static final String UNKNOWN_KMS_GRANT = "(KMS grant)";

  /** The operations a KMS grant can allow (Grants in AWS KMS, "Grant operations"). */
  static final java.util.Set<String> KMS_GRANT_OPERATIONS = java.util.Set.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey",
      "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom",
      "kms:ReEncryptTo", "kms:Sign", "kms:Verify", "kms:GenerateMac", "kms:VerifyMac", "kms:GetPublicKey", "kms:DescribeKey",
      "kms:CreateGrant", "kms:RetireGrant", "kms:DeriveSharedSecret");

  /**
   * Why {@code action} is refused whatever the policies say when a role session that carries a
   * source identity asks the next role in its chain for another one (IAM User Guide, "Monitor and
   * control actions taken with assumed roles": the value "persists when a role is used to assume
   * another role" and "cannot be changed during the role session"); null otherwise.
   */
  static String sourceIdentityChange(String action, CloudTrailEvent event) {
    if (!"sts:SetSourceIdentity".equals(action) || event.userIdentity() == null || event.userIdentity().sessionContext() == null) {
      return null;
    }
    String held = event.userIdentity().sessionContext().sourceIdentity();
    String asked = new EventDocs(event).req("sourceIdentity");
    if (held == null || held.isEmpty() || asked == null || asked.equals(held)) {
      return null;
    }
    return "the calling session carries source identity " + held + ", which persists through a role chain and cannot be"
        + " changed: AWS refuses source identity " + asked + " whatever the policies allow";
  }

  /**
   * Why an AssumeRole asking a longer session than the role's maximum session duration, as the log
   * last shows it set (CreateRole, UpdateRole), fails (STS API Reference, AssumeRole: "If you specify
   * a value higher than this setting, the operation fails"); null when it does not or the log does
   * not show the setting.
   */
  private String longerThanTheRoleAllows(String action, String roleArn, CloudTrailEvent event) {
    String key = LoggedRoleChanges.keyOf(roleArn);
    if (roleChanges == null || key == null || event.eventTime() == null || !"sts:AssumeRole".equals(action)) {
      return null;
    }
    String asked = new EventDocs(event).req("durationSeconds");
    LoggedRoleChanges.Change set = LoggedRoleChanges.inForceAt(roleChanges.apply(key), event.eventTime(),
        c -> c.maxSessionDuration() != null).before();
    try {
      if (asked == null || set == null || Integer.parseInt(asked.strip()) <= set.maxSessionDuration()) {
        return null;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return "AssumeRole asked for a " + asked.strip() + "-second session, longer than the role's maximum session duration of "
        + set.maxSessionDuration() + " seconds (set by " + set.eventId() + " at " + set.time() + "), which makes the call fail"
        + " (STS API Reference, AssumeRole)";
  }

  /** In the trace's detail: the decision is a refusal no policy gives ({@link #refusedWhatever}). */
  public static final String REFUSED_WHATEVER = "refusedWhatever";

  /**
   * {@code result} overruled by a refusal that is not a policy's answer (a source identity that
   * cannot change, what the credentials cannot do, a session longer than the role allows): AWS
   * refuses the call whatever the policies allow.
   */
  public static EvaluationResult refusedWhatever(EvaluationResult result, String refusal) {
    return new EvaluationResult(io.github.trailbench.core.policy.Decision.IMPLICIT_DENY, refusal, List.of(),
        new io.github.trailbench.core.policy.TraceNode("refused-whatever", io.github.trailbench.core.policy.NodeKind.DECISION,
            "Refused whatever the policies allow", io.github.trailbench.core.policy.Outcome.DENY, refusal,
            Map.of(REFUSED_WHATEVER, true), List.of(result.trace())));
  }

  /**
   * Why AWS refuses {@code action} on {@code resource} in {@code event} whatever the policies allow:
   * a source identity the session cannot change, what its credentials cannot do
   * ({@link CredentialLimits}), a session longer than the role allows; null when nothing does.
   */
  private String refusedWhateverThePolicies(String action, String resource, CloudTrailEvent event) {
    String why = sourceIdentityChange(action, event);
    if (why == null) {
      why = CredentialLimits.refusal(action, event, issuedOf(event));
    }
    return why != null ? why : longerThanTheRoleAllows(action, resource, event);
  }

  /** The issuing call of the event's temporary key as the case holds it; empty when unknown. */
  private java.util.Optional<IssuedKey> issuedOf(CloudTrailEvent event) {
    String key = event.userIdentity() == null ? null : event.userIdentity().accessKeyId();
    return issued == null || key == null || !key.startsWith("ASIA") ? java.util.Optional.empty() : issued.apply(key);
  }

  /**
   * Why a call AWS authenticated could not have been, its temporary credentials having expired
   * before it (AWS refuses such a call with ExpiredToken); null when they had not or it is unknown.
   */
  private String expiredCredentials(CloudTrailEvent event) {
    if (NOT_AUTHENTICATED.equals(recordedOutcome(event)) || event.eventTime() == null) {
      return null;
    }
    java.util.Optional<IssuedKey> k = issuedOf(event);
    java.time.Instant end = k.map(IssuedKey::expiresAt).orElse(null);
    if (end == null || !event.eventTime().isAfter(end)) {
      return null;
    }
    return "the call is signed with " + event.userIdentity().accessKeyId() + ", whose credentials expired at " + end + " ("
        + k.get().expiryReason() + "); AWS refuses a call signed with expired credentials (ExpiredToken), so this record"
        + " cannot be what AWS did: a wrong clock, or a record edited or attributed to the wrong key";
  }

  /** What an allowed call depends on when its credentials' logged expiration could not be read. */
  public static final String UNREAD_EXPIRATION = "(credentials expiration)";

  /**
   * Why whether the call's temporary credentials had expired is unknown: the issuing call's logged
   * expiration is in no form read, and the call came later than the shortest session; null otherwise.
   */
  private String unreadExpiration(CloudTrailEvent event) {
    java.util.Optional<IssuedKey> k = issuedOf(event);
    if (k.isEmpty() || !k.get().mayHaveExpiredUnread(event.eventTime())) {
      return null;
    }
    return "the expiration " + (k.get().issuedBy() == null ? "its issuing call" : k.get().issuedBy()) + " returned for "
        + event.userIdentity().accessKeyId() + " (\"" + k.get().unreadExpiration() + "\") could not be read: whether the"
        + " credentials had expired before this call is unknown (AWS refuses expired credentials with ExpiredToken)";
  }

  /** What a refused s3:PutObjectAcl of an upload with an ACL header depends on: AWS pages disagree on it. */
  public static final String UNSETTLED_ACL_PERMISSION = "(s3:PutObjectAcl for an ACL header)";

  /** What a refusal of a call made through a VPC endpoint depends on: the endpoint's policy, which no case holds. */
  public static final String UNKNOWN_ENDPOINT_POLICY = "(VPC endpoint policy)";

  /** What a refusal depends on when the action is also authorized on a resource the log does not name. */
  public static final String UNNAMED_RESOURCE = "(resource not in the log)";
  /** The path of a role the call names by name alone, which the case's IAM data does not hold. */
  public static final String ROLE_PATH_UNKNOWN = "(role path not in the log)";

  /** What a refusal of a session whose issuing call the case lacks depends on, as undetermined keys list it. */
  public static final String UNKNOWN_SESSION_POLICY = "(session policy)";

  /**
   * Whether the record is the resource owner's copy of a cross-account call: CloudTrail names the
   * caller there by its account ({@code userIdentity.type} AWSAccount) and its unique id
   * ({@code principalId}: a user's AIDA… id, or a role's AROA… id and the session name), not its ARN.
   */
  static boolean ownersCopy(CloudTrailEvent event) {
    return event.userIdentity() != null && "AWSAccount".equals(event.userIdentity().type())
        && !Principals.anonymous(event.userIdentity());
  }

  /** The caller of a resource owner's copy, found by its unique id in the case's IAM data; null when not there. */
  private String callerOfOwnersCopy(CloudTrailEvent event) {
    String id = event.userIdentity().principalId();
    if (id == null || id.isBlank()) {
      return null;
    }
    int colon = id.indexOf(':');
    String unique = colon < 0 ? id : id.substring(0, colon);
    Map<String, String> ids = byUniqueId;
    if (ids == null) {
      Map<String, String> made = new java.util.HashMap<>();
      iam.users().stream().filter(u -> u.id() != null && u.arn() != null).forEach(u -> made.put(u.id(), u.arn()));
      iam.roles().stream().filter(r -> r.id() != null && r.arn() != null).forEach(r -> made.put(r.id(), r.arn()));
      byUniqueId = ids = Map.copyOf(made);
    }
    String arn = ids.get(unique);
    if (arn == null) {
      return null;
    }
    io.github.trailbench.core.policy.PrincipalInfo named = io.github.trailbench.core.policy.PrincipalInfo.parse(arn);
    if (colon < 0) {
      return named.kind() == io.github.trailbench.core.policy.PrincipalInfo.Kind.USER ? arn : null;
    }
    return named.kind() != io.github.trailbench.core.policy.PrincipalInfo.Kind.ROLE ? null
        : "arn:" + named.partition() + ":sts::" + named.account() + ":assumed-role/" + named.name() + "/" + id.substring(colon + 1);
  }

  /** Users' and roles' ARNs by their unique ids (AIDA…, AROA…), made at the first owner's copy. */
  private volatile Map<String, String> byUniqueId;

  /** Whether {@code event} was made by a short-term root session ({@code sessionContext.assumedRoot}). */
  static boolean rootSession(CloudTrailEvent event) {
    var u = event.userIdentity();
    return u != null && "Root".equals(u.type()) && u.sessionContext() != null && u.sessionContext().assumedRoot();
  }

  /**
   * The replay of a call whose record names no caller (no userIdentity, or one without an ARN the replay can use: a
   * partial export): every action undetermined on the caller, since whose policies apply is what is missing.
   */
  private EventReplay callerNotLogged(CloudTrailEvent event, DerivedRequest d, String recorded) {
    String why = callerNotLoggedWhy(event);
    List<Explanation> out = new ArrayList<>();
    for (String logged : d.actions()) {
      Targets t = targets(logged, d, event);
      String resource = t.each().isEmpty() ? "*" : t.each().get(0);
      EvaluationResult result = new EvaluationResult(io.github.trailbench.core.policy.Decision.UNDETERMINED, "Undetermined: "
          + why + ".", List.of(UNKNOWN_CALLER), new io.github.trailbench.core.policy.TraceNode("caller-not-logged",
              io.github.trailbench.core.policy.NodeKind.DECISION, "Caller not logged",
              io.github.trailbench.core.policy.Outcome.UNDETERMINED, why, Map.of(), List.of()));
      ReplayVerdict verdict = ReplayVerdict.of(result.decision(), false, recorded);
      out.add(new Explanation(event.eventId(), null, t.action(), resource, d.context(), result, recorded, verdict,
          List.of(new DerivedRequest.KeyNote(UNKNOWN_CALLER, why)), List.of(why), "Undetermined: " + why + ".",
          "CloudTrail recorded it as " + recorded.toLowerCase(java.util.Locale.ROOT) + "; the replay cannot decide it: " + why
              + ".", Map.of()));
    }
    return new EventReplay(event.eventId(), ReplayVerdict.combine(out.stream().map(Explanation::verdict).toList()),
        d.authorization(), out);
  }

  private static String callerNotLoggedWhy(CloudTrailEvent event) {
    return "the record names no caller (userIdentity " + (event.userIdentity() == null ? "absent" : "without an ARN"
        + " or a type the replay can place") + "): whose policies decide the call is not shown";
  }

  /**
   * Why {@link #requests} has no request to decide for a call that needs authorization (its record names no caller);
   * empty when it has requests or the call needs none.
   */
  public java.util.Optional<String> noRequestReason(CloudTrailEvent event) {
    DerivedRequest d = derive(event);
    return d.principalArn() == null && !d.actions().isEmpty() ? java.util.Optional.of(callerNotLoggedWhy(event))
        : java.util.Optional.empty();
  }

  /** One explanation per IAM action; empty when the call needs no authorization. */
  public List<Explanation> explain(CloudTrailEvent event) throws SourceFormatException {
    return replay(event).actions();
  }

  /**
   * The replay verdict of a logged call: the engine's decision on each action it was authorized as,
   * compared with what CloudTrail recorded. Thread-safe.
   */
  public EventReplay replay(CloudTrailEvent event) throws SourceFormatException {
    DerivedRequest d = derive(event);
    List<Explanation> out = new ArrayList<>();
    // a console sign-in that failed (but for a role switch) failed authentication, whatever its message
    String recorded = recordedOutcome(event);
    List<NamedPolicy> session = sessionPoliciesOf(event);
    String expired = expiredCredentials(event);
    LoggedRefusal loggedRefusal = recorded.equals("Denied") ? LoggedRefusal.of(event.errorMessage()) : null;
    boolean notDeniable = d.authorization() == Authorization.NOT_DENIABLE;
    if (d.principalArn() == null && !d.actions().isEmpty()) {
      return callerNotLogged(event, d, recorded);
    }
    for (String logged : d.actions()) {
      Targets t = targets(logged, d, event);
      String action = t.action();
      boolean resourceUnknown = t.resourceUnknown();
      String unknownReason = t.unknownReason();
      List<String> each = t.each();
      Evaluated decided = null;
      for (String r : each) {
        Evaluated e = evaluate(d, issuerOf(event), action, r, session, resourceUnknown, event.eventTime());
        if (decided == null || severity(e.result().decision()) > severity(decided.result().decision())) {
          decided = e;
        }
        if (decided.result().decision() == io.github.trailbench.core.policy.Decision.EXPLICIT_DENY) {
          break;
        }
      }
      PoliciesInForce policies = decided.policies();
      EvaluationResult result = decided.result();
      String on = decided.resource();
      List<String> gaps = new ArrayList<>(policies.gaps());
      RefusedDespiteOptional settled = RefusedDespiteOptional.of(engine, decided.request(), policies.set(), result, recorded);
      if (settled != null) {
        result = settled.result();
        gaps.remove(settled.replacedGap());
        gaps.add(settled.gap());
      }
      String limit = refusedWhateverThePolicies(action, on, event);
      boolean engineNotDeniable = Boolean.TRUE.equals(result.trace().detail().get("notDeniable"));
      if (limit != null && result.decision() != io.github.trailbench.core.policy.Decision.EXPLICIT_DENY
          && result.decision() != io.github.trailbench.core.policy.Decision.IMPLICIT_DENY) {
        result = refusedWhatever(result, limit);
        engineNotDeniable = false;
      }
      ReplayVerdict verdict = ReplayVerdict.of(result.decision(), (notDeniable && limit == null) || engineNotDeniable, recorded);
      if (expired != null && verdict != ReplayVerdict.NO_DECISION) {
        gaps.add(expired);
        verdict = ReplayVerdict.DISAGREES;
      }
      List<DerivedRequest.KeyNote> unknownCaller = new ArrayList<>();
      String unreadExpiration = expired == null && recorded.equals("Allowed") ? unreadExpiration(event) : null;
      if (unreadExpiration != null && (verdict == ReplayVerdict.AGREES || verdict == ReplayVerdict.DISAGREES)) {
        gaps.add(unreadExpiration);
        if (verdict == ReplayVerdict.AGREES) {
          unknownCaller.add(new DerivedRequest.KeyNote(UNREAD_EXPIRATION, unreadExpiration));
          verdict = ReplayVerdict.UNDETERMINED;
        }
      }
      if (result.decision() == io.github.trailbench.core.policy.Decision.ALLOWED && action.startsWith("s3:")
          && (verdict == ReplayVerdict.AGREES || verdict == ReplayVerdict.DISAGREES)) {
        String owner = d.resourceAccount() != null ? d.resourceAccount() : PoliciesInForce.ownerOf(iam, d.principalArn(), on);
        String bpa = BlockPublicAccess.couldRefuse(action, d.principalArn(),
            io.github.trailbench.core.model.Arn.accountOf(d.principalArn()), owner, policies.set());
        if (bpa != null) {
          gaps.add(bpa);
          unknownCaller.add(new DerivedRequest.KeyNote(BlockPublicAccess.KEY, bpa));
          verdict = ReplayVerdict.UNDETERMINED;
        }
      }
      if (verdict == ReplayVerdict.DISAGREES && recorded.equals("Allowed") && action.startsWith("kms:")
          && result.decision() == io.github.trailbench.core.policy.Decision.IMPLICIT_DENY && KMS_GRANT_OPERATIONS.contains(action)) {
        // a grant authorizes a KMS key operation beside the key policy and IAM, and the case holds no grants
        String why = "a KMS grant may allow " + action + " on this key (\"explicitly allowed ... in a key policy, IAM policy,"
            + " or grant\"), and the case holds no grants";
        gaps.add(why);
        unknownCaller.add(new DerivedRequest.KeyNote(UNKNOWN_KMS_GRANT, why));
        verdict = ReplayVerdict.UNDETERMINED;
      }
      String key = event.userIdentity() == null ? null : event.userIdentity().accessKeyId();
      if (verdict == ReplayVerdict.DISAGREES && recorded.equals("Denied") && issued != null && key != null && key.startsWith("ASIA")
          && (d.principalArn() != null && (d.principalArn().contains(":assumed-role/") || d.principalArn().contains(":federated-user/")))
          && issued.apply(key).isEmpty()) {
        // the session's permissions are the role's limited by the session policies passed when the key was
        // issued, and the case lacks that call: a session policy may be what refused it
        String why = "the call that issued key " + key + " is not in the case: a session policy passed to it may limit the"
            + " session, and would explain the refusal";
        gaps.add(why);
        unknownCaller.add(new DerivedRequest.KeyNote(UNKNOWN_SESSION_POLICY, why));
        verdict = ReplayVerdict.UNDETERMINED;
      }
      if (ownersCopy(event) && d.principalArn() != null && d.principalArn().endsWith(":root")
          && (verdict == ReplayVerdict.AGREES || verdict == ReplayVerdict.DISAGREES)) {
        // decided for the account's root user, whom the record does not name: who called decides it
        String why = "the resource owner's copy of a cross-account call names the calling account and principalId "
            + event.userIdentity().principalId() + ", which the case's IAM data does not resolve to a user or role";
        gaps.add(why);
        unknownCaller.add(new DerivedRequest.KeyNote(UNKNOWN_CALLER, why));
        verdict = ReplayVerdict.UNDETERMINED;
      }
      if (action.equals("s3:PutObjectAcl") && !"PutObjectAcl".equals(event.eventName())
          && result.decision() != io.github.trailbench.core.policy.Decision.ALLOWED
          && (verdict == ReplayVerdict.AGREES || verdict == ReplayVerdict.DISAGREES)) {
        // an upload with an ACL header: S3's "Required permissions for Amazon S3 API operations" asks s3:PutObjectAcl
        // too, but its ACL policy examples and CloudTrail's own log bucket policy grant s3:PutObject alone for such
        // uploads (a condition on s3:x-amz-acl), so this refusal may not be one S3 makes
        String why = "the upload carries an ACL header: S3's \"Required permissions\" page also asks s3:PutObjectAcl,"
            + " while its ACL policy examples and CloudTrail's own bucket policy grant s3:PutObject alone for such uploads;"
            + " whether this refusal of s3:PutObjectAcl applies is not settled by AWS's documentation";
        gaps.add(why);
        unknownCaller.add(new DerivedRequest.KeyNote(UNSETTLED_ACL_PERMISSION, why));
        verdict = ReplayVerdict.UNDETERMINED;
      }
      String endpoint = event.vpcEndpointId();
      if (verdict == ReplayVerdict.DISAGREES && recorded.equals("Denied") && endpoint != null && !endpoint.isBlank()) {
        // an endpoint policy limits what passes the endpoint and grants nothing (AWS PrivateLink, "Control access to
        // VPC endpoints using endpoint policies"): the case does not hold it, so a refusal the case's policies do not
        // explain may be its
        String message = event.errorMessage() == null ? "" : event.errorMessage().toLowerCase(java.util.Locale.ROOT);
        boolean named = "VpceAccessDenied".equals(event.errorCode()) || message.contains("vpc endpoint policy");
        String why = named
            ? "CloudTrail's error message names a VPC endpoint policy as what refused it: the call passed VPC endpoint "
                + endpoint + ", whose endpoint policy the case does not hold"
            : "the call passed VPC endpoint " + endpoint + ", whose endpoint policy the case does not hold: it may be what"
                + " refused the call";
        gaps.add(why);
        unknownCaller.add(new DerivedRequest.KeyNote(UNKNOWN_ENDPOINT_POLICY, why));
        verdict = ReplayVerdict.UNDETERMINED;
      }
      String otherReason = verdict == ReplayVerdict.AGREES && limit == null && each.size() == 1
          ? otherReason(loggedRefusal, action, result) : null;
      if (otherReason != null) {
        gaps.add(otherReason);
        verdict = ReplayVerdict.DISAGREES;
      }
      if (t.assumed() != null) {
        String why = action + " checked on " + t.assumed();
        gaps.add(why);
        if (verdict == ReplayVerdict.DISAGREES) {
          // the role's real ARN may hold a path a policy names: the assumption may be what disagrees
          unknownCaller.add(new DerivedRequest.KeyNote(ROLE_PATH_UNKNOWN, why + "; the role's real path may decide it"));
          verdict = ReplayVerdict.UNDETERMINED;
        }
      }
      if (t.unnamed() != null) {
        String why = action + " is also authorized on " + t.unnamed() + ", which the log does not name";
        gaps.add(why);
        if (verdict == ReplayVerdict.DISAGREES && recorded.equals("Denied")) {
          // allowed on every resource the log names: the one it does not name may be what refused it
          unknownCaller.add(new DerivedRequest.KeyNote(UNNAMED_RESOURCE, why + "; it may be what refused the call"));
          verdict = ReplayVerdict.UNDETERMINED;
        }
      }
      if (resourceUnknown) {
        gaps.add("resource unknown (" + unknownReason + "): only a Resource \"*\" can decide");
      }
      if (each.size() > 1) {
        String shown = result.decision() == io.github.trailbench.core.policy.Decision.ALLOWED
            ? "all are allowed (shown: " + on + ")" : "shown: the least allowed, " + on;
        String accessPoint = each.size() == 2 && each.get(0).contains(":accesspoint/") && each.get(1).contains(":s3:::")
            ? each.get(0).replaceFirst("/object/.*$", "") : null;
        gaps.add(accessPoint != null ? "made through access point " + accessPoint + ": " + action + " is authorized on the"
            + " access point (its policy and the identity policies) and on the bucket (its policy), and fails if either refuses: "
            + shown
            : !"s3:DeleteObject".equals(action) ? action + " is authorized on each of the call's " + each.size() + " resources and fails if one is"
            + " refused: " + shown
            : action + " is authorized on each of " + each.size() + " objects; S3 deletes those allowed and lists the refused"
            + " ones in its response, so the call itself succeeds: " + shown);
      }
      List<DerivedRequest.KeyNote> missing = new ArrayList<>(dependedOn(result, d));
      missing.addAll(unknownCaller);
      boolean refusedWhatever = result.trace().detail().containsKey(REFUSED_WHATEVER);
      String sentence = refusedWhatever ? "Refused: " + limit + "." : DecisionSentence.of(result, policies::placement);
      String comparison = comparison(result, recorded, verdict, gaps, missing, refusedWhatever ? limit : null, expired,
          otherReason);
      if (!io.github.trailbench.core.catalog.EventActionMapper.decidesTheCall(event.eventSource(), event.eventName(), action)) {
        // checked item by item, a refusal reported in the response: the call's outcome says nothing of this decision
        verdict = ReplayVerdict.NO_DECISION;
        comparison = action + " is checked on each item the call names, and one refused is listed in the response's"
            + " errors while the call succeeds: CloudTrail's outcome of the call does not show this decision.";
      }
      out.add(new Explanation(event.eventId(), d.principalArn(), action, on, d.context(), result, recorded, verdict,
          missing, gaps, sentence, comparison, policies.sources()));
    }
    ReplayVerdict verdict;
    if (out.isEmpty()) {
      verdict = notDeniable && recorded.equals("Allowed") ? ReplayVerdict.NOT_DENIABLE : ReplayVerdict.NO_DECISION;
    } else {
      verdict = ReplayVerdict.combine(out.stream().map(Explanation::verdict).toList());
      // a call needs every action it was authorized as: one refused explains a refused call
      List<String> refusing = out.stream().filter(x -> x.verdict() == ReplayVerdict.AGREES
          && x.result().decision() != io.github.trailbench.core.policy.Decision.ALLOWED).map(Explanation::action).toList();
      List<String> open = out.stream().filter(x -> x.verdict() == ReplayVerdict.UNDETERMINED).map(Explanation::action).toList();
      if (recorded.equals("Denied") && verdict != ReplayVerdict.AGREES && !refusing.isEmpty()) {
        verdict = ReplayVerdict.AGREES;
        out.replaceAll(x -> allowedInARefusedCall(x, ReplayVerdict.AGREES, "which agrees: the call also needs "
            + String.join(" and ", refusing) + ", which " + (refusing.size() == 1 ? "is" : "are") + " refused."));
      } else if (recorded.equals("Denied") && verdict == ReplayVerdict.DISAGREES && out.size() > 1 && !open.isEmpty()) {
        // an allowed action does not contradict a refusal another action may have caused (iam:PassRole on a
        // role the log does not name): the call's outcome depends on that one
        verdict = ReplayVerdict.UNDETERMINED;
        out.replaceAll(x -> allowedInARefusedCall(x, ReplayVerdict.UNDETERMINED, "the call also needs "
            + String.join(" and ", open) + ", whose decision is undetermined: the refusal depends on "
            + (open.size() == 1 ? "it" : "them") + "."));
      }
    }
    return new EventReplay(event.eventId(), verdict, d.authorization(), out);
  }

  /** How the comparison of an allowed action of a refused call begins. */
  public static final String ALLOWED_ON_ITS_OWN = "Allowed on its own;";

  /**
   * An action the policies allow, of a call CloudTrail recorded as refused: compared on its own it
   * would disagree, but the call needs all its actions and {@code why} says which one decides.
   */
  private static Explanation allowedInARefusedCall(Explanation x, ReplayVerdict verdict, String why) {
    if (x.verdict() != ReplayVerdict.DISAGREES || x.result().decision() != io.github.trailbench.core.policy.Decision.ALLOWED) {
      return x;
    }
    return new Explanation(x.eventId(), x.principal(), x.action(), x.resource(), x.context(), x.result(), x.recorded(), verdict,
        x.missing(), x.gaps(), x.explanation(), ALLOWED_ON_ITS_OWN + " CloudTrail recorded the request as denied, " + why,
        x.policySources());
  }

  /**
   * Actions AWS authorizes once per resource the call names, refusing the whole call when one is
   * refused (SSM's GetParameters and DeleteParameters take a list of names, DynamoDB's batch calls
   * one or more tables, ECS's ExecuteCommand its cluster and task).
   */
  public static final java.util.Set<String> EACH_NAMED_RESOURCE = java.util.Set.of("ssm:GetParameters", "ssm:DeleteParameters",
      "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "ecs:ExecuteCommand");

  private record Evaluated(String resource, Request request, PoliciesInForce policies, EvaluationResult result) {}

  /** How far a decision is from "allowed", for the one of several resources that decides the call. */
  private static int severity(io.github.trailbench.core.policy.Decision d) {
    return switch (d) {
      case ALLOWED -> 0;
      case UNDETERMINED -> 1;
      case IMPLICIT_DENY -> 2;
      case EXPLICIT_DENY -> 3;
    };
  }

  /**
   * A role session's principal tags when the case shows how its key was issued: the role's IAM tags,
   * overridden by the session tags passed to AssumeRole and the transitive tags of the chain ("Session
   * tags ... take precedence over the role tags of the same key"); else as derived (missing).
   */
  private DerivedRequest withSessionTags(DerivedRequest d, CloudTrailEvent event) {
    var u = event.userIdentity();
    String role = issuerOf(event);
    if (u == null || !"AssumedRole".equals(u.type()) || u.accessKeyId() == null || !u.accessKeyId().startsWith("ASIA")
        || role == null || iam.principal(role).isEmpty()) {
      return d;
    }
    Map<String, String> passed = issued == null ? null : issued.apply(u.accessKeyId()).map(IssuedKey::sessionTags).orElse(null);
    if (passed == null) {
      return d;
    }
    Map<String, String> tags = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    tags.putAll(iam.principalTags(role));
    tags.putAll(passed);
    Map<String, List<String>> context = new LinkedHashMap<>(d.context());
    tags.forEach((k, v) -> context.put("aws:PrincipalTag/" + k, List.of(v)));
    List<DerivedRequest.KeyNote> missing = d.missing().stream().filter(m -> !m.key().equalsIgnoreCase("aws:PrincipalTag/*")).toList();
    List<DerivedRequest.KeyNote> absent = new ArrayList<>(d.absent());
    absent.add(new DerivedRequest.KeyNote("aws:PrincipalTag/*", "the role's tags and the session's are known, and this one is not among them"));
    return new DerivedRequest(d.eventId(), d.principalArn(), d.actions(), d.resourceArns(), d.resourceAccount(), context, missing,
        absent, d.resourceUnknownReason(), d.notes(), d.authorization());
  }

  /**
   * What the issuing call the case holds says of a role session's requests: the web identity token's claims
   * ({@code cognito-identity.amazonaws.com:sub}, {@code PROVIDER:aud}) of an AssumeRoleWithWebIdentity stay in them, so
   * a role's policy may name {@code ${cognito-identity.amazonaws.com:sub}} (IAM User Guide, "IAM policy elements:
   * Variables and tags"; Amazon Cognito's per-identity S3 prefix example); and a key a principal's STS call issued
   * carries none of the EC2 instance credential keys. Else as derived.
   */
  private DerivedRequest withWebIdentityClaims(DerivedRequest d, CloudTrailEvent event) {
    var u = event.userIdentity();
    java.util.Optional<IssuedKey> key = u != null && "AssumedRole".equals(u.type()) ? issuedOf(event) : java.util.Optional.empty();
    if (key.isEmpty()) {
      return d;
    }
    Map<String, String> claims = key.map(IssuedKey::webIdentityClaims).orElse(Map.of());
    // a session whose key a principal's STS call issued is no instance's: no instance credential key is in its requests
    boolean notInstance = !key.get().byService()
        && (u.sessionContext() == null || u.sessionContext().ec2RoleDelivery() == null);
    if (claims.isEmpty() && !notInstance) {
      return d;
    }
    Map<String, List<String>> context = new LinkedHashMap<>(d.context());
    claims.forEach((k, v) -> context.putIfAbsent(k, List.of(v)));
    List<DerivedRequest.KeyNote> missing = d.missing().stream().filter(m -> !claims.containsKey(m.key())).toList();
    List<DerivedRequest.KeyNote> absent = new ArrayList<>(d.absent());
    if (notInstance) {
      String why = "the session's key was issued by " + key.get().issuedBy() + " at " + key.get().issuedAt()
          + ", not delivered by an EC2 instance's metadata service";
      RequestContextDeriver.INSTANCE_CREDENTIAL_KEYS.forEach(k -> absent.add(new DerivedRequest.KeyNote(k, why)));
    }
    return new DerivedRequest(d.eventId(), d.principalArn(), d.actions(), d.resourceArns(), d.resourceAccount(), context, missing,
        absent, d.resourceUnknownReason(), d.notes(), d.authorization());
  }

  /**
   * The Multi-Region Access Point an S3 call was sent to, when the case holds its policy: its host
   * names the alias, and the policy's ARN the account, which the log does not. Null otherwise.
   */
  private String multiRegionAccessPoint(CloudTrailEvent event) {
    if (!"s3.amazonaws.com".equals(event.eventSource())) {
      return null;
    }
    String alias = S3AccessPoints.multiRegionAlias(new EventDocs(event));
    return alias == null ? null : S3AccessPoints.multiRegionArn(alias,
        iam.resourcePolicies().stream().map(io.github.trailbench.core.model.iam.ResourcePolicy::resourceArn).toList());
  }

  /** s3:DataAccessPointArn and s3:DataAccessPointAccount of a call through a Multi-Region Access Point the case knows. */
  private DerivedRequest withMultiRegionAccessPoint(DerivedRequest d, CloudTrailEvent event) {
    String mrap = multiRegionAccessPoint(event);
    if (mrap == null) {
      return d;
    }
    Map<String, List<String>> context = new LinkedHashMap<>(d.context());
    context.put("s3:DataAccessPointArn", List.of(mrap));
    context.put("s3:DataAccessPointAccount", List.of(io.github.trailbench.core.model.Arn.accountOf(mrap)));
    List<DerivedRequest.KeyNote> missing = d.missing().stream().filter(m -> !m.key().equalsIgnoreCase("s3:DataAccessPointArn")
        && !m.key().equalsIgnoreCase("s3:DataAccessPointAccount")).toList();
    return new DerivedRequest(d.eventId(), d.principalArn(), d.actions(), d.resourceArns(), d.resourceAccount(), context, missing,
        d.absent(), d.resourceUnknownReason(), d.notes(), d.authorization());
  }

  /**
   * The tags of the resource when it is an IAM user or role the case holds ({@code aws:ResourceTag/…},
   * {@code iam:ResourceTag/…}), as of the IAM snapshot; else as derived (missing).
   */
  private DerivedRequest withIamResourceTags(DerivedRequest d) {
    // the one user or role the call acts on (AttachUserPolicy also names the policy it attaches)
    List<String> principals = d.resourceArns().stream()
        .filter(a -> a.contains(":iam::") && (a.contains(":user/") || a.contains(":role/"))).toList();
    if (principals.size() != 1 || !d.resourceArns().get(0).equals(principals.get(0))) {
      return d;
    }
    String arn = principals.get(0);
    if (iam.principal(arn).isEmpty()) {
      return d;
    }
    Map<String, List<String>> context = new LinkedHashMap<>(d.context());
    iam.principalTags(arn).forEach((k, v) -> {
      context.put("aws:ResourceTag/" + k, List.of(v));
      context.put("iam:ResourceTag/" + k, List.of(v));
    });
    List<DerivedRequest.KeyNote> missing = d.missing().stream().filter(m -> !m.key().equalsIgnoreCase("aws:ResourceTag/*")
        && !m.key().equalsIgnoreCase("iam:ResourceTag/*") && !m.key().equalsIgnoreCase("iam:PermissionsBoundary")).toList();
    List<DerivedRequest.KeyNote> absent = new ArrayList<>(d.absent());
    String why = "the case's IAM data lists the tags of " + arn + " (as exported), and this one is not among them";
    absent.add(new DerivedRequest.KeyNote("aws:ResourceTag/*", why));
    absent.add(new DerivedRequest.KeyNote("iam:ResourceTag/*", why));
    boolean boundarySet = context.containsKey("iam:PermissionsBoundary")
        || d.absent().stream().anyMatch(k -> k.key().equalsIgnoreCase("iam:PermissionsBoundary"));
    if (!boundarySet) {
      // IAM condition keys: iam:PermissionsBoundary "checks that the specified policy is attached as permissions
      // boundary on the IAM principal resource": the user's or role's boundary as the IAM data has it
      java.util.Optional<String> boundary = iam.principal(arn).flatMap(p -> p.permissionsBoundary())
          .map(io.github.trailbench.core.model.iam.AttachedPolicy::arn);
      if (boundary.isPresent()) {
        context.put("iam:PermissionsBoundary", List.of(boundary.get()));
      } else {
        absent.add(new DerivedRequest.KeyNote("iam:PermissionsBoundary",
            "the case's IAM data lists no permissions boundary for " + arn + " (as exported)"));
      }
    }
    return new DerivedRequest(d.eventId(), d.principalArn(), d.actions(), d.resourceArns(), d.resourceAccount(), context, missing,
        absent, d.resourceUnknownReason(), d.notes(), d.authorization());
  }

  /**
   * A refused call on a resource whose optional policy the case lacks (decision 110): the stand-in
   * could only have allowed, the refusal shows it did not, so the decision is made without it when
   * that gives an implicit deny. {@code gap} replaces {@code replacedGap} among what the case lacks.
   */
  public record RefusedDespiteOptional(EvaluationResult result, String gap, String replacedGap) {
    /** Null when it does not apply (not refused, decided already, or no optional stand-in). */
    public static RefusedDespiteOptional of(PolicyEngine engine, Request request, PolicySet set, EvaluationResult result,
        String recorded) {
      NamedPolicy optional = set.resourcePolicy();
      if (result.decision() != io.github.trailbench.core.policy.Decision.UNDETERMINED || !"Denied".equals(recorded)
          || !io.github.trailbench.core.policy.UnknownPolicy.isOptionalResourceStandIn(optional)) {
        return null;
      }
      EvaluationResult known = engine.evaluate(request, new PolicySet(set.identityPolicies(), set.permissionsBoundary(),
          set.sessionPolicies(), null, set.scps(), set.rcps(), set.flags(), set.s3Acl()));
      if (known.decision() != io.github.trailbench.core.policy.Decision.IMPLICIT_DENY) {
        return null;
      }
      String arn = PoliciesInForce.optionalPolicyArn(optional);
      return new RefusedDespiteOptional(known, "the case has no resource policy for " + arn + ": if it has one, it could only"
          + " have allowed the call, and CloudTrail recorded the call refused, so it did not", PoliciesInForce.optionalPolicyGap(arn));
    }
  }

  /**
   * The role an iam:PassRole passes when the log names it only through the case: an EC2 instance
   * profile (by ARN or name; "an instance profile can contain only one IAM role"), or a role by name
   * (Glue's CreateJob).
   */
  private ActionTargets.Target passedRoleFromCase(ActionTargets.Target t, DerivedRequest d, CloudTrailEvent event) {
    return ActionTargets.passedRoleFromIam(t, event, io.github.trailbench.core.model.Arn.accountOf(d.principalArn()), iam);
  }

  /** For a federated user's session, the IAM user who federated it ({@code issuer}); else null. */
  public static String federatingUser(String principalArn, String issuer) {
    return principalArn != null && principalArn.contains(":federated-user/") && issuer != null && issuer.contains(":iam::")
        && issuer.contains(":user/") ? issuer : null;
  }

  /** The record's {@code sessionContext.sessionIssuer.arn}, or null. */
  public static String issuerOf(CloudTrailEvent event) {
    var u = event.userIdentity();
    return u == null || u.sessionContext() == null || u.sessionContext().sessionIssuer() == null ? null
        : u.sessionContext().sessionIssuer().arn();
  }

  /** The session policies of the event's temporary key (a root session's task policy, or its unknown stand-in). */
  private List<NamedPolicy> sessionPoliciesOf(CloudTrailEvent event) {
    String key = event.userIdentity() == null ? null : event.userIdentity().accessKeyId();
    List<NamedPolicy> session = key != null && key.startsWith("ASIA") ? sessionPolicies.apply(key) : List.of();
    if (session.isEmpty() && rootSession(event)) {
      // a short-term root session is scoped by the task policy of the AssumeRoot call that opened it
      session = List.of(io.github.trailbench.core.policy.RootTaskPolicies.unknown(
          "the AssumeRoot call that opened this root session is not in the case"));
    }
    return session;
  }

  /** As {@link ActionTargets}' access point targets, for a Multi-Region Access Point the case knows. */
  private ActionTargets.Target multiRegionFromCase(ActionTargets.Target t, String logged, DerivedRequest d, CloudTrailEvent event) {
    if (t != null || !logged.startsWith("s3:") || d.resourceArns().isEmpty() || !d.resourceArns().get(0).contains(":s3:::")) {
      return t;
    }
    String mrap = multiRegionAccessPoint(event);
    String bucket = d.resourceArns().get(0);
    return mrap == null ? null : new ActionTargets.Target(logged, List.of(S3AccessPoints.throughAccessPoint(mrap, bucket), bucket), null);
  }

  /** What one logged action is authorized as and on: its target action, and each resource AWS checks it on. */
  private record Targets(String action, List<String> each, boolean resourceUnknown, String unknownReason, String unnamed,
      String assumed) {}

  private Targets targets(String logged, DerivedRequest d, CloudTrailEvent event) {
    String resource = d.resourceArns().isEmpty() ? "*" : d.resourceArns().get(0);
    ActionTargets.Target target = multiRegionFromCase(passedRoleFromCase(ActionTargets.of(logged, d, event), d, event),
        logged, d, event);
    String action = target == null ? logged : target.action();
    boolean resourceUnknown = target == null ? d.resourceArns().isEmpty() : target.resources().isEmpty();
    String unknownReason = target == null ? d.resourceUnknownReason() : target.unknownReason();
    // a call naming several resources that AWS authorizes one by one is allowed only if each one is
    List<String> each = target != null ? (resourceUnknown ? List.of(target.family() != null ? target.family() : "*") : target.resources())
        : EACH_NAMED_RESOURCE.contains(action) && d.resourceArns().size() > 1 ? d.resourceArns() : List.of(resource);
    return new Targets(action, each, resourceUnknown, unknownReason, target == null ? null : target.unnamed(),
        target == null ? null : target.assumed());
  }

  /**
   * A request of a logged call as the replay evaluates it, for a view that lets the analyst change it:
   * the engine's request (context from the log and the case's organization data, keys the log cannot
   * carry unknown, open-world) and the session policies of the call's temporary key.
   */
  /**
   * @param refusal why AWS refuses it whatever the policies allow (what its credentials cannot do), or null
   * @param expired why its credentials had expired before the call, or null
   * @param trust the role's trust policy as the log shows it in force (an assumption of the role), or null
   * @param versions the caller's managed policies as the log shows them in force, where not the IAM data's default
   * @param unreadExpiration for a call logged as allowed: why whether its credentials had expired is unknown (the
   *     issuing call's expiration could not be read), or null
   */
  public record LoggedRequest(Request request, List<NamedPolicy> sessionPolicies, String refusal, String expired,
      LoggedTrust trust, LoggedPolicyVersions.Replacements versions, String unreadExpiration) {}

  /** Every request a logged call made: one per action it was authorized as, and per resource AWS checks it on. */
  public List<LoggedRequest> requests(CloudTrailEvent event) {
    DerivedRequest d = derive(event);
    if (d.principalArn() == null) {
      return List.of(); // no caller named: no request to decide (replay says undetermined, and why)
    }
    List<NamedPolicy> session = sessionPoliciesOf(event);
    String expired = expiredCredentials(event);
    String unreadExpiration = expired == null && recordedOutcome(event).equals("Allowed") ? unreadExpiration(event) : null;
    LoggedPolicyVersions.Replacements versions = versionsInForce(d, issuerOf(event), event.eventTime());
    List<LoggedRequest> out = new ArrayList<>();
    for (String logged : d.actions()) {
      Targets t = targets(logged, d, event);
      for (String r : t.each()) {
        out.add(new LoggedRequest(request(d, issuerOf(event), t.action(), r, t.resourceUnknown()), session,
            refusedWhateverThePolicies(t.action(), r, event), expired, loggedTrust(t.action(), r, event.eventTime()), versions,
            unreadExpiration));
      }
    }
    return out;
  }

  /**
   * The account owning {@code resource} as the record gives it, but for an S3 access point ARN (a
   * request through one is also authorized on it) the access point's account, which its ARN names.
   */
  private static String resourceAccount(DerivedRequest d, String resource) {
    String ap = resource != null && resource.contains(":s3:") && resource.contains(":accesspoint/")
        ? io.github.trailbench.core.model.Arn.accountOf(resource) : "";
    return ap.isEmpty() ? d.resourceAccount() : ap;
  }

  private Request request(DerivedRequest d, String issuer, String action, String resource, boolean resourceUnknown) {
    String account = resourceAccount(d, resource);
    Request.Builder rb = Request.builder(d.principalArn(), action, resource)
        .resourceAccount(account != null ? PoliciesInForce.objectOwner(iam, resource, account)
            : PoliciesInForce.ownerOf(iam, d.principalArn(), resource))
        .federatingUser(federatingUser(d.principalArn(), issuer));
    String ec2Type = Ec2ResourceKeys.typeOf(resource);
    List<String> notOfThisResource = new ArrayList<>();
    d.context().forEach((k, v) -> {
      if (ec2Type != null && !Ec2ResourceKeys.belongsTo(k, ec2Type)) {
        if (Ec2ResourceKeys.maybeIn(k, ec2Type)) {
          rb.unknown(k);
        } else {
          notOfThisResource.add(k); // a key of another resource of the call: AWS does not put it in this one's request
        }
      } else {
        rb.context(k, v);
      }
    });
    java.util.Set<String> fromCase = new java.util.HashSet<>();
    orgKeys(rb, io.github.trailbench.core.model.Arn.accountOf(d.principalArn()), "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", fromCase);
    // the resource's organization only from an owner the record or the case gives, never the caller's account by default
    String owner = account != null ? account
        : PoliciesInForce.ownerKnown(iam, resource) ? PoliciesInForce.ownerOf(iam, d.principalArn(), resource) : null;
    orgKeys(rb, owner, "aws:ResourceOrgID", "aws:ResourceOrgPaths", fromCase);
    d.missing().stream().filter(m -> !fromCase.contains(m.key())).forEach(m -> {
      if (!m.present()) {
        rb.unknown(m.key());
      } else {
        rb.holding(m.key(), m.contains()); // present: holding these (perhaps none known) among values not logged
      }
    });
    // rebuilt from a log: a key the deriver neither found nor knows AWS leaves out is unknown, not absent
    List<String> absent = new ArrayList<>(d.absent().stream().map(DerivedRequest.KeyNote::key).toList());
    absent.addAll(notOfThisResource);
    rb.openWorld(absent);
    if (resourceUnknown) {
      rb.unknown(Request.UNKNOWN_RESOURCE);
    }
    return rb.build();
  }

  private Evaluated evaluate(DerivedRequest d, String issuer, String action, String resource, List<NamedPolicy> session,
      boolean resourceUnknown, java.time.Instant at) throws SourceFormatException {
    PoliciesInForce policies = versionsInForce(d, issuer, at).applyTo(withLoggedTrust(PoliciesInForce.gather(iam, d.principalArn(),
        issuer, action, resource, resourceAccount(d, resource), session, parsed, true), action, resource, at));
    Request request = request(d, issuer, action, resource, resourceUnknown);
    return new Evaluated(resource, request, policies, engine.evaluate(request, policies.set()));
  }

  /**
   * {@code policies} with the role's trust policy as the log last shows it set before {@code at}
   * (an UpdateAssumeRolePolicy), for a call that assumes the role; a change in the same second
   * leaves the trust policy unknown (which of the two came first the log cannot say).
   */
  private PoliciesInForce withLoggedTrust(PoliciesInForce policies, String action, String resource, java.time.Instant at) {
    LoggedTrust trust = loggedTrust(action, resource, at);
    return trust == null ? policies : trust.applyTo(policies, resource);
  }

  /**
   * A role's trust policy as the log shows it in force, for a call that assumes the role: the policy
   * (a stand-in when unknown), what the explanation says of it, and its text under its name.
   */
  public record LoggedTrust(NamedPolicy policy, String gap, String sourceName, String sourceText) {
    /** {@code policies} with this trust policy in place of the IAM data's. */
    public PoliciesInForce applyTo(PoliciesInForce policies, String roleArn) {
      PolicySet set = policies.set();
      List<String> gaps = new ArrayList<>(policies.gaps());
      gaps.removeIf(g -> g.startsWith("the case has no trust policy for " + roleArn));
      gaps.add(gap);
      Map<String, String> sources = new java.util.LinkedHashMap<>(policies.sources());
      if (sourceName != null) {
        sources.put(sourceName, sourceText);
      }
      PolicySet withTrust = new PolicySet(set.identityPolicies(), set.permissionsBoundary(), set.sessionPolicies(), policy,
          set.scps(), set.rcps(), set.flags(), set.s3Acl());
      return new PoliciesInForce(withTrust, gaps, sources, policies.placements());
    }
  }

  /**
   * The role's trust policy as the log last shows it set before {@code at} (UpdateAssumeRolePolicy,
   * CreateRole), for a call that assumes the role; a change in the same second leaves it unknown
   * (which of the two came first the log cannot say); null when the log shows no change.
   */
  private LoggedTrust loggedTrust(String action, String resource, java.time.Instant at) {
    String key = LoggedRoleChanges.keyOf(resource);
    if (roleChanges == null || at == null || key == null
        || !PolicyEngine.isTrustPolicyAction(action.toLowerCase(Locale.ROOT))) {
      return null;
    }
    LoggedRoleChanges.InForce inForce = LoggedRoleChanges.inForceAt(roleChanges.apply(key), at);
    if (!inForce.any()) {
      return null;
    }
    NamedPolicy unknown = io.github.trailbench.core.policy.UnknownPolicy.resourceStandIn("trust policy of " + resource);
    if (inForce.sameSecond() != null) {
      return new LoggedTrust(unknown, "the trust policy of " + resource + " was set in the same second ("
          + inForce.sameSecond().describe() + "): whether before or after this call the log cannot say, so it is unknown",
          null, null);
    }
    LoggedRoleChanges.Change c = inForce.before();
    String name = "trust policy set by " + c.eventName() + " " + c.eventId();
    try {
      return new LoggedTrust(new NamedPolicy(name, io.github.trailbench.core.policy.PolicyParser.parse(c.document(),
          "event " + c.eventId())), "the trust policy of " + resource + " is the one " + c.describe()
          + " set (the last change the log shows before this call), not the case's IAM data's", name, c.document());
    } catch (SourceFormatException e) {
      return new LoggedTrust(unknown, "the trust policy of " + resource + " is the one " + c.describe()
          + " set, whose document in the log cannot be read (" + e.getMessage() + "), so it is unknown", null, null);
    }
  }

  /**
   * The organization keys of an account, from the case's organization data (the log does not
   * carry them): the organization id and the path {@code o-…/r-…/ou-…/} of the account's parent.
   */
  private void orgKeys(Request.Builder rb, String account, String idKey, String pathsKey, java.util.Set<String> filled) {
    orgKeys(iam, rb, account, idKey, pathsKey, filled);
  }

  /** As above, for any request built over the case's IAM data (the principal simulation's too). */
  static void orgKeys(IamSnapshot iam, Request.Builder rb, String account, String idKey, String pathsKey, java.util.Set<String> filled) {
    if (account == null || account.isEmpty()) {
      return;
    }
    if (iam.organizationOf(account).isEmpty() && !iam.organizations().isEmpty() && account.matches("\\d{12}")) {
      // the case's organization data lists every account of its organizations: this one is in none of them,
      // so its organization id, if it has one, is none of theirs
      rb.notAmong(idKey, iam.organizations().stream().map(o -> o.organizationId()).toList());
      return;
    }
    iam.organizationOf(account).ifPresent(org -> {
      // the account's place in the tree, whatever policies are attached along it (o-…/r-…/ou-…/)
      StringBuilder path = new StringBuilder(org.organizationId()).append('/');
      for (io.github.trailbench.core.model.iam.OrgUnit unit : org.pathTo(account)) {
        path.append(unit.id()).append('/');
      }
      rb.context(idKey, org.organizationId());
      rb.context(pathsKey, List.of(path.toString()));
      filled.add(idKey);
      filled.add(pathsKey);
    });
  }

  /** The concrete keys the decision depended on, each with the reason the log lacks it. */
  private static List<DerivedRequest.KeyNote> dependedOn(EvaluationResult r, DerivedRequest d) {
    List<DerivedRequest.KeyNote> out = new ArrayList<>();
    for (String k : r.dependsOn()) {
      String reason = k.equals(Request.UNKNOWN_RESOURCE) ? "the log does not name the resource: " + d.resourceUnknownReason()
          : k.equals(io.github.trailbench.core.policy.RootTaskPolicies.UNKNOWN_TASK_POLICY_KEY)
              ? "a short-term root session (sts:AssumeRoot) is limited by the task policy its AssumeRoot call named; the case"
                  + " does not show which, or does not hold it"
          : k.equals(io.github.trailbench.core.policy.UnknownPolicy.KEY)
              ? "listed under what the case lacks: it may allow or deny"
          : "the log does not carry it";
      for (DerivedRequest.KeyNote m : d.missing()) {
        if (m.key().equalsIgnoreCase(k)
            || (m.key().endsWith("/*") && k.regionMatches(true, 0, m.key(), 0, m.key().length() - 1))) {
          reason = m.reason();
          break;
        }
      }
      out.add(new DerivedRequest.KeyNote(k, reason));
    }
    return out;
  }

  /**
   * @param refusal why AWS refuses the call whatever the policies allow, when that decided it; else null
   * @param expired why the call's credentials had expired before it, or null
   */
  /**
   * Why a refusal the replay agrees with is not the one AWS gave, or null: {@code logged} (what the
   * recorded error message names) is about {@code action} and the replay's refusal {@code result}
   * does not hold it, so the case's policies are not those AWS read.
   */
  public static String otherReason(LoggedRefusal logged, String action, EvaluationResult result) {
    if (logged == null || !logged.concerns(action) || logged.heldBy(result)) {
      return null;
    }
    return "CloudTrail's error message says AWS refused " + action + " " + logged.phrase()
        + ", which the case's policies do not hold: the replay finds " + LoggedRefusal.replayedRefusals(result);
  }

  private static String comparison(EvaluationResult r, String recorded, ReplayVerdict verdict, List<String> gaps,
      List<DerivedRequest.KeyNote> missing, String refusal, String expired, String otherReason) {
    String rec = recorded.toLowerCase(Locale.ROOT);
    if (verdict == ReplayVerdict.DISAGREES && otherReason != null) {
      return "DOES NOT AGREE ON WHY: CloudTrail recorded the request as " + rec + ", and the policies in the case give "
          + r.decision().json() + ", but " + otherReason + ". The case lacks evidence: the policies AWS read are not all"
          + " in the case, or one changed between the event and the IAM snapshot.";
    }
    if (recorded.equals(NOT_AUTHENTICATED)) {
      return "CloudTrail recorded an authentication failure: AWS refused the credentials before any policy was read, so"
          + " the policies' decision (" + r.decision().json() + ") has nothing to compare with.";
    }
    if (recorded.equals(INVALID_REQUEST)) {
      return "CloudTrail recorded the request as rejected as invalid: AWS may check a request's parameters before it"
          + " authorizes it, so the policies' decision (" + r.decision().json() + ") has nothing to compare with.";
    }
    if (verdict == ReplayVerdict.DISAGREES && expired != null) {
      return "DOES NOT AGREE: CloudTrail recorded the request as " + rec + ", but " + expired + ".";
    }
    if (verdict == ReplayVerdict.DISAGREES && refusal != null) {
      return "DOES NOT AGREE: AWS refuses this call whatever the policies allow (" + refusal + "), yet CloudTrail recorded"
          + " it as " + rec + ": the record itself is in doubt (edited, or attributed to the wrong key).";
    }
    switch (verdict) {
      case AGREES:
        return "CloudTrail recorded the request as " + rec + ", which agrees.";
      case NOT_DENIABLE:
        return "CloudTrail recorded the request as " + rec + ", which agrees: no policy can deny this call.";
      case UNDETERMINED:
        return "Undetermined, CloudTrail recorded it as " + rec + ": the decision depends on "
            + String.join(", ", missing.stream().map(m -> io.github.trailbench.core.policy.UnknownPolicy.describe(m.key())
                + " (" + m.reason() + ")").toList()) + ".";
      default: {
        List<String> causes = new ArrayList<>(gaps);
        causes.add("a policy changed between the event and the IAM snapshot (the snapshot shows only the versions at export time)");
        return "DOES NOT AGREE: the policies in the case give " + r.decision().json() + " but CloudTrail recorded the request as "
            + rec + ". The case lacks evidence; what could explain it: " + String.join("; ", causes) + ".";
      }
    }
  }

  /** The explanation as {@code explain --json}'s object, with its trace. */
  public static com.fasterxml.jackson.databind.node.ObjectNode toJson(Explanation e) {
    return toJson(e, true);
  }

  /** The explanation as {@code explain --json}'s object; the trace only when asked. */
  public static com.fasterxml.jackson.databind.node.ObjectNode toJson(Explanation e, boolean withTrace) {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode out = json.createObjectNode();
    out.put("eventId", e.eventId());
    com.fasterxml.jackson.databind.node.ObjectNode request = out.putObject("request");
    request.put("principal", e.principal());
    request.put("action", e.action());
    request.put("resource", e.resource());
    request.set("context", json.valueToTree(e.context()));
    out.put("decision", e.result().decision().json());
    out.put("recorded", e.recorded());
    out.put("agrees", e.agrees());
    out.put("verdict", e.verdict().json());
    com.fasterxml.jackson.databind.node.ArrayNode missing = out.putArray("missing");
    e.missing().forEach(m -> missing.add(m.key()));
    com.fasterxml.jackson.databind.node.ArrayNode gaps = out.putArray("gaps");
    e.gaps().forEach(gaps::add);
    out.put("explanation", e.explanation());
    out.put("comparison", e.comparison());
    if (withTrace) {
      out.set("trace", io.github.trailbench.core.policy.ResultJson.toJson(e.result().trace()));
    }
    return out;
  }
}
