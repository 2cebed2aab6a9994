package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.SyntheticIam.allow;
import static io.github.trailbench.core.correlate.SyntheticIam.arn;
import static io.github.trailbench.core.correlate.SyntheticIam.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.graph.EdgeKind;
import io.github.trailbench.core.model.graph.GraphEdge;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.OrgAccount;
import io.github.trailbench.core.model.iam.OrgPolicy;
import io.github.trailbench.core.model.iam.OrgPolicyType;
import io.github.trailbench.core.model.iam.OrgUnit;
import io.github.trailbench.core.model.iam.Organization;
import io.github.trailbench.core.model.iam.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who can assume a role opened to the organization (a trust policy on aws:PrincipalOrgID): the
 * graph reads membership from the case's organization manifest, leaves it undetermined without
 * one, and a manifest without RCPs (RCPs not enabled) limits nothing.
 */
class PrincipalGraphOrganizationTest {
  private static final String ORG_TRUST = doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
      + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-test12345\"}}}");

  private static SyntheticIam iam() {
    return new SyntheticIam()
        .role("org-reader", ORG_TRUST, List.of(), doc(allow("s3:GetObject", "*")))
        .user("alice", List.of(), List.of(), doc(allow("sts:AssumeRole", "*")));
  }

  /** An organization holding account 111122223333, with SCPs only (RCPs not enabled). */
  private static Organization scpOnlyOrganization() {
    return organization(null);
  }

  /** As {@link #scpOnlyOrganization}, with {@code accountScp} (a document) attached to the account too when not null. */
  private static Organization organization(String accountScp) {
    OrgPolicy full = new OrgPolicy("p-FullAWSAccess", "FullAWSAccess", OrgPolicyType.SERVICE_CONTROL_POLICY, true, Optional.empty(),
        new PolicyDocument(doc(allow("*", "*")), PolicyDocument.Encoding.OBJECT));
    Map<String, OrgPolicy> policies = new java.util.LinkedHashMap<>(Map.of("p-FullAWSAccess", full));
    List<String> onAccount = new java.util.ArrayList<>(List.of("p-FullAWSAccess"));
    if (accountScp != null) {
      policies.put("p-account", new OrgPolicy("p-account", "account-guardrail", OrgPolicyType.SERVICE_CONTROL_POLICY, false,
          Optional.empty(), new PolicyDocument(accountScp, PolicyDocument.Encoding.OBJECT)));
      onAccount.add("p-account");
    }
    OrgUnit root = new OrgUnit("r-test", "Root", List.of("p-FullAWSAccess"),
        List.of(new OrgAccount("111122223333", "workloads", onAccount)), List.of());
    return new Organization("org.json", "o-test12345", "999999999999", policies, root);
  }

  @Test
  void rewritingATrustPolicyIsATakeoverOnlyWhenTheCallerMayThenAssumeTheRole() {
    SyntheticIam iam = new SyntheticIam()
        .role("ops-admin", SyntheticIam.trust("AWS", arn("user", "boss")), List.of(), doc(allow("*", "*")))
        .user("trust-writer", List.of(), List.of(), doc(allow("iam:UpdateAssumeRolePolicy", arn("role", "ops-admin"))));
    java.util.function.Function<PrincipalGraph, Optional<GraphEdge>> takeover = g -> g.edges().stream()
        .filter(e -> e.kind() == EdgeKind.CAN_ESCALATE && e.from().equals(arn("user", "trust-writer"))).findFirst();
    PrincipalGraph open = new PrincipalGraphBuilder(iam.snapshot(List.<IamSource>of(organization(null)))).build();
    assertThat(takeover.apply(open).orElseThrow().evidence()).anySatisfy(l -> assertThat(l).startsWith("then sts:AssumeRole"));
    String noAssume = doc(SyntheticIam.statement("Deny", "sts:AssumeRole", "*", null));
    PrincipalGraph guarded = new PrincipalGraphBuilder(iam.snapshot(List.<IamSource>of(organization(noAssume)))).build();
    assertThat(takeover.apply(guarded)).as("the account's SCP denies sts:AssumeRole").isEmpty();
  }

  private static Optional<GraphEdge> canAssume(PrincipalGraph g) {
    return g.edges().stream().filter(e -> e.kind() == EdgeKind.CAN_ASSUME && e.from().equals(arn("user", "alice"))
        && e.to().equals(arn("role", "org-reader"))).findFirst();
  }

  @Test
  void aMemberOfTheOrganizationCanAssumeARoleOpenedToIt() {
    PrincipalGraph g = new PrincipalGraphBuilder(iam().snapshot(List.<IamSource>of(scpOnlyOrganization()))).build();
    GraphEdge e = canAssume(g).orElseThrow();
    assertThat(e.evidence().get(0)).doesNotContain(" if ").contains("Allowed");
  }

  @Test
  void withoutOrganizationDataTheEdgeDependsOnTheMembership() {
    PrincipalGraph g = new PrincipalGraphBuilder(iam().snapshot()).build();
    assertThat(canAssume(g).orElseThrow().evidence().get(0)).contains("if aws:PrincipalOrgID");
  }
  @Test
  void anAdminUnderCappingScpsIsMarkedWithTheCeilingAndOneTheScpsStopIsNotMarked() {
    SyntheticIam iam = new SyntheticIam().user("boss", List.of(), List.of(), doc(allow("*", "*")));
    java.util.function.Function<Organization, Optional<String>> admin = org -> new PrincipalGraphBuilder(iam.snapshot(List.<IamSource>of(org)))
        .build().nodes().stream().filter(n -> n.id().equals(arn("user", "boss")))
        .map(n -> n.details().get(io.github.trailbench.core.model.graph.GraphNode.ADMIN_DETAIL)).filter(java.util.Objects::nonNull)
        .findFirst();
    assertThat(admin.apply(scpOnlyOrganization()).orElseThrow()).as("FullAWSAccess caps nothing")
        .startsWith("can grant itself any permission").doesNotContain("service control policies");
    String denyEc2 = doc(SyntheticIam.statement("Deny", "ec2:*", "*", null));
    assertThat(admin.apply(organization(denyEc2)).orElseThrow()).as("an SCP Deny caps the account")
        .contains("within the service control policies on account 111122223333");
    String denyIam = doc(SyntheticIam.statement("Deny", "iam:*", "*", null));
    assertThat(admin.apply(organization(denyIam))).as("the SCP stops it granting itself anything").isEmpty();
  }
}
