package io.github.trailbench.bench;

import static io.github.trailbench.core.correlate.SyntheticIam.allow;
import static io.github.trailbench.core.correlate.SyntheticIam.arn;
import static io.github.trailbench.core.correlate.SyntheticIam.doc;
import static io.github.trailbench.core.correlate.SyntheticIam.trust;

import io.github.trailbench.app.graph.GraphLayout;
import io.github.trailbench.core.correlate.PrincipalGraphBuilder;
import io.github.trailbench.core.correlate.SyntheticIam;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.NodeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Principal graph of a synthetic account with ~2,000 principals (users, roles, groups, managed
 * and inline policies, trust relations naming users, the account and services): time to build the
 * graph (policy engine included) and to lay it out with ELK — the whole graph, the graph without
 * policy nodes, and the focused neighbourhoods the view lays out.
 *
 * <pre>./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.trailbench.bench.GraphLayoutBench [-Dexec.args="1200 800"]</pre>
 */
public final class GraphLayoutBench {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  private static final String[] SERVICES = {"ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com",
      "glue.amazonaws.com", "states.amazonaws.com"};

  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
    int roles = args.length > 1 ? Integer.parseInt(args[1]) : 800;
    int groups = 150;
    int policies = 300;
    Random r = new Random(20261123L);

    long t0 = System.nanoTime();
    SyntheticIam iam = new SyntheticIam();
    for (int p = 0; p < policies; p++) {
      iam.policy("policy-" + p, doc(allow("s3:GetObject", "arn:aws:s3:::bucket-" + p + "/*"),
          allow("dynamodb:Query", "arn:aws:dynamodb:eu-west-1:111122223333:table/t" + p)));
    }
    for (int g = 0; g < groups; g++) {
      iam.group("group-" + g, List.of("policy-" + r.nextInt(policies)), doc(allow("sqs:SendMessage", "*")));
    }
    for (int u = 0; u < users; u++) {
      List<String> member = new ArrayList<>();
      for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
        member.add("group-" + r.nextInt(groups));
      }
      String inline = u % 10 == 0 ? doc(allow("sts:AssumeRole", arn("role", "*"))) : doc(allow("s3:ListBucket", "*"));
      iam.user("user-" + u, member.stream().distinct().toList(), List.of("policy-" + r.nextInt(policies)), inline);
    }
    for (int k = 0; k < roles; k++) {
      String trustPolicy;
      int kind = r.nextInt(100);
      if (kind < 2) {
        trustPolicy = trust("AWS", "arn:aws:iam::111122223333:root");
      } else if (kind < 30) {
        trustPolicy = trust("Service", SERVICES[r.nextInt(SERVICES.length)]);
      } else if (kind < 35) {
        trustPolicy = trust("AWS", "arn:aws:iam::" + (444455556666L + r.nextInt(20)) + ":root");
      } else {
        trustPolicy = trust("AWS", arn("user", "user-" + r.nextInt(users)), arn("user", "user-" + r.nextInt(users)));
      }
      iam.role("role-" + k, trustPolicy, List.of("policy-" + r.nextInt(policies)), doc(allow("logs:PutLogEvents", "*")));
    }
    IamSnapshot snapshot = iam.snapshot();
    long t1 = System.nanoTime();
    long c1 = CPU.getCurrentThreadCpuTime();
    PrincipalGraph graph = new PrincipalGraphBuilder(snapshot).build();
    long t2 = System.nanoTime();
    long c2 = CPU.getCurrentThreadCpuTime();

    System.out.printf("machine: %d processors, load average %.2f at start%n", Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("IAM: %d users, %d roles (%d principals), %d groups, %d managed policies; generated in %.0f ms%n",
        users, roles, iam.principals(), groups, policies, (t1 - t0) / 1e6);
    System.out.printf("graph build (engine decisions included): %.0f ms wall, %.0f ms CPU -> %,d nodes, %,d edges%n", (t2 - t1) / 1e6,
        (c2 - c1) / 1e6, graph.nodes().size(), graph.edges().size());

    Set<NodeKind> noPolicies = EnumSet.complementOf(EnumSet.of(NodeKind.MANAGED_POLICY, NodeKind.INLINE_POLICY));
    measure("whole graph", graph, n -> true);
    measure("whole graph without policy nodes", graph, n -> noPolicies.contains(n.kind()));
    String user = arn("user", "user-" + (users / 2));
    Set<String> userScope = graph.neighbourhood(user, 2);
    measure("focus user-" + (users / 2) + ", depth 2", graph, n -> userScope.contains(n.id()));
    String hub = graph.nodes().stream().filter(n -> n.kind() == NodeKind.SERVICE).map(GraphNode::id).findFirst().orElse(user);
    Set<String> hubScope = graph.neighbourhood(hub, 2);
    measure("focus " + hub + " (hub), depth 2", graph, n -> hubScope.contains(n.id()));
    System.out.printf("load average at the end: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Lays out the nodes the view would show (as GraphViewModel does), three runs: cold, then warm. */
  private static void measure(String what, PrincipalGraph graph, Predicate<GraphNode> shown) {
    List<GraphNode> nodes = graph.nodes().stream().filter(shown).toList();
    Set<String> ids = new java.util.HashSet<>();
    nodes.forEach(n -> ids.add(n.id()));
    List<GraphEdge> edges = graph.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
    for (boolean fast : new boolean[] {false, true}) {
      if (!fast && nodes.size() > 1000 && !FULL_QUALITY_LARGE) {
        continue;
      }
      StringBuilder runs = new StringBuilder();
      for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      long c0 = CPU.getCurrentThreadCpuTime();
      GraphLayout.Placed placed = GraphLayout.layout(nodes, edges, fast);
      long t1 = System.nanoTime();
      long c1 = CPU.getCurrentThreadCpuTime();
      runs.append(i == 0 ? "" : ", ").append(String.format("%.0f (%.0f CPU)", (t1 - t0) / 1e6, (c1 - c0) / 1e6));
      if (placed.nodes().size() != nodes.size()) {
        throw new IllegalStateException("layout lost nodes");
      }
      }
      System.out.printf("layout %-42s %-8s %,6d nodes %,6d edges: wall (CPU) ms %s%n", what + ":", fast ? "fast" : "default", nodes.size(),
          edges.size(), runs);
    }
  }

  /** ELK's default settings on the whole 2,000-principal graph take tens of seconds; -Dbench.fullQuality=true measures them too. */
  private static final boolean FULL_QUALITY_LARGE = Boolean.getBoolean("bench.fullQuality");
}
