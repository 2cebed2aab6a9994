package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.policy.Effect;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.PolicyDocument;
import io.github.trailbench.core.model.policy.Statement;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metamorphic properties of the engine over real AWS managed policies (test resources
 * managed-policies/, see its README): requests are built from each statement's own Action and
 * Resource patterns, so the expected outcome follows from the policy itself.
 */
class ManagedPolicyCorpusTest {
  static final PolicyEngine ENGINE = new PolicyEngine();
  static final String USER = "arn:aws:iam::111122223333:user/corpus-user";
  static final List<NamedPolicy> CORPUS = new ArrayList<>();

  /** A concrete request derived from one statement's patterns. */
  record Probe(String action, String resource) {}

  @BeforeAll
  static void readCorpus() throws Exception {
    Path dir = Path.of(ManagedPolicyCorpusTest.class.getResource("/managed-policies").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String name = f.getFileName().toString().replace(".json", "");
        CORPUS.add(new NamedPolicy(name, PolicyParser.parse(Files.readString(f), f.toString())));
      }
    }
  }

  static String concreteAction(String pattern) {
    return pattern.equals("*") ? "s3:GetObject" : pattern.replace("*", "Xy").replace("?", "Q");
  }

  /** A resource the pattern matches: wildcards filled in, a short ARN completed to six parts. */
  static String concreteResource(String pattern) {
    if (pattern.equals("*")) {
      return "arn:aws:s3:::corpus-bucket/key";
    }
    String r = pattern.replace("${aws:username}", "corpus-user").replace("*", "x").replace("?", "q");
    if (r.startsWith("arn:")) {
      long colons = r.chars().filter(c -> c == ':').count();
      StringBuilder sb = new StringBuilder(r);
      for (long c = colons; c < 4; c++) {
        sb.append(":x");
      }
      if (colons < 5) {
        sb.append(":res/x");
      }
      r = sb.toString();
    }
    return r;
  }

  /** Probes from the Allow statements (Action and Resource, no other variables), at most 3 × 3 each. */
  static List<Probe> probes(Statement st) {
    List<Probe> out = new ArrayList<>();
    if (st.effect() != Effect.ALLOW || st.action().negated() || st.resource() == null || st.resource().negated()) {
      return out;
    }
    for (String a : st.action().values().subList(0, Math.min(3, st.action().values().size()))) {
      for (String r : st.resource().values().subList(0, Math.min(3, st.resource().values().size()))) {
        if (!r.replace("${aws:username}", "").contains("${")) {
          out.add(new Probe(concreteAction(a), concreteResource(r)));
        }
      }
    }
    return out;
  }

  static List<Probe> probes(NamedPolicy p) {
    Set<Probe> out = new LinkedHashSet<>();
    p.document().statements().forEach(st -> out.addAll(probes(st)));
    return new ArrayList<>(out);
  }

  static EvaluationResult decide(Probe q, PolicySet set) {
    return ENGINE.evaluate(Request.builder(USER, q.action(), q.resource()).resourceAccount("111122223333").build(), set);
  }

  static NamedPolicy without(NamedPolicy p, Statement removed) {
    List<Statement> kept = p.document().statements().stream().filter(s -> s != removed).toList();
    PolicyDocument d = p.document();
    return new NamedPolicy(p.name(), new PolicyDocument(d.version(), d.id(), kept, d.source()));
  }

  @Test
  void theCorpusHoldsOlderVersionsWithShortArns() {
    assertThat(CORPUS).hasSizeGreaterThan(30);
    assertThat(CORPUS).anyMatch(p -> p.document().statements().stream().anyMatch(st -> st.resource() != null
        && st.resource().values().stream().anyMatch(r -> r.startsWith("arn:") && r.chars().filter(c -> c == ':').count() < 5)));
  }

  @Test
  void aStatementsOwnActionOnAResourceMatchingItsOwnResourceIsAllowedUnlessAConditionFails() {
    int checked = 0;
    for (NamedPolicy p : CORPUS) {
      PolicySet set = PolicySet.builder().identity(p).build();
      for (Statement st : p.document().statements()) {
        for (Probe q : probes(st)) {
          EvaluationResult r = decide(q, set);
          TraceNode node = statementNode(r.trace(), "7.", st.index());
          String what = p.name() + " " + st.displayName() + " " + q;
          if (st.conditions().isEmpty()) {
            assertThat(node.outcome()).as(what).isEqualTo(Outcome.ALLOW);
            assertThat(r.decision()).as(what).isIn(Decision.ALLOWED, Decision.EXPLICIT_DENY);
          } else if (node.outcome() != Outcome.ALLOW) {
            TraceNode failed = node.children().get(node.children().size() - 1);
            assertThat(failed.label()).as(what + ": only a condition may fail").isEqualTo("Condition");
          }
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(150);
  }

  @Test
  void addingAnExplicitDenyForTheRequestFlipsTheDecision() throws Exception {
    for (NamedPolicy p : CORPUS) {
      for (Probe q : probes(p)) {
        NamedPolicy deny = new NamedPolicy("CorpusDeny", PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"" + q.action() + "\",\"Resource\":\"" + q.resource() + "\"}]}", "deny"));
        EvaluationResult r = decide(q, PolicySet.builder().identity(p).identity(deny).build());
        assertThat(r.decision()).as(p.name() + " " + q).isEqualTo(Decision.EXPLICIT_DENY);
      }
    }
  }

  @Test
  void removingAnAllowStatementNeverTurnsADenyIntoAnAllow() {
    for (NamedPolicy p : CORPUS) {
      List<Probe> qs = probes(p);
      PolicySet full = PolicySet.builder().identity(p).build();
      for (Statement st : p.document().statements()) {
        PolicySet less = PolicySet.builder().identity(without(p, st)).build();
        for (Probe q : qs) {
          Decision before = decide(q, full).decision();
          Decision after = decide(q, less).decision();
          if (st.effect() == Effect.ALLOW && before != Decision.ALLOWED) {
            assertThat(after).as(p.name() + " without " + st.displayName() + " " + q).isNotEqualTo(Decision.ALLOWED);
          }
          if (st.effect() == Effect.DENY && before == Decision.ALLOWED) {
            assertThat(after).as(p.name() + " without Deny " + st.displayName() + " " + q).isEqualTo(Decision.ALLOWED);
          }
        }
      }
    }
  }

  @Test
  void aBoundaryAllowsExactlyWhatBothTheIdentityPolicyAndTheBoundaryAllow() {
    NamedPolicy admin = CORPUS.stream().filter(p -> p.name().startsWith("AdministratorAccess")).findFirst().orElseThrow();
    for (int i = 0; i < CORPUS.size(); i++) {
      NamedPolicy a = CORPUS.get(i);
      for (NamedPolicy b : List.of(CORPUS.get((i + 1) % CORPUS.size()), CORPUS.get((i + 7) % CORPUS.size()), admin)) {
        List<Probe> qs = new ArrayList<>(probes(a));
        qs.addAll(probes(b));
        for (Probe q : qs) {
          Decision alone = decide(q, PolicySet.builder().identity(a).build()).decision();
          Decision boundaryAlone = decide(q, PolicySet.builder().identity(b).build()).decision();
          Decision both = decide(q, PolicySet.builder().identity(a).boundary(b).build()).decision();
          String what = a.name() + " bounded by " + b.name() + " " + q;
          assertThat(both == Decision.ALLOWED).as(what).isEqualTo(alone == Decision.ALLOWED && boundaryAlone == Decision.ALLOWED);
          assertThat(both == Decision.EXPLICIT_DENY).as(what)
              .isEqualTo(alone == Decision.EXPLICIT_DENY || boundaryAlone == Decision.EXPLICIT_DENY);
        }
      }
    }
  }

  /** The Allow statement node with this document index under the step whose ids start with prefix. */
  static TraceNode statementNode(TraceNode root, String prefix, int index) {
    for (TraceNode n : root.flatten()) {
      if (n.kind() == NodeKind.STATEMENT && n.id().startsWith(prefix) && Integer.valueOf(index).equals(n.detail().get("index"))) {
        return n;
      }
    }
    throw new AssertionError("no statement #" + index + " under " + prefix);
  }
}
