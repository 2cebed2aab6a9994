package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.SyntheticIam.allow;
import static io.github.trailbench.core.correlate.SyntheticIam.arn;
import static io.github.trailbench.core.correlate.SyntheticIam.doc;
import static io.github.trailbench.core.correlate.SyntheticIam.trust;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Can-assume edges: who the engine lets through a trust policy naming a principal, its account, or a service. */
class PrincipalGraphTrustTest {

  static List<String> canAssume(PrincipalGraph g, String role) {
    return g.edges().stream().filter(e -> e.kind() == EdgeKind.CAN_ASSUME && e.to().equals(arn("role", role))).map(e -> e.from())
        .toList();
  }

  @Test
  void anAccountTrustLetsThroughOnlyPrincipalsWhoseIdentityPoliciesAllowAssumeRole() {
    PrincipalGraph g = new PrincipalGraphBuilder(new SyntheticIam()
        .role("account-trust", trust("AWS", "arn:aws:iam::111122223333:root"), List.of())
        .user("wildcard", List.of(), List.of(), doc(allow("sts:Assume*", "*")))
        .user("question-mark", List.of(), List.of(), doc(allow("STS:AssumeRol?", "*")))
        .user("not-action", List.of(), List.of(), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}")
        .user("other-sts", List.of(), List.of(), doc(allow("sts:GetCallerIdentity", "*")))
        .user("nothing", List.of(), List.of())
        .snapshot()).build();
    assertThat(canAssume(g, "account-trust")).containsExactlyInAnyOrder(arn("user", "wildcard"), arn("user", "question-mark"),
        arn("user", "not-action"));
  }

  @Test
  void aTrustNamingThePrincipalLetsItThroughWithoutAnIdentityPolicyAndServicesAreNodes() {
    PrincipalGraph g = new PrincipalGraphBuilder(new SyntheticIam()
        .role("named-trust", trust("AWS", arn("user", "named")), List.of())
        .role("ec2-role", trust("Service", "ec2.amazonaws.com"), List.of())
        .user("named", List.of(), List.of())
        .user("other", List.of(), List.of(), doc(allow("sts:AssumeRole", "*")))
        .snapshot()).build();
    assertThat(canAssume(g, "named-trust")).containsExactly(arn("user", "named"));
    assertThat(canAssume(g, "ec2-role")).containsExactly("ec2.amazonaws.com");
  }
}
