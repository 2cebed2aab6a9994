package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.policy.NamedPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceTest {
  static final PolicyEngine ENGINE = new PolicyEngine();

  static NamedPolicy policy(String name, String json) throws Exception {
    return new NamedPolicy(name, PolicyParser.parse(json, name));
  }

  static PolicySet set() throws Exception {
    return PolicySet.builder()
        .identity(policy("AdministratorAccess", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowAdmin\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
        .identity(policy("DenyBilling", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoBilling\",\"Effect\":\"Deny\",\"Action\":\"aws-portal:*\",\"Resource\":\"*\"}]}"))
        .scpLevel(List.of(policy("FullAWSAccess", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")))
        .scpLevel(List.of(policy("RegionLock", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
            + "{\"Sid\":\"Regions\",\"Effect\":\"Deny\",\"NotAction\":\"iam:*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"eu-west-1\"]}}}]}")))
        .build();
  }

  static Request request() {
    return Request.builder("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/alice", "iam:CreateUser", "arn:aws:iam::111122223333:user/bob")
        .context("aws:RequestedRegion", "us-east-1").build();
  }

  static Request denied() {
    return Request.builder("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/alice", "ec2:RunInstances", "*")
        .context("aws:RequestedRegion", "us-east-1").build();
  }

  @Test
  void rootAndSevenStepsInAwsOrder() throws Exception {
    TraceNode t = ENGINE.evaluate(request(), set()).trace();
    assertThat(t.id()).isEqualTo("0");
    assertThat(t.kind()).isEqualTo(NodeKind.DECISION);
    assertThat(t.children()).extracting(TraceNode::id).containsExactly("1", "2", "3", "4", "5", "6", "7");
    assertThat(t.children()).extracting(TraceNode::label).containsExactly(
        "Explicit deny check (all applicable policies)", "Service control policies (SCPs)", "Resource control policies (RCPs)",
        "Resource-based policy", "Permissions boundary", "Session policies", "Identity-based policies");
    assertThat(t.children()).allSatisfy(c -> assertThat(c.kind()).isEqualTo(NodeKind.POLICY_TYPE));
  }

  @Test
  void idsAreDottedPathsInEvaluationOrderAndUnique() throws Exception {
    TraceNode t = ENGINE.evaluate(request(), set()).trace();
    List<TraceNode> all = t.flatten();
    Set<String> ids = new java.util.HashSet<>();
    for (TraceNode n : all) {
      assertThat(ids.add(n.id())).as("unique " + n.id()).isTrue();
      for (int i = 0; i < n.children().size(); i++) {
        String expected = (n.id().equals("0") ? "" : n.id() + ".") + (i + 1);
        assertThat(n.children().get(i).id()).isEqualTo(expected);
      }
      assertThat(n.explanation()).as("explanation of " + n.id()).isNotBlank();
      assertThat(t.find(n.id())).isSameAs(n);
    }
  }

  @Test
  void idsAreStableAcrossRunsAndEngines() throws Exception {
    String a = ResultJson.line(ENGINE.evaluate(request(), set()));
    String b = ResultJson.line(new PolicyEngine().evaluate(request(), set()));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void theAllowedExplanationNamesStatementPolicyAndMatch() throws Exception {
    Request r = Request.builder("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/alice", "iam:CreateUser", "arn:aws:iam::111122223333:user/bob")
        .context("aws:RequestedRegion", "eu-west-1").build();
    EvaluationResult res = ENGINE.evaluate(r, set());
    assertThat(res.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(res.explanation()).startsWith(
        "Allowed: statement AllowAdmin of policy AdministratorAccess (identity-based policy, role OpsAdminRole) matches: action iam:CreateUser matches *")
        .contains("every SCP level (2) allows");
    assertThat(res.dependsOn()).isEmpty();
  }

  @Test
  void comparedValuesArePresent() throws Exception {
    Request r = Request.builder("arn:aws:sts::111122223333:assumed-role/OpsAdminRole/alice", "ec2:RunInstances", "*")
        .context("aws:RequestedRegion", "us-east-1").build();
    EvaluationResult res = ENGINE.evaluate(r, set());
    assertThat(res.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    TraceNode deny = res.trace().find("1");
    assertThat(deny.outcome()).isEqualTo(Outcome.DENY);
    // 1.1 DenyBilling? no: SCP policies come first in evaluation order
    assertThat(deny.children()).extracting(TraceNode::label).containsExactly(
        "RegionLock (SCP, level 2 (account))", "DenyBilling (identity-based policy, role OpsAdminRole)");
    TraceNode regions = res.trace().find("1.1.1");
    assertThat(regions.label()).contains("Regions");
    assertThat(regions.outcome()).isEqualTo(Outcome.DENY);
    TraceNode notAction = res.trace().find("1.1.1.1");
    assertThat(notAction.label()).isEqualTo("NotAction");
    assertThat(notAction.detail()).containsEntry("request", "ec2:RunInstances").containsEntry("policy", "iam:*");
    TraceNode cond = res.trace().find("1.1.1.3.1");
    assertThat(cond.kind()).isEqualTo(NodeKind.CONDITION);
    assertThat(cond.detail()).containsEntry("operator", "StringNotEquals").containsEntry("key", "aws:RequestedRegion")
        .containsEntry("request", "us-east-1").containsEntry("policy", "eu-west-1");
    assertThat(res.trace().find("1.2.1").outcome()).isEqualTo(Outcome.NO_MATCH);
    assertThat(res.trace().find("1.2.1.1").detail()).containsEntry("request", "ec2:RunInstances").containsEntry("policy", "aws-portal:*");
  }

  @Test
  void undeterminedNamesTheKeyOnTheNodeAndTheDecision() throws Exception {
    PolicySet s = PolicySet.builder().identity(policy("Team", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TeamRed\",\"Effect\":\"Allow\","
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"red\"}}}]}")).build();
    Request r = Request.builder("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b/k").unknown("aws:ResourceTag/team").build();
    EvaluationResult res = ENGINE.evaluate(r, s);
    assertThat(res.decision()).isEqualTo(Decision.UNDETERMINED);
    assertThat(res.dependsOn()).containsExactly("aws:ResourceTag/team");
    assertThat(res.explanation()).contains("Allowed if aws:ResourceTag/team = red").contains("the log does not carry resource tags");
    TraceNode c = res.trace().find("7.1.1.3.1");
    assertThat(c.outcome()).isEqualTo(Outcome.UNDETERMINED);
    assertThat(c.detail()).containsEntry("unknownKey", "aws:ResourceTag/team").containsEntry("keyState", "unknown");
    assertThat(res.trace().detail().get("dependsOn")).isEqualTo(List.of("aws:ResourceTag/team"));
    for (String id : List.of("7.1.1.3", "7.1.1", "7.1", "7", "0")) {
      assertThat(res.trace().find(id).outcome()).as(id).isEqualTo(Outcome.UNDETERMINED);
    }
  }

  @Test
  void jsonMatchesTheDesignShape() throws Exception {
    JsonNode j = new ObjectMapper().readTree(ResultJson.line(ENGINE.evaluate(denied(), set())));
    assertThat(j.get("decision").asText()).isEqualTo("ExplicitDeny");
    assertThat(j.get("explanation").asText()).startsWith("Explicitly denied: statement Regions of policy RegionLock");
    JsonNode t = j.get("trace");
    List<String> fields = new ArrayList<>();
    t.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("id", "kind", "label", "outcome", "explanation", "detail", "children");
    assertThat(t.get("kind").asText()).isEqualTo("decision");
    assertThat(t.get("outcome").asText()).isEqualTo("Deny");
    assertThat(t.get("children").get(0).get("kind").asText()).isEqualTo("policyType");
    assertThat(t.get("detail").get("crossAccount").isBoolean()).isTrue();
    List<String> outcomes = new ArrayList<>();
    collect(t, outcomes);
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isIn("Allow", "Deny", "Match", "NoMatch", "Undetermined", "NotApplicable"));
  }

  private static void collect(JsonNode n, List<String> out) {
    out.add(n.get("outcome").asText());
    n.get("children").forEach(c -> collect(c, out));
  }

  @Test
  void derivedPrincipalFactsAreShown() throws Exception {
    EvaluationResult res = ENGINE.evaluate(request(), set());
    @SuppressWarnings("unchecked")
    java.util.Map<String, String> derived = (java.util.Map<String, String>) res.trace().detail().get("derivedContext");
    assertThat(derived).containsEntry("aws:PrincipalArn", "arn:aws:iam::111122223333:role/OpsAdminRole")
        .containsEntry("aws:PrincipalAccount", "111122223333").containsEntry("aws:PrincipalType", "AssumedRole")
        .doesNotContainKey("aws:username");
  }

  @Test
  void textRenderingShowsOutcomesAndExplanation() throws Exception {
    String text = TraceText.render(ENGINE.evaluate(denied(), set()));
    assertThat(text).startsWith("Explicitly denied: ").contains("[Deny] 0 Decision: ExplicitDeny").contains("  [Deny] 1 Explicit deny check")
        .contains("[NotApplicable] 3 Resource control policies");
  }
}
