package io.github.trailbench.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.NamedPolicy;
import io.github.trailbench.core.model.iam.NoValue;
import io.github.trailbench.core.model.iam.PolicyKind;
import io.github.trailbench.core.model.iam.PolicyLevel;
import io.github.trailbench.core.model.iam.ResolvedPolicies;
import io.github.trailbench.core.model.iam.ResourcePolicy;
import io.github.trailbench.core.model.iam.UnresolvedPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IamSnapshotTest {
  private static IamSnapshot snapshot;

  @BeforeAll
  static void readTheCase() throws Exception {
    List<IamSource> sources = new ArrayList<>();
    for (String name : List.of("credential-report.csv", "authorization-details.json", "authorization-details-pages.json",
        "organization.json", "resource-policies.json")) {
      byte[] bytes = IamFixtures.bytes(name);
      IamSourceKind kind = IamSources.detect(name, bytes).orElseThrow();
      sources.add(IamSources.read(kind, name, bytes));
    }
    snapshot = IamSnapshot.of(sources);
  }

  @Test
  void groupPoliciesReachTheUserInAwsOrder() {
    ResolvedPolicies alice = snapshot.identityPolicies("arn:aws:iam::111122223333:user/alice").orElseThrow();
    assertThat(alice.policies()).extracting(NamedPolicy::name)
        .containsExactly("alice-own-prefix", "DeployPolicy", "deny-iam-writes", "AmazonS3ReadOnlyAccess");
    assertThat(alice.policies()).extracting(p -> p.origin().kind())
        .containsExactly(PolicyKind.USER_INLINE, PolicyKind.USER_MANAGED, PolicyKind.GROUP_INLINE, PolicyKind.GROUP_MANAGED);
    NamedPolicy groupInline = alice.policies().get(2);
    assertThat(groupInline.origin().attachedTo()).isEqualTo("arn:aws:iam::111122223333:group/Developers");
    assertThat(groupInline.document().json()).contains("iam:Attach*");
    assertThat(alice.complete()).isTrue();
  }

  @Test
  void managedPoliciesUseTheDefaultVersion() {
    NamedPolicy deploy = snapshot.identityPolicies("arn:aws:iam::111122223333:user/alice").orElseThrow().policies().get(1);
    assertThat(deploy.origin().policyRef()).contains("arn:aws:iam::111122223333:policy/DeployPolicy");
    assertThat(deploy.origin().versionId()).contains("v2");
    assertThat(deploy.document().json()).contains("EcsDeploy").doesNotContain("\"ecs:*\"");
    assertThat(deploy.origin().describe()).isEqualTo(
        "managed policy attached to the user on arn:aws:iam::111122223333:user/alice (arn:aws:iam::111122223333:policy/DeployPolicy v2)");
    assertThat(snapshot.managedPolicy("arn:aws:iam::111122223333:policy/DeployPolicy").orElseThrow().versions()).hasSize(2);
  }

  @Test
  void anAwsManagedPolicyNotInTheCaseIsReportedAsReferenced() {
    ResolvedPolicies ci = snapshot.identityPolicies("arn:aws:iam::111122223333:user/automation/ci-deployer").orElseThrow();
    assertThat(ci.policies()).isEmpty();
    assertThat(ci.complete()).isFalse();
    UnresolvedPolicy missing = ci.unresolved().get(0);
    assertThat(missing.kind()).isEqualTo(PolicyKind.USER_MANAGED);
    assertThat(missing.reference()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(missing.reason()).contains("AWS-managed policy ReadOnlyAccess is referenced, but its document is not in the case");
  }

  @Test
  void aGroupNotInTheCaseIsReportedAndGroupsFromAnotherPageResolve() {
    ResolvedPolicies pat = snapshot.identityPolicies("arn:aws:iam::444455556666:user/pat").orElseThrow();
    assertThat(pat.policies()).extracting(NamedPolicy::name).containsExactly("ops-ec2");
    assertThat(pat.unresolved()).extracting(UnresolvedPolicy::reference).containsExactly("group/Auditors");
  }

  @Test
  void roleInlineThenAttachedAndAnAssumedRoleSessionResolvesToItsRole() {
    String session = "arn:aws:sts::111122223333:assumed-role/DeployRole/ci-run-4711";
    assertThat(snapshot.role(session)).map(IamRole::arn).contains("arn:aws:iam::111122223333:role/DeployRole");
    assertThat(snapshot.principal(session)).isPresent();
    ResolvedPolicies role = snapshot.identityPolicies(session).orElseThrow();
    assertThat(role.policies()).extracting(NamedPolicy::name).containsExactly("pass-to-ecs", "DeployPolicy");
    assertThat(role.policies()).extracting(p -> p.origin().kind()).containsExactly(PolicyKind.ROLE_INLINE, PolicyKind.ROLE_MANAGED);
    assertThat(role.unresolved()).extracting(UnresolvedPolicy::reference).containsExactly("arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess");
    assertThat(snapshot.principalTags(session)).isEqualTo(Map.of("owner", "platform"));
    assertThat(snapshot.identityPolicies("arn:aws:sts::111122223333:assumed-role/NoSuchRole/x")).isEmpty();
  }

  @Test
  void trustPolicyOfARole() {
    NamedPolicy trust = snapshot.trustPolicy("arn:aws:iam::111122223333:role/DeployRole").orElseThrow();
    assertThat(trust.name()).isEqualTo("DeployRole");
    assertThat(trust.origin().kind()).isEqualTo(PolicyKind.TRUST_POLICY);
    assertThat(trust.document().json()).contains("\"sts:AssumeRole\"").contains("ci-7f3a");
  }

  @Test
  void serviceLinkedRolesAreDetectedByPathAlsoWithoutPathInTheArn() {
    assertThat(snapshot.isServiceLinkedRole(
        "arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport")).isTrue();
    assertThat(snapshot.isServiceLinkedRole("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/support-session")).isTrue();
    assertThat(snapshot.role("arn:aws:iam::111122223333:role/AWSServiceRoleForSupport")).isPresent();
    assertThat(snapshot.isServiceLinkedRole("arn:aws:iam::111122223333:role/DeployRole")).isFalse();
    assertThat(snapshot.isServiceLinkedRole("arn:aws:iam::555555555555:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"))
        .as("not in the case, still recognisable by its path").isTrue();
  }

  @Test
  void lookupsByNameAndArn() {
    assertThat(snapshot.user("alice")).map(IamUser::arn).contains("arn:aws:iam::111122223333:user/alice");
    assertThat(snapshot.user("ALICE")).as("IAM names are unique ignoring case").isPresent();
    assertThat(snapshot.user("arn:aws:iam::111122223333:user/ci-deployer")).as("ARN without path").isPresent();
    assertThat(snapshot.user("arn:aws:iam::999999999999:user/alice")).isEmpty();
    assertThat(snapshot.group("Developers")).isPresent();
    assertThat(snapshot.principal("arn:aws:iam::111122223333:root")).isEmpty();
  }

  @Test
  void permissionsBoundary() {
    ResolvedPolicies boundary = snapshot.permissionsBoundary("arn:aws:iam::111122223333:user/alice").orElseThrow();
    assertThat(boundary.policies()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("DevBoundary");
      assertThat(p.origin().kind()).isEqualTo(PolicyKind.PERMISSIONS_BOUNDARY);
      assertThat(p.document().json()).contains("\"logs:*\"");
    });
    assertThat(snapshot.permissionsBoundary("arn:aws:iam::111122223333:role/DeployRole").orElseThrow().isEmpty()).isTrue();
  }

  @Test
  void scpAndRcpLevelsOfAnAccountRootFirst() {
    List<PolicyLevel> scps = snapshot.scpLevels("111122223333");
    assertThat(scps).extracting(PolicyLevel::targetId).containsExactly("r-7k2p", "ou-7k2p-w0rk10ad", "ou-7k2p-pr0dpr0d", "111122223333");
    assertThat(scps.get(2).policies()).extracting(NamedPolicy::name).contains("region-lock-eu-west-1");
    assertThat(snapshot.rcpLevels("111122223333").get(2).policies()).extracting(NamedPolicy::name).contains("enforce-org-identities");
    assertThat(snapshot.scpLevels("999900001111")).extracting(PolicyLevel::targetId).containsExactly("r-7k2p", "999900001111");
    assertThat(snapshot.isManagementAccount("999900001111")).isTrue();
    assertThat(snapshot.isManagementAccount("111122223333")).isFalse();
    assertThat(snapshot.scpLevels("123412341234")).as("not in an organization").isEmpty();
  }

  @Test
  void resourcePolicyLookups() {
    ResourcePolicy bucket = snapshot.resourcePolicy("arn:aws:s3:::acme-artifacts/builds/2026-11-22/app.zip").orElseThrow();
    assertThat(bucket.resourceArn()).isEqualTo("arn:aws:s3:::acme-artifacts");
    assertThat(bucket.document().json()).contains("CrossAccountRead");
    assertThat(snapshot.resourcePolicy("arn:aws:s3:::acme-artifacts")).contains(bucket);
    assertThat(snapshot.resourcePolicy("arn:aws:s3:::acme-artifacts-other/key")).isEmpty();

    String key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    assertThat(snapshot.resourcePolicy(key)).map(ResourcePolicy::resourceArn).contains(key);
    assertThat(snapshot.resourcePolicy("arn:aws:kms:eu-west-1:111122223333:alias/payments")).map(ResourcePolicy::resourceArn).contains(key);
    assertThat(snapshot.resourcePolicy("arn:aws:kms:eu-west-1:111122223333:alias/unknown")).isEmpty();

    assertThat(snapshot.resourcePolicy("arn:aws:sqs:eu-west-1:111122223333:orders")).isPresent();
    assertThat(snapshot.resourcePolicyDocument("arn:aws:sqs:eu-west-1:111122223333:orders").orElseThrow().origin().kind())
        .isEqualTo(PolicyKind.RESOURCE_POLICY);
  }

  @Test
  void credentialReportRowsAndAccessKeyStatus() {
    assertThat(snapshot.credentialReportRow("arn:aws:iam::111122223333:root").orElseThrow().passwordEnabled().noValue())
        .contains(NoValue.NOT_SUPPORTED);
    assertThat(snapshot.credentialReportRow("<root_account>")).isPresent();
    assertThat(snapshot.credentialReportRow("ci-deployer").orElseThrow().activeAccessKeys()).isEqualTo(2);
    assertThat(snapshot.accessKeyStatus("arn:aws:iam::111122223333:user/alice", 1).orElseThrow().lastUsedService().value()).contains("s3");
    assertThat(snapshot.accessKeyStatus("bob", 2).orElseThrow().isActive()).isFalse();
    assertThat(snapshot.credentialReportRow("nobody")).isEmpty();
  }

  @Test
  void warnsAboutATruncatedLastPageAndDifferingDuplicates() throws Exception {
    byte[] page = ("{\"UserDetailList\": [{\"UserName\": \"alice\", \"Arn\": \"arn:aws:iam::111122223333:user/alice\", "
        + "\"GroupList\": []}], \"IsTruncated\": true, \"Marker\": \"m-2\"}").getBytes(StandardCharsets.UTF_8);
    IamSnapshot s = IamSnapshot.of(List.of(
        IamSources.read(IamSourceKind.AUTHORIZATION_DETAILS, "a.json", IamFixtures.bytes("authorization-details.json")),
        IamSources.read(IamSourceKind.AUTHORIZATION_DETAILS, "a.json", IamFixtures.bytes("authorization-details.json")),
        IamSources.read(IamSourceKind.AUTHORIZATION_DETAILS, "page.json", page)));
    assertThat(s.warnings()).hasSize(2);
    assertThat(s.warnings().get(0)).contains("user arn:aws:iam::111122223333:user/alice differs");
    assertThat(s.warnings().get(1)).contains("page.json").contains("IsTruncated").contains("m-2");
    assertThat(s.user("alice").orElseThrow().groups()).as("the later file wins").isEmpty();
    assertThat(snapshot.warnings()).as("the fixture case is consistent").isEmpty();
  }
}
