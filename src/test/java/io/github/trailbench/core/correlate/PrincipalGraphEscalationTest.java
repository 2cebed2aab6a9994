package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.SyntheticIam.allow;
import static io.github.trailbench.core.correlate.SyntheticIam.arn;
import static io.github.trailbench.core.correlate.SyntheticIam.deny;
import static io.github.trailbench.core.correlate.SyntheticIam.doc;
import static io.github.trailbench.core.correlate.SyntheticIam.statement;
import static io.github.trailbench.core.correlate.SyntheticIam.trust;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each escalation route against the policy engine: a principal whose policies allow it gets a
 * can-escalate edge carrying the engine's decision; one that lacks an action, is denied
 * explicitly or fails a condition does not.
 */
class PrincipalGraphEscalationTest {
  static final String TOOLS_FUNCTIONS = "arn:aws:lambda:eu-west-1:111122223333:function:tools-*";
  static final String VIA_SERVICE = "{\"Bool\":{\"aws:ViaAWSService\":\"true\"}}";
  static PrincipalGraph graph;

  @BeforeAll
  static void build() {
    SyntheticIam iam = new SyntheticIam()
        // CreatePolicyVersion / SetDefaultPolicyVersion
        .policy("pv-ok-policy", doc(allow("s3:GetObject", "*")))
        .policy("pv-denied-policy", doc(allow("s3:GetObject", "*")))
        .policy("pv-lacks-policy", doc(allow("s3:GetObject", "*")))
        .policy("pv-role-policy", doc(allow("s3:GetObject", "*")))
        .policy("unrelated-policy", doc(allow("s3:GetObject", "*")))
        .policy("rollback-policy", doc(allow("*", "*")), doc(allow("s3:GetObject", "*")))
        .policy("single-version-policy", doc(allow("s3:GetObject", "*")))
        .user("pv-ok", List.of(), List.of("pv-ok-policy"), doc(allow("iam:CreatePolicyVersion", arn("policy", "*"))))
        .user("pv-denied", List.of(), List.of("pv-denied-policy"),
            doc(allow("iam:CreatePolicyVersion", "*"), deny("iam:CreatePolicyVersion", "*")))
        .user("pv-lacks", List.of(), List.of("pv-lacks-policy"), doc(allow("iam:ListPolicies", "*")))
        .user("pv-via-role", List.of(), List.of(),
            doc(allow("sts:AssumeRole", arn("role", "pv-role")), allow("iam:CreatePolicyVersion", "*")))
        .role("pv-role", trust("AWS", arn("user", "pv-via-role")), List.of("pv-role-policy"))
        .user("pv-rollback", List.of(), List.of("rollback-policy", "single-version-policy"),
            doc(allow("iam:SetDefaultPolicyVersion", "*")))
        // groups
        .group("Admins", List.of(), doc(allow("*", "*")))
        .group("Ops", List.of())
        .user("joiner", List.of(), List.of(), doc(allow("iam:AddUserToGroup", arn("group", "Admins"))))
        .user("joiner-cond", List.of(), List.of(),
            doc(statement("Allow", "iam:AddUserToGroup", arn("group", "Admins"), VIA_SERVICE)))
        .user("grp-member", List.of("Ops"), List.of(), doc(allow("iam:PutGroupPolicy", arn("group", "Ops"))))
        .user("grp-member-denied", List.of("Ops"), List.of(),
            doc(allow("iam:AttachGroupPolicy", "*"), allow("iam:PutGroupPolicy", "*"), deny("iam:*", arn("group", "Ops"))))
        .user("grp-outsider", List.of(), List.of(), doc(allow("iam:AttachGroupPolicy", arn("group", "Ops"))))
        // PassRole to a service that runs code
        .roleInInstanceProfile("ec2-admin", trust("Service", "ec2.amazonaws.com"), doc(allow("*", "*")))
        // in no instance profile: an instance cannot be given it unless the caller can make a profile
        .role("ec2-no-profile", trust("Service", "ec2.amazonaws.com"), List.of(), doc(allow("*", "*")))
        .user("profile-maker", List.of(), List.of(), doc(allow("iam:PassRole", arn("role", "ec2-no-profile")),
            allow("ec2:RunInstances", "*"), allow("[\"iam:CreateInstanceProfile\",\"iam:AddRoleToInstanceProfile\"]", "*")))
        .role("lambda-admin", trust("Service", "lambda.amazonaws.com"), List.of(), doc(allow("*", "*")))
        .user("launcher", List.of(), List.of(), doc(allow("iam:PassRole", arn("role", "*")), allow("ec2:RunInstances", "*")))
        .user("launcher-no-run", List.of(), List.of(), doc(allow("iam:PassRole", arn("role", "ec2-admin"))))
        .user("launcher-wrong-service", List.of(), List.of(), doc(
            statement("Allow", "iam:PassRole", arn("role", "ec2-admin"),
                "{\"StringEquals\":{\"iam:PassedToService\":\"lambda.amazonaws.com\"}}"),
            allow("ec2:RunInstances", "*")))
        .user("launcher-ec2-only", List.of(), List.of(), doc(
            statement("Allow", "iam:PassRole", arn("role", "*"), "{\"StringEquals\":{\"iam:PassedToService\":\"ec2.amazonaws.com\"}}"),
            allow("ec2:RunInstances", "*"), allow("[\"lambda:CreateFunction\",\"lambda:InvokeFunction\"]", "*")))
        .user("fn-maker", List.of(), List.of(), doc(allow("iam:PassRole", arn("role", "lambda-admin")),
            allow("[\"lambda:CreateFunction\",\"lambda:InvokeFunction\"]", TOOLS_FUNCTIONS)))
        .user("fn-half", List.of(), List.of(), doc(allow("iam:PassRole", arn("role", "lambda-admin")),
            allow("lambda:CreateFunction", TOOLS_FUNCTIONS)))
        // taking over other users and roles
        .user("boss", List.of(), List.of(), doc(allow("*", "*")))
        .user("helpdesk", List.of(), List.of(), doc(allow("[\"iam:AttachUserPolicy\",\"iam:PutUserPolicy\"]", arn("user", "boss"))))
        .user("key-maker", List.of(), List.of(), doc(allow("iam:CreateAccessKey", arn("user", "boss"))))
        .role("ops-admin", trust("AWS", arn("user", "boss")), List.of(), doc(allow("*", "*")))
        .user("policy-writer", List.of(), List.of(), doc(allow("[\"iam:AttachRolePolicy\",\"iam:PutRolePolicy\"]", arn("role", "ops-admin"))))
        .user("trust-writer", List.of(), List.of(), doc(allow("iam:UpdateAssumeRolePolicy", arn("role", "ops-admin"))))
        .role("app-role", trust("AWS", arn("user", "app-dev")), List.of(), doc(allow("s3:GetObject", "*")))
        .user("app-dev", List.of(), List.of(), doc(allow("sts:AssumeRole", arn("role", "app-role")),
            allow("iam:PutRolePolicy", arn("role", "app-role"))));
    graph = new PrincipalGraphBuilder(iam.snapshot()).build();
  }

  static Optional<GraphEdge> escalation(String fromUser, String to) {
    return graph.edges().stream()
        .filter(e -> e.kind() == EdgeKind.CAN_ESCALATE && e.from().equals(arn("user", fromUser)) && e.to().equals(to))
        .findFirst();
  }

  static List<String> escalationTargets(String fromUser) {
    return graph.edges().stream().filter(e -> e.kind() == EdgeKind.CAN_ESCALATE && e.from().equals(arn("user", fromUser)))
        .map(GraphEdge::to).toList();
  }

  @Test
  void createPolicyVersionOnItsOwnManagedPolicyIsAnEscalationWithTheDecisionAsEvidence() {
    GraphEdge e = escalation("pv-ok", arn("policy", "pv-ok-policy")).orElseThrow();
    assertThat(e.evidence().get(0)).startsWith("iam:CreatePolicyVersion on " + arn("policy", "pv-ok-policy"))
        .contains("Allowed", "pv-ok-inline-0");
    assertThat(e.evidence().get(1)).contains("attached to " + arn("user", "pv-ok"));
    assertThat(escalationTargets("pv-ok")).as("policies it is not attached to are not its escalation")
        .containsExactly(arn("policy", "pv-ok-policy"));
  }

  @Test
  void writingAnotherUsersOrAnUnassumableRolesPoliciesIsNoWayToBecomeThem() {
    // it changes what boss or ops-admin may do, not what the caller may: AWS gives the caller nothing of theirs
    assertThat(escalationTargets("helpdesk")).isEmpty();
    assertThat(escalationTargets("policy-writer")).isEmpty();
    // credentials of its own for another user, or a trust policy naming the caller, are
    assertThat(escalation("key-maker", arn("user", "boss")).orElseThrow().evidence().get(0)).startsWith("iam:CreateAccessKey");
    assertThat(escalation("trust-writer", arn("role", "ops-admin")).orElseThrow().evidence().get(0))
        .startsWith("iam:UpdateAssumeRolePolicy");
    // and writing the policies of a role the caller can already assume raises what it can do as that role
    assertThat(escalation("app-dev", arn("role", "app-role")).orElseThrow().evidence().get(0)).startsWith("iam:PutRolePolicy");
  }

  @Test
  void routesThatGiveThePrincipalItselfAnyPermissionMakeItAdminEquivalent() {
    // a new default version of its own policy, a policy written into its own group, joining a group that allows everything
    assertThat(adminEquivalent("pv-ok")).isTrue();
    assertThat(adminEquivalent("grp-member")).isTrue();
    assertThat(adminEquivalent("joiner")).isTrue();
    // a route that raises a role it can assume, not itself; no route; a condition that fails
    assertThat(adminEquivalent("pv-via-role")).isFalse();
    assertThat(adminEquivalent("pv-lacks")).isFalse();
    assertThat(adminEquivalent("grp-outsider")).isFalse();
    assertThat(adminEquivalent("joiner-cond")).isFalse();
  }

  static boolean adminEquivalent(String user) {
    return graph.nodes().stream().filter(n -> n.id().equals(arn("user", user))).findFirst().orElseThrow().adminEquivalent();
  }

  @Test
  void createPolicyVersionDeniedExplicitlyOrMissingGivesNoEdge() {
    assertThat(escalationTargets("pv-denied")).isEmpty();
    assertThat(escalationTargets("pv-lacks")).isEmpty();
  }

  @Test
  void createPolicyVersionReachesThePoliciesOfARoleThePrincipalCanAssume() {
    assertThat(graph.edges()).anyMatch(e -> e.kind() == EdgeKind.CAN_ASSUME && e.from().equals(arn("user", "pv-via-role"))
        && e.to().equals(arn("role", "pv-role")));
    GraphEdge e = escalation("pv-via-role", arn("policy", "pv-role-policy")).orElseThrow();
    assertThat(e.evidence().get(1)).contains(arn("role", "pv-role"));
    assertThat(escalation("pv-via-role", arn("policy", "unrelated-policy"))).isEmpty();
  }

  @Test
  void setDefaultPolicyVersionCountsOnlyWhenAnotherVersionExists() {
    GraphEdge e = escalation("pv-rollback", arn("policy", "rollback-policy")).orElseThrow();
    assertThat(e.evidence().get(0)).startsWith("iam:SetDefaultPolicyVersion");
    assertThat(e.evidence().get(1)).contains("2 versions");
    assertThat(escalation("pv-rollback", arn("policy", "single-version-policy"))).isEmpty();
  }

  @Test
  void addUserToGroupReachesTheGroupUnlessAConditionFails() {
    GraphEdge e = escalation("joiner", arn("group", "Admins")).orElseThrow();
    assertThat(e.evidence().get(0)).startsWith("iam:AddUserToGroup on " + arn("group", "Admins")).contains("Allowed");
    assertThat(escalationTargets("joiner-cond")).as("aws:ViaAWSService is absent from a direct call").isEmpty();
  }

  @Test
  void groupPolicyRewritesCountOnlyForMembersAndNotWhenDenied() {
    GraphEdge e = escalation("grp-member", arn("group", "Ops")).orElseThrow();
    assertThat(e.evidence().get(0)).startsWith("iam:PutGroupPolicy on " + arn("group", "Ops"));
    assertThat(escalationTargets("grp-member-denied")).isEmpty();
    assertThat(escalationTargets("grp-outsider")).as("attaching to a group one is not in escalates nobody").isEmpty();
  }

  @Test
  void passRoleToEc2WithRunInstancesReachesTheRole() {
    GraphEdge e = escalation("launcher", arn("role", "ec2-admin")).orElseThrow();
    assertThat(e.evidence()).hasSize(4);
    assertThat(e.evidence().get(0)).startsWith("iam:PassRole on " + arn("role", "ec2-admin")
        + " with iam:PassedToService=ec2.amazonaws.com").contains("Allowed");
    assertThat(e.evidence().get(1)).isEqualTo("ec2-admin is in instance profile ec2-admin");
    assertThat(e.evidence().get(2)).startsWith("ec2:RunInstances on *");
    assertThat(e.evidence().get(3)).contains("ec2.amazonaws.com");
    // a role in no instance profile cannot go to an instance, unless the caller can make a profile for it
    assertThat(escalation("launcher", arn("role", "ec2-no-profile"))).isEmpty();
    assertThat(escalation("profile-maker", arn("role", "ec2-no-profile")).orElseThrow().evidence())
        .anySatisfy(l -> assertThat(l).startsWith("iam:CreateInstanceProfile"));
    assertThat(escalation("launcher", arn("role", "lambda-admin"))).as("no Lambda permissions").isEmpty();
  }

  @Test
  void thePassedToServiceConditionIsDecidedPerService() {
    assertThat(escalationTargets("launcher-ec2-only")).containsExactly(arn("role", "ec2-admin"));
  }

  @Test
  void passRoleWithoutTheServiceActionOrToAnotherServiceGivesNoEdge() {
    assertThat(escalationTargets("launcher-no-run")).isEmpty();
    assertThat(escalationTargets("launcher-wrong-service")).as("iam:PassedToService condition names lambda").isEmpty();
  }

  @Test
  void passRoleToLambdaNeedsCreateAndInvokeOnAFunctionNameThePrincipalMayChoose() {
    GraphEdge e = escalation("fn-maker", arn("role", "lambda-admin")).orElseThrow();
    assertThat(e.evidence()).anyMatch(l -> l.startsWith("lambda:CreateFunction on arn:aws:lambda:eu-west-1:111122223333:function:tools-x"))
        .anyMatch(l -> l.startsWith("lambda:InvokeFunction"));
    assertThat(escalationTargets("fn-half")).isEmpty();
  }

  @Test
  void aboveTheLimitTheSearchIsSkippedAndTheGraphSaysSo() {
    SyntheticIam big = new SyntheticIam().user("admin", List.of(), List.of(), doc(allow("*", "*")));
    for (int i = 0; i < PrincipalGraphBuilder.ESCALATION_LIMIT; i++) {
      big.user("u" + i, List.of(), List.of());
    }
    PrincipalGraph g = new PrincipalGraphBuilder(big.snapshot()).build();
    assertThat(g.edges()).noneMatch(e -> e.kind() == EdgeKind.CAN_ESCALATE);
    assertThat(g.node(PrincipalGraphBuilder.ESCALATION_SKIPPED).orElseThrow().details().get("why"))
        .startsWith((PrincipalGraphBuilder.ESCALATION_LIMIT + 1) + " principals");
  }
}
