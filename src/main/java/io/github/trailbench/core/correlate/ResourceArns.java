package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.EventResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives resource ARNs of a call from {@code resources[]} and, per service, from
 * {@code requestParameters}/{@code responseElements}: S3 bucket/object, IAM user/role/policy/group/
 * instance profile, STS role (AssumeRole roleArn), EC2 instance, Lambda function, KMS key/alias,
 * Secrets Manager secret, SQS queue (URL to ARN), SNS topic, DynamoDB table, CloudTrail trail,
 * SSM parameter (names and paths to ARNs), the role of a console SwitchRole.
 * Elsewhere it answers "unknown" with a reason rather than guessing. Stateless.
 */
public final class ResourceArns {
  private static final Pattern SQS_URL =
      Pattern.compile("^https?://(?:sqs\\.)?([a-z0-9-]+)\\.(?:queue\\.)?amazonaws\\.com(?:\\.cn)?/(\\d{12})/([^/?#]+)$");
  private static final Pattern SQS_LEGACY_URL =
      Pattern.compile("^https?://([a-z0-9-]+)\\.queue\\.amazonaws\\.com/(\\d{12})/([^/?#]+)$");
  private static final Pattern KMS_KEY_ID =
      Pattern.compile("^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$");

  private ResourceArns() {}

  public static ResourceDerivation derive(CloudTrailEvent event) {
    return derive(new EventDocs(event));
  }

  public static ResourceDerivation derive(EventDocs docs) {
    CloudTrailEvent e = docs.event();
    Set<String> arns = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    String resourceAccount = null;
    for (EventResource r : e.resources()) {
      if (r.arn() != null && r.arn().startsWith("arn:")) {
        arns.add(r.arn());
      }
      if (resourceAccount == null && r.accountId() != null && !r.accountId().isBlank()) {
        resourceAccount = r.accountId();
      }
    }
    String source = e.eventSource() == null ? "" : e.eventSource().toLowerCase(Locale.ROOT);
    String service = source.endsWith(".amazonaws.com")
        ? source.substring(0, source.length() - ".amazonaws.com".length()) : source;
    Ctx c = new Ctx(docs, arns, notes);
    String reason = null;
    switch (service) {
      case "s3" -> s3(c);
      case "iam" -> iam(c);
      case "sts" -> sts(c);
      case "ec2" -> ec2(c);
      case "lambda" -> lambda(c);
      case "kms" -> kms(c);
      case "secretsmanager" -> secrets(c);
      case "ecr" -> ecr(c);
      case "sqs" -> sqs(c);
      case "sns" -> sns(c);
      case "dynamodb" -> dynamodb(c);
      case "kinesis" -> kinesis(c);
      case "cloudtrail" -> cloudtrail(c);
      case "ssm" -> ssm(c);
      case "signin" -> signin(c);
      case "cloudformation" -> cloudformation(c);
      case "events" -> events(c);
      case "ecs" -> ecs(c);
      case "eks" -> eks(c);
      case "ec2-instance-connect" -> instanceConnect(c);
      case "rds" -> rds(c);
      case "ebs" -> ebs(c);
      case "monitoring" -> cloudwatchAlarm(c);
      case "rolesanywhere" -> rolesAnywhere(c);
      case "route53" -> route53(c);
      case "bedrock" -> bedrock(c);
      default -> {
        if (arns.isEmpty()) {
          reason = "resource ARNs are derived from requestParameters only for S3, IAM, STS, EC2,"
              + " Lambda, KMS, Secrets Manager, ECR, SQS, SNS, DynamoDB, Kinesis, CloudTrail, CloudFormation stacks, EventBridge rules,"
              + " ECS, EKS clusters, RDS, EBS snapshots, CloudWatch alarms, Bedrock models and guardrails,"
              + " IAM Roles Anywhere, Route 53 hosted zones and SSM; " + source
              + " call logged no resources[]";
        }
      }
    }
    if (reason == null && arns.isEmpty()) {
      reason = c.reason != null ? c.reason
          : "the call names no resource in the log (it may act on \"*\")";
    }
    if (resourceAccount == null && !arns.isEmpty()) {
      String a = accountOf(arns.iterator().next());
      if (a != null) {
        resourceAccount = a;
      }
    }
    return new ResourceDerivation(new ArrayList<>(arns), resourceAccount, reason, notes);
  }

  /** Account field of an ARN, null when empty (S3 buckets) or not an ARN. */
  /** The ARN's account, or null when it has none. */
  static String accountOf(String arn) {
    String account = io.github.trailbench.core.model.Arn.accountOf(arn);
    return account.isEmpty() ? null : account;
  }

  private static final class Ctx {
    final EventDocs d;
    final CloudTrailEvent e;
    final Set<String> arns;
    final List<String> notes;
    final String partition;
    final String region;
    final String account;
    String reason;

    Ctx(EventDocs d, Set<String> arns, List<String> notes) {
      this.d = d;
      this.e = d.event();
      this.arns = arns;
      this.notes = notes;
      this.region = e.awsRegion();
      this.partition = Principals.partitionOfRegion(region);
      String acct = e.recipientAccountId();
      if (acct == null && e.userIdentity() != null) {
        acct = e.userIdentity().accountId();
      }
      this.account = acct;
    }

    String name() {
      return e.eventName() == null ? "" : e.eventName();
    }

    void add(String arn) {
      if (arn != null && arn.startsWith("arn:")) {
        arns.add(arn);
      }
    }

    /** {@code arn:P:svc:REGION:ACCOUNT:rest}, or a reason when the account/region is not known. */
    void addRegional(String svc, String rest) {
      if (account == null || region == null) {
        reason = "account or region of the " + svc + " resource not in the log";
        return;
      }
      arns.add("arn:" + partition + ":" + svc + ":" + region + ":" + account + ":" + rest);
    }
  }

  // ------------------------------------------------------------------ per service

  private static void s3(Ctx c) {
    String bucket = c.d.req("bucketName");
    if (bucket == null && "GetDataAccess".equals(c.name())) {
      // S3 Access Grants: the account's instance in the Region, "one per Region per account" (S3 API, GetDataAccess)
      String account = c.d.req("x-amz-account-id") != null ? c.d.req("x-amz-account-id") : c.account;
      if (account != null && c.region != null) {
        c.add("arn:" + c.partition + ":s3:" + c.region + ":" + account + ":access-grants/default");
      }
      return;
    }
    if (bucket == null) {
      return; // ListBuckets and the like
    }
    String key = c.d.req("key");
    String bucketArn = "arn:" + c.partition + ":s3:::" + bucket;
    if (key != null) {
      c.add(bucketArn + "/" + key);
    } else {
      c.add(bucketArn);
    }
    String copySource = c.d.req("x-amz-copy-source");
    if (copySource != null) {
      c.add(copySourceArn(c.partition, copySource));
    }
    JsonNode del = c.d.request() == null ? null : c.d.request().path("Delete").path("Object");
    if (del != null && del.isArray()) {
      for (JsonNode o : del) {
        String k = Principals.text(o.get("Key"));
        if (k != null) {
          c.add(bucketArn + "/" + k);
        }
      }
    }
  }

  /**
   * The object ARN an {@code x-amz-copy-source} header names ({@code bucket/key}, URL-encoded,
   * optionally {@code /}-led and {@code ?versionId=}-suffixed); a {@code +} is a plus, as S3 keys keep it.
   */
  static String copySourceArn(String partition, String copySource) {
    String src = copySource.startsWith("/") ? copySource.substring(1) : copySource;
    int q = src.indexOf("?versionId=");
    if (q > 0) {
      src = src.substring(0, q);
    }
    return "arn:" + partition + ":s3:::" + java.net.URLDecoder.decode(src.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void iam(Ctx c) {
    JsonNode resp = c.d.response();
    // Responses of Create*/Get* carry the exact ARN (with path).
    if (resp != null) {
      for (String k : new String[] {"user", "role", "group", "policy", "instanceProfile"}) {
        String arn = Principals.text(resp.path(k).get("arn"));
        if (arn != null) {
          c.add(arn);
        }
      }
    }
    if (c.account == null) {
      c.reason = "account of the IAM resource not in the log";
      return;
    }
    String base = "arn:" + c.partition + ":iam::" + c.account + ":";
    boolean assumedPath = false;
    // IAM names are not distinguished by case: the response's name is the user's own (CreateAccessKey's
    // accessKey.userName), the request's as the caller typed it
    String user = responseUserName(resp) != null ? responseUserName(resp) : c.d.req("userName");
    String role = c.d.req("roleName");
    String group = c.d.req("groupName");
    String ip = c.d.req("instanceProfileName");
    if (user != null && !containsSuffix(c.arns, ":user/", user)) {
      c.add(base + "user/" + user);
      assumedPath = true;
    }
    if (role != null && !containsSuffix(c.arns, ":role/", role)) {
      c.add(base + "role/" + role);
      assumedPath = true;
    }
    if (group != null && !containsSuffix(c.arns, ":group/", group)) {
      c.add(base + "group/" + group);
      assumedPath = true;
    }
    if (ip != null && !containsSuffix(c.arns, ":instance-profile/", ip)) {
      c.add(base + "instance-profile/" + ip);
      assumedPath = true;
    }
    c.add(c.d.req("policyArn"));
    c.add(c.d.req("openIDConnectProviderArn"));
    c.add(c.d.req("sAMLProviderArn"));
    String policyName = c.d.req("policyName");
    if (policyName != null && c.d.req("policyArn") == null && user == null && role == null
        && group == null && c.name().equals("CreatePolicy") && resp == null) {
      c.add(base + "policy/" + policyName);
      assumedPath = true;
    }
    if (assumedPath) {
      c.notes.add("IAM ARN built from a name: path assumed to be / (the log does not carry it)");
    }
    if (user == null && role == null && group == null && c.arns.isEmpty() && c.e.userIdentity() != null
        && isUserSelfCall(c.name())) {
      // e.g. CreateAccessKey/ListAccessKeys without userName act on the calling user.
      String callerArn = c.e.userIdentity().arn();
      if (callerArn != null && callerArn.contains(":user/")) {
        c.add(callerArn);
        c.notes.add("no userName given: the call acts on the calling IAM user");
      }
    }
  }

  /** The user name an IAM response gives for the user a call acted on (access key, login profile), or null. */
  private static String responseUserName(JsonNode resp) {
    if (resp == null) {
      return null;
    }
    for (String k : new String[] {"accessKey", "loginProfile", "sSHPublicKey", "serviceSpecificCredential"}) {
      String name = Principals.text(resp.path(k).get("userName"));
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  private static boolean isUserSelfCall(String name) {
    return name.endsWith("AccessKey") || name.equals("ListAccessKeys") || name.equals("GetUser")
        || name.equals("ChangePassword") || name.endsWith("SigningCertificate")
        || name.endsWith("SSHPublicKey") || name.equals("ListMFADevices")
        || name.equals("ListSSHPublicKeys") || name.equals("ListSigningCertificates");
  }

  private static boolean containsSuffix(Set<String> arns, String kind, String name) {
    for (String a : arns) {
      if (a.contains(kind) && a.endsWith("/" + name)) {
        return true;
      }
    }
    return false;
  }

  private static void sts(Ctx c) {
    c.add(c.d.req("roleArn"));
    String federated = c.d.req("name");
    if (c.name().equals("GetFederationToken") && federated != null && c.account != null) {
      c.add("arn:" + c.partition + ":sts::" + c.account + ":federated-user/" + federated);
    }
  }

  private static void ec2(Ctx c) {
    Set<String> ids = new LinkedHashSet<>();
    String single = c.d.req("instanceId");
    if (single != null) {
      ids.add(single);
    }
    collectInstanceIds(c.d.request(), ids);
    if (c.name().equals("RunInstances")) {
      collectInstanceIds(c.d.response(), ids);
    }
    for (String id : ids) {
      if (id.startsWith("i-")) {
        c.addRegional("ec2", "instance/" + id);
      }
    }
    // the volume a volume call names, or the one CreateVolume made
    String volume = c.d.req("volumeId");
    if (volume == null && c.name().equals("CreateVolume")) {
      volume = c.d.resp("volumeId");
    }
    if (volume != null && volume.startsWith("vol-")) {
      c.addRegional("ec2", "volume/" + volume);
    }
    // the security group a rule call changes (Service Authorization Reference: security-group*); a group of the
    // default VPC may be named by its name, and the newer response's rules then name its id
    String group = c.d.req("groupId");
    if (group == null && c.d.request() != null) {
      group = Principals.text(c.d.request().path("ModifySecurityGroupRulesRequest").get("GroupId"));
    }
    if (group == null && SECURITY_GROUP_CALLS.contains(c.name())) {
      group = onlyGroupOfRules(c.d.response());
    }
    if (group != null && group.startsWith("sg-") && SECURITY_GROUP_CALLS.contains(c.name())) {
      c.addRegional("ec2", "security-group/" + group);
    }
    if (c.name().equals("CreateSecurityGroup")) {
      String made = c.d.resp("groupId");
      if (made != null && made.startsWith("sg-")) {
        c.addRegional("ec2", "security-group/" + made);
      }
    }
    String vpc = c.d.req("vpcId");
    if (vpc != null && vpc.startsWith("vpc-") && VPC_CALLS.contains(c.name())) {
      c.addRegional("ec2", "vpc/" + vpc);
    }
    if (c.name().equals("CreateVpcPeeringConnection") && c.d.response() != null) {
      String pcx = Principals.text(c.d.response().path("vpcPeeringConnection").get("vpcPeeringConnectionId"));
      if (pcx != null && pcx.startsWith("pcx-")) {
        c.addRegional("ec2", "vpc-peering-connection/" + pcx);
      }
    }
    String routeTable = c.d.req("routeTableId");
    if (routeTable != null && routeTable.startsWith("rtb-") && ROUTE_TABLE_CALLS.contains(c.name())) {
      c.addRegional("ec2", "route-table/" + routeTable);
    }
    String acl = c.d.req("networkAclId");
    if (acl != null && acl.startsWith("acl-") && NETWORK_ACL_CALLS.contains(c.name())) {
      c.addRegional("ec2", "network-acl/" + acl);
    }
    if (c.name().equals("DeleteFlowLogs") && c.d.request() != null) {
      // the query API's form: DeleteFlowLogsRequest.FlowLogId, one {tag, content} or a list of them
      JsonNode logs = c.d.request().path("DeleteFlowLogsRequest").path("FlowLogId");
      for (JsonNode n : logs.isArray() ? logs : List.of(logs)) {
        String id = n.isTextual() ? n.asText() : Principals.text(n.get("content"));
        if (id != null && id.startsWith("fl-")) {
          c.addRegional("ec2", "vpc-flow-log/" + id);
        }
      }
    }
    if (ids.isEmpty() && c.arns.isEmpty()) {
      c.reason = "EC2 ARNs are derived for instances, volumes, security groups (their rule calls and CreateSecurityGroup),"
          + " route tables, network ACLs, flow logs and VPC peering; this call names none of them";
    }
  }

  /** The group every rule of a {@code securityGroupRuleSet} response belongs to; null when none or several. */
  private static String onlyGroupOfRules(JsonNode response) {
    if (response == null) {
      return null;
    }
    Set<String> groups = new LinkedHashSet<>();
    response.path("securityGroupRuleSet").path("items").forEach(r -> {
      String g = Principals.text(r.get("groupId"));
      if (g != null) {
        groups.add(g);
      }
    });
    return groups.size() == 1 ? groups.iterator().next() : null;
  }

  /** Calls authorized on the VPC they name (Service Authorization Reference, Amazon EC2: vpc*). */
  private static final Set<String> VPC_CALLS = Set.of("CreateSecurityGroup", "CreateVpcPeeringConnection");

  /** Calls authorized on the route table they name (route-table*). */
  private static final Set<String> ROUTE_TABLE_CALLS = Set.of("CreateRoute", "ReplaceRoute", "DeleteRoute", "DeleteRouteTable");

  /** Calls authorized on the network ACL they name (network-acl*). */
  private static final Set<String> NETWORK_ACL_CALLS = Set.of("CreateNetworkAclEntry", "ReplaceNetworkAclEntry",
      "DeleteNetworkAclEntry", "DeleteNetworkAcl");

  private static final Set<String> SECURITY_GROUP_CALLS = Set.of("AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "ModifySecurityGroupRules",
      "DeleteSecurityGroup", "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress");

  /** EC2 Instance Connect: SendSSHPublicKey and SendSerialConsoleSSHPublicKey are authorized on the instance. */
  private static void instanceConnect(Ctx c) {
    String id = c.d.req("instanceId");
    if (id != null && id.startsWith("i-")) {
      c.addRegional("ec2", "instance/" + id);
    }
  }

  /** RDS: the DB instance, cluster and snapshot a call names (db:, cluster:, snapshot: ARNs). */
  private static void rds(Ctx c) {
    String db = c.d.req("dBInstanceIdentifier");
    if (db != null) {
      c.addRegional("rds", "db:" + db);
    }
    String cluster = c.d.req("dBClusterIdentifier");
    if (cluster != null) {
      c.addRegional("rds", "cluster:" + cluster);
    }
    String snapshot = c.d.req("dBSnapshotIdentifier");
    if (snapshot != null && !snapshot.startsWith("arn:")) {
      c.addRegional("rds", "snapshot:" + snapshot);
    }
    if ("StartExportTask".equals(c.name())) {
      c.add(c.d.req("sourceArn")); // the snapshot, cluster snapshot or cluster exported
    }
  }

  /**
   * Route 53 calls act on the hosted zone they name ({@code arn:P:route53:::hostedzone/ID}, no Region or account; the
   * id may be logged as {@code /hostedzone/ID}) or the query logging configuration ({@code queryloggingconfig/ID}).
   */
  private static void route53(Ctx c) {
    String zone = c.d.req("hostedZoneId");
    if (zone == null && c.name().contains("HostedZone")) {
      zone = c.d.req("id");
    }
    if (zone != null && !zone.isBlank()) {
      c.add("arn:" + c.partition + ":route53:::hostedzone/" + zone.substring(zone.lastIndexOf('/') + 1));
    }
    String config = c.name().contains("QueryLoggingConfig") ? c.d.req("id") : null;
    if (config != null && !config.isBlank()) {
      c.add("arn:" + c.partition + ":route53:::queryloggingconfig/" + config);
    }
  }

  /** IAM Roles Anywhere calls act on the trust anchor, CRL, profile or subject whose id they name. */
  private static void rolesAnywhere(Ctx c) {
    for (String[] kind : new String[][] {{"trustAnchorId", "trust-anchor/"}, {"crlId", "crl/"}, {"profileId", "profile/"},
        {"subjectId", "subject/"}}) {
      String id = c.d.req(kind[0]);
      if (id != null && !id.isBlank()) {
        c.addRegional("rolesanywhere", kind[1] + id);
      }
    }
  }

  /**
   * CloudWatch alarm calls act on the alarm they name ({@code arn:P:cloudwatch:REGION:ACCOUNT:alarm:NAME}); a call
   * naming several alarms is left unknown, since whether AWS refuses it whole when one alarm is refused is not
   * documented.
   */
  private static void cloudwatchAlarm(Ctx c) {
    if (c.d.request() == null) {
      return;
    }
    String name = c.d.req("alarmName");
    JsonNode names = c.d.request().path("alarmNames");
    if (name == null && names.isArray() && names.size() == 1 && names.get(0).isTextual()) {
      name = names.get(0).asText();
    } else if (name == null && names.isArray() && names.size() > 1) {
      c.reason = "the call names " + names.size() + " alarms, and whether AWS refuses it whole when one is refused is not"
          + " documented";
      return;
    }
    if (name != null && !name.isBlank()) {
      c.addRegional("cloudwatch", "alarm:" + name);
    }
  }

  /**
   * A Bedrock runtime call acts on the foundation model or inference profile its modelId names ({@link BedrockModels});
   * a guardrail call on the guardrail its guardrailIdentifier names ("an ID or the ARN", DeleteGuardrail). An
   * invocation's guardrailIdentifier is the guardrail applied to it, not what it acts on.
   */
  private static void bedrock(Ctx c) {
    BedrockModels.Target target = BedrockModels.of(c.d);
    if (target != null) {
      if (target.arn() != null) {
        c.add(target.arn());
      } else {
        c.reason = target.reason();
      }
      return;
    }
    String guardrail = BedrockModels.isInvocation(c.e) ? null : c.d.req("guardrailIdentifier");
    if (guardrail == null || guardrail.isBlank()) {
      return;
    }
    if (guardrail.startsWith("arn:")) {
      c.add(guardrail);
    } else {
      c.addRegional("bedrock", "guardrail/" + guardrail);
    }
  }

  /**
   * The EBS direct APIs act on snapshots, whose ARNs name no account ({@code arn:P:ec2:REGION::snapshot/ID}, as the
   * service authorization reference writes the snapshot resource type); ListChangedBlocks reads two.
   */
  private static void ebs(Ctx c) {
    for (String key : List.of("snapshotId", "secondSnapshotId", "firstSnapshotId")) {
      String id = c.d.req(key);
      if (id != null && c.region != null) {
        c.add("arn:" + c.partition + ":ec2:" + c.region + "::snapshot/" + id);
      }
    }
  }

  private static void collectInstanceIds(JsonNode n, Set<String> ids) {
    if (n == null) {
      return;
    }
    JsonNode items = n.path("instancesSet").path("items");
    if (items.isArray()) {
      for (JsonNode i : items) {
        String id = Principals.text(i.get("instanceId"));
        if (id != null) {
          ids.add(id);
        }
      }
    }
  }

  private static void lambda(Ctx c) {
    if (c.name().contains("EventSourceMapping")) {
      // an event source mapping is its own resource (event-source-mapping:UUID); the function it feeds is the
      // lambda:FunctionArn key, and CreateEventSourceMapping has no resource type (checked on "*")
      String uuid = c.d.req("uUID") != null ? c.d.req("uUID") : c.d.resp("uUID");
      if (uuid != null && !c.name().startsWith("Create")) {
        c.addRegional("lambda", "event-source-mapping:" + uuid);
      }
      return;
    }
    String fn = c.d.req("functionName");
    if (fn == null) {
      String arn = c.d.resp("functionArn");
      c.add(arn);
      return;
    }
    // a Qualifier parameter names the version or alias when the name does not carry one itself
    // (Lambda API Invoke: FunctionName may be a name, an ARN or a partial ARN, each with or without ":QUALIFIER")
    String q = c.d.req("qualifier");
    if (fn.startsWith("arn:")) {
      c.add(fn + (q != null && fn.split(":", -1).length == 7 ? ":" + q : ""));
    } else if (fn.matches("\\d{12}:function:.+")) {
      // partial ARN ACCOUNT:function:NAME
      if (c.region != null) {
        c.add("arn:" + c.partition + ":lambda:" + c.region + ":" + fn + (q != null && fn.split(":", -1).length == 3 ? ":" + q : ""));
      }
    } else if (fn.startsWith("function:")) {
      c.addRegional("lambda", fn + (q != null && fn.split(":", -1).length == 2 ? ":" + q : ""));
    } else {
      c.addRegional("lambda", "function:" + fn + (q == null || fn.contains(":") ? "" : ":" + q));
    }
  }

  /** The ARN of the function a Lambda call's {@code functionName} names (a name, a partial or a full ARN), or null. */
  static String lambdaFunctionArn(EventDocs d) {
    String fn = d.req("functionName");
    CloudTrailEvent e = d.event();
    String account = e.recipientAccountId() != null ? e.recipientAccountId()
        : e.userIdentity() == null ? null : e.userIdentity().accountId();
    if (fn == null) {
      return null;
    }
    if (fn.startsWith("arn:")) {
      return fn;
    }
    if (e.awsRegion() == null) {
      return null;
    }
    String prefix = "arn:" + Principals.partitionOfRegion(e.awsRegion()) + ":lambda:" + e.awsRegion() + ":";
    if (fn.matches("\\d{12}:function:.+")) {
      return prefix + fn;
    }
    if (account == null) {
      return null;
    }
    return prefix + account + ":" + (fn.startsWith("function:") ? fn : "function:" + fn);
  }

  /**
   * An EventBridge rule: {@code rule/NAME} on the default bus, {@code rule/BUS/NAME} on another
   * (Service Authorization Reference, Amazon EventBridge); the response's {@code ruleArn} when it has one.
   */
  private static void events(Ctx c) {
    c.add(c.d.resp("ruleArn"));
    if (!c.arns.isEmpty()) {
      return;
    }
    String rule = c.d.req("rule") != null ? c.d.req("rule") : c.name().endsWith("Rule") ? c.d.req("name") : null;
    if (rule == null) {
      return;
    }
    if (rule.startsWith("arn:")) {
      c.add(rule);
      return;
    }
    String bus = c.d.req("eventBusName");
    if (bus != null && bus.startsWith("arn:")) {
      int at = bus.indexOf(":event-bus/");
      bus = at < 0 ? null : bus.substring(at + ":event-bus/".length());
      if (bus == null) {
        c.reason = "event bus ARN not recognised: " + c.d.req("eventBusName");
        return;
      }
    }
    c.addRegional("events", "rule/" + (bus == null || bus.equals("default") ? "" : bus + "/") + rule);
  }

  /**
   * ECS: a task definition ({@code task-definition/FAMILY:REVISION}, the response's when the request
   * names a family alone), a task ({@code task/CLUSTER/ID}), a service ({@code service/CLUSTER/NAME}),
   * each in its cluster ({@code default} when the request names none, as ECS takes it).
   */
  private static void ecs(Ctx c) {
    String op = c.name();
    if (op.equals("RunTask") || op.equals("StartTask")) {
      JsonNode tasks = c.d.response() == null ? null : c.d.response().get("tasks");
      if (tasks != null && tasks.isArray() && tasks.size() > 0) {
        c.add(Principals.text(tasks.get(0).get("taskDefinitionArn")));
      }
    }
    String def = c.d.req("taskDefinition");
    if (def != null && c.arns.isEmpty() && !op.endsWith("Service") && !op.equals("CreateTaskSet")) {
      if (def.startsWith("arn:")) {
        c.add(def);
      } else if (def.matches("[^:]+:\\d+")) {
        c.addRegional("ecs", "task-definition/" + def);
      } else {
        c.reason = "the task definition is named by its family '" + def + "' alone (its latest revision), which the log"
            + " does not give";
      }
    }
    String cluster = ecsClusterName(c.d.req("cluster"));
    String task = c.d.req("task");
    if (task != null && (op.equals("ExecuteCommand") || op.equals("StopTask") || op.equals("DescribeTasks"))) {
      if (op.equals("ExecuteCommand")) {
        c.add(ecsClusterArn(c, c.d.req("cluster")));
      }
      c.add(task.startsWith("arn:") ? task : c.account == null || c.region == null ? null
          : "arn:" + c.partition + ":ecs:" + c.region + ":" + c.account + ":task/" + cluster + "/" + task);
    }
    String service = c.d.req("service") != null ? c.d.req("service") : op.equals("CreateService") ? c.d.req("serviceName") : null;
    if (service != null && op.endsWith("Service")) {
      c.add(service.startsWith("arn:") ? service : c.account == null || c.region == null ? null
          : "arn:" + c.partition + ":ecs:" + c.region + ":" + c.account + ":service/" + cluster + "/" + service);
    }
  }

  /** A cluster named by name or ARN, as its name; {@code default} when none is named. */
  private static String ecsClusterName(String cluster) {
    if (cluster == null) {
      return "default";
    }
    int at = cluster.indexOf(":cluster/");
    return cluster.startsWith("arn:") && at > 0 ? cluster.substring(at + ":cluster/".length()) : cluster;
  }

  private static String ecsClusterArn(Ctx c, String cluster) {
    if (cluster != null && cluster.startsWith("arn:")) {
      return cluster;
    }
    return c.account == null || c.region == null ? null
        : "arn:" + c.partition + ":ecs:" + c.region + ":" + c.account + ":cluster/" + ecsClusterName(cluster);
  }

  /** The ECS cluster ARN of a call: the one it names (name or ARN), else the account's {@code default} cluster. */
  static String ecsClusterArn(EventDocs d) {
    return ecsClusterArn(new Ctx(d, new LinkedHashSet<>(), new ArrayList<>()), d.req("cluster"));
  }

  /** The EKS operations authorized on the cluster their request names ({@code cluster/NAME}). */
  private static final Set<String> EKS_ON_CLUSTER_BY_CLUSTER_NAME = Set.of("CreateAccessEntry", "ListAccessEntries",
      "CreateNodegroup", "CreateFargateProfile", "CreateAddon", "ListNodegroups", "ListAddons", "ListFargateProfiles");

  /**
   * EKS: a cluster named by {@code name} (DescribeCluster, DeleteCluster, …; the cluster of
   * CreateAccessEntry and the other calls under {@code /clusters/{name}/…}) or {@code clusterName}.
   */
  private static void eks(Ctx c) {
    String op = c.name();
    JsonNode cluster = c.d.response() == null ? null : c.d.response().get("cluster");
    if (cluster != null && cluster.isObject()) {
      c.add(Principals.text(cluster.get("arn")));
    }
    if (!c.arns.isEmpty()) {
      return;
    }
    String name = op.endsWith("Cluster") || op.startsWith("UpdateCluster") ? c.d.req("name")
        : EKS_ON_CLUSTER_BY_CLUSTER_NAME.contains(op) ? (c.d.req("clusterName") != null ? c.d.req("clusterName") : c.d.req("name"))
        : null;
    if (name != null) {
      c.addRegional("eks", "cluster/" + name);
    }
  }

  /** Whether a secret ARN ends in the six random characters AWS appends (a full ARN, not a partial one). */
  static boolean isFullSecretArn(String arn) {
    return FULL_SECRET_ARN.matcher(arn).matches();
  }

  /**
   * An ECR repository: {@code repositoryName} in the registry {@code registryId} (the account;
   * the caller's own registry when the request names none), in the call's region.
   */
  private static void ecr(Ctx c) {
    String name = c.d.req("repositoryName");
    if (name == null) {
      return;
    }
    String registry = c.d.req("registryId");
    String caller = c.e.userIdentity() == null ? null : Principals.blankToNull(c.e.userIdentity().accountId());
    String account = registry != null && registry.matches("\\d{12}") ? registry : caller != null ? caller : c.account;
    if (account == null || c.region == null) {
      c.reason = "account or region of the ecr resource not in the log";
      return;
    }
    c.arns.add("arn:" + c.partition + ":ecr:" + c.region + ":" + account + ":repository/" + name);
  }

  private static void kms(Ctx c) {
    String key = c.d.req("keyId");
    if (key == null) {
      key = c.d.req("targetKeyId");
    }
    String alias = c.d.req("aliasName");
    if (key != null) {
      if (key.startsWith("arn:")) {
        c.add(key);
      } else if (key.startsWith("alias/")) {
        c.addRegional("kms", key);
      } else if (KMS_KEY_ID.matcher(key).matches()) {
        c.addRegional("kms", "key/" + key);
      } else {
        c.reason = "KMS key identifier " + key + " is neither an ARN, a key id nor an alias";
      }
    }
    if (alias != null && alias.startsWith("alias/")) {
      c.addRegional("kms", alias);
    }
    String created = c.d.response() == null ? null
        : Principals.text(c.d.response().path("keyMetadata").get("arn"));
    c.add(created);
  }

  /**
   * A secret's full ARN ends in its name, a hyphen and six random characters. As Secrets Manager
   * does, an ARN whose name ends with a hyphen and six characters is taken as full.
   */
  private static final Pattern FULL_SECRET_ARN = Pattern.compile("^arn:[^:]+:secretsmanager:[^:]*:\\d{12}:secret:.+-[A-Za-z0-9]{6}$");

  private static void secrets(Ctx c) {
    if (c.name().equals("BatchGetSecretValue") && c.d.request() != null) {
      // the secrets it reads, as full ARNs (a name or partial ARN in the list is not resolved)
      for (JsonNode s : c.d.request().path("secretIdList")) {
        if (s.isTextual() && FULL_SECRET_ARN.matcher(s.asText()).matches()) {
          c.add(s.asText());
        }
      }
      return;
    }
    String id = c.d.req("secretId");
    c.add(c.d.resp("aRN"));
    c.add(c.d.resp("arn"));
    if (id == null || !c.arns.isEmpty()) {
      return;
    }
    if (FULL_SECRET_ARN.matcher(id).matches()) {
      c.add(id);
    } else {
      c.reason = "secret " + (id.startsWith("arn:") ? "partial ARN" : "named") + " '" + id + "' without the random suffix"
          + " (six characters) AWS appends to its ARN, and the case holds no secret of that name";
    }
  }

  /**
   * The partial ARN ({@code arn:…:secret:NAME}, no suffix) of a Secrets Manager call that names its
   * secret by name or partial ARN; null otherwise. {@link SecretNames} finds the full ARN among the
   * secrets the case knows.
   */
  static String partialSecretArn(EventDocs d) {
    CloudTrailEvent e = d.event();
    if (!"secretsmanager.amazonaws.com".equals(e.eventSource())) {
      return null;
    }
    String id = d.req("secretId");
    if (id == null || FULL_SECRET_ARN.matcher(id).matches()) {
      return null;
    }
    if (id.startsWith("arn:")) {
      return id;
    }
    String account = e.recipientAccountId() != null ? e.recipientAccountId()
        : e.userIdentity() == null ? null : e.userIdentity().accountId();
    if (account == null || e.awsRegion() == null) {
      return null;
    }
    return "arn:" + Principals.partitionOfRegion(e.awsRegion()) + ":secretsmanager:" + e.awsRegion() + ":" + account
        + ":secret:" + id;
  }

  private static void sqs(Ctx c) {
    String url = c.d.req("queueUrl");
    if (url == null) {
      url = c.d.resp("queueUrl");
    }
    if (url == null) {
      return;
    }
    String arn = sqsUrlToArn(url);
    if (arn == null) {
      c.reason = "queue URL not recognised: " + url;
    } else {
      c.add(arn);
    }
  }

  /** {@code https://sqs.us-east-1.amazonaws.com/123456789012/q} → {@code arn:aws:sqs:us-east-1:123456789012:q}. */
  public static String sqsUrlToArn(String url) {
    Matcher m = SQS_LEGACY_URL.matcher(url);
    if (!m.matches()) {
      m = SQS_URL.matcher(url);
      if (!m.matches()) {
        return null;
      }
    }
    String region = m.group(1);
    if (region.equals("queue")) {
      region = "us-east-1";
    }
    return "arn:" + Principals.partitionOfRegion(region) + ":sqs:" + region + ":" + m.group(2) + ":" + m.group(3);
  }

  /**
   * A stack's ARN ends in its name and an ID AWS gives it ({@code stack/NAME/ID}): the stack ID a
   * call names or a response returns is the full ARN; a stack named by name alone is one of
   * {@code stack/NAME/*} ({@link #stackFamily}).
   */
  private static void cloudformation(Ctx c) {
    c.add(stackArn(c.d.resp("stackId")));
    String stack = c.d.req("stackName");
    c.add(stackArn(stack));
    if (c.arns.isEmpty()) {
      c.reason = stack != null ? "stack named '" + stack + "' without the ID AWS appends to its ARN (stack/NAME/ID)"
          : "the call names no stack (a change set named by its ARN does not name its stack)";
    }
  }

  private static String stackArn(String id) {
    return id != null && id.startsWith("arn:") && id.contains(":cloudformation:") && id.contains(":stack/") ? id : null;
  }

  /**
   * The stacks a CloudFormation call that names its stack by name alone may act on
   * ({@code arn:…:stack/NAME/*}), or null.
   */
  static String stackFamily(CloudTrailEvent e) {
    if (!"cloudformation.amazonaws.com".equals(e.eventSource())) {
      return null;
    }
    EventDocs d = new EventDocs(e);
    String stack = d.req("stackName");
    String account = e.recipientAccountId() != null ? e.recipientAccountId()
        : e.userIdentity() == null ? null : e.userIdentity().accountId();
    if (stack == null || stack.isEmpty() || stack.startsWith("arn:") || stack.contains("/") || stack.contains("*")
        || stack.contains("?") || account == null || e.awsRegion() == null) {
      return null;
    }
    return "arn:" + Principals.partitionOfRegion(e.awsRegion()) + ":cloudformation:" + e.awsRegion() + ":" + account
        + ":stack/" + stack + "/*";
  }

  private static void sns(Ctx c) {
    c.add(c.d.req("topicArn"));
    c.add(c.d.req("targetArn"));
    c.add(c.d.resp("topicArn"));
    String sub = c.d.req("subscriptionArn");
    if (sub != null && sub.startsWith("arn:")) {
      // arn:aws:sns:REGION:ACCT:topic:subscription-id → its topic
      int last = sub.lastIndexOf(':');
      c.add(sub.substring(0, last));
    }
  }

  private static void dynamodb(Ctx c) {
    String table = c.d.req("tableName");
    String tableArn = c.d.req("tableArn");
    if (tableArn != null) {
      c.add(tableArn);
    } else if (table != null) {
      if (table.startsWith("arn:")) {
        c.add(table);
      } else {
        c.addRegional("dynamodb", "table/" + table);
      }
    }
    c.add(c.d.req("resourceArn"));
    // BatchGetItem / BatchWriteItem name their tables as the keys of requestItems (a name or an ARN each)
    JsonNode items = c.d.request() == null ? null : c.d.request().get("requestItems");
    if (items != null && items.isObject()) {
      items.fieldNames().forEachRemaining(t -> {
        if (t.startsWith("arn:")) {
          c.add(t);
        } else if (!t.isBlank()) {
          c.addRegional("dynamodb", "table/" + t);
        }
      });
    }
  }

  /**
   * Kinesis Data Streams API Reference: a call names its stream or consumer by ARN (ResourceARN of the resource-policy
   * calls, StreamARN, ConsumerARN) or its stream by name (StreamName), which is read only when nothing names an ARN.
   */
  private static void kinesis(Ctx c) {
    c.add(c.d.req("resourceARN"));
    c.add(c.d.req("streamARN"));
    c.add(c.d.req("consumerARN"));
    String stream = c.d.req("streamName");
    if (c.arns.isEmpty() && stream != null && !stream.isBlank()) {
      c.addRegional("kinesis", "stream/" + stream);
    }
  }

  private static void cloudtrail(Ctx c) {
    String name = c.d.req("name");
    if (name == null) {
      name = c.d.req("trailName");
    }
    c.add(c.d.resp("trailARN"));
    if (name == null || c.arns.stream().anyMatch(a -> a.contains(":trail/"))) {
      return;
    }
    if (name.startsWith("arn:")) {
      c.add(name);
    } else {
      c.addRegional("cloudtrail", "trail/" + name);
      c.notes.add("trail ARN built in the region of the call; a multi-region trail lives in its home region");
    }
  }

  /**
   * SSM parameters: {@code name} (GetParameter, GetParameterHistory, PutParameter, DeleteParameter…),
   * {@code names} (GetParameters, DeleteParameters) and {@code path} (GetParametersByPath, authorized
   * against the path) as {@code arn:…:ssm:REGION:ACCOUNT:parameter/NAME}. A name may be an ARN
   * already, and may carry a version or label selector ({@code /app/db:3}), which is not part of
   * the resource.
   */
  private static void ssm(Ctx c) {
    String op = c.name();
    if (op.equals("SendCommand") || op.equals("StartSession")) {
      ssmCommand(c);
      return;
    }
    if (op.contains("Document")) {
      String doc = c.d.req("name");
      if (doc != null) {
        c.add(ssmDocumentArn(c, doc));
      }
      if (c.arns.isEmpty()) {
        c.reason = "the call names no document";
      }
      return;
    }
    if (!op.contains("Parameter")) {
      if (c.arns.isEmpty()) {
        c.reason = "resource ARNs are derived from SSM requests for parameters, documents, SendCommand and StartSession";
      }
      return;
    }
    List<String> names = new ArrayList<>();
    String name = c.d.req("name");
    if (name != null) {
      names.add(name);
    }
    JsonNode list = c.d.request() == null ? null : c.d.request().get("names");
    if (list != null && list.isArray()) {
      list.forEach(n -> {
        String t = Principals.text(n);
        if (t != null) {
          names.add(t);
        }
      });
    }
    String path = c.d.req("path");
    if (path != null && c.name().equals("GetParametersByPath")) {
      String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      names.add(trimmed);
    }
    for (String n : names) {
      if (n.startsWith("arn:")) {
        int at = n.indexOf(":parameter/");
        String rest = at < 0 ? "" : n.substring(at + ":parameter/".length());
        c.add(rest.indexOf(':') >= 0 ? n.substring(0, n.lastIndexOf(':')) : n);
      } else {
        String plain = n.indexOf(':') >= 0 ? n.substring(0, n.lastIndexOf(':')) : n;
        c.addRegional("ssm", "parameter" + (plain.startsWith("/") ? plain : "/" + plain));
      }
    }
    if (names.isEmpty() && c.arns.isEmpty()) {
      c.reason = "the parameter call names no parameter (name, names, path)";
    }
  }

  /**
   * Run Command and Session Manager: the document (SendCommand's documentName; StartSession's when
   * the request names one) and each managed node, an EC2 instance ({@code i-…}) or a hybrid one
   * ({@code mi-…}). A command sent to targets by tag names no instance: {@link ActionTargets} says so.
   */
  private static void ssmCommand(Ctx c) {
    String doc = c.d.req("documentName");
    if (doc != null) {
      c.add(ssmDocumentArn(c, doc));
    }
    List<String> nodes = new ArrayList<>();
    JsonNode ids = c.d.request() == null ? null : c.d.request().get("instanceIds");
    if (ids != null && ids.isArray()) {
      ids.forEach(n -> {
        String t = Principals.text(n);
        if (t != null) {
          nodes.add(t);
        }
      });
    }
    if (c.d.req("target") != null) {
      nodes.add(c.d.req("target"));
    }
    for (String node : nodes) {
      if (node.startsWith("mi-")) {
        c.addRegional("ssm", "managed-instance/" + node);
      } else if (node.startsWith("i-")) {
        c.addRegional("ec2", "instance/" + node);
      } else if (node.startsWith("arn:")) {
        c.add(node);
      }
    }
  }

  /**
   * A Systems Manager document's ARN: an AWS-owned document (its name begins with "AWS", "Amazon"
   * or "amzn", prefixes AWS keeps for itself: SSM API Reference, CreateDocument, Name) has no
   * account in its ARN; another is the account's.
   */
  private static String ssmDocumentArn(Ctx c, String name) {
    if (name.startsWith("arn:")) {
      return name;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("aws") || lower.startsWith("amazon") || lower.startsWith("amzn")) {
      return c.region == null ? null : "arn:" + c.partition + ":ssm:" + c.region + "::document/" + name;
    }
    return c.region == null || c.account == null ? null
        : "arn:" + c.partition + ":ssm:" + c.region + ":" + c.account + ":document/" + name;
  }

  /** A console role switch: the role switched to ({@code additionalEventData.SwitchTo}), assumed as sts:AssumeRole. */
  private static void signin(Ctx c) {
    if (!c.name().equals("SwitchRole")) {
      return;
    }
    String to = c.d.additional() == null ? null : Principals.text(c.d.additional().get("SwitchTo"));
    if (to != null && to.contains(":role/")) {
      c.add(to);
    } else if (c.arns.isEmpty()) {
      c.reason = "the console role switch does not name the role (no additionalEventData.SwitchTo)";
    }
  }
}
