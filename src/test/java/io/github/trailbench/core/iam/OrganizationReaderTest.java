package io.github.trailbench.core.iam;

import static io.github.trailbench.core.iam.IamFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.model.iam.NamedPolicy;
import io.github.trailbench.core.model.iam.OrgPolicy;
import io.github.trailbench.core.model.iam.OrgPolicyType;
import io.github.trailbench.core.model.iam.OrgUnit;
import io.github.trailbench.core.model.iam.Organization;
import io.github.trailbench.core.model.iam.PolicyDocument;
import io.github.trailbench.core.model.iam.PolicyKind;
import io.github.trailbench.core.model.iam.PolicyLevel;
import org.junit.jupiter.api.Test;

class OrganizationReaderTest {
  private static final String FILE = "organization.json";
  private static final IamSourceKind KIND = IamSourceKind.ORGANIZATION;

  private static String good() {
    return IamFixtures.text(FILE);
  }

  @Test
  void readsTheTreeAndPolicies() throws Exception {
    Organization org = IamFixtures.read(KIND, FILE);
    assertThat(org.organizationId()).isEqualTo("o-a1b2c3d4e5");
    assertThat(org.managementAccountId()).isEqualTo("999900001111");
    assertThat(org.isManagementAccount("999900001111")).isTrue();
    assertThat(org.isManagementAccount("111122223333")).isFalse();
    assertThat(org.policies()).hasSize(6);
    OrgPolicy full = org.policies().get("p-FullAWSAccess");
    assertThat(full.awsManaged()).isTrue();
    assertThat(full.description()).contains("Allows access to every operation");
    assertThat(org.policies().get("p-RCPFullAWSAccess").document().json())
        .as("well-known AWS-managed policy filled in").contains("\"Principal\":\"*\"");
    assertThat(org.policies().get("p-0rg1d3nt1ty").document().json())
        .as("describe-policy output unwrapped").startsWith("{\"Version\":\"2012-10-17\"").contains("aws:PrincipalOrgID");
    assertThat(org.policies().get("p-n0r00tacts").document().encoding()).isEqualTo(PolicyDocument.Encoding.JSON_STRING);

    OrgUnit root = org.root();
    assertThat(root.isRoot()).isTrue();
    assertThat(root.organizationalUnits()).extracting(OrgUnit::name).containsExactly("Workloads");
    assertThat(org.pathTo("111122223333")).extracting(OrgUnit::id).containsExactly("r-7k2p", "ou-7k2p-w0rk10ad", "ou-7k2p-pr0dpr0d");
    assertThat(org.account("444455556666").orElseThrow().name()).isEqualTo("sandbox");
    assertThat(org.contains("000000000000")).isFalse();
  }

  @Test
  void scpLevelsGoFromTheRootThroughEachOuToTheAccount() throws Exception {
    Organization org = IamFixtures.read(KIND, FILE);
    var levels = org.levels("111122223333", OrgPolicyType.SERVICE_CONTROL_POLICY);
    assertThat(levels).extracting(PolicyLevel::target).containsExactly(
        PolicyLevel.Target.ROOT, PolicyLevel.Target.ORGANIZATIONAL_UNIT, PolicyLevel.Target.ORGANIZATIONAL_UNIT, PolicyLevel.Target.ACCOUNT);
    assertThat(levels).extracting(PolicyLevel::targetName).containsExactly("Root", "Workloads", "Prod", "payments-prod");
    assertThat(levels.get(0).policies()).extracting(NamedPolicy::name).containsExactly("FullAWSAccess");
    assertThat(levels.get(1).policies()).extracting(NamedPolicy::name).containsExactly("FullAWSAccess", "deny-leave-organization");
    assertThat(levels.get(2).policies()).extracting(NamedPolicy::name).containsExactly("FullAWSAccess", "region-lock-eu-west-1");
    assertThat(levels.get(3).policies()).extracting(NamedPolicy::name).containsExactly("FullAWSAccess", "deny-root-user");
    NamedPolicy regionLock = levels.get(2).policies().get(1);
    assertThat(regionLock.origin().kind()).isEqualTo(PolicyKind.SERVICE_CONTROL_POLICY);
    assertThat(regionLock.origin().attachedTo()).isEqualTo("ou-7k2p-pr0dpr0d");
    assertThat(regionLock.origin().policyRef()).contains("p-r3g10nl0ck");
    assertThat(regionLock.document().json()).contains("\"aws:RequestedRegion\": \"eu-west-1\"");

    var rcps = org.levels("111122223333", OrgPolicyType.RESOURCE_CONTROL_POLICY);
    assertThat(rcps).hasSize(4);
    assertThat(rcps.get(0).policies()).extracting(NamedPolicy::name).containsExactly("RCPFullAWSAccess");
    assertThat(rcps.get(1).policies()).as("no RCP attached to Workloads").isEmpty();
    assertThat(rcps.get(2).policies()).extracting(NamedPolicy::name).containsExactly("enforce-org-identities", "RCPFullAWSAccess");
    assertThat(org.levels("000000000000", OrgPolicyType.SERVICE_CONTROL_POLICY)).isEmpty();
  }

  @Test
  void aManifestWithoutAnyRcpHasNoRcpLevelsForRcpsAreNotEnabled() throws Exception {
    // AWS attaches RCPFullAWSAccess to every node once RCPs are enabled, and it cannot be detached:
    // a manifest with no RCP at all describes an organization without them, which they limit in nothing
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(good());
    java.util.Set<String> rcpIds = new java.util.HashSet<>();
    java.util.Iterator<com.fasterxml.jackson.databind.JsonNode> policies = root.get("policies").elements();
    while (policies.hasNext()) {
      com.fasterxml.jackson.databind.JsonNode p = policies.next();
      if ("RESOURCE_CONTROL_POLICY".equals(p.path("type").asText())) {
        rcpIds.add(p.get("id").asText());
        policies.remove();
      }
    }
    withoutIds(root.get("root"), rcpIds);
    Organization org = (Organization) IamSources.read(KIND, FILE, root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(rcpIds).isNotEmpty();
    assertThat(org.levels("111122223333", OrgPolicyType.RESOURCE_CONTROL_POLICY)).isEmpty();
    assertThat(org.levels("111122223333", OrgPolicyType.SERVICE_CONTROL_POLICY)).hasSize(4);
  }

  /** Removes {@code ids} from every node's policy list, recursively. */
  private static void withoutIds(com.fasterxml.jackson.databind.JsonNode node, java.util.Set<String> ids) {
    if (node.isArray()) {
      java.util.Iterator<com.fasterxml.jackson.databind.JsonNode> it = node.elements();
      while (it.hasNext()) {
        com.fasterxml.jackson.databind.JsonNode child = it.next();
        if (child.isTextual() && ids.contains(child.asText())) {
          it.remove();
        } else {
          withoutIds(child, ids);
        }
      }
    } else if (node.isObject()) {
      node.elements().forEachRemaining(child -> withoutIds(child, ids));
    }
  }

  @Test
  void detectsByContent() {
    assertThat(IamSources.detect("org.txt", IamFixtures.bytes(FILE))).contains(KIND);
  }

  @Test
  void refusesAnUnknownPolicyId() {
    String text = good().replace("\"policies\": [\"p-FullAWSAccess\", \"p-dn4lv0rg1\"]", "\"policies\": [\"p-FullAWSAccess\", \"p-dn4lv0rg2\"]");
    SourceProblem p = refused(KIND, "unknown-policy.json", text);
    assertThat(p.position()).startsWith("root.organizationalUnits[0].policies[1] (in the object at line ");
    assertThat(p.reason()).contains("unknown policy id \"p-dn4lv0rg2\"");
  }

  @Test
  void refusesAnAccountInTwoPlaces() {
    String text = good().replace("{ \"id\": \"444455556666\", \"name\": \"sandbox\"", "{ \"id\": \"111122223333\", \"name\": \"sandbox\"");
    SourceProblem p = refused(KIND, "twice.json", text);
    assertThat(p.position()).startsWith("root.organizationalUnits[0].organizationalUnits[0].accounts[0].id");
    assertThat(p.reason()).contains("account 111122223333 appears twice").contains("root.organizationalUnits[0].accounts[0].id");
  }

  @Test
  void refusesBadIds() {
    assertThat(refused(KIND, "bad-ou.json", good().replace("ou-7k2p-pr0dpr0d", "ou-prod")).reason())
        .contains("\"ou-prod\" is not an OU id");
    SourceProblem account = refused(KIND, "bad-account.json", good().replace("\"id\": \"444455556666\"", "\"id\": \"4444-5555-6666\""));
    assertThat(account.position()).startsWith("root.organizationalUnits[0].accounts[0].id");
    assertThat(account.reason()).contains("not an account id");
    assertThat(refused(KIND, "bad-org.json", good().replace("o-a1b2c3d4e5\",", "org-1\",")).position()).startsWith("organizationId");
    assertThat(refused(KIND, "bad-policy-id.json", good().replace("\"id\": \"p-dn4lv0rg1\"", "\"id\": \"deny-leave\"")).position())
        .startsWith("policies[2].id");
  }

  @Test
  void refusesAnUnknownPolicyTypeAndManifestVersion() {
    SourceProblem type = refused(KIND, "type.json", good().replace("\"type\": \"SERVICE_CONTROL_POLICY\",\n      \"awsManaged\": false", "\"type\": \"TAG_POLICY\",\n      \"awsManaged\": false"));
    assertThat(type.position()).startsWith("policies[2].type");
    assertThat(type.reason()).contains("TAG_POLICY");
    SourceProblem version = refused(KIND, "v2.json", good().replace("organization/v1", "organization/v2"));
    assertThat(version.position()).startsWith("trailbench");
    assertThat(version.reason()).contains("unsupported manifest \"organization/v2\"");
  }

  @Test
  void refusesAPolicyWithoutADocument() {
    String text = good().replace("\"document\": { \"Version\": \"2012-10-17\", \"Statement\": { \"Effect\": \"Deny\", \"Action\": \"organizations:LeaveOrganization\", \"Resource\": \"*\" } }", "\"doc\": {}");
    SourceProblem p = refused(KIND, "nodoc.json", text);
    assertThat(p.position()).startsWith("policies[2].document");
    assertThat(p.reason()).contains("missing");
  }

  @Test
  void refusesMalformedJsonAndWrongTypes() {
    SourceProblem malformed = refused(KIND, "malformed.json", "{\"trailbench\": \"organization/v1\",\n  \"policies\": [,]}");
    assertThat(malformed.position()).isEqualTo("line 2, column 16");
    SourceProblem wrong = refused(KIND, "wrong.json", "{\"trailbench\": \"organization/v1\", \"organizationId\": \"o-a1b2c3d4e5\", "
        + "\"managementAccountId\": \"999900001111\", \"policies\": [], \"root\": [] }");
    assertThat(wrong.position()).startsWith("root");
    assertThat(wrong.reason()).isEqualTo("expected an object, found an array");
  }
}
