package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.policy.NamedPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-sentence decision and the deciding path, built from the trace. */
class DecisionSentenceTest {
  static final PolicyEngine ENGINE = new PolicyEngine();
  static final String ROLE_SESSION = "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint";

  static NamedPolicy policy(String name, String json) throws Exception {
    return new NamedPolicy(name, PolicyParser.parse(json, name));
  }

  static NamedPolicy allowAll(String name) throws Exception {
    return policy(name, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
  }

  /** The sample's organization: FullAWSAccess at every level, ProtectSecurityTooling on OU Production. */
  static PolicySet organization() throws Exception {
    return PolicySet.builder()
        .identity(allowAll("AdministratorAccess"))
        .scpLevel(List.of(allowAll("FullAWSAccess @ Root (r-7k2p)")))
        .scpLevel(List.of(allowAll("FullAWSAccess @ Production (ou-7k2p-prod0001)"),
            policy("ProtectSecurityTooling @ Production (ou-7k2p-prod0001)", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Sid\":\"ProtectSecurityTooling\",\"Effect\":\"Deny\",\"Action\":\"cloudtrail:StopLogging\",\"Resource\":\"*\","
                + "\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/OrgSecurityAdmin\"}}}]}")))
        .scpLevel(List.of(allowAll("FullAWSAccess @ prod (111122223333)")))
        .build();
  }

  static EvaluationResult stopLogging() throws Exception {
    return ENGINE.evaluate(Request.builder(ROLE_SESSION, "cloudtrail:StopLogging",
        "arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-prod-trail").build(), organization());
  }

  @Test
  void anScpDenyNamesThePolicyItsOuAndTheValueThatDecided() throws Exception {
    assertThat(DecisionSentence.of(stopLogging()))
        .isEqualTo("Denied by SCP ProtectSecurityTooling on OU Production: the caller's role OpsAdminRole is not OrgSecurityAdmin.");
  }

  @Test
  void anIdentityAllowNamesThePolicyWhereItIsAttachedAndThePatternsThatMatched() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("ci-deploy-policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}")).build();
    EvaluationResult r = ENGINE.evaluate(Request.builder("arn:aws:iam::111122223333:user/ci-deploy", "s3:GetObject",
        "arn:aws:s3:::bucket/a.txt").build(), set);
    assertThat(DecisionSentence.of(r, Map.of("ci-deploy-policy", "inline on user ci-deploy")::get))
        .isEqualTo("Allowed by ci-deploy-policy (inline on user ci-deploy): s3:GetObject on arn:aws:s3:::bucket/*.");
    assertThat(DecisionSentence.of(r))
        .isEqualTo("Allowed by ci-deploy-policy (identity-based policy of user ci-deploy): s3:GetObject on arn:aws:s3:::bucket/*.");
  }

  @Test
  void anScpLevelWithoutAllowIsNamedByItsOu() throws Exception {
    PolicySet set = PolicySet.builder().identity(allowAll("AdministratorAccess"))
        .scpLevel(List.of(allowAll("FullAWSAccess @ Root (r-7k2p)")))
        .scpLevel(List.of(policy("OnlyS3 @ Sandbox (ou-7k2p-sbx00001)",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")))
        .build();
    EvaluationResult r = ENGINE.evaluate(Request.builder(ROLE_SESSION, "iam:CreateUser", "arn:aws:iam::111122223333:user/x").build(), set);
    assertThat(DecisionSentence.of(r)).isEqualTo("Denied implicitly: no SCP on OU Sandbox allows iam:CreateUser"
        + " (SCPs must allow at every level of the organization path).");
  }

  @Test
  void noIdentityAllowNamesThePrincipalsPolicies() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("ReadOnly",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}")).build();
    EvaluationResult r = ENGINE.evaluate(Request.builder("arn:aws:iam::111122223333:user/bob", "iam:CreateUser", "arn:aws:iam::111122223333:user/x").build(), set);
    assertThat(DecisionSentence.of(r)).isEqualTo("Denied implicitly: no policy of user bob (ReadOnly) allows iam:CreateUser"
        + " on arn:aws:iam::111122223333:user/x.");
  }

  @Test
  void underAnExplicitDenyTheDecidingPathHoldsTheDenyBranchOnly() throws Exception {
    TraceNode path = DecidingPath.of(stopLogging().trace());
    assertThat(path.children()).extracting(TraceNode::id).containsExactly("1");
    List<TraceNode> all = path.flatten();
    assertThat(all).noneMatch(n -> n.outcome() == Outcome.ALLOW);
    assertThat(all).filteredOn(n -> n.kind() == NodeKind.STATEMENT).extracting(TraceNode::label)
        .containsExactly("Statement ProtectSecurityTooling (Deny)");
    assertThat(all).filteredOn(n -> n.kind() == NodeKind.CONDITION).hasSize(1);
    // ids are those of the full trace, so a view can select the same node in both
    TraceNode full = stopLogging().trace();
    all.forEach(n -> assertThat(full.find(n.id()).label()).isEqualTo(n.label()));
  }

  @Test
  void whenAllowedTheDecidingPathHoldsTheAllowBranchesOnly() throws Exception {
    EvaluationResult r = ENGINE.evaluate(Request.builder(ROLE_SESSION, "iam:CreateUser", "arn:aws:iam::111122223333:user/x").build(),
        organization());
    assertThat(r.decision()).isEqualTo(Decision.ALLOWED);
    TraceNode path = DecidingPath.of(r.trace());
    assertThat(path.children()).extracting(TraceNode::id).containsExactly("2", "7");
    assertThat(path.flatten()).noneMatch(n -> n.outcome() == Outcome.NO_MATCH || n.outcome() == Outcome.DENY);
  }

  @Test
  void underAnImplicitDenyTheDecidingPathHoldsTheGateThatDenied() throws Exception {
    PolicySet set = PolicySet.builder().identity(allowAll("AdministratorAccess"))
        .boundary(policy("OnlyS3", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"))
        .build();
    EvaluationResult r = ENGINE.evaluate(Request.builder("arn:aws:iam::111122223333:user/bob", "iam:CreateUser", "*").build(), set);
    assertThat(DecidingPath.of(r.trace()).children()).extracting(TraceNode::id).containsExactly("5");
    assertThat(DecisionSentence.of(r)).isEqualTo("Denied implicitly: the permissions boundary OnlyS3 does not allow iam:CreateUser.");
  }

  @Test
  void getCallerIdentityIsAllowedAgainstAnExplicitDenyWithAStepSayingWhy() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("DenyAll",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}")).build();
    EvaluationResult r = ENGINE.evaluate(Request.builder("arn:aws:iam::111122223333:user/bob", "sts:GetCallerIdentity", "*").build(), set);
    assertThat(r.decision()).isEqualTo(Decision.ALLOWED);
    TraceNode why = r.trace().find(NotDeniable.STEP_ID);
    assertThat(why.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(why.explanation()).contains("No permissions are required to perform this operation", "ExplicitDeny");
    assertThat(DecisionSentence.of(r)).isEqualTo(
        "Allowed whatever the policies say: no policy can deny sts:GetCallerIdentity (the policies alone would give ExplicitDeny).");
    assertThat(DecidingPath.of(r.trace()).children()).extracting(TraceNode::id).containsExactly(NotDeniable.STEP_ID);
  }

  @Test
  void otherStsCallsAreStillDeniable() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("DenyAll",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}")).build();
    EvaluationResult r = ENGINE.evaluate(Request.builder("arn:aws:iam::111122223333:user/bob", "sts:GetAccessKeyInfo", "*").build(), set);
    assertThat(r.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(r.trace().find(NotDeniable.STEP_ID)).isNull();
    // a session cannot call GetSessionToken at all, so for it the policies decide
    EvaluationResult s = ENGINE.evaluate(Request.builder(ROLE_SESSION, "sts:GetSessionToken", "*").build(), set);
    assertThat(s.decision()).isEqualTo(Decision.EXPLICIT_DENY);
  }

  @Test
  void anUndeterminedDecisionSaysWhatItWouldBeAllowedUnderAndWhyItIsUnknown() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("TeamAccess", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Team\","
        + "\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"red\"}}}]}")).build();
    EvaluationResult r = ENGINE.evaluate(Request.builder("arn:aws:iam::111122223333:user/bob", "ec2:StopInstances", "*")
        .unknown("aws:ResourceTag/*").build(), set);
    assertThat(DecisionSentence.of(r)).startsWith("Undetermined: Allowed if aws:ResourceTag/team = red")
        .contains("TeamAccess", "the log does not carry resource tags");
  }
}
