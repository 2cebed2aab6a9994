package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.SyntheticIam.allow;
import static io.github.trailbench.core.correlate.SyntheticIam.arn;
import static io.github.trailbench.core.correlate.SyntheticIam.doc;
import static io.github.trailbench.core.correlate.SyntheticIam.trust;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who can become an admin, over a hand-made account (not the sample). */
class EscalationListTest {
  private static final String ROOT = "arn:aws:iam::111122223333:root";
  private static final String MFA_TRUST = doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ROOT + "\"},"
      + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}");

  private final IamSnapshot iam = new SyntheticIam()
      .role("Admin", trust("AWS", ROOT), List.of(), doc(allow("*", "*")))
      .role("MfaAdmin", MFA_TRUST, List.of(), doc(allow("*", "*")))
      .role("Reader", trust("AWS", ROOT), List.of(), doc(allow("s3:Get*", "*")))
      // MFA asked by a Deny, the usual way: "Allow root" alone would read as no MFA needed
      .role("DenyNoMfa", doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ROOT + "\"},\"Action\":\"sts:AssumeRole\"}",
          "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + ROOT + "\"},\"Action\":\"sts:AssumeRole\","
              + "\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}"), List.of(), doc(allow("*", "*")))
      // the root with MFA, and the deployer by name without any condition
      .role("NamedAdmin", doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ROOT + "\"},\"Action\":\"sts:AssumeRole\","
              + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}",
          "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + arn("user", "deployer") + "\"},\"Action\":\"sts:AssumeRole\"}"),
          List.of(), doc(allow("*", "*")))
      .role("Hop", trust("AWS", arn("user", "intern")), List.of(), doc(allow("sts:AssumeRole", arn("role", "Admin"))))
      .user("deployer", List.of(), List.of(), doc(allow("sts:AssumeRole", "arn:aws:iam::111122223333:role/*")))
      .user("intern", List.of(), List.of(), doc(allow("sts:AssumeRole", arn("role", "Hop"))))
      .user("auditor", List.of(), List.of(), doc(allow("s3:GetObject", "*")))
      // "*" in its own policy, but a boundary of S3 and self-grants: what it grants itself stays within S3
      .policy("s3-boundary", doc(allow("[\"s3:*\",\"iam:AttachUserPolicy\",\"iam:PutUserPolicy\"]", "*")))
      .userWithBoundary("bounded", "s3-boundary", doc(allow("*", "*")))
      .policy("open-boundary", doc(allow("*", "*")))
      .userWithBoundary("unbounded", "open-boundary", doc(allow("*", "*")))
      .snapshot();
  private final PrincipalGraph graph = new PrincipalGraphBuilder(iam).build();
  private final List<EscalationList.Escalation> list = EscalationList.of(graph, iam);

  private EscalationList.Escalation of(String principal, String admin) {
    return list.stream().filter(e -> e.principal().equals(principal) && e.admin().equals(admin)).findFirst()
        .orElseThrow(() -> new AssertionError("no escalation " + principal + " -> " + admin + " in " + list));
  }

  @Test
  void aWildcardAssumeRoleIntoAnAdminRoleIsOneStepNamingThePolicyAndItsPattern() {
    EscalationList.Escalation e = of(arn("user", "deployer"), arn("role", "Admin"));
    assertThat(e.steps()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo("sts:AssumeRole");
      assertThat(s.why()).startsWith("deployer-inline-0 allows role/*");
      assertThat(s.taken()).as("no trail in this test").isEmpty();
    });
    assertThat(e.sentence()).startsWith("deployer can become Admin (admin) via sts:AssumeRole: deployer-inline-0 allows role/*");
  }

  @Test
  void aTrustWithoutMfaSaysSoAndOneWithMfaSaysItAsksForIt() {
    assertThat(of(arn("user", "deployer"), arn("role", "Admin")).steps().get(0).why())
        .contains("the trust policy trusts the account root without MFA or other conditions");
    assertThat(of(arn("user", "deployer"), arn("role", "MfaAdmin")).steps().get(0).why())
        .contains("the trust policy trusts the account root with MFA").doesNotContain("without MFA");
  }

  @Test
  void aDenyThatAsksForMfaIsSaidAndTheStatementThatLetsTheCallerInIsTheOneQuoted() {
    assertThat(of(arn("user", "deployer"), arn("role", "DenyNoMfa")).steps().get(0).why())
        .doesNotContain("without MFA or other conditions").contains("a Deny in it applies when")
        .contains("aws:MultiFactorAuthPresent");
    assertThat(of(arn("user", "deployer"), arn("role", "NamedAdmin")).steps().get(0).why())
        .contains("the trust policy names deployer without MFA or other conditions").doesNotContain("with MFA when");
  }

  @Test
  void aPermissionsBoundaryBelowEverythingKeepsAPrincipalFromBeingAdminEquivalent() {
    assertThat(graph.nodes()).filteredOn(n -> n.id().equals(arn("user", "bounded"))).singleElement()
        .satisfies(n -> assertThat(n.adminEquivalent()).as("it can only grant itself what the boundary allows").isFalse());
    assertThat(graph.nodes()).filteredOn(n -> n.id().equals(arn("user", "unbounded"))).singleElement()
        .satisfies(n -> assertThat(n.adminEquivalent()).as("a boundary of everything caps nothing").isTrue());
  }

  @Test
  void aRoleThatIsNotAdminEquivalentIsNeverListedAsTheAdmin() {
    assertThat(graph.nodes()).filteredOn(n -> n.id().equals(arn("role", "Reader"))).singleElement()
        .satisfies(n -> assertThat(n.adminEquivalent()).isFalse());
    assertThat(list).extracting(EscalationList.Escalation::admin)
        .containsOnly(arn("role", "Admin"), arn("role", "MfaAdmin"), arn("role", "DenyNoMfa"), arn("role", "NamedAdmin"));
    assertThat(list).extracting(EscalationList.Escalation::principal)
        .as("admins are not listed as escalating, nor a user with no way to an admin")
        .doesNotContain(arn("role", "Admin"), arn("role", "MfaAdmin"), arn("user", "auditor"), arn("role", "Reader"));
  }

  @Test
  void aChainOfTwoHopsListsBothStepsInOrderInOneSentence() {
    EscalationList.Escalation e = of(arn("user", "intern"), arn("role", "Admin"));
    assertThat(e.steps()).extracting(EscalationList.Step::from, EscalationList.Step::to).containsExactly(
        org.assertj.core.groups.Tuple.tuple(arn("user", "intern"), arn("role", "Hop")),
        org.assertj.core.groups.Tuple.tuple(arn("role", "Hop"), arn("role", "Admin")));
    assertThat(e.steps().get(0).why()).contains("intern-inline-0 allows role/Hop", "the trust policy names intern");
    assertThat(e.steps().get(1).why()).contains("Hop-inline-0 allows role/Admin");
    assertThat(e.sentence()).startsWith("intern can become Hop via sts:AssumeRole: ")
        .contains(", then Admin (admin) via sts:AssumeRole: Hop-inline-0 allows role/Admin");
    assertThat(list).noneMatch(x -> x.principal().equals(arn("user", "intern")) && x.admin().equals(arn("role", "MfaAdmin")));
  }
}
