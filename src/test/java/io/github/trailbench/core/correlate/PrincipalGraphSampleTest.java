package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The principal graph of the bundled sample (samples/README.md). */
class PrincipalGraphSampleTest {
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String OPS = "arn:aws:iam::111122223333:role/OpsAdminRole";
  static final String BACKUP = "arn:aws:iam::111122223333:user/svc-backup";
  static PrincipalGraph graph;

  @BeforeAll
  static void build() throws Exception {
    PoliciesInForceSampleTest.readSample();
    PrincipalGraphBuilder builder = new PrincipalGraphBuilder(PoliciesInForceSampleTest.iam);
    SampleEvents.read().forEach(builder::add);
    graph = builder.build();
  }

  static List<GraphEdge> edges(String from, String to, EdgeKind kind) {
    return graph.edges().stream().filter(e -> e.from().equals(from) && e.to().equals(to) && e.kind() == kind).toList();
  }

  @Test
  void theLeakedUserCanAndDidAssumeTheAdminRole() {
    List<GraphEdge> can = edges(CI, OPS, EdgeKind.CAN_ASSUME);
    assertThat(can).hasSize(1);
    assertThat(can.get(0).evidence().get(0)).contains("sts:AssumeRole", "ci-deploy-policy");
    List<GraphEdge> did = edges(CI, OPS, EdgeKind.DID_ASSUME);
    assertThat(did).hasSize(1);
    assertThat(did.get(0).evidence().get(0)).contains("1 time(s)", "2026-10-03T14:06");
  }

  @Test
  void theAdminRoleCanEscalateToOtherUsersAndTheLeakedUserReachesTheBackdoor() {
    assertThat(edges(OPS, BACKUP, EdgeKind.CAN_ESCALATE)).hasSize(1);
    assertThat(graph.reachableFrom(CI)).anyMatch(p -> p.edges().get(p.edges().size() - 1).to().equals(BACKUP));
  }

  @Test
  void principalsThatCanGrantThemselvesAnythingAreMarkedAdminEquivalent() {
    assertThat(graph.nodes().stream().filter(io.github.trailbench.core.model.graph.GraphNode::adminEquivalent)
        .map(io.github.trailbench.core.model.graph.GraphNode::label))
        .containsExactlyInAnyOrder("alice", "svc-backup", "OpsAdminRole");
    assertThat(graph.node(OPS).orElseThrow().details().get("admin-equivalent"))
        .startsWith("can grant itself any permission: iam:AttachRolePolicy on " + OPS).contains("AdministratorAccess");
  }

  @Test
  void aGroupIsAGroupNodeWithItsDetailsThoughAMemberNamesItFirst() {
    io.github.trailbench.core.model.graph.GraphNode admins = graph.node("arn:aws:iam::111122223333:group/Admins").orElseThrow();
    assertThat(admins.kind()).isEqualTo(NodeKind.GROUP);
    assertThat(admins.details()).containsKey("policies");
  }

  @Test
  void servicesAndTheCompromisedKeyAreNodes() {
    assertThat(graph.node("ec2.amazonaws.com").orElseThrow().kind()).isEqualTo(NodeKind.SERVICE);
    assertThat(edges("ec2.amazonaws.com", "arn:aws:iam::111122223333:role/app-server-role", EdgeKind.CAN_ASSUME)).hasSize(1);
    assertThat(edges(CI, "AKIARFWHS3K5CEKMQEQK", EdgeKind.OWNS_KEY)).hasSize(1);
    assertThat(edges("arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:group/Developers", EdgeKind.MEMBER_OF)).hasSize(1);
  }

  static final String LEAKED_KEY = "AKIARFWHS3K5CEKMQEQK";
  static final String CI_MAINT = "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint";

  @Test
  void theAttackersSessionChainsFromTheLeakedKeyToTheAdminRole() {
    assertThat(graph.node(CI_MAINT).orElseThrow().kind()).isEqualTo(NodeKind.SESSION);
    assertThat(graph.node(CI_MAINT).orElseThrow().details()).containsEntry("keys", "ASIA6KIP2SZ5FMEY6CHT")
        .containsEntry("source IPs", "203.0.113.77, s3.amazonaws.com");
    List<GraphEdge> used = edges(LEAKED_KEY, CI_MAINT, EdgeKind.KEY_USED_BY_SESSION);
    assertThat(used).hasSize(1);
    assertThat(used.get(0).evidence()).containsExactly(
        "AKIARFWHS3K5CEKMQEQK signed the AssumeRole that issued ASIA6KIP2SZ5FMEY6CHT at 2026-10-03T14:06:12Z");
    assertThat(edges(CI_MAINT, OPS, EdgeKind.SESSION_OF)).hasSize(1);
    assertThat(graph.reachableFrom(CI)).anyMatch(p -> p.describe().equals(
        CI + " —owns key→ " + LEAKED_KEY + " —key used by session→ " + CI_MAINT));
  }

  @Test
  void sessionsOfARoleBeyondTheCapAreCollapsedIntoOneNode() {
    String deploy = "arn:aws:iam::111122223333:role/DeployRole";
    List<String> sessions = graph.edges().stream().filter(e -> e.kind() == EdgeKind.SESSION_OF && e.to().equals(deploy))
        .map(GraphEdge::from).toList();
    assertThat(sessions).hasSize(PrincipalGraphBuilder.SESSIONS_PER_ROLE + 1).contains(deploy + "#other-sessions");
    assertThat(graph.node(deploy + "#other-sessions").orElseThrow().label()).matches("\\+\\d+ sessions of DeployRole");
    assertThat(edges(LEAKED_KEY, deploy + "#other-sessions", EdgeKind.KEY_USED_BY_SESSION)).hasSize(1);
  }

  @Test
  void nodeDetailsCarryPoliciesCredentialReportAndActivity() {
    var ci = graph.node(CI).orElseThrow().details();
    assertThat(ci.get("policies")).isEqualTo("ci-deploy-policy (managed)");
    assertThat(ci.get("credential report")).contains("key 1 inactive", "key 2 active");
    assertThat(ci.get("activity")).matches("\\d+ event\\(s\\), first 2026-10-01T.*");
    var ops = graph.node(OPS).orElseThrow().details();
    assertThat(ops.get("trust policy")).contains("arn:aws:iam::111122223333:root");
    assertThat(ops.get("policies")).isEqualTo("AdministratorAccess (managed)");
    assertThat(ops.get("activity")).startsWith("52 event(s)");
  }

  @Test
  void aUserWithoutPermissionGetsNoCanAssumeEdgeToTheMfaRole() {
    assertThat(edges("arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:role/OrgSecurityAdmin", EdgeKind.CAN_ASSUME))
        .isEmpty();
  }
}
