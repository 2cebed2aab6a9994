package io.github.trailbench.core.findings;

import io.github.trailbench.core.enrich.IpInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;

/**
 * One event as the rules see it: the record plus lazily parsed nested documents and derived
 * fields. Lives for one event; not thread-safe.
 */
final class EventView {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final CloudTrailEvent event;
  private final IpClassifier ips;
  private final JsonNode[] docs = new JsonNode[FieldPath.Document.values().length];
  private final boolean[] parsed = new boolean[docs.length];
  private JsonNode raw;
  private String principal;
  private boolean principalDone;
  private IpClass ipClass;

  private final java.util.function.Predicate<String> inOrganization;
  private final java.util.Set<String> organizationIds;
  private final java.util.function.Predicate<String> ec2Roles;

  EventView(CloudTrailEvent event, IpClassifier ips) {
    this(event, ips, account -> false, java.util.Set.of());
  }

  EventView(CloudTrailEvent event, IpClassifier ips, java.util.function.Predicate<String> inOrganization,
      java.util.Set<String> organizationIds) {
    this(event, ips, inOrganization, organizationIds, role -> false);
  }

  /**
   * @param inOrganization whether the case's organization manifests list an account id
   * @param organizationIds the ids of the case's organizations and their OUs
   * @param ec2Roles whether the case's IAM data shows EC2 can deliver a role (by ARN) to an instance
   */
  EventView(CloudTrailEvent event, IpClassifier ips, java.util.function.Predicate<String> inOrganization,
      java.util.Set<String> organizationIds, java.util.function.Predicate<String> ec2Roles) {
    this.event = event;
    this.ips = ips;
    this.inOrganization = inOrganization;
    this.organizationIds = organizationIds;
    this.ec2Roles = ec2Roles;
  }

  /** Whether the case's IAM data shows EC2 can deliver role {@code roleArn} to an instance. */
  boolean ec2Role(String roleArn) {
    return roleArn != null && ec2Roles.test(roleArn);
  }

  /** Whether the case's organization manifests list {@code id}: an account, organization or OU id. */
  boolean inOrganization(String id) {
    return organizationIds.contains(id) || inOrganization.test(id);
  }

  /** Whether the case holds an organization manifest, so that an organization or OU it does not list is another's. */
  boolean organizationKnown() {
    return !organizationIds.isEmpty();
  }

  CloudTrailEvent event() {
    return event;
  }

  Instant time() {
    return event.eventTime();
  }

  IpClassifier ipClassifier() {
    return ips;
  }

  private IpInfo ipInfo;
  private boolean ipInfoDone;

  /** What the classifier knows of the source address (country, AS, AWS), or null. */
  IpInfo sourceIpInfo() {
    if (!ipInfoDone) {
      ipInfoDone = true;
      ipInfo = event.sourceIpAddress() == null ? null : ips.info(event.sourceIpAddress());
    }
    return ipInfo;
  }

  private KnownAddresses.Entry known;
  private boolean knownDone;

  /** The analyst's known-address entry holding the source address, or null. */
  KnownAddresses.Entry knownAddress() {
    if (!knownDone) {
      knownDone = true;
      known = event.sourceIpAddress() == null ? null : ips.known(event.sourceIpAddress());
    }
    return known;
  }

  IpClass sourceIpClass() {
    if (ipClass == null) {
      IpClass c = ips.classify(event.sourceIpAddress());
      ipClass = c == null ? IpClass.UNKNOWN : c;
    }
    return ipClass;
  }

  JsonNode document(FieldPath.Document d) {
    int i = d.ordinal();
    if (!parsed[i]) {
      parsed[i] = true;
      docs[i] = switch (d) {
        case REQUEST_PARAMETERS -> parse(event.requestParametersJson());
        case RESPONSE_ELEMENTS -> parse(event.responseElementsJson());
        case ADDITIONAL_EVENT_DATA -> parse(event.additionalEventDataJson());
        case TLS_DETAILS -> parse(event.tlsDetailsJson());
        default -> rawPart(d.prefix);
      };
    }
    return docs[i];
  }

  /** The product provider's account of a call made through temporary delegated access; null for any other. */
  String delegate() {
    String raw = event.rawJson();
    if (raw == null || !raw.contains("invokedByDelegate")) {
      return null;
    }
    JsonNode d = document(FieldPath.Document.INVOKED_BY_DELEGATE);
    return d == null || !d.path("accountId").isTextual() ? null : d.path("accountId").asText();
  }

  /** A part of the raw record ({@code a.b}), for fields the event model does not keep; null when absent. */
  private JsonNode rawPart(String dotted) {
    if (raw == null) {
      raw = parse(event.rawJson());
      if (raw == null) {
        raw = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
    }
    JsonNode n = raw;
    for (String segment : dotted.split("\\.")) {
      n = n.path(segment);
    }
    return n.isMissingNode() ? null : n;
  }

  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      return null; // a broken nested document simply has no fields
    }
  }

  /**
   * Who made the call: the identity ARN when logged; for Root without ARN the account root ARN;
   * for AWSService the invoking service; else the principal id or account id.
   */
  String principal() {
    if (!principalDone) {
      principalDone = true;
      principal = derivePrincipal(event.userIdentity());
    }
    return principal;
  }

  private static String derivePrincipal(UserIdentity ui) {
    if (ui == null) {
      return null;
    }
    if (notEmpty(ui.arn())) {
      return ui.arn();
    }
    if ("Root".equals(ui.type()) && notEmpty(ui.accountId())) {
      return "arn:aws:iam::" + ui.accountId() + ":root";
    }
    if (notEmpty(ui.invokedBy())) {
      return ui.invokedBy();
    }
    if (notEmpty(ui.principalId()) && ui.principalId().equals(ui.accountId()) && notEmpty(ui.userName())
        && "Unknown".equals(ui.type())) {
      // an IAM Identity Center sign-in step names its user only by name; its principalId is the account
      return io.github.trailbench.core.correlate.Principals.identityCenterUser(ui.userName(), ui.accountId());
    }
    if (notEmpty(ui.principalId())) {
      return ui.principalId();
    }
    return notEmpty(ui.accountId()) ? ui.accountId() : null;
  }

  /** The caller's account, else the recipient account. */
  String account() {
    UserIdentity ui = event.userIdentity();
    if (ui != null && notEmpty(ui.accountId())) {
      return ui.accountId();
    }
    return event.recipientAccountId();
  }

  /** The account the call was made to (recipient), else the caller's. */
  String recipientAccount() {
    if (notEmpty(event.recipientAccountId())) {
      return event.recipientAccountId();
    }
    UserIdentity ui = event.userIdentity();
    return ui == null ? null : ui.accountId();
  }

  /** {@code Success}, the error code, or {@code Failure} for a failed console sign-in. */
  String outcome() {
    if (event.failed()) {
      return event.errorCode();
    }
    if ("signin.amazonaws.com".equals(event.eventSource())) {
      JsonNode r = document(FieldPath.Document.RESPONSE_ELEMENTS);
      if (r != null) {
        for (String k : new String[] {"ConsoleLogin", "SwitchRole", "CheckMfa"}) {
          if ("Failure".equals(r.path(k).asText(null))) {
            return "Failure";
          }
        }
      }
    }
    return "Success";
  }

  /**
   * A temporary-credential session: the principal plus the session's creation time (the same
   * role session name can be reused). Null for long-term credentials.
   */
  String sessionId() {
    UserIdentity ui = event.userIdentity();
    if (ui == null) {
      return null;
    }
    SessionContext sc = ui.sessionContext();
    boolean temporary = (ui.accessKeyId() != null && ui.accessKeyId().startsWith("ASIA"))
        || (sc != null && sc.creationDate() != null);
    if (!temporary || principal() == null) {
      return null;
    }
    return sc != null && sc.creationDate() != null ? principal() + "@" + sc.creationDate() : principal() + "@" + ui.accessKeyId();
  }

  Evidence.Event toEvidence() {
    UserIdentity ui = event.userIdentity();
    return new Evidence.Event(event.eventId() == null ? "(no eventID)" : event.eventId(), recipientAccount(), event.eventTime(), event.eventSource(),
        event.eventName(), event.awsRegion(), principal(), ui == null ? null : ui.accessKeyId(),
        event.sourceIpAddress(), event.userAgent(), outcome(), resource());
  }

  /**
   * What the call acted on, as an analyst names it: {@code bucket/key} (or the bucket) for S3, the
   * role ARN of an AssumeRole, {@code user/NAME}, {@code role/NAME}, {@code group/NAME} or the policy
   * ARN for IAM, else the first ARN CloudTrail lists in {@code resources}; null when none is known.
   */
  String resource() {
    JsonNode rp = document(FieldPath.Document.REQUEST_PARAMETERS);
    if (rp != null && rp.isObject()) {
      String bucket = rp.path("bucketName").asText(null);
      if (bucket != null) {
        String key = rp.path("key").asText(null);
        return key == null ? bucket : bucket + "/" + key;
      }
      String roleArn = rp.path("roleArn").asText(null);
      if (roleArn != null) {
        return roleArn;
      }
      for (String[] f : new String[][] {{"userName", "user/"}, {"roleName", "role/"}, {"groupName", "group/"}}) {
        String v = rp.path(f[0]).asText(null);
        if (v != null) {
          return f[1] + v;
        }
      }
      String policyArn = rp.path("policyArn").asText(null);
      if (policyArn != null) {
        return policyArn;
      }
    }
    if (event.resources() != null && !event.resources().isEmpty() && event.resources().get(0).arn() != null) {
      return event.resources().get(0).arn();
    }
    if (rp != null && rp.isObject()) {
      for (String f : new String[] {"name", "trailName", "detectorId", "functionName", "secretId", "keyId"}) {
        String v = rp.path(f).asText(null);
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
