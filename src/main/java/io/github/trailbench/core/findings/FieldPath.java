package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.trailbench.core.correlate.BedrockModels;
import io.github.trailbench.core.correlate.EventDocs;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.SessionIssuer;
import io.github.trailbench.core.model.UserIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A field of a CloudTrail record named as in the JSON ({@code eventName},
 * {@code userIdentity.accessKeyId}, {@code requestParameters.policyDocument},
 * {@code responseElements.credentials.accessKeyId}, {@code requestParameters.items[0].name}) or a
 * derived field ({@code principal}, {@code account}, {@code outcome}, {@code session}).
 */
final class FieldPath {
  /** Nested documents kept as JSON text; paths below them are resolved with Jackson. */
  enum Document {
    REQUEST_PARAMETERS("requestParameters"),
    RESPONSE_ELEMENTS("responseElements"),
    ADDITIONAL_EVENT_DATA("additionalEventData"),
    TLS_DETAILS("tlsDetails"),
    // read from the raw record: fields the event model does not keep
    INVOKED_BY_DELEGATE("userIdentity.invokedByDelegate"),
    IN_SCOPE_OF("userIdentity.inScopeOf"),
    ON_BEHALF_OF("userIdentity.onBehalfOf"),
    ADDENDUM("addendum"),
    EVENT_CONTEXT("eventContext"),
    VPC_ENDPOINT_ACCOUNT_ID("vpcEndpointAccountId");

    final String prefix;

    Document(String prefix) {
      this.prefix = prefix;
    }
  }

  private static final Map<String, Function<EventView, String>> SCALARS = new LinkedHashMap<>();

  static {
    s("eventID", e -> e.event().eventId());
    s("eventVersion", e -> e.event().eventVersion());
    s("eventTime", e -> e.event().eventTime() == null ? null : e.event().eventTime().toString());
    s("eventSource", e -> e.event().eventSource());
    s("eventName", e -> e.event().eventName());
    s("awsRegion", e -> e.event().awsRegion());
    s("sourceIPAddress", e -> e.event().sourceIpAddress());
    s("userAgent", e -> e.event().userAgent());
    s("errorCode", e -> e.event().errorCode());
    s("errorMessage", e -> e.event().errorMessage());
    s("readOnly", e -> str(e.event().readOnly()));
    s("eventType", e -> e.event().eventType());
    s("eventCategory", e -> e.event().eventCategory());
    s("managementEvent", e -> str(e.event().managementEvent()));
    s("recipientAccountId", e -> e.event().recipientAccountId());
    s("sharedEventID", e -> e.event().sharedEventId());
    s("vpcEndpointId", e -> e.event().vpcEndpointId());
    s("userIdentity.type", e -> ui(e).map(UserIdentity::type).orElse(null));
    s("userIdentity.principalId", e -> ui(e).map(UserIdentity::principalId).orElse(null));
    s("userIdentity.arn", e -> ui(e).map(UserIdentity::arn).orElse(null));
    s("userIdentity.accountId", e -> ui(e).map(UserIdentity::accountId).orElse(null));
    s("userIdentity.accessKeyId", e -> ui(e).map(UserIdentity::accessKeyId).orElse(null));
    s("userIdentity.userName", e -> ui(e).map(UserIdentity::userName).orElse(null));
    s("userIdentity.invokedBy", e -> ui(e).map(UserIdentity::invokedBy).orElse(null));
    s("userIdentity.identityProvider", e -> ui(e).map(UserIdentity::identityProvider).orElse(null));
    s("userIdentity.sessionContext.sourceIdentity", e -> sc(e).map(SessionContext::sourceIdentity).orElse(null));
    s("userIdentity.sessionContext.ec2RoleDelivery", e -> sc(e).map(SessionContext::ec2RoleDelivery).orElse(null));
    s("userIdentity.sessionContext.assumedRoot", e -> sc(e).filter(SessionContext::assumedRoot).map(c -> "true").orElse(null));
    s("userIdentity.sessionContext.attributes.mfaAuthenticated",
        e -> sc(e).map(c -> str(c.mfaAuthenticated())).orElse(null));
    s("userIdentity.sessionContext.attributes.creationDate",
        e -> sc(e).map(c -> c.creationDate() == null ? null : c.creationDate().toString()).orElse(null));
    s("userIdentity.sessionContext.webIdFederationData.federatedProvider",
        e -> sc(e).map(SessionContext::webIdFederationProvider).orElse(null));
    s("userIdentity.sessionContext.sessionIssuer.type", e -> si(e).map(SessionIssuer::type).orElse(null));
    s("userIdentity.sessionContext.sessionIssuer.principalId", e -> si(e).map(SessionIssuer::principalId).orElse(null));
    s("userIdentity.sessionContext.sessionIssuer.arn", e -> si(e).map(SessionIssuer::arn).orElse(null));
    s("userIdentity.sessionContext.sessionIssuer.accountId", e -> si(e).map(SessionIssuer::accountId).orElse(null));
    s("userIdentity.sessionContext.sessionIssuer.userName", e -> si(e).map(SessionIssuer::userName).orElse(null));
    s("principal", EventView::principal);
    // the role a session belongs to (its sessionIssuer), else the principal: one identity however its sessions are named
    s("identity", e -> si(e).map(SessionIssuer::arn).filter(a -> !a.isEmpty()).orElseGet(e::principal));
    s("account", EventView::account);
    s("outcome", EventView::outcome);
    s("userAgentFamily", e -> userAgentFamily(e.event().userAgent()));
    s("status", e -> "Success".equals(e.outcome()) ? "success" : "failure");
    s("session", EventView::sessionId);
    s("sourceCountry", e -> e.sourceIpInfo() == null ? null : e.sourceIpInfo().countryCode());
    s("sourceAsn", e -> e.sourceIpInfo() == null || e.sourceIpInfo().asn() == null ? null : "AS" + e.sourceIpInfo().asn());
    s("sourceAsOrg", e -> e.sourceIpInfo() == null ? null : e.sourceIpInfo().asOrg());
    s("sourceAws", e -> e.sourceIpInfo() == null ? null : str(e.sourceIpInfo().awsOwned()));
    s("sourceKnown", e -> e.knownAddress() == null ? null : "true");
    // what a trust policy or an ACL in the request opens to, in words (for summaries)
    s("trustedOutside", FieldPath::trustedOutside);
    s("aclExposedTo", FieldPath::aclExposedTo);
    // whom a snapshot, image, RAM share, Lambda permission, KMS grant or replication gives access to
    s("sharedWith", SharedWith::described);
    s("sharedOutside", SharedWith::outside);
    // a role session whose role the case's IAM data shows EC2 can deliver to an instance, and why a session counts
    // as an instance's credentials (for instance-credentials-used-outside)
    s("sessionRoleOnEc2", e -> si(e).map(SessionIssuer::arn).filter(e::ec2Role).map(a -> "true").orElse(null));
    s("instanceCredentials", FieldPath::instanceCredentials);
    // one Identity Store user across the calls that create it and give it access (for sequences)
    s("identityStoreUserId", FieldPath::identityStoreUserId);
    // the model or inference profile a Bedrock invocation runs, one value whether named by its ID or its ARN
    s("bedrockModel", FieldPath::bedrockModel);
  }

  private static String bedrockModel(EventView e) {
    BedrockModels.Target t = BedrockModels.of(new EventDocs(e.event()));
    return t == null ? null : t.id();
  }

  /**
   * Why a role session's call counts as made with an EC2 instance's credentials: CloudTrail's
   * ec2RoleDelivery (the instance metadata service delivered them), or a session named like an
   * instance of a role the case's IAM data shows EC2 can take (the name alone is the caller's
   * choice); null otherwise.
   */
  private static String instanceCredentials(EventView e) {
    String delivery = sc(e).map(SessionContext::ec2RoleDelivery).orElse(null);
    if (delivery != null) {
      return "delivered by the instance metadata service, ec2RoleDelivery " + delivery;
    }
    String arn = ui(e).map(UserIdentity::arn).orElse(null);
    String role = si(e).map(SessionIssuer::arn).orElse(null);
    String name = arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    return name != null && name.matches("i-[0-9a-f]{8,17}") && e.ec2Role(role)
        ? "named like an instance, of a role EC2 can take; no ec2RoleDelivery logged" : null;
  }

  /**
   * The IAM Identity Center user a call creates or gives access: identitystore CreateUser's
   * responseElements.userId, CreateGroupMembership's requestParameters.memberId.userId, and
   * CreateAccountAssignment's requestParameters.principalId when its principalType is USER.
   */
  private static String identityStoreUserId(EventView e) {
    String name = e.event().eventName();
    if (name == null) {
      return null;
    }
    JsonNode request = e.document(Document.REQUEST_PARAMETERS);
    JsonNode id = switch (name) {
      case "CreateUser" -> "identitystore.amazonaws.com".equals(e.event().eventSource())
          ? at(e.document(Document.RESPONSE_ELEMENTS), "userId") : null;
      case "CreateGroupMembership" -> request == null ? null : at(request.get("memberId"), "userId");
      case "CreateAccountAssignment" -> request != null && "USER".equals(request.path("principalType").asText())
          ? at(request, "principalId") : null;
      default -> null;
    };
    return id == null || !id.isValueNode() || id.asText().isEmpty() ? null : id.asText();
  }

  private static JsonNode at(JsonNode parent, String member) {
    return parent == null ? null : parent.get(member);
  }

  /** The request members that hold a resource or trust policy, as JSON pointers. */
  private static final List<String> POLICY_MEMBERS = List.of("/policyDocument", "/assumeRolePolicyDocument",
      "/bucketPolicy", "/attributes/Policy", "/attributeValue", "/policyText", "/resourcePolicy", "/policy");

  /**
   * The principals outside the call's account that a policy in the request lets in: a role's
   * trust policy (UpdateAssumeRolePolicy, CreateRole), a bucket, queue, topic, repository, secret
   * or key policy.
   */
  private static String trustedOutside(EventView e) {
    com.fasterxml.jackson.databind.JsonNode rp = e.document(Document.REQUEST_PARAMETERS);
    if (rp == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String member : POLICY_MEMBERS) {
      com.fasterxml.jackson.databind.JsonNode doc = Policies.document(rp.at(member));
      if (doc != null) {
        Policies.outsidePrincipals(doc, e.recipientAccount()).stream().filter(p -> !out.contains(p)).forEach(out::add);
      }
    }
    return out.isEmpty() ? null : String.join(", ", out);
  }

  /** The grants of an ACL in the request that open it to everyone or to another account. */
  private static String aclExposedTo(EventView e) {
    List<String> out = LoggedAcls.grants(e.document(Document.REQUEST_PARAMETERS)).stream().filter(g -> g.audience() != null)
        .map(LoggedAcls::describe).distinct().toList();
    return out.isEmpty() ? null : String.join(", ", out);
  }

  private final String text;
  private final Function<EventView, String> scalar;
  private final Document document;
  private final List<Object> segments; // String keys and Integer indexes below the document

  private FieldPath(String text, Function<EventView, String> scalar, Document document, List<Object> segments) {
    this.text = text;
    this.scalar = scalar;
    this.document = document;
    this.segments = segments;
  }

  /** Names accepted for scalar fields, for documentation and error messages. */
  static List<String> scalarNames() {
    return List.copyOf(SCALARS.keySet());
  }

  /** Parses a field name; throws IllegalArgumentException saying what is wrong. */
  static FieldPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty field name");
    }
    Function<EventView, String> scalar = SCALARS.get(text);
    if (scalar != null) {
      return new FieldPath(text, scalar, null, List.of());
    }
    for (Document d : Document.values()) {
      if (text.equals(d.prefix) || text.startsWith(d.prefix + ".") || text.startsWith(d.prefix + "[")) {
        return new FieldPath(text, null, d, segments(text, text.substring(d.prefix.length())));
      }
    }
    throw new IllegalArgumentException("unknown field '" + text + "' (use a CloudTrail field such as eventName, "
        + "userIdentity.type, requestParameters.<path>, responseElements.<path>, additionalEventData.<path>, "
        + "userIdentity.invokedByDelegate.<path>, userIdentity.inScopeOf.<path>, userIdentity.onBehalfOf.<path>, addendum.<path>, "
        + "eventContext.<path>, vpcEndpointAccountId, "
        + "or principal, identity, account, outcome, status, session, userAgentFamily, sourceCountry, sourceAsn, sourceAsOrg, sourceAws, sourceKnown, "
        + "trustedOutside, aclExposedTo, sharedWith, sharedOutside, identityStoreUserId, bedrockModel)");
  }

  private static List<Object> segments(String whole, String rest) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      if (c == '.') {
        int j = i + 1;
        while (j < rest.length() && rest.charAt(j) != '.' && rest.charAt(j) != '[') {
          j++;
        }
        if (j == i + 1) {
          throw new IllegalArgumentException("empty path segment in '" + whole + "'");
        }
        out.add(rest.substring(i + 1, j));
        i = j;
      } else if (c == '[') {
        int close = rest.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("missing ']' in '" + whole + "'");
        }
        try {
          out.add(Integer.valueOf(rest.substring(i + 1, close).trim()));
        } catch (NumberFormatException ex) {
          throw new IllegalArgumentException("array index must be a number in '" + whole + "'");
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' in '" + whole + "'");
      }
    }
    return Collections.unmodifiableList(out);
  }

  String text() {
    return text;
  }

  /** The value as JSON (a TextNode for scalar fields), or null when absent. */
  JsonNode node(EventView v) {
    if (scalar != null) {
      String s = scalar.apply(v);
      return s == null ? null : TextNode.valueOf(s);
    }
    JsonNode n = v.document(document);
    for (Object seg : segments) {
      if (n == null) {
        return null;
      }
      n = seg instanceof Integer idx ? n.get(idx) : n.get((String) seg);
    }
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  /** The value as text (JSON text for objects and arrays), or null when absent. */
  String value(EventView v) {
    if (scalar != null) {
      return scalar.apply(v);
    }
    JsonNode n = node(v);
    if (n == null) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * A user agent as its client family and major version, so patch releases and per-command
   * suffixes are not "new": {@code aws-cli/2.17.20 md/command#s3.cp …} → {@code aws-cli/2},
   * {@code [Boto3/1.28.85 …]} → {@code Boto3/1}; a value without a version stays as its first word.
   */
  static String userAgentFamily(String ua) {
    if (ua == null) {
      return null;
    }
    String t = ua.strip();
    while (t.startsWith("[")) {
      t = t.substring(1);
    }
    int end = 0;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != ']') {
      end++;
    }
    String first = t.substring(0, end);
    if (first.isEmpty()) {
      return ua;
    }
    int slash = first.indexOf('/');
    if (slash < 0) {
      return t.startsWith("AWS Internal") ? "AWS Internal" : first;
    }
    String version = first.substring(slash + 1);
    int dot = 0;
    while (dot < version.length() && Character.isDigit(version.charAt(dot))) {
      dot++;
    }
    return first.substring(0, slash) + "/" + (dot == 0 ? version : version.substring(0, dot));
  }

  private static void s(String name, Function<EventView, String> f) {
    SCALARS.put(name, f);
  }

  private static String str(Boolean b) {
    return b == null ? null : b.toString();
  }

  private static Optional<UserIdentity> ui(EventView e) {
    return Optional.ofNullable(e.event().userIdentity());
  }

  private static Optional<SessionContext> sc(EventView e) {
    return ui(e).map(UserIdentity::sessionContext);
  }

  private static Optional<SessionIssuer> si(EventView e) {
    return sc(e).map(SessionContext::sessionIssuer);
  }

  static String describe(CloudTrailEvent e) {
    return e.eventId();
  }
}
