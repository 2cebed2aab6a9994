package io.github.trailbench.core.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalGraphTest {
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String KEY = "AKIAEXAMPLECI0000001";
  static final String ADMIN = "arn:aws:iam::111122223333:role/OpsAdminRole";
  static final String BACKUP = "arn:aws:iam::111122223333:user/svc-backup";
  static final String POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
  static final String DEV = "arn:aws:iam::111122223333:user/bob";

  static PrincipalGraph sample() {
    return new PrincipalGraph(
        List.of(node(CI, NodeKind.USER), node(KEY, NodeKind.ACCESS_KEY), node(ADMIN, NodeKind.ROLE),
            node(BACKUP, NodeKind.USER), node(POLICY, NodeKind.MANAGED_POLICY), node(DEV, NodeKind.USER)),
        List.of(edge(CI, KEY, EdgeKind.OWNS_KEY), edge(CI, ADMIN, EdgeKind.CAN_ASSUME), edge(CI, ADMIN, EdgeKind.DID_ASSUME),
            edge(ADMIN, BACKUP, EdgeKind.CAN_ESCALATE), edge(ADMIN, POLICY, EdgeKind.POLICY_ATTACHED)));
  }

  static GraphNode node(String id, NodeKind kind) {
    return new GraphNode(id, kind, id.substring(id.lastIndexOf('/') + 1), Map.of());
  }

  static GraphEdge edge(String from, String to, EdgeKind kind) {
    return new GraphEdge(from, to, kind, kind.label(), List.of());
  }

  @Test
  void whatCanAPrincipalReachFollowsOnlyAccessEdgesShortestFirst() {
    List<PrincipalGraph.Path> paths = sample().reachableFrom(CI);
    assertThat(paths).extracting(p -> p.edges().get(p.edges().size() - 1).to()).containsExactly(KEY, ADMIN, BACKUP);
    assertThat(paths.get(2).edges()).hasSize(2);
    assertThat(paths.get(2).describe()).isEqualTo(CI + " —can assume→ " + ADMIN + " —can escalate to→ " + BACKUP);
  }

  @Test
  void policyAttachmentIsNotAPathOfAccess() {
    assertThat(sample().reachableFrom(ADMIN)).extracting(p -> p.edges().get(p.edges().size() - 1).to()).containsExactly(BACKUP);
  }

  @Test
  void whoCanReachARoleWalksEdgesBackwards() {
    List<PrincipalGraph.Path> paths = sample().reaching(BACKUP);
    assertThat(paths).extracting(p -> p.edges().get(0).from()).containsExactly(ADMIN, CI);
    assertThat(sample().reaching(DEV)).isEmpty();
  }

  @Test
  void neighbourhoodGrowsWithDepthInBothDirections() {
    assertThat(sample().neighbourhood(ADMIN, 1)).containsExactlyInAnyOrder(ADMIN, CI, BACKUP, POLICY);
    assertThat(sample().neighbourhood(ADMIN, 2)).contains(KEY).doesNotContain(DEV);
  }

  @Test
  void edgesToUnknownNodesAreRejectedAndDuplicatesMerged() {
    assertThatThrownBy(() -> new PrincipalGraph(List.of(node(CI, NodeKind.USER)), List.of(edge(CI, ADMIN, EdgeKind.CAN_ASSUME))))
        .hasMessageContaining(ADMIN);
    PrincipalGraph g = new PrincipalGraph(List.of(node(CI, NodeKind.USER), node(CI, NodeKind.USER), node(ADMIN, NodeKind.ROLE)),
        List.of(edge(CI, ADMIN, EdgeKind.CAN_ASSUME), edge(CI, ADMIN, EdgeKind.CAN_ASSUME)));
    assertThat(g.nodes()).hasSize(2);
    assertThat(g.edges()).hasSize(1);
  }
}
