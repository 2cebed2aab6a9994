package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.List;

/**
 * What an action of a logged call is authorized on, where that is not the call's first resource:
 * a copy reads its source and writes its target; {@code iam:PassRole} is checked on the role
 * passed, not on the function or instance being made; a batch delete deletes each named object,
 * never the bucket. Replaying such an action on the call's first resource gave verdicts that
 * disagreed with the log for no reason in the policies.
 */
public final class ActionTargets {
  private ActionTargets() {}

  /**
   * The action as AWS checks it here ({@code s3:GetObjectVersion} for a copy of one version) and
   * each resource it is checked on; none when the log does not name it, with the reason.
   */
  /**
   * @param family with no resources known: the family they are known to be in, ending in {@code *}
   *     (a DeleteObjects call's objects: {@code arn:aws:s3:::bucket/*}); else null
   * @param unnamed a resource the action is authorized on besides {@code resources} that the log does
   *     not name, in words (the key an alias pointed to before UpdateAlias); else null
   * @param assumed what the resources take for granted that the log does not say (a role named without its path), in
   *     words; else null
   */
  public record Target(String action, List<String> resources, String unknownReason, String family, String unnamed,
      String assumed) {
    public Target(String action, List<String> resources, String unknownReason) {
      this(action, resources, unknownReason, null, null, null);
    }

    public Target(String action, List<String> resources, String unknownReason, String family) {
      this(action, resources, unknownReason, family, null, null);
    }

    public Target(String action, List<String> resources, String unknownReason, String family, String unnamed) {
      this(action, resources, unknownReason, family, unnamed, null);
    }
  }

  /**
   * An {@code iam:PassRole} target completed from the case's IAM data: a role the request names by name alone is the
   * account's role of that name (its path known); the role of the instance profile the call names (EC2's
   * {@code iamInstanceProfile.arn} or its name in {@code account}, EMR's {@code jobFlowRole}) is passed too. When the
   * IAM data does not hold that instance profile, its role is left unnamed. {@code t} unchanged otherwise.
   */
  public static Target passedRoleFromIam(Target t, CloudTrailEvent event, String account,
      io.github.trailbench.core.iam.IamSnapshot iam) {
    if (t == null || !"iam:PassRole".equals(t.action())) {
      return t;
    }
    Target named = t.resources().isEmpty() || t.assumed() == null ? t : withPathsFromIam(t, iam);
    InstanceProfileNamed profile = InstanceProfileNamed.in(new EventDocs(event).request());
    if (profile == null) {
      return named;
    }
    String role = profile.roleIn(iam, account);
    if (role == null) {
      return named.resources().isEmpty() ? named : new Target(named.action(), named.resources(), named.unknownReason(),
          named.family(), "the role of instance profile " + profile.arnOrName() + " (" + profile.field()
              + ", not in the case's IAM data)", named.assumed());
    }
    List<String> resources = new java.util.ArrayList<>(named.resources());
    if (!resources.contains(role)) {
      resources.add(role);
    }
    return new Target(named.action(), List.copyOf(resources), null, named.family(), named.unnamed(), named.assumed());
  }

  /**
   * An instance profile a request names, whose role the instances assume: by ARN or by name, and the request field
   * naming it. EMR's {@code jobFlowRole} is an instance profile's name despite its own name (EMR API, RunJobFlow:
   * "Also called instance profile and Amazon EC2 role").
   */
  private record InstanceProfileNamed(String arn, String name, String field) {
    static InstanceProfileNamed in(com.fasterxml.jackson.databind.JsonNode request) {
      if (request == null) {
        return null;
      }
      com.fasterxml.jackson.databind.JsonNode ec2 = request.get("iamInstanceProfile");
      if (ec2 != null && (Principals.text(ec2.get("arn")) != null || Principals.text(ec2.get("name")) != null)) {
        return new InstanceProfileNamed(Principals.text(ec2.get("arn")), Principals.text(ec2.get("name")), "iamInstanceProfile");
      }
      String emr = Principals.text(request.get("jobFlowRole"));
      if (emr == null) {
        return null;
      }
      return emr.startsWith("arn:") ? new InstanceProfileNamed(emr, null, "jobFlowRole") : new InstanceProfileNamed(null, emr, "jobFlowRole");
    }

    String arnOrName() {
      return arn != null ? arn : name;
    }

    /** The ARN of the role in this instance profile in the IAM data ("an instance profile can contain only one IAM role"). */
    String roleIn(io.github.trailbench.core.iam.IamSnapshot iam, String account) {
      for (io.github.trailbench.core.model.iam.IamRole role : iam.roles()) {
        boolean inProfile = role.instanceProfiles().stream().anyMatch(p -> p.arn() != null && p.arn().equals(arn)
            || arn == null && name != null && name.equals(p.name()) && role.arn().contains(":" + account + ":"));
        if (inProfile) {
          return role.arn();
        }
      }
      return null;
    }
  }

  /**
   * The target with each role named without its path replaced by the ARN of the account's role of that name in the
   * IAM data (IAM names are unique in an account, whatever their case); the assumption stays when one is not there.
   */
  private static Target withPathsFromIam(Target t, io.github.trailbench.core.iam.IamSnapshot iam) {
    List<String> resolved = new java.util.ArrayList<>();
    boolean unresolved = false;
    for (String arn : t.resources()) {
      String prefix = arn.substring(0, arn.indexOf(":role/") + ":role/".length());
      String name = arn.substring(prefix.length());
      String known = !t.assumed().contains(arn) ? null : iam.roles().stream().map(io.github.trailbench.core.model.iam.IamRole::arn)
          .filter(a -> a.startsWith(prefix) && a.substring(a.lastIndexOf('/') + 1).equalsIgnoreCase(name)).findFirst().orElse(null);
      unresolved |= known == null && t.assumed().contains(arn);
      resolved.add(known == null ? arn : known);
    }
    return new Target(t.action(), List.copyOf(resolved), t.unknownReason(), t.family(), t.unnamed(), unresolved ? t.assumed() : null);
  }

  /** A role the request names without an ARN, as the ARN of that role in the call's account, its path taken as "/". */
  private static String roleArnOfName(String name, CloudTrailEvent e) {
    String account = e.recipientAccountId() != null ? e.recipientAccountId()
        : e.userIdentity() == null ? null : e.userIdentity().accountId();
    return account == null || name.contains("/") || name.contains(":") ? null
        : "arn:" + Principals.partitionOfRegion(e.awsRegion()) + ":iam::" + account + ":role/" + name;
  }

  /** KMS operations on no particular key (the response may name the key CreateKey made). */
  static final java.util.Set<String> KMS_WITHOUT_KEY = java.util.Set.of("kms:CreateKey", "kms:ListKeys", "kms:ListAliases",
      "kms:CreateCustomKeyStore", "kms:DescribeCustomKeyStores", "kms:GenerateRandom", "kms:ConnectCustomKeyStore",
      "kms:DisconnectCustomKeyStore", "kms:DeleteCustomKeyStore", "kms:UpdateCustomKeyStore", "kms:ListRetirableGrants");

  /** The target of {@code action} in {@code e}, or null when it is the call's resources as derived. */
  static Target of(String action, DerivedRequest d, CloudTrailEvent e) {
    return of(action, d.resourceArns(), e);
  }

  /**
   * The target of {@code action} in {@code e} whose resources {@link ResourceArns#derive} gave as
   * {@code arns} (the call's first action's), or null when it is those resources.
   */
  public static Target of(String action, List<String> arns, CloudTrailEvent e) {
    String name = e.eventName() == null ? "" : e.eventName();
    boolean s3 = "s3.amazonaws.com".equals(e.eventSource());
    if (s3 && (name.equals("CopyObject") || name.equals("UploadPartCopy"))
        && (action.equals("s3:GetObject") || action.equals("s3:PutObject"))) {
      EventDocs docs = new EventDocs(e);
      String partition = arns.isEmpty() ? "aws" : arns.get(0).split(":", 3)[1];
      if (action.equals("s3:GetObject")) {
        String source = docs.req("x-amz-copy-source");
        if (source == null) {
          return new Target(action, List.of(), "the copy source is not in the log");
        }
        // reading one version of an object is s3:GetObjectVersion (S3 API Reference, GetObject: Permissions)
        return new Target(source.contains("?versionId=") ? "s3:GetObjectVersion" : action,
            List.of(ResourceArns.copySourceArn(partition, source)), null);
      }
      String bucket = docs.req("bucketName");
      String key = docs.req("key");
      return bucket == null || key == null ? new Target(action, List.of(), "the copy's target is not in the log")
          : new Target(action, List.of("arn:" + partition + ":s3:::" + bucket + "/" + key), null);
    }
    if (s3 && name.equals("DeleteObjects") && action.equals("s3:DeleteObject")) {
      List<String> objects = arns.stream().filter(ActionTargets::isObject).toList();
      String bucket = new EventDocs(e).req("bucketName");
      // which keys is not logged, but they are the bucket's: a policy that covers every key of it, or none, still decides
      return new Target(action, objects, objects.isEmpty() ? "the keys a DeleteObjects call deletes are not in its log" : null,
          objects.isEmpty() && bucket != null ? "arn:" + Principals.partitionOfRegion(e.awsRegion()) + ":s3:::" + bucket + "/*" : null);
    }
    if (s3 && action.startsWith("s3:")) {
      String ap = S3AccessPoints.arn(e, new EventDocs(e));
      List<String> buckets = ap == null || arns.isEmpty() || !arns.get(0).contains(":s3:::") ? List.of() : List.of(arns.get(0));
      if (!buckets.isEmpty()) {
        // S3 User Guide, "Configuring IAM policies for using access points": a request through an access point
        // is authorized on the access point's ARN (identity policies, the access point's policy) and on the
        // bucket's (the bucket policy, which may delegate to access points by s3:DataAccessPoint* keys)
        return new Target(action, List.of(S3AccessPoints.throughAccessPoint(ap, buckets.get(0)), buckets.get(0)), null);
      }
    }
    if ("dynamodb.amazonaws.com".equals(e.eventSource()) && (action.equals("dynamodb:Query") || action.equals("dynamodb:Scan"))) {
      String index = new EventDocs(e).req("indexName");
      List<String> tables = arns.stream().filter(a -> a.contains(":table/") && !a.contains("/index/")).toList();
      if (index != null && tables.size() == 1) {
        // a query or scan of a secondary index is checked on the index's ARN
        return new Target(action, List.of(tables.get(0) + "/index/" + index), null);
      }
    }
    if (action.equals("ssm:SendCommand") || action.equals("ssm:StartSession")) {
      // Run Command and Session Manager check the document and each managed node (Service Authorization Reference,
      // Systems Manager); a command sent to targets (tags, resource groups) names no node in its log
      EventDocs docs = new EventDocs(e);
      boolean byTargets = action.equals("ssm:SendCommand") && docs.request() != null
          && !docs.request().path("instanceIds").isArray() && docs.request().path("targets").isArray();
      return new Target(action, arns, arns.isEmpty() ? "the call names no document or managed node" : null, null,
          byTargets ? "the managed nodes the command's targets select, which the log does not name" : null);
    }
    if (action.equals(io.github.trailbench.core.catalog.EventActionMapper.PER_SECRET_READ) && name.equals("BatchGetSecretValue")) {
      List<String> secrets = arns.stream().filter(a -> a.contains(":secretsmanager:")).toList();
      return new Target(action, secrets, secrets.isEmpty() ? "the secrets are named without the six random characters"
          + " that end their ARNs" : null);
    }
    if (arns.isEmpty() && action.startsWith("secretsmanager:")) {
      String partial = ResourceArns.partialSecretArn(new EventDocs(e));
      if (partial != null) {
        // Secrets Manager User Guide, "Resource: secret ARN": the ARN is the name, a hyphen and six random characters;
        // a policy on every such ARN ("NAME-??????", "NAME*"), or on none, still decides
        return new Target(action, List.of(), "the secret is named without the six random characters that end its ARN",
            partial + "-??????");
      }
    }
    if (arns.isEmpty() && action.startsWith("cloudformation:")) {
      String stacks = ResourceArns.stackFamily(e);
      if (stacks != null) {
        // the stack's ID is not logged, but the stack is the one of that name: a policy that covers every stack of
        // the name, or none, still decides
        return new Target(action, List.of(), "the stack is named without the ID that ends its ARN", stacks);
      }
    }
    if (ORGANIZATION_NODE_AND_POLICY.contains(action) && "organizations.amazonaws.com".equals(e.eventSource()) && arns.size() > 1) {
      // Service Authorization Reference: authorized on the policy and its target, or on the account and both parents
      return new Target(action, arns, null);
    }
    if ("ec2.amazonaws.com".equals(e.eventSource())) {
      Target ec2 = ec2(action, name, arns, e);
      if (ec2 != null) {
        return ec2;
      }
    }
    if (action.equals("s3express:CreateSession")) {
      // a session is made for a directory bucket, and a Zonal call on one of its objects is authorized by it
      List<String> buckets = arns.stream().filter(a -> a.matches("arn:[^:]+:s3express:[^:]+:\\d{12}:bucket/[^/]+")).distinct()
          .toList();
      return new Target(action, buckets, buckets.isEmpty() ? "the directory bucket is not in the log" : null);
    }
    if (action.equals("kms:CreateAlias") || action.equals("kms:DeleteAlias")) {
      return aliasAndKey(action, arns, e);
    }
    if (action.equals("kms:UpdateAlias")) {
      return aliasAndKeys(action, arns, e);
    }
    if (KMS_WITHOUT_KEY.contains(action)) {
      // no key takes part, so no key policy: the IAM policies decide (AWS KMS, "IAM policies": CreateKey)
      return new Target(action, List.of("*"), null);
    }
    if (action.equals("iam:PassRole")) {
      // an ECS task passes its task role and its execution role, or the RunTask overrides of them: each is checked
      List<String> passed = new java.util.ArrayList<>();
      List<String> byName = new java.util.ArrayList<>();
      for (String role : io.github.trailbench.core.catalog.EventActionMapper.passedRoles(new EventDocs(e).request())) {
        String arn = role.startsWith("arn:") ? (role.contains(":role/") ? role : null) : roleArnOfName(role, e);
        if (arn != null && !passed.contains(arn)) {
          passed.add(arn);
          if (!role.startsWith("arn:")) {
            byName.add(arn);
          }
        }
      }
      if (!passed.isEmpty()) {
        // a role given by name (Glue's Role: "The name or Amazon Resource Name (ARN) of the IAM role") has a path the
        // log does not give; the case's IAM data supplies it when it holds the role (passedRoleFromIam)
        return new Target(action, List.copyOf(passed), null, null, null, byName.isEmpty() ? null
            : String.join(", ", byName) + " (named without its path, taken as \"/\"; a role with a path has another ARN)");
      }
      List<String> roles = arns.stream().filter(a -> a.contains(":iam::") && a.contains(":role/")).toList();
      return new Target(action, roles, roles.isEmpty()
          ? "the role passed is not named in the log (an instance profile or a setting of the service names it)" : null);
    }
    if (action.startsWith("iam:") && arns.size() > 1) {
      Target typed = ofResourceType(action, arns);
      if (typed != null) {
        return typed;
      }
    }
    // Service Authorization Reference, "Resource types": "If there is no value for this column, you must specify all
    // resources ("*")": such an action is authorized on "*", whatever its request names
    java.util.Optional<io.github.trailbench.core.catalog.ActionInfo> info =
        io.github.trailbench.core.catalog.ActionCatalog.get().action(action);
    if (info.isPresent() && info.get().resourceTypes().isEmpty()) {
      return new Target(action, List.of("*"), null);
    }
    return null;
  }

  /**
   * An IAM call naming several resources (AddUserToGroup: the user and the group) is authorized on
   * those of the action's resource types in the Service Authorization Reference (AddUserToGroup:
   * {@code group}); null when every named resource, or none, is of those types.
   */
  private static Target ofResourceType(String action, List<String> arns) {
    List<String> markers = new java.util.ArrayList<>();
    for (String format : io.github.trailbench.core.catalog.ActionCatalog.get().resourceArnFormats(action)) {
      // arn:${Partition}:iam::${Account}:group/${GroupNameWithPath} -> ":group/"
      int from = format.lastIndexOf("}:");
      int slash = from < 0 ? -1 : format.indexOf('/', from);
      if (slash > from + 2) {
        markers.add(":" + format.substring(from + 2, slash + 1));
      }
    }
    if (markers.isEmpty()) {
      return null;
    }
    List<String> typed = arns.stream().filter(a -> markers.stream().anyMatch(a::contains)).toList();
    return typed.isEmpty() || typed.size() == arns.size() ? null : new Target(action, typed, null);
  }

  /**
   * Creating or deleting an alias is authorized on the alias, by IAM policies alone (an alias has no
   * policy of its own), and on the key it points to, by the key policy (AWS KMS Developer Guide,
   * "Controlling access to aliases"): both resources, the alias first. The alias is the one the
   * record names, or else the request's {@code aliasName} in the recipient account.
   */
  private static Target aliasAndKey(String action, List<String> arns, CloudTrailEvent e) {
    List<String> keys = arns.stream().filter(a -> a.contains(":kms:") && a.contains(":key/")).distinct().toList();
    String alias = arns.stream().filter(a -> a.contains(":kms:") && a.contains(":alias/")).findFirst().orElse(null);
    if (alias == null) {
      String name = new EventDocs(e).req("aliasName");
      if (name != null && name.startsWith("alias/") && e.awsRegion() != null && e.recipientAccountId() != null) {
        alias = "arn:" + Principals.partitionOfRegion(e.awsRegion()) + ":kms:" + e.awsRegion() + ":" + e.recipientAccountId()
            + ":" + name;
      }
    }
    if (alias == null || keys.size() != 1) {
      return new Target(action, List.of(), alias == null ? "the alias is not in the log"
          : "the key the alias " + (action.equals("kms:CreateAlias") ? "is made for" : "points to") + " is not in the log");
    }
    return new Target(action, List.of(alias, keys.get(0)), null);
  }

  /**
   * Pointing an alias at another key is authorized on the alias (IAM policies), on the new key and on
   * the key it pointed to before (each by its key policy; AWS KMS API Reference, UpdateAlias:
   * "Required permissions"). The record names the alias and the new key ({@code targetKeyId}); the
   * key before is checked too when the record names a second key, and is otherwise the target's
   * {@link Target#unnamed}: a refusal may be that key's.
   */
  private static Target aliasAndKeys(String action, List<String> arns, CloudTrailEvent e) {
    List<String> keys = arns.stream().filter(a -> a.contains(":kms:") && a.contains(":key/")).distinct().toList();
    String target = new EventDocs(e).req("targetKeyId");
    List<String> named = target == null ? List.of() : keys.stream().filter(k -> k.equals(target) || k.endsWith(":key/" + target)).toList();
    String newKey = named.size() == 1 ? named.get(0) : keys.size() == 1 ? keys.get(0) : null;
    Target base = aliasAndKey(action, newKey == null ? arns : arns.stream().filter(a -> !a.contains(":key/") || a.equals(newKey)).toList(), e);
    if (base.resources().isEmpty()) {
      return new Target(action, List.of(), newKey == null && !keys.isEmpty()
          ? "which of the keys the record names is the new one (targetKeyId) is not in the log"
          : base.unknownReason().replace("the key the alias points to", "the key the alias is pointed at"));
    }
    List<String> before = keys.stream().filter(k -> !k.equals(newKey)).toList();
    if (before.size() == 1) {
      return new Target(action, List.of(base.resources().get(0), newKey, before.get(0)), null);
    }
    String alias = base.resources().get(0);
    return new Target(action, base.resources(), null, null,
        "the key " + alias.substring(alias.indexOf(":alias/") + 1) + " pointed to before this call (by that key's policy)");
  }

  /** Organizations actions authorized on each of several resources the call names. */
  private static final java.util.Set<String> ORGANIZATION_NODE_AND_POLICY = java.util.Set.of("organizations:AttachPolicy",
      "organizations:DetachPolicy", "organizations:MoveAccount");

  /**
   * RunInstances is authorized on each resource it uses or makes (Service Authorization Reference,
   * Amazon EC2; EC2 User Guide, "Example policies", "Launch instances (RunInstances)"): the
   * instances (their family when a refused call made none), the image, the subnet, each security
   * group, the key pair, and the network interface and volumes it makes (their families). The image
   * and subnet that a launch template alone gives are not in the record: then they stay unnamed.
   */
  private static Target runInstances(String action, List<String> instances, String prefix, String region, CloudTrailEvent e) {
    EventDocs docs = new EventDocs(e);
    com.fasterxml.jackson.databind.JsonNode req = docs.request();
    if (req == null) {
      return null;
    }
    List<String> on = new java.util.ArrayList<>(instances.isEmpty() ? List.of(prefix + "instance/*") : instances);
    java.util.Set<String> images = new java.util.LinkedHashSet<>();
    req.path("instancesSet").path("items").forEach(i -> {
      String id = Principals.text(i.get("imageId"));
      if (id != null) {
        images.add(id);
      }
    });
    String partition = Principals.partitionOfRegion(region);
    images.forEach(id -> on.add("arn:" + partition + ":ec2:" + region + "::image/" + id));
    String subnet = Principals.text(req.get("subnetId"));
    if (subnet != null) {
      on.add(prefix + "subnet/" + subnet);
    }
    req.path("groupSet").path("items").forEach(g -> {
      String id = Principals.text(g.get("groupId"));
      if (id != null) {
        on.add(prefix + "security-group/" + id);
      }
    });
    String key = Principals.text(req.get("keyName"));
    if (key != null) {
      on.add(prefix + "key-pair/" + key);
    }
    on.add(prefix + "network-interface/*");
    on.add(prefix + "volume/*");
    List<String> unnamed = new java.util.ArrayList<>();
    if (images.isEmpty()) {
      unnamed.add("the image");
    }
    if (subnet == null) {
      unnamed.add("the subnet");
    }
    boolean template = req.has("launchTemplate");
    return new Target(action, List.copyOf(on), null, null, unnamed.isEmpty() && !template ? null
        : String.join(" and ", unnamed.isEmpty() ? List.of("the resources") : unnamed)
            + (template ? " a launch template gives" : " the record does not name") + " (RunInstances is authorized on each)");
  }

  /**
   * EC2 calls authorized on other resources than the call's first: RunInstances on every resource
   * it uses or makes ({@link #runInstances}); CreateVolume on its volume (or {@code volume/*}); a
   * volume attached or detached on the instance and the volume; tags on create on what is tagged.
   */
  private static Target ec2(String action, String name, List<String> arns, CloudTrailEvent e) {
    String region = e.awsRegion();
    String account = e.recipientAccountId();
    if (region == null || account == null) {
      return null;
    }
    String prefix = "arn:" + Principals.partitionOfRegion(region) + ":ec2:" + region + ":" + account + ":";
    List<String> instances = arns.stream().filter(a -> a.contains(":instance/")).toList();
    List<String> volumes = arns.stream().filter(a -> a.contains(":volume/")).toList();
    if (action.equals("ec2:RunInstances") && name.equals("RunInstances")) {
      return runInstances(action, instances, prefix, region, e);
    }
    if (action.equals("ec2:CreateVolume") && name.equals("CreateVolume")) {
      return volumes.isEmpty() ? new Target(action, List.of(), "the volume of a call that made none has no id in the log",
          prefix + "volume/*") : new Target(action, volumes, null);
    }
    if ((action.equals("ec2:AttachVolume") || action.equals("ec2:DetachVolume")) && instances.size() == 1 && volumes.size() == 1) {
      // both are checked: "the instance and the volume" (EC2 example policies, "Work with volumes")
      return new Target(action, List.of(instances.get(0), volumes.get(0)), null);
    }
    if (action.equals("ec2:CreateVpcPeeringConnection") && name.equals("CreateVpcPeeringConnection")) {
      // the requester VPC and the peering connection (EC2 User Guide, VPC peering policy examples: "the VPC resource
      // for the CreateVpcPeeringConnection action is always the requester VPC"); a refused call made no connection
      List<String> vpcs = arns.stream().filter(a -> a.contains(":vpc/")).toList();
      List<String> made = arns.stream().filter(a -> a.contains(":vpc-peering-connection/")).toList();
      List<String> on = new java.util.ArrayList<>(vpcs);
      on.addAll(made.isEmpty() ? List.of(prefix + "vpc-peering-connection/*") : made);
      return new Target(action, List.copyOf(on), null, null, vpcs.isEmpty() ? "the requester VPC the record does not name"
          + " (CreateVpcPeeringConnection is authorized on it and on the connection)" : null);
    }
    if (action.equals("ec2:CreateSecurityGroup") && name.equals("CreateSecurityGroup")) {
      // the VPC it is made in and the group it makes (Service Authorization Reference: vpc*, security-group*)
      List<String> groups = arns.stream().filter(a -> a.contains(":security-group/")).toList();
      List<String> vpcs = arns.stream().filter(a -> a.contains(":vpc/")).toList();
      List<String> on = new java.util.ArrayList<>(vpcs);
      on.addAll(groups.isEmpty() ? List.of(prefix + "security-group/*") : groups);
      return new Target(action, List.copyOf(on), null, null, vpcs.isEmpty() ? "the VPC, which the record does not name (the"
          + " Region's default VPC; CreateSecurityGroup is authorized on it and on the group)" : null);
    }
    if (action.equals("ec2:DeleteFlowLogs") && name.equals("DeleteFlowLogs")) {
      List<String> logs = arns.stream().filter(a -> a.contains(":vpc-flow-log/")).toList();
      return logs.isEmpty() ? null : new Target(action, logs, null); // each flow log deleted is checked
    }
    if (action.equals("ec2:CreateTags") && !name.equals("CreateTags")) {
      java.util.Set<String> types = new java.util.LinkedHashSet<>();
      com.fasterxml.jackson.databind.JsonNode request = new EventDocs(e).request();
      com.fasterxml.jackson.databind.JsonNode specs = request == null ? null : request.path("tagSpecificationSet").path("items");
      if (specs != null && specs.isArray()) {
        specs.forEach(s -> types.add(s.path("resourceType").asText("")));
      }
      if (types.isEmpty() || types.contains("")) {
        return null;
      }
      // each tagged resource type is authorized on what it tags: the made ones when the log names them, else their
      // family (a resource being made has no id a policy could name beforehand)
      List<String> tagged = new java.util.ArrayList<>();
      for (String type : types) {
        List<String> known = type.equals("instance") ? instances : type.equals("volume") ? volumes : List.of();
        tagged.addAll(known.isEmpty() ? List.of(prefix + type + "/*") : known);
      }
      return new Target(action, List.copyOf(tagged), null);
    }
    return null;
  }

  private static boolean isObject(String arn) {
    int bucket = arn.indexOf(":s3:::");
    return bucket >= 0 && arn.indexOf('/', bucket) > 0;
  }
}
