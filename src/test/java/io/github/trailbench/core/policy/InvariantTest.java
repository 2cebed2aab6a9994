package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.policy.ActionElement;
import io.github.trailbench.core.model.policy.ConditionClause;
import io.github.trailbench.core.model.policy.ConditionOperator;
import io.github.trailbench.core.model.policy.Effect;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.PolicyDocument;
import io.github.trailbench.core.model.policy.PrincipalElement;
import io.github.trailbench.core.model.policy.PrincipalType;
import io.github.trailbench.core.model.policy.PrincipalValue;
import io.github.trailbench.core.model.policy.ResourceElement;
import io.github.trailbench.core.model.policy.SetQualifier;
import io.github.trailbench.core.model.policy.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Randomized properties of the decision with fixed seeds (reproducible). */
class InvariantTest {
  static final PolicyEngine ENGINE = new PolicyEngine();
  static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "iam:CreateUser", "ec2:RunInstances", "kms:Decrypt"};
  static final String[] ACTION_PATTERNS = {"*", "s3:*", "s3:Get*", "iam:*", "ec2:Run*", "kms:*", "s3:PutObject", "iam:Create?ser"};
  static final String[] RESOURCES = {"arn:aws:s3:::bucket/a.txt", "arn:aws:s3:::other/b", "*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
      "arn:aws:sqs:us-east-1:444455556666:q"};
  static final String[] RESOURCE_PATTERNS = {"*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::*", "arn:aws:ec2:*:*:instance/*", "arn:aws:sqs:*:*:*"};
  static final String[] PRINCIPALS = {"arn:aws:iam::111122223333:user/alice", "arn:aws:sts::111122223333:assumed-role/Dev/s",
      "arn:aws:iam::444455556666:user/dave", "arn:aws:iam::111122223333:root"};

  static <T> T pick(Random r, T[] a) {
    return a[r.nextInt(a.length)];
  }

  static Statement statement(Random r, int index, Effect effect, boolean resourceBased) {
    List<String> actions = List.of(pick(r, ACTION_PATTERNS));
    ActionElement a = r.nextInt(6) == 0 ? new ActionElement.NotAction(actions) : new ActionElement.Action(actions);
    ResourceElement res = r.nextInt(6) == 0 ? new ResourceElement.NotResource(List.of(pick(r, RESOURCE_PATTERNS)))
        : new ResourceElement.Resource(List.of(pick(r, RESOURCE_PATTERNS)));
    PrincipalElement p = null;
    if (resourceBased) {
      String v = r.nextBoolean() ? pick(r, PRINCIPALS) : r.nextBoolean() ? "111122223333" : "arn:aws:iam::111122223333:role/Dev";
      p = r.nextInt(5) == 0 ? new PrincipalElement.Principal(List.of(PrincipalValue.ANY))
          : new PrincipalElement.Principal(List.of(new PrincipalValue(PrincipalType.AWS, v)));
    }
    List<ConditionClause> conds = new ArrayList<>();
    int nc = r.nextInt(3);
    for (int i = 0; i < nc; i++) {
      switch (r.nextInt(4)) {
        case 0 -> conds.add(new ConditionClause("StringEquals", ConditionOperator.STRING_EQUALS, false, SetQualifier.NONE,
            "aws:ResourceTag/team", List.of(r.nextBoolean() ? "red" : "blue")));
        case 1 -> conds.add(new ConditionClause("BoolIfExists", ConditionOperator.BOOL, true, SetQualifier.NONE,
            "aws:MultiFactorAuthPresent", List.of(r.nextBoolean() ? "true" : "false")));
        case 2 -> conds.add(new ConditionClause("StringNotEquals", ConditionOperator.STRING_NOT_EQUALS, false, SetQualifier.NONE,
            "aws:RequestedRegion", List.of("eu-west-1")));
        default -> conds.add(new ConditionClause("ForAllValues:StringEquals", ConditionOperator.STRING_EQUALS, false,
            SetQualifier.FOR_ALL_VALUES, "aws:TagKeys", List.of("team")));
      }
    }
    return new Statement(r.nextBoolean() ? null : "S" + index, index, effect, a, res, p, conds);
  }

  static NamedPolicy policy(Random r, String name, boolean resourceBased, int max) {
    int n = 1 + r.nextInt(max);
    List<Statement> sts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sts.add(statement(r, i, r.nextInt(4) == 0 ? Effect.DENY : Effect.ALLOW, resourceBased));
    }
    return new NamedPolicy(name, new PolicyDocument("2012-10-17", null, sts, ""));
  }

  static PolicySet randomSet(Random r) {
    PolicySet.Builder b = PolicySet.builder();
    int ni = r.nextInt(3);
    for (int i = 0; i < ni; i++) {
      b.identity(policy(r, "id" + i, false, 4));
    }
    if (r.nextInt(3) == 0) {
      b.boundary(policy(r, "boundary", false, 3));
    }
    if (r.nextInt(4) == 0) {
      b.session(policy(r, "session", false, 2));
    }
    if (r.nextBoolean()) {
      b.resource(policy(r, "resource", true, 3));
    }
    int levels = r.nextInt(3);
    for (int i = 0; i < levels; i++) {
      b.scpLevel(List.of(policy(r, "scp" + i, false, 3)));
    }
    if (r.nextInt(4) == 0) {
      b.rcpLevel(List.of(policy(r, "rcp", true, 2)));
    }
    return b.build();
  }

  static Request randomRequest(Random r) {
    Request.Builder b = Request.builder(pick(r, PRINCIPALS), pick(r, ACTIONS), pick(r, RESOURCES));
    if (r.nextBoolean()) {
      b.context("aws:ResourceTag/team", r.nextBoolean() ? "red" : "blue");
    } else if (r.nextInt(3) == 0) {
      b.unknown("aws:ResourceTag/team");
    }
    if (r.nextBoolean()) {
      b.context("aws:MultiFactorAuthPresent", r.nextBoolean() ? "true" : "false");
    }
    if (r.nextBoolean()) {
      b.context("aws:RequestedRegion", r.nextBoolean() ? "eu-west-1" : "us-east-1");
    }
    if (r.nextInt(3) == 0) {
      b.context("aws:TagKeys", r.nextBoolean() ? List.of("team") : List.of("team", "env"));
    }
    return b.build();
  }

  /** Rank of "how allowed": deny-ish < undetermined < allowed. */
  static int rank(Decision d) {
    return switch (d) {
      case EXPLICIT_DENY, IMPLICIT_DENY -> 0;
      case UNDETERMINED -> 1;
      case ALLOWED -> 2;
    };
  }

  static PolicySet mapPolicies(PolicySet s, UnaryOperator<NamedPolicy> f) {
    List<List<NamedPolicy>> scps = new ArrayList<>();
    s.scps().forEach(l -> scps.add(l.stream().map(f).toList()));
    List<List<NamedPolicy>> rcps = new ArrayList<>();
    s.rcps().forEach(l -> rcps.add(l.stream().map(f).toList()));
    return new PolicySet(s.identityPolicies().stream().map(f).toList(),
        s.permissionsBoundary() == null ? null : f.apply(s.permissionsBoundary()),
        s.sessionPolicies().stream().map(f).toList(),
        s.resourcePolicy() == null ? null : f.apply(s.resourcePolicy()), scps, rcps, s.flags());
  }

  static NamedPolicy withStatements(NamedPolicy p, List<Statement> sts) {
    List<Statement> re = new ArrayList<>();
    for (int i = 0; i < sts.size(); i++) {
      Statement s = sts.get(i);
      re.add(new Statement(s.sid(), i, s.effect(), s.action(), s.resource(), s.principal(), s.conditions()));
    }
    return new NamedPolicy(p.name(), new PolicyDocument(p.document().version(), p.document().id(), re, ""));
  }

  static List<NamedPolicy> allPolicies(PolicySet s) {
    List<NamedPolicy> out = new ArrayList<>(s.identityPolicies());
    if (s.permissionsBoundary() != null) {
      out.add(s.permissionsBoundary());
    }
    out.addAll(s.sessionPolicies());
    if (s.resourcePolicy() != null) {
      out.add(s.resourcePolicy());
    }
    s.scps().forEach(out::addAll);
    s.rcps().forEach(out::addAll);
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 2024, 99991})
  void addingADenyNeverTurnsADenyIntoAnAllow(long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 400; i++) {
      PolicySet s = randomSet(r);
      Request q = randomRequest(r);
      Decision before = ENGINE.evaluate(q, s).decision();
      List<NamedPolicy> ps = allPolicies(s);
      if (ps.isEmpty()) {
        continue;
      }
      NamedPolicy target = ps.get(r.nextInt(ps.size()));
      boolean rb = target == s.resourcePolicy() || s.rcps().stream().anyMatch(l -> l.contains(target));
      Statement extra = statement(r, 99, Effect.DENY, rb);
      PolicySet after = mapPolicies(s, p -> {
        if (p != target) {
          return p;
        }
        List<Statement> sts = new ArrayList<>(p.document().statements());
        sts.add(extra);
        return withStatements(p, sts);
      });
      Decision d = ENGINE.evaluate(q, after).decision();
      assertThat(rank(d)).as("seed %d iteration %d: %s -> %s", seed, i, before, d).isLessThanOrEqualTo(rank(before));
      if (before == Decision.EXPLICIT_DENY) {
        assertThat(d).isEqualTo(Decision.EXPLICIT_DENY);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3, 11, 1234, 65537, 8675309})
  void removingAnAllowNeverTurnsADenyIntoAnAllow(long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 400; i++) {
      PolicySet s = randomSet(r);
      Request q = randomRequest(r);
      Decision before = ENGINE.evaluate(q, s).decision();
      List<NamedPolicy> ps = allPolicies(s).stream().filter(p -> p.document().statements().stream().anyMatch(x -> x.effect() == Effect.ALLOW)).toList();
      if (ps.isEmpty()) {
        continue;
      }
      NamedPolicy target = ps.get(r.nextInt(ps.size()));
      List<Statement> allows = target.document().statements().stream().filter(x -> x.effect() == Effect.ALLOW).toList();
      Statement drop = allows.get(r.nextInt(allows.size()));
      PolicySet after = mapPolicies(s, p -> {
        if (p != target) {
          return p;
        }
        List<Statement> sts = new ArrayList<>(p.document().statements());
        sts.remove(drop);
        return withStatements(p, sts);
      });
      Decision d = ENGINE.evaluate(q, after).decision();
      assertThat(rank(d)).as("seed %d iteration %d: %s -> %s", seed, i, before, d).isLessThanOrEqualTo(rank(before));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5, 17, 777, 31337, 424242})
  void statementOrderDoesNotMatter(long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 400; i++) {
      PolicySet s = randomSet(r);
      Request q = randomRequest(r);
      EvaluationResult before = ENGINE.evaluate(q, s);
      long shuffleSeed = r.nextLong();
      PolicySet after = mapPolicies(s, p -> {
        List<Statement> sts = new ArrayList<>(p.document().statements());
        Collections.shuffle(sts, new Random(shuffleSeed));
        return withStatements(p, sts);
      });
      EvaluationResult res = ENGINE.evaluate(q, after);
      assertThat(res.decision()).as("seed %d iteration %d", seed, i).isEqualTo(before.decision());
      assertThat(new java.util.HashSet<>(res.dependsOn())).isEqualTo(new java.util.HashSet<>(before.dependsOn()));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {2, 13, 4096, 10007, 123456789})
  void allowedMeansNoExplicitDenyNodeMatched(long seed) {
    Random r = new Random(seed);
    int allowed = 0;
    for (int i = 0; i < 400; i++) {
      PolicySet s = randomSet(r);
      Request q = randomRequest(r);
      EvaluationResult res = ENGINE.evaluate(q, s);
      TraceNode denyCheck = res.trace().find("1");
      if (res.decision() == Decision.ALLOWED) {
        allowed++;
        assertThat(denyCheck.outcome()).isEqualTo(Outcome.NO_MATCH);
        res.trace().walk(n -> {
          if (n.kind() == NodeKind.STATEMENT) {
            assertThat(n.outcome()).as(n.id()).isNotEqualTo(Outcome.DENY);
          }
        });
      }
      if (res.decision() == Decision.EXPLICIT_DENY) {
        assertThat(denyCheck.outcome()).isEqualTo(Outcome.DENY);
      }
      if (res.decision() == Decision.UNDETERMINED) {
        assertThat(res.dependsOn()).isNotEmpty();
      }
    }
    assertThat(allowed).as("the generator produces some allowed decisions").isPositive();
  }
}
