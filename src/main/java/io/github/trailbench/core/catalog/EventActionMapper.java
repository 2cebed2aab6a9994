package io.github.trailbench.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a CloudTrail event ({@code eventSource + eventName}, and {@code requestParameters} where
 * they change the answer) to the IAM actions it was authorized as. The documented exceptions live
 * in {@code event-mapping.txt} beside this class (each with its source); everything else follows
 * the default rule: prefix = eventSource host, action = eventName (API-version suffix stripped),
 * accepted only when the catalog knows it.
 *
 * <p>Thread-safe; {@link #get()} is shared. Results for a given source and name are cached, so
 * mapping costs a hash lookup per event (plus a small JSON look for the few rule-bearing calls).
 */
public final class EventActionMapper {
  static final String RESOURCE = "event-mapping.txt";
  private static final String DEFAULT_SOURCE = "default rule (eventSource prefix + eventName, catalog)";
  private static final int CACHE_LIMIT = 100_000;
  /** ListDistributions2017_03_25, GetFunctionConfiguration20150331v2, PublishLayerVersion20181031. */
  private static final Pattern VERSION_SUFFIX =
      Pattern.compile("^([A-Za-z]+?)(\\d{4}_\\d{2}_\\d{2}|\\d{8}(?:v\\d+)?)$");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActionCatalog catalog;
  private final Map<String, List<String>> prefixes = new HashMap<>();
  private final Map<String, EventRow> rows = new HashMap<>();
  private final List<LoggingRow> logging = new ArrayList<>();
  /** eventSource (as logged) → eventName (as logged) → mapping and its exception row. */
  private final Map<String, Map<String, Cached>> cache = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger cached = new java.util.concurrent.atomic.AtomicInteger();

  private record Cached(ActionMapping mapping, EventRow row) {}
  private final Map<String, ActionLogging> loggingCache = new ConcurrentHashMap<>();

  record EventRow(
      String eventSource,
      String eventName,
      List<String> actions,
      Set<String> flags,
      String rule,
      String source) {}

  record LoggingRow(String pattern, Pattern regex, ActionLogging logging, String source) {}

  private static final class Holder {
    static final EventActionMapper INSTANCE = new EventActionMapper(ActionCatalog.get(), bundled());
  }

  /** The shared mapper over the bundled catalog and exception file. */
  public static EventActionMapper get() {
    return Holder.INSTANCE;
  }

  private static List<String> bundled() {
    try (InputStream in = EventActionMapper.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mapper over a given catalog and exception file lines (format: see event-mapping.txt). */
  public EventActionMapper(ActionCatalog catalog, List<String> mappingLines) {
    this.catalog = catalog;
    int n = 0;
    for (String raw : mappingLines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s*\\|\\s*", -1);
      if (f.length < 5) {
        throw new IllegalArgumentException(RESOURCE + " line " + n + ": expected 5 fields");
      }
      switch (f[0]) {
        case "prefix" -> prefixes.put(f[1].toLowerCase(Locale.ROOT), words(f[2]));
        case "event" -> {
          String[] k = f[1].split("\\s+");
          Set<String> flags = new LinkedHashSet<>();
          String rule = null;
          for (String fl : words(f[3])) {
            if (fl.startsWith("rule=")) {
              rule = fl.substring(5);
            } else {
              flags.add(fl);
            }
          }
          rows.put(key(k[0], k[1]), new EventRow(k[0], k[1], words(f[2]), flags, rule, f[4]));
        }
        case "logging" -> {
          ActionLogging l =
              switch (f[2]) {
                case "data-event" -> ActionLogging.DATA_EVENT;
                case "not-logged" -> ActionLogging.NOT_LOGGED;
                default -> throw new IllegalArgumentException(
                    RESOURCE + " line " + n + ": unknown logging kind " + f[2]);
              };
          logging.add(new LoggingRow(f[1], ActionCatalog.wildcard(f[1]), l, f[4]));
        }
        default -> throw new IllegalArgumentException(RESOURCE + " line " + n + ": unknown kind " + f[0]);
      }
    }
  }

  private static List<String> words(String s) {
    s = s.strip();
    return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
  }

  private static String key(String source, String name) {
    return source.toLowerCase(Locale.ROOT) + ' ' + name;
  }

  public ActionCatalog catalog() {
    return catalog;
  }

  /** The exception rows, for documentation and tests. */
  List<EventRow> rows() {
    return List.copyOf(rows.values());
  }

  List<LoggingRow> loggingRows() {
    return List.copyOf(logging);
  }

  // ------------------------------------------------------------------ mapping

  /** Maps an event; parses its requestParameters only when a rule needs them. */
  public ActionMapping map(CloudTrailEvent event) {
    return map(event, null);
  }

  /**
   * Maps an event, using {@code requestParameters} if the caller already parsed them (may be
   * null: they are parsed here when a rule needs them).
   */
  /** Why a record of this eventType is no request a policy decided. */
  private static String notARequest(CloudTrailEvent event) {
    if (!"AwsVpceEvent".equals(event.eventType())) {
      return "eventType " + event.eventType() + " records something AWS did or saw, not a request a policy decided";
    }
    String endpoint = event.vpcEndpointId() == null ? "a VPC endpoint" : "VPC endpoint " + event.vpcEndpointId();
    return "a network activity event: the request as it passed " + endpoint
        + ("VpceAccessDenied".equals(event.errorCode())
            ? "; the endpoint's VPC endpoint policy (not in the case) refused it, so no IAM policy decided it"
            : "; the endpoint policy let it through, and the service's own management or data event records the IAM decision");
  }

  /**
   * True for an {@code eventType} whose records are no request a policy decided (a service's own
   * event, an Insight, a network activity copy): every such record maps to NOT_A_REQUEST.
   */
  public static boolean recordsNoRequest(String eventType) {
    return "AwsVpceEvent".equals(eventType) || "AwsServiceEvent".equals(eventType)
        || "AwsCloudTrailInsight".equals(eventType);
  }

  public ActionMapping map(CloudTrailEvent event, JsonNode requestParameters) {
    ActionMapping m = mapRow(event, requestParameters);
    if (m.authorization() == Authorization.IAM && "s3.amazonaws.com".equals(event.eventSource()) && throughObjectLambda(event)) {
      m = asObjectLambda(m);
    }
    if (m.authorization() == Authorization.IAM && "ec2.amazonaws.com".equals(event.eventSource())
        && !"CreateTags".equals(event.eventName()) && !m.actions().contains("ec2:CreateTags")) {
      // EC2 User Guide, "Grant permission to tag Amazon EC2 resources during creation": any creating call with tag
      // specifications is also authorized as ec2:CreateTags (with ec2:CreateAction naming the call)
      JsonNode p = requestParameters;
      String json = event.requestParametersJson();
      if (p == null && json != null && json.contains("\"tagSpecificationSet\"")) {
        p = parse(json);
      }
      if (p != null && nonEmpty(p.get("tagSpecificationSet"))) {
        List<String> actions = new ArrayList<>(m.actions());
        actions.add("ec2:CreateTags");
        List<String> notes = new ArrayList<>(m.notes());
        notes.add("tags on create: ec2:CreateTags also required");
        m = with(m, actions, notes);
      }
    }
    return m;
  }

  /**
   * Whether the S3 call was sent to an S3 Object Lambda access point: the record names one among its resources, or the
   * request went to its {@code NAME-ACCOUNT.s3-object-lambda.REGION} host.
   */
  static boolean throughObjectLambda(CloudTrailEvent event) {
    for (io.github.trailbench.core.model.EventResource r : event.resources()) {
      if ("AWS::S3ObjectLambda::AccessPoint".equals(r.type()) || (r.arn() != null && r.arn().contains(":s3-object-lambda:"))) {
        return true;
      }
    }
    String json = event.requestParametersJson();
    return json != null && json.contains(".s3-object-lambda.");
  }

  /**
   * S3 User Guide, "Configuring IAM policies for Object Lambda access points": a call through an Object Lambda access
   * point is authorized as the {@code s3-object-lambda:} action of the same name, on the Object Lambda access point.
   */
  private ActionMapping asObjectLambda(ActionMapping m) {
    List<String> actions = new ArrayList<>();
    boolean changed = false;
    for (String a : m.actions()) {
      String olap = a.startsWith("s3:") ? "s3-object-lambda:" + a.substring(3) : null;
      if (olap != null && catalog.canonicalName(olap).isPresent()) {
        add(actions, catalog.canonicalName(olap).get());
        changed = true;
      } else {
        add(actions, a);
      }
    }
    if (!changed) {
      return m;
    }
    List<String> notes = new ArrayList<>(m.notes());
    notes.add("sent to an S3 Object Lambda access point: authorized as the s3-object-lambda action (S3 Object Lambda)");
    return with(m, actions, notes);
  }

  private ActionMapping mapRow(CloudTrailEvent event, JsonNode requestParameters) {
    String type = event.eventType();
    if (recordsNoRequest(type)) {
      return new ActionMapping(
          event.eventSource(), event.eventName(), Authorization.NOT_A_REQUEST, List.of(), List.of(),
          false, false, false, event.eventName(), "eventType " + type, List.of(notARequest(event)));
    }
    Cached cachedEntry = cached(event.eventSource(), event.eventName());
    ActionMapping base = cachedEntry.mapping();
    if ("GetSessionToken".equals(base.baseName())
        && event.userIdentity() != null
        && event.userIdentity().accessKeyId() != null
        && event.userIdentity().accessKeyId().startsWith("ASIA")) {
      List<String> notes = new ArrayList<>(base.notes());
      notes.add("called with temporary (ASIA) credentials: AWS refuses GetSessionToken from a session");
      base = new ActionMapping(base.eventSource(), base.eventName(), base.authorization(), base.actions(),
          base.nominalActions(), base.dataEvent(), base.trustPolicyOnly(), base.signInEvent(),
          base.baseName(), base.source(), notes);
    }
    EventRow row = cachedEntry.row();
    if (row == null || row.rule() == null || (base.authorization() == Authorization.UNKNOWN && !row.actions().isEmpty())) {
      return base;
    }
    JsonNode params = requestParameters;
    if (params == null) {
      String json = event.requestParametersJson();
      if (json != null && !json.isEmpty() && !mayTrigger(row.rule(), json)) {
        return base; // none of the rule's parameters is in the text: skip parsing
      }
      params = parse(json);
    }
    return applyRule(row.rule(), base, params);
  }

  /** True when the mapping of this call can depend on its requestParameters. */
  public boolean needsRequestParameters(String eventSource, String eventName) {
    if (eventSource == null || eventName == null) {
      return false;
    }
    EventRow row = cached(eventSource, eventName).row();
    return row != null && row.rule() != null;
  }

  /** Maps {@code eventSource + eventName} without request parameters (cached). */
  public ActionMapping map(String eventSource, String eventName) {
    return cached(eventSource, eventName).mapping();
  }

  private Cached cached(String eventSource, String eventName) {
    if (eventSource == null || eventName == null) {
      return new Cached(unknown(eventSource, eventName, eventName, "event has no eventSource or eventName"), null);
    }
    Map<String, Cached> byName = cache.get(eventSource);
    Cached c = byName == null ? null : byName.get(eventName);
    if (c == null) {
      ActionMapping m = compute(eventSource, eventName);
      c = new Cached(m, rowFor(eventSource, m.baseName()));
      if (cached.get() < CACHE_LIMIT) {
        cache.computeIfAbsent(eventSource, k -> new ConcurrentHashMap<>()).put(eventName, c);
        cached.incrementAndGet();
      }
    }
    return c;
  }

  private EventRow rowFor(String source, String name) {
    return source == null || name == null ? null : rows.get(key(source, name));
  }

  private ActionMapping compute(String source, String name) {
    String base = name;
    EventRow row = rows.get(key(source, name));
    if (row == null && defaultLookup(source, name).isEmpty()) {
      Matcher v = VERSION_SUFFIX.matcher(name);
      if (v.matches()) {
        base = v.group(1);
        row = rows.get(key(source, base));
      }
    }
    List<String> notes = new ArrayList<>();
    if (!base.equals(name)) {
      notes.add("API-version suffix of " + name + " stripped: authorized as " + base + " (seed000 API versioning)");
    }
    if (row != null) {
      return fromRow(row, name, base, notes);
    }
    if ("signin.amazonaws.com".equalsIgnoreCase(source)) {
      Optional<String> a = defaultLookup(source, base);
      if (a.isEmpty()) {
        notes.add("console sign-in event without an IAM action of its own; no policy can deny it");
        return new ActionMapping(source, name, Authorization.NOT_DENIABLE, List.of(), List.of(),
            false, false, true, base, "signin.amazonaws.com has no IAM actions for console events", notes);
      }
    }
    Optional<String> a = defaultLookup(source, base);
    if (a.isPresent()) {
      return new ActionMapping(source, name, Authorization.IAM, List.of(a.get()), List.of(), false,
          false, false, base, DEFAULT_SOURCE, notes);
    }
    if ("apigateway.amazonaws.com".equalsIgnoreCase(source)) {
      String verb = apiGatewayVerb(base);
      if (verb != null) {
        notes.add("API Gateway management calls are authorized as apigateway:<HTTP verb> on the"
            + " resource path (API Gateway Developer Guide, 'Control access for managing an API')");
        return new ActionMapping(source, name, Authorization.IAM, List.of("apigateway:" + verb),
            List.of(), false, false, false, base, "apigateway HTTP-verb rule", notes);
      }
    }
    List<String> candidates = prefixCandidates(source);
    String reason;
    if (candidates.stream().noneMatch(catalog::hasService)) {
      reason = "no IAM service prefix known for eventSource " + source;
    } else {
      reason = "the catalog has no action " + String.join(" or ", candidates.stream()
          .filter(catalog::hasService).map(p -> p + ":" + name).toList())
          + (base.equals(name) ? "" : " (nor " + base + ")");
    }
    return unknown(source, name, base, reason);
  }

  private ActionMapping unknown(String source, String name, String base, String reason) {
    return new ActionMapping(source, name, Authorization.UNKNOWN, List.of(), List.of(), false, false,
        false, base, "unknown", List.of(reason));
  }

  private ActionMapping fromRow(EventRow row, String name, String base, List<String> notes) {
    List<String> actions = new ArrayList<>();
    for (String a : row.actions()) {
      actions.add(catalog.canonicalName(a).orElse(a));
    }
    boolean notDeniable = row.flags().contains("not-deniable");
    boolean signIn = row.flags().contains("no-iam-action");
    if (row.rule() != null) {
      notes.add("requestParameters may add actions (rule " + row.rule() + ")");
    }
    if (signIn && !actions.isEmpty()) {
      // SwitchRole: the sign-in event has no action of its own, but the switch needs AssumeRole.
      notes.add("sign-in event without an IAM action of its own; the role switch behind it is"
          + " authorized as " + String.join(", ", actions));
      return new ActionMapping(row.eventSource(), name, Authorization.IAM, actions, List.of(),
          row.flags().contains("data-event"), false, true, base, row.source(), notes);
    }
    if (notDeniable) {
      notes.add(actions.isEmpty()
          ? "no IAM policy can deny this call"
          : "no IAM policy can deny this call; a Deny on " + String.join(", ", actions) + " has no effect");
      return new ActionMapping(row.eventSource(), name, Authorization.NOT_DENIABLE, List.of(), actions,
          row.flags().contains("data-event"), false, signIn, base, row.source(), notes);
    }
    if (actions.isEmpty() && row.rule() != null) {
      // the rule alone names the actions: unknown until it has read requestParameters
      return new ActionMapping(row.eventSource(), name, Authorization.UNKNOWN, List.of(), List.of(),
          row.flags().contains("data-event"), false, false, base, row.source(), notes);
    }
    boolean trust = row.flags().contains("trust-policy");
    if (trust) {
      notes.add("the caller is not yet an AWS principal: the role's trust policy alone decides");
    }
    return new ActionMapping(row.eventSource(), name, Authorization.IAM, actions, List.of(),
        row.flags().contains("data-event"), trust, false, base, row.source(), notes);
  }

  /** IAM prefixes tried for an eventSource, in order. */
  public List<String> prefixCandidates(String eventSource) {
    String s = eventSource.toLowerCase(Locale.ROOT);
    List<String> explicit = prefixes.get(s);
    if (explicit != null) {
      return explicit;
    }
    String host = s.endsWith(".amazonaws.com") ? s.substring(0, s.length() - ".amazonaws.com".length()) : s;
    if (host.indexOf('.') < 0) {
      return List.of(host);
    }
    String[] parts = host.split("\\.");
    return List.of(host, parts[0], parts[parts.length - 1]);
  }

  private Optional<String> defaultLookup(String source, String name) {
    for (String p : prefixCandidates(source)) {
      Optional<String> a = catalog.service(p).flatMap(s -> s.action(name)).map(ActionInfo::fullName);
      if (a.isPresent()) {
        return a;
      }
    }
    return Optional.empty();
  }

  private static String apiGatewayVerb(String name) {
    if (name.startsWith("Get")) {
      return "GET";
    }
    if (name.startsWith("Create") || name.startsWith("Import") || name.startsWith("Generate")
        || name.startsWith("Test")) {
      return "POST";
    }
    if (name.startsWith("Update")) {
      return "PATCH";
    }
    if (name.startsWith("Delete") || name.startsWith("Flush") || name.startsWith("Untag")) {
      return "DELETE";
    }
    if (name.startsWith("Put") || name.startsWith("Tag") || name.startsWith("Reimport")) {
      return "PUT";
    }
    return null;
  }

  // ------------------------------------------------------------------ rules on requestParameters

  /** Cheap text pre-check: can the rule's parameters occur in this requestParameters text? */
  static boolean mayTrigger(String rule, String json) {
    return switch (rule) {
      case "s3-version" -> json.contains("\"versionId\"");
      case "s3-put" -> json.contains("x-amz-acl") || json.contains("x-amz-grant-")
          || json.contains("agging\"") || json.contains("x-amz-object-lock");
      case "s3-create-bucket" -> json.contains("x-amz-acl") || json.contains("x-amz-grant-")
          || json.contains("x-amz-bucket-object-lock-enabled") || json.contains("x-amz-object-ownership");
      case "sts-session" -> json.contains("\"tags\"") || json.contains("\"transitiveTagKeys\"") || json.contains("\"principalTags\"")
          || json.contains("\"sourceIdentity\"");
      case "lambda-passrole" -> json.contains("\"role\"");
      case "passrole-named" -> json.contains("ole\"") || json.contains("oleArn\"") || json.contains("oleARN\"")
          || json.contains("oleOverride\"") || json.contains("obFlowRole\"");
      case "ec2-run" -> json.contains("\"iamInstanceProfile\"") || json.contains("\"tagSpecificationSet\"");
      default -> true;
    };
  }

  /** Request fields that name a role a service will assume (iam:PassRole is checked on each). */
  public static final List<String> PASSED_ROLE_FIELDS = List.of("role", "roleArn", "roleARN", "taskRoleArn", "executionRoleArn",
      "serviceRoleArn", "serviceRole", "serviceRoleOverride", "executionRole", "nodeRole", "jobRoleArn",
      "agentResourceRoleArn");

  /** Request fields listing several passed roles (IAM Roles Anywhere CreateProfile's {@code roleArns}). */
  public static final List<String> PASSED_ROLE_LISTS = List.of("roleArns");

  /**
   * Request objects whose {@link #PASSED_ROLE_FIELDS} name a passed role too: RunTask's {@code overrides}, Glue
   * UpdateJob's {@code jobUpdate}, SageMaker's user and space settings of a domain or user profile and a tuning job's
   * training job definition, CodePipeline's {@code pipeline}, an AWS Batch job definition's {@code containerProperties},
   * an EventBridge Scheduler schedule's {@code target}; an array of objects (PutTargets' {@code targets}, a tuning job's
   * {@code trainingJobDefinitions}) is read object by object.
   */
  public static final List<String> PASSED_ROLE_HOLDERS = List.of("overrides", "jobUpdate", "defaultUserSettings", "userSettings",
      "defaultSpaceSettings", "trainingJobDefinition", "trainingJobDefinitions", "pipeline", "containerProperties", "target",
      "targets");

  /**
   * Each role {@code request} names to pass, as logged (an ARN or a bare name), once, in field order. A field is read
   * as CloudTrail writes it (lower camel case) or as the service's API spells it (its first letter upper case).
   */
  public static List<String> passedRoles(JsonNode request) {
    Set<String> roles = new LinkedHashSet<>();
    if (request == null || !request.isObject()) {
      return List.of();
    }
    List<JsonNode> places = new ArrayList<>(List.of(request));
    for (String holder : PASSED_ROLE_HOLDERS) {
      JsonNode inner = field(request, holder);
      if (inner != null && inner.isObject()) {
        places.add(inner);
      } else if (inner != null && inner.isArray()) {
        inner.forEach(element -> {
          if (element.isObject()) {
            places.add(element);
          }
        });
      }
    }
    for (JsonNode place : places) {
      for (String f : PASSED_ROLE_FIELDS) {
        JsonNode v = field(place, f);
        if (v != null && v.isTextual() && !v.asText().isBlank()) {
          roles.add(v.asText().trim());
        }
      }
      for (String f : PASSED_ROLE_LISTS) {
        JsonNode list = field(place, f);
        if (list != null && list.isArray()) {
          list.forEach(v -> {
            if (v.isTextual() && !v.asText().isBlank()) {
              roles.add(v.asText().trim());
            }
          });
        }
      }
    }
    return List.copyOf(roles);
  }

  private static JsonNode field(JsonNode p, String lowerCamel) {
    JsonNode v = p.get(lowerCamel);
    return v != null ? v : p.get(Character.toUpperCase(lowerCamel.charAt(0)) + lowerCamel.substring(1));
  }

  private static JsonNode parse(String json) {
    if (json == null || json.isEmpty() || "null".equals(json)) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }

  private ActionMapping applyRule(String rule, ActionMapping base, JsonNode p) {
    List<String> actions = new ArrayList<>(base.authorization() == Authorization.IAM
        ? base.actions() : base.nominalActions());
    List<String> notes = new ArrayList<>(base.notes());
    if (p == null || !p.isObject()) {
      if (rule.equals(PARTIQL_RULE)) {
        notes.add("requestParameters not logged: the statement, whose verb decides the action, is unknown");
      } else if (rule.equals("sts-session") || rule.startsWith("s3")) {
        notes.add("requestParameters not logged: actions that depend on them cannot be added");
      }
      return with(base, actions, notes);
    }
    switch (rule) {
      case "s3-version" -> {
        if (has(p, "versionId")) {
          List<String> versioned = new ArrayList<>();
          for (String a : actions) {
            String v = a.replaceFirst("Object", "ObjectVersion");
            versioned.add(catalog.canonicalName(v).orElse(a));
          }
          actions = versioned;
          notes.add("versionId given: authorized as the *Version action (S3-PERMS)");
        }
      }
      case "s3-put" -> {
        if (has(p, "x-amz-acl") || hasPrefix(p, "x-amz-grant-")) {
          add(actions, "s3:PutObjectAcl");
          notes.add("ACL in the request: s3:PutObjectAcl also required (S3-PERMS)");
        }
        if (has(p, "x-amz-tagging") || has(p, "tagging")) {
          add(actions, "s3:PutObjectTagging");
          notes.add("tags in the request: s3:PutObjectTagging also required (S3-PERMS)");
        }
        if (has(p, "x-amz-object-lock-retain-until-date") || has(p, "x-amz-object-lock-mode")) {
          add(actions, "s3:PutObjectRetention");
        }
        if (has(p, "x-amz-object-lock-legal-hold")) {
          add(actions, "s3:PutObjectLegalHold");
        }
      }
      case "s3-create-bucket" -> {
        if (has(p, "x-amz-acl") || hasPrefix(p, "x-amz-grant-")) {
          add(actions, "s3:PutBucketAcl");
          notes.add("ACL in the request: s3:PutBucketAcl also required (S3-PERMS)");
        }
        if (p.path("x-amz-bucket-object-lock-enabled").asText("").equalsIgnoreCase("true")) {
          add(actions, "s3:PutBucketObjectLockConfiguration");
          add(actions, "s3:PutBucketVersioning");
        }
        if (has(p, "x-amz-object-ownership")) {
          add(actions, "s3:PutBucketOwnershipControls");
        }
      }
      case "sts-session" -> {
        // AssumeRoleWithSAML and AssumeRoleWithWebIdentity log the tags the IdP passed as principalTags {key: value}
        if (nonEmpty(p.get("tags")) || nonEmpty(p.get("transitiveTagKeys")) || nonEmpty(p.get("principalTags"))) {
          add(actions, "sts:TagSession");
          notes.add("session tags passed: sts:TagSession also required (STS-TAGS)");
        }
        if (has(p, "sourceIdentity")) {
          add(actions, "sts:SetSourceIdentity");
          notes.add("sourceIdentity set: sts:SetSourceIdentity also required (STS-SRCID)");
        }
      }
      case "passrole-named" -> {
        // EMR's jobFlowRole names the instance profile of the cluster's instances: its role is passed too
        if (!passedRoles(p).isEmpty() || has(p, "jobFlowRole")) {
          add(actions, "iam:PassRole");
          notes.add("a role to pass is named: iam:PassRole on it also required (PASSROLE)");
        }
      }
      case "lambda-passrole" -> {
        if (has(p, "role")) {
          add(actions, "iam:PassRole");
          notes.add("execution role changed: iam:PassRole also required (PASSROLE)");
        }
      }
      case "ec2-run" -> {
        if (nonEmpty(p.get("iamInstanceProfile"))) {
          add(actions, "iam:PassRole");
          notes.add("instance profile given: iam:PassRole on its role also required (PASSROLE)");
        }
        if (nonEmpty(p.get("tagSpecificationSet"))) {
          add(actions, "ec2:CreateTags");
          notes.add("tags on launch: ec2:CreateTags also required");
        }
      }
      case "secrets-batch" -> {
        if (nonEmpty(p.get("filters"))) {
          add(actions, "secretsmanager:ListSecrets");
          notes.add("filters given: secretsmanager:ListSecrets also required (SM-BATCH)");
        }
        if (nonEmpty(p.get("secretIdList"))) {
          add(actions, PER_SECRET_READ);
          notes.add("secretsmanager:GetSecretValue is checked on each secret named; one refused is listed in the response's"
              + " Errors, and the call still succeeds (SM-BATCH)");
        }
      }
      case PARTIQL_RULE -> {
        return partiql(base, p, notes);
      }
      default -> notes.add("unknown rule " + rule);
    }
    return with(base, actions, notes);
  }

  static final String PARTIQL_RULE = "ddb-partiql";

  /**
   * DynamoDB Developer Guide, "IAM security policies with PartiQL for DynamoDB": a PartiQL statement is authorized by
   * its verb, on the table or index it names.
   */
  private static final Map<String, String> PARTIQL_ACTIONS = Map.of("SELECT", "dynamodb:PartiQLSelect",
      "INSERT", "dynamodb:PartiQLInsert", "UPDATE", "dynamodb:PartiQLUpdate", "DELETE", "dynamodb:PartiQLDelete");

  /**
   * ExecuteStatement ({@code statement}) and BatchExecuteStatement ({@code statements[].statement}): the actions of
   * every statement's verb, all required; unknown when any statement is missing or its verb is not one of
   * {@link #PARTIQL_ACTIONS}.
   */
  private ActionMapping partiql(ActionMapping base, JsonNode p, List<String> notes) {
    List<JsonNode> statements = new ArrayList<>();
    JsonNode single = field(p, "statement");
    JsonNode batch = field(p, "statements");
    if (single != null) {
      statements.add(single);
    } else if (batch != null && batch.isArray()) {
      batch.forEach(request -> statements.add(request.isObject() ? field(request, "statement") : null));
    }
    if (statements.isEmpty()) {
      notes.add("no PartiQL statement in requestParameters: the action is unknown");
      return with(base, List.of(), notes);
    }
    List<String> actions = new ArrayList<>();
    for (JsonNode statement : statements) {
      Optional<String> action = partiqlAction(statement == null || !statement.isTextual() ? null : statement.asText());
      if (action.isEmpty()) {
        notes.add("a PartiQL statement whose verb is not SELECT, INSERT, UPDATE or DELETE (or not logged): the action"
            + " is unknown");
        return with(base, List.of(), notes);
      }
      add(actions, catalog.canonicalName(action.get()).orElse(action.get()));
    }
    notes.add("PartiQL: authorized by the statement's verb as " + String.join(", ", actions) + " (DDB-PARTIQL)");
    return new ActionMapping(base.eventSource(), base.eventName(), Authorization.IAM, actions, List.of(), base.dataEvent(),
        false, false, base.baseName(), base.source(), notes);
  }

  /** The IAM action of a PartiQL statement's verb (its first word), if it is one of {@link #PARTIQL_ACTIONS}. */
  static Optional<String> partiqlAction(String statement) {
    if (statement == null) {
      return Optional.empty();
    }
    String[] words = statement.strip().split("[\\s(]+", 2);
    return Optional.ofNullable(PARTIQL_ACTIONS.get(words[0].toUpperCase(Locale.ROOT)));
  }

  /**
   * The action BatchGetSecretValue checks on each secret it names: a refusal is reported per secret in the response,
   * so it never decides whether the call itself was allowed (see {@link #decidesTheCall}).
   */
  public static final String PER_SECRET_READ = "secretsmanager:GetSecretValue";

  /**
   * Whether a refusal of {@code action} refuses the call {@code eventSource eventName}; false for an action checked on
   * each item whose refusals the service reports item by item (BatchGetSecretValue's GetSecretValue).
   */
  public static boolean decidesTheCall(String eventSource, String eventName, String action) {
    return !("secretsmanager.amazonaws.com".equals(eventSource) && "BatchGetSecretValue".equals(eventName)
        && PER_SECRET_READ.equals(action));
  }

  private static ActionMapping with(ActionMapping b, List<String> actions, List<String> notes) {
    boolean iam = b.authorization() == Authorization.IAM;
    return new ActionMapping(b.eventSource(), b.eventName(), b.authorization(),
        iam ? actions : b.actions(), iam ? b.nominalActions() : actions, b.dataEvent(),
        b.trustPolicyOnly(), b.signInEvent(), b.baseName(), b.source(), notes);
  }

  private static void add(List<String> actions, String a) {
    if (!actions.contains(a)) {
      actions.add(a);
    }
  }

  private static boolean has(JsonNode p, String field) {
    JsonNode n = p.get(field);
    return n != null && !n.isNull() && !(n.isTextual() && n.asText().isEmpty());
  }

  private static boolean hasPrefix(JsonNode p, String prefix) {
    var it = p.fieldNames();
    while (it.hasNext()) {
      if (it.next().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean nonEmpty(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return false;
    }
    if (n.isContainerNode()) {
      if (n.isObject() && n.has("items")) {
        return nonEmpty(n.get("items"));
      }
      return n.size() > 0;
    }
    return !n.asText().isEmpty();
  }

  // ------------------------------------------------------------------ observability

  /** How CloudTrail records an action: management event (default), data event, or never. */
  public ActionLogging logging(String action) {
    Optional<String> canonical = catalog.canonicalName(action);
    if (canonical.isEmpty()) {
      return ActionLogging.UNKNOWN_ACTION;
    }
    return loggingCache.computeIfAbsent(canonical.get(), a -> {
      for (LoggingRow r : logging) {
        if (r.regex().matcher(a).matches()) {
          return r.logging();
        }
      }
      return ActionLogging.MANAGEMENT_EVENT;
    });
  }
}
