package io.github.trailbench.core.findings.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.IamSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import io.github.trailbench.core.catalog.ActionMapping;
import io.github.trailbench.core.catalog.Authorization;
import io.github.trailbench.core.catalog.EventActionMapper;
import io.github.trailbench.core.correlate.ResourceArns;
import io.github.trailbench.core.correlate.ResourceDerivation;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationFlags;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Least privilege of the sample's principals (samples/README.md tells what they did). */
class LeastPrivilegeSampleTest {
  static final Path CASE = Path.of("samples/case");
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String OPS = "arn:aws:iam::111122223333:role/OpsAdminRole";
  static IamSnapshot iam;
  static List<CloudTrailEvent> events;

  @BeforeAll
  static void readSample() throws Exception {
    List<IamSource> sources = new ArrayList<>();
    for (String f : List.of("iam/credential-report.csv", "iam/account-authorization-details.json", "org/organization.json",
        "policies/resource-policies.json")) {
      byte[] bytes = Files.readAllBytes(CASE.resolve(f));
      sources.add(IamSources.read(IamSources.detect(f, bytes).orElseThrow(), f, bytes));
    }
    iam = IamSnapshot.of(sources);
    events = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(CASE.resolve("AWSLogs/111122223333/CloudTrail"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          for (JsonNode r : json.readTree(in).path("Records")) {
            events.add(CloudTrailRecords.parse(r.toString(), f.toString()));
          }
        }
      }
    }
  }

  static LeastPrivilegeResult ci;
  static LeastPrivilegeResult ops;

  static LeastPrivilegeResult ci() throws Exception {
    if (ci == null) {
      ci = new LeastPrivilege(iam).analyze(CI, events);
    }
    return ci;
  }

  static LeastPrivilegeResult ops() throws Exception {
    if (ops == null) {
      ops = new LeastPrivilege(iam).analyze(OPS, events);
    }
    return ops;
  }

  static UsedAction used(LeastPrivilegeResult r, String action) {
    return r.used().stream().filter(u -> u.action().equals(action)).findFirst()
        .orElseThrow(() -> new AssertionError(action + " not in used " + r.used()));
  }

  static GrantedAction granted(LeastPrivilegeResult r, String action) {
    return r.granted().stream().filter(g -> g.action().equals(action)).findFirst()
        .orElseThrow(() -> new AssertionError(action + " not granted"));
  }

  @Test
  void ciDeployUsedWhatTheStoryTellsAndWasRefusedTheEnumeration() throws Exception {
    LeastPrivilegeResult r = ci();
    assertThat(r.principalKind()).isEqualTo("user");
    assertThat(r.used()).extracting(UsedAction::action).contains("sts:AssumeRole", "s3:ListAllMyBuckets",
        "ec2:DescribeInstances", "ecr:PutImage", "s3:PutObject");
    // step 10: the escalation into OpsAdminRole, beside the pipelines' DeployRole
    assertThat(used(r, "sts:AssumeRole").resources()).contains("arn:aws:iam::111122223333:role/DeployRole",
        "arn:aws:iam::111122223333:role/OpsAdminRole");
    assertThat(used(r, "s3:ListAllMyBuckets").lastUsed()).isEqualTo(java.time.Instant.parse("2026-10-03T14:04:02Z"));
    // steps 2-4 and the noise: refused calls are not "used"
    assertThat(r.denied()).extracting(UsedAction::action).contains("iam:ListUsers", "iam:ListRoles",
        "iam:GetAccountAuthorizationDetails", "ecr:DescribeImageScanFindings");
    assertThat(r.used()).extracting(UsedAction::action).doesNotContain("iam:ListUsers");
    assertThat(r.notDeniable()).containsKey("sts.amazonaws.com GetCallerIdentity");
    assertThat(r.window().first()).isEqualTo(java.time.Instant.parse("2026-10-01T00:03:12Z"));
    assertThat(r.window().events()).isEqualTo(events.size());
  }

  @Test
  void ciDeployIsGrantedItsPolicyV2WithTheWildcardAssumeRole() throws Exception {
    LeastPrivilegeResult r = ci();
    assertThat(granted(r, "sts:AssumeRole").resources()).containsExactly("arn:aws:iam::111122223333:role/*");
    // RegionGuard: denied outside two regions (a condition the analysis cannot settle), global actions exempt
    assertThat(granted(r, "ec2:DescribeInstances").scp()).isEqualTo(GrantedAction.ScpEffect.CONDITIONAL);
    assertThat(granted(r, "ec2:DescribeRegions").scp()).isEqualTo(GrantedAction.ScpEffect.ALLOWS);
    assertThat(r.granted()).extracting(GrantedAction::action).doesNotContain("iam:ListUsers", "iam:CreateUser");
    assertThat(r.unusedByService().values().stream().flatMap(List::stream)).contains("ec2:DescribeRegions")
        .doesNotContain("sts:AssumeRole", "s3:ListAllMyBuckets");
    assertThat(r.unusedCount() + r.used().stream().filter(u -> r.granted().stream()
        .anyMatch(g -> g.action().equals(u.action()))).count()).isEqualTo(r.granted().size());
  }

  @Test
  void opsAdminRoleIsGrantedEverythingAndUsedTheIncidentsCalls() throws Exception {
    LeastPrivilegeResult r = ops();
    assertThat(r.principalKind()).isEqualTo("role");
    assertThat(r.granted()).hasSize(io.github.trailbench.core.catalog.ActionCatalog.get().actionCount());
    assertThat(r.used()).extracting(UsedAction::action).contains("iam:ListUsers", "iam:CreateUser",
        "iam:CreateAccessKey", "iam:AttachUserPolicy", "iam:UpdateAssumeRolePolicy", "s3:ListBucket", "s3:GetObject",
        "guardduty:ListDetectors");
    assertThat(used(r, "s3:GetObject").count()).isEqualTo(40);
    assertThat(used(r, "s3:GetObject").dataEvent()).isTrue();
    // steps 19 and 21: refused by the SCP, so not used — and the SCP is noted on the grant
    assertThat(r.denied()).extracting(UsedAction::action).contains("cloudtrail:StopLogging", "guardduty:DeleteDetector");
    assertThat(granted(r, "cloudtrail:StopLogging").scp()).isEqualTo(GrantedAction.ScpEffect.DENIES);
    assertThat(granted(r, "iam:CreateUser").scp()).isEqualTo(GrantedAction.ScpEffect.ALLOWS);
    assertThat(r.unusedByService().get("cloudtrail")).contains("cloudtrail:StopLogging");
    assertThat(r.window().principalEvents()).isEqualTo(52);
  }

  @Test
  void opsAdminRolesCaveatsNameWhatTheTrailCannotShow() throws Exception {
    LeastPrivilegeResult r = ops();
    assertThat(r.caveats()).extracting(Caveat::kind).contains(Caveat.Kind.TRAIL_WINDOW, Caveat.Kind.DATA_EVENTS,
        Caveat.Kind.NOT_LOGGED, Caveat.Kind.SERVICE_ABSENT_FROM_TRAIL, Caveat.Kind.SCP, Caveat.Kind.INCOMPLETE_IAM_DATA);
    // the trail logs S3 data events (two buckets) but no DynamoDB or Lambda data events
    assertThat(items(r, Caveat.Kind.DATA_EVENTS, "no data events")).contains("dynamodb:GetItem", "lambda:InvokeFunction")
        .doesNotContain("s3:GetObject", "s3:PutObject");
    assertThat(items(r, Caveat.Kind.DATA_EVENTS, "only some resources")).contains("s3:PutObject")
        .doesNotContain("s3:GetObject");
    assertThat(items(r, Caveat.Kind.NOT_LOGGED, "")).contains("cloudwatch:PutMetricData", "iam:PassRole");
    assertThat(items(r, Caveat.Kind.SERVICE_ABSENT_FROM_TRAIL, "")).contains("sagemaker").doesNotContain("iam", "s3");
    assertThat(items(r, Caveat.Kind.TRAIL_WINDOW, "")).containsExactly("2026-10-01T00:03:12Z", "2026-10-07T23:40:44Z");
  }

  static List<String> items(LeastPrivilegeResult r, Caveat.Kind kind, String messagePart) {
    return r.caveats().stream().filter(c -> c.kind() == kind && c.message().contains(messagePart))
        .flatMap(c -> c.items().stream()).toList();
  }

  @Test
  void theGeneratedPoliciesAllowEveryUsedCallAndNothingElse() throws Exception {
    for (LeastPrivilegeResult r : List.of(ci(), ops())) {
      PolicySet generated = PolicySet.builder()
          .identity(new NamedPolicy("generated", PolicyParser.parse(r.policy().json(), "generated")))
          .flags(new EvaluationFlags(false, false, false, false, false)).build();
      int checked = 0;
      for (CloudTrailEvent e : events) {
        if (!ofPrincipal(r, e) || e.failed()) {
          continue;
        }
        ActionMapping m = EventActionMapper.get().map(e);
        if (m.authorization() != Authorization.IAM) {
          continue;
        }
        ResourceDerivation d = ResourceArns.derive(e);
        List<String> resources = d.known() ? d.arns() : List.of("*");
        for (String mapped : m.actions()) {
          // each call on what AWS checks it on: a copy's source, the role passed; and only resources of the
          // kinds the action takes (the bucket ARN a PutObject event lists is no resource of s3:PutObject)
          io.github.trailbench.core.correlate.ActionTargets.Target t =
              d.known() ? io.github.trailbench.core.correlate.ActionTargets.of(mapped, d.arns(), e) : null;
          String action = t == null ? mapped : t.action();
          List<java.util.regex.Pattern> kinds = io.github.trailbench.core.catalog.ActionCatalog.get().resourceArnFormats(action)
              .stream().map(LeastPrivilege::formatPattern).toList();
          for (String resource : t != null && !t.resources().isEmpty() ? t.resources() : resources) {
            if (!resource.equals("*") && !kinds.isEmpty() && kinds.stream().noneMatch(k -> k.matcher(resource).matches())) {
              continue;
            }
            Decision decision = new PolicyEngine().evaluate(
                Request.builder(e.userIdentity().arn(), action, resource).resourceAccount("111122223333").build(),
                generated).decision();
            assertThat(decision).as(e.eventId() + " " + action + " " + resource).isEqualTo(Decision.ALLOWED);
            checked++;
          }
        }
      }
      assertThat(checked).as(r.principal()).isGreaterThan(40);
      // and it is minimal: what was refused or never used stays denied
      String someone = r.principalKind().equals("user") ? CI : "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/x";
      for (String action : List.of("iam:ListRoles", "cloudtrail:StopLogging", "ec2:RunInstances")) {
        assertThat(new PolicyEngine().evaluate(Request.builder(someone, action, "*").build(), generated).decision())
            .as(action).isEqualTo(Decision.IMPLICIT_DENY);
      }
    }
  }

  @Test
  void theSamplesAccessAdvisorFileKeepsWhatCiDeployUsedBeforeTheWeek() throws Exception {
    assertThat(ci().unusedByService().get("cloudformation")).as("the trail alone").containsExactly(
        "cloudformation:DescribeStacks");
    assertThat(ci().policy().json()).doesNotContain("cloudformation", "ec2:DescribeRegions");

    byte[] bytes = Files.readAllBytes(CASE.resolve("iam/access-advisor.json"));
    List<IamSource> sources = new ArrayList<>(iam.sources());
    sources.add(IamSources.read(IamSources.detect("access-advisor.json", bytes).orElseThrow(), "access-advisor.json", bytes));
    LeastPrivilegeResult r = new LeastPrivilege(IamSnapshot.of(sources)).analyze(CI, events);

    assertThat(r.accessAdvisor()).extracting(AdvisorService::service)
        .containsExactly("cloudformation", "ec2", "ecr", "s3", "sts");
    AdvisorService cfn = r.accessAdvisor().get(0);
    assertThat(cfn.label()).isEqualTo("used (Access Advisor, last 2026-09-21)");
    assertThat(cfn.kept()).containsExactly("cloudformation:DescribeStacks");
    assertThat(r.accessAdvisor().get(1).kept()).containsExactly("ec2:DescribeRegions");
    assertThat(r.accessAdvisor().get(4).trailFirstUse()).contains(java.time.Instant.parse("2026-10-01T11:27:49Z"));
    PolicySet generated = PolicySet.builder()
        .identity(new NamedPolicy("generated", PolicyParser.parse(r.policy().json(), "generated"))).build();
    String stack = "arn:aws:cloudformation:eu-west-1:111122223333:stack/acme-web/5c1d2e3f";
    assertThat(new PolicyEngine().evaluate(Request.builder(CI, "cloudformation:DescribeStacks", stack).build(), generated)
        .decision()).isEqualTo(Decision.ALLOWED);
    assertThat(new PolicyEngine().evaluate(Request.builder(CI, "ec2:DescribeRegions", "*").build(), generated)
        .decision()).isEqualTo(Decision.ALLOWED);
    assertThat(new PolicyEngine().evaluate(Request.builder(CI, "s3:GetObject",
        "arn:aws:s3:::acme-prod-artifacts/x").build(), generated).decision())
        .as("S3 is used in the trail; Access Advisor tracks no S3 action here").isEqualTo(Decision.IMPLICIT_DENY);
  }

  static boolean ofPrincipal(LeastPrivilegeResult r, CloudTrailEvent e) {
    if (e.userIdentity() == null || e.userIdentity().arn() == null) {
      return false;
    }
    return r.principalKind().equals("user") ? e.userIdentity().arn().equals(r.principal())
        : e.userIdentity().arn().startsWith("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/");
  }

  @Test
  void theGeneratedPolicyNarrowsResourcesToTheArnsSeen() throws Exception {
    GeneratedPolicy p = ci().policy();
    assertThat(p.statements()).filteredOn(s -> s.actions().contains("sts:AssumeRole")).singleElement()
        .satisfies(s -> assertThat(s.resources()).containsExactlyInAnyOrder("arn:aws:iam::111122223333:role/DeployRole",
            "arn:aws:iam::111122223333:role/OpsAdminRole"));
    assertThat(p.statements()).filteredOn(s -> s.actions().contains("s3:ListAllMyBuckets")).singleElement()
        .satisfies(s -> assertThat(s.resources()).containsExactly("*"));
    // 40 objects under one folder become that folder
    assertThat(ops().policy().statements()).filteredOn(s -> s.actions().contains("s3:GetObject")).singleElement()
        .satisfies(s -> assertThat(s.resources()).contains("arn:aws:s3:::acme-prod-customer-data/exports/2026/09/*"));
    JsonNode doc = new ObjectMapper().readTree(p.json());
    assertThat(doc.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(doc.path("Statement").size()).isEqualTo(p.statements().size());
  }

  @Test
  void aPermissionsBoundaryAndNotActionAreRespected() throws Exception {
    // dev-tools-role: PowerUserAccess, bounded by DevBoundary (lambda, logs, dynamodb, sqs, cloudwatch, xray only)
    LeastPrivilegeResult dev = new LeastPrivilege(iam).analyze("arn:aws:iam::111122223333:role/dev-tools-role", events);
    assertThat(dev.granted()).extracting(GrantedAction::service).containsOnly("lambda", "logs", "dynamodb", "sqs",
        "cloudwatch", "xray");
    assertThat(granted(dev, "lambda:ListFunctions").conditional()).isTrue(); // aws:RequestedRegion in the boundary
    // bob: PowerUserAccess (NotAction iam:*, organizations:*, account:*) and his own credentials via ${aws:username}
    LeastPrivilegeResult bob = new LeastPrivilege(iam).analyze("arn:aws:iam::111122223333:user/bob", events);
    assertThat(bob.granted()).extracting(GrantedAction::action).contains("ec2:RunInstances", "iam:CreateAccessKey",
        "sts:AssumeRole").doesNotContain("iam:CreateUser", "organizations:LeaveOrganization");
    assertThat(granted(bob, "iam:CreateAccessKey").resources()).contains("arn:aws:iam::111122223333:user/bob");
  }

  @Test
  void anUnknownPrincipalIsRefusedWithTheKnownOnes() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new LeastPrivilege(iam).start("arn:aws:iam::111122223333:user/nobody"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user/nobody").hasMessageContaining(CI).hasMessageContaining(OPS);
  }

  @Test
  void theJsonRenderingHoldsTheWholeResult() throws Exception {
    JsonNode j = new ObjectMapper().readTree(LeastPrivilegeJson.render(ci()));
    assertThat(j.path("principal").asText()).isEqualTo(CI);
    assertThat(j.path("counts").path("granted").asInt()).isEqualTo(ci().granted().size());
    assertThat(j.path("used").size()).isEqualTo(ci().used().size());
    assertThat(j.path("unusedByService").path("ec2").toString()).contains("ec2:DescribeRegions");
    assertThat(j.path("policy").path("Statement").size()).isEqualTo(ci().policy().statements().size());
    assertThat(j.path("caveats").get(0).path("kind").asText()).isEqualTo("TRAIL_WINDOW");
  }
}
