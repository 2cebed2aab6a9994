package io.github.trailbench.core.findings.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.correlate.SyntheticIam;
import io.github.trailbench.core.correlate.TestEvents;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.PolicyParser;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.Request;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Least privilege with IAM Access Advisor's view beside the trail's. */
class LeastPrivilegeAccessAdvisorTest {
  static final String CI = SyntheticIam.arn("user", "ci");
  static final String STACKS = "arn:aws:cloudformation:eu-west-1:111122223333:stack/acme-*";

  static SyntheticIam iam() {
    return new SyntheticIam().user("ci", List.of(), List.of(), SyntheticIam.doc(
        SyntheticIam.allow("[\"ec2:DescribeInstances\",\"ec2:DescribeRegions\",\"ec2:RunInstances\"]", "*"),
        SyntheticIam.allow("[\"cloudformation:DescribeStacks\",\"cloudformation:ListStackResources\"]", STACKS),
        SyntheticIam.allow("sqs:SendMessage", "*")));
  }

  /** ci-deploy's report: EC2 used (DescribeRegions only last month), CloudFormation last month, SQS never. */
  static IamSource report() throws Exception {
    String json = """
        {"trailbench": "access-advisor/v1", "principalArn": "%s", "report": {
          "JobStatus": "COMPLETED", "JobType": "ACTION_LEVEL", "JobCompletionDate": "2026-10-08T09:00:00Z",
          "ServicesLastAccessed": [
            {"ServiceNamespace": "ec2", "LastAuthenticated": "2026-10-03T14:04:38Z", "TrackedActionsLastAccessed": [
              {"ActionName": "DescribeInstances", "LastAccessedTime": "2026-10-03T14:04:38Z"},
              {"ActionName": "DescribeRegions", "LastAccessedTime": "2026-09-12T06:31:00Z"},
              {"ActionName": "RunInstances"}]},
            {"ServiceNamespace": "cloudformation", "LastAuthenticated": "2026-09-21T10:14:00Z"},
            {"ServiceNamespace": "sqs"}]}}
        """.formatted(CI);
    return IamSources.read(IamSourceKind.ACCESS_ADVISOR, "advisor.json", json.getBytes(StandardCharsets.UTF_8));
  }

  static CloudTrailEvent describeInstances(String time) {
    ObjectNode r = TestEvents.base();
    r.put("eventTime", time).put("eventSource", "ec2.amazonaws.com").put("eventName", "DescribeInstances")
        .put("eventID", "e-" + time);
    ((ObjectNode) r.get("userIdentity")).put("arn", CI).put("userName", "ci");
    return TestEvents.of(r);
  }

  static LeastPrivilegeResult analyse(IamSnapshot snapshot) throws Exception {
    return new LeastPrivilege(snapshot).analyze(CI, List.of(describeInstances("2026-10-02T08:00:00Z"),
        describeInstances("2026-10-03T14:04:38Z")));
  }

  @Test
  void aServiceUnusedInTheTrailButUsedInAccessAdvisorsWindowIsUsedAndKeptWithItsCaveat() throws Exception {
    LeastPrivilegeResult r = analyse(iam().snapshot(List.of(report())));

    assertThat(r.accessAdvisor()).extracting(AdvisorService::service).containsExactly("cloudformation", "ec2", "sqs");
    AdvisorService cfn = r.accessAdvisor().get(0);
    assertThat(cfn.status()).isEqualTo(AdvisorService.Status.USED_ACCORDING_TO_ACCESS_ADVISOR);
    assertThat(cfn.label()).isEqualTo("used (Access Advisor, last 2026-09-21)");
    assertThat(cfn.kept()).containsExactly("cloudformation:DescribeStacks", "cloudformation:ListStackResources");
    assertThat(cfn.trailFirstUse()).isEmpty();

    assertThat(r.policy().statements()).filteredOn(s -> s.service().equals("cloudformation")).singleElement()
        .satisfies(s -> {
          assertThat(s.sid()).isEqualTo("AccessAdvisorCloudformation");
          assertThat(s.resources()).as("the grant's own resources").containsExactly(STACKS);
        });
    assertThat(r.caveats().get(1).kind()).isEqualTo(Caveat.Kind.ACCESS_ADVISOR);
    assertThat(r.caveats().get(1).items()).contains(
        "cloudformation: used (Access Advisor, last 2026-09-21), kept: cloudformation:DescribeStacks,"
            + " cloudformation:ListStackResources");
  }

  @Test
  void trackedActionsKeepOnlyTheActionsAccessAdvisorShowsUsed() throws Exception {
    LeastPrivilegeResult r = analyse(iam().snapshot(List.of(report())));
    AdvisorService ec2 = r.accessAdvisor().get(1);
    assertThat(ec2.status()).isEqualTo(AdvisorService.Status.USED_IN_TRAIL);
    assertThat(ec2.trailFirstUse()).contains(Instant.parse("2026-10-02T08:00:00Z"));
    assertThat(ec2.trailLastUse()).contains(Instant.parse("2026-10-03T14:04:38Z"));
    assertThat(ec2.kept()).as("RunInstances is tracked and never accessed").containsExactly("ec2:DescribeRegions");
    List<String> ec2Actions = r.policy().statements().stream().filter(s -> s.service().equals("ec2"))
        .flatMap(s -> s.actions().stream()).toList();
    assertThat(ec2Actions).containsExactlyInAnyOrder("ec2:DescribeInstances", "ec2:DescribeRegions");
    assertThat(r.caveats().get(1).items()).contains("ec2:DescribeRegions: used (Access Advisor, last 2026-09-12), kept");

    AdvisorService sqs = r.accessAdvisor().get(2);
    assertThat(sqs.status()).isEqualTo(AdvisorService.Status.UNUSED);
    assertThat(sqs.kept()).isEmpty();
    assertThat(r.policy().json()).doesNotContain("sqs:", "ec2:RunInstances");
  }

  @Test
  void theGeneratedPolicyAllowsWhatAccessAdvisorShowsUsedAndStillDeniesTheRest() throws Exception {
    LeastPrivilegeResult r = analyse(iam().snapshot(List.of(report())));
    PolicySet generated = PolicySet.builder().identity(new io.github.trailbench.core.model.policy.NamedPolicy("generated",
        PolicyParser.parse(r.policy().json(), "generated"))).build();
    PolicyEngine engine = new PolicyEngine();
    String stack = "arn:aws:cloudformation:eu-west-1:111122223333:stack/acme-web/1";
    assertThat(engine.evaluate(Request.builder(CI, "cloudformation:DescribeStacks", stack).build(), generated).decision())
        .isEqualTo(Decision.ALLOWED);
    assertThat(engine.evaluate(Request.builder(CI, "ec2:DescribeRegions", "*").build(), generated).decision())
        .isEqualTo(Decision.ALLOWED);
    assertThat(engine.evaluate(Request.builder(CI, "ec2:RunInstances", "*").build(), generated).decision())
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(engine.evaluate(Request.builder(CI, "sqs:SendMessage", "*").build(), generated).decision())
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void textAndJsonShowAccessAdvisorBesideTheTrail() throws Exception {
    LeastPrivilegeResult r = analyse(iam().snapshot(List.of(report())));
    assertThat(LeastPrivilegeText.render(r)).contains("IAM Access Advisor (beside the trail's first and last use):",
        "cloudformation         used (Access Advisor, last 2026-09-21); kept in the policy: cloudformation:DescribeStacks",
        "ec2                    used in the trail (Access Advisor, last 2026-10-03); trail 2026-10-02T08:00:00Z … 2026-10-03T14:04:38Z",
        "[ACCESS_ADVISOR]");
    JsonNode j = new ObjectMapper().readTree(LeastPrivilegeJson.render(r));
    assertThat(j.path("accessAdvisor").get(0).path("status").asText()).isEqualTo("USED_ACCORDING_TO_ACCESS_ADVISOR");
    assertThat(j.path("accessAdvisor").get(0).path("lastAuthenticated").asText()).isEqualTo("2026-09-21T10:14:00Z");
    assertThat(j.path("accessAdvisor").get(1).path("trailFirstUse").asText()).isEqualTo("2026-10-02T08:00:00Z");
    assertThat(j.path("policy").toString()).contains("AccessAdvisorCloudformation");
  }

  @Test
  void withoutAReportForThePrincipalNothingChanges() throws Exception {
    LeastPrivilegeResult without = analyse(iam().snapshot());
    assertThat(without.accessAdvisor()).isEmpty();
    assertThat(without.caveats()).extracting(Caveat::kind).doesNotContain(Caveat.Kind.ACCESS_ADVISOR);
    assertThat(without.policy().json()).doesNotContain("cloudformation", "AccessAdvisor");
    assertThat(Optional.of(without.unusedByService().get("cloudformation"))).hasValueSatisfying(
        a -> assertThat(a).contains("cloudformation:DescribeStacks"));
  }
}
