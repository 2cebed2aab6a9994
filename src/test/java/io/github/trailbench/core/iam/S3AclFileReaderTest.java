package io.github.trailbench.core.iam;

import static io.github.trailbench.core.iam.IamFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.model.iam.ResourcePolicies;
import io.github.trailbench.core.model.iam.S3AccessControl;
import io.github.trailbench.core.model.iam.S3AccessControls;
import io.github.trailbench.core.model.policy.AclGroup;
import io.github.trailbench.core.model.policy.AclGrantee;
import io.github.trailbench.core.model.policy.AclPermission;
import io.github.trailbench.core.model.policy.ObjectOwnership;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3AclFileReaderTest {
  static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
  static final String PARTNER = "be7cd47ef2bed5218e7cd47ef2be79a59df900b949e55d96a1e698fbacedfd6e";

  static final String ENVELOPE = """
      {
        "trailbench": "s3-acl/v1",
        "resourceArn": "arn:aws:s3:::acme-shared",
        "resourceAccount": "111122223333",
        "acl": {
          "Owner": {"DisplayName": "acme-prod", "ID": "%s"},
          "Grants": [
            {"Grantee": {"Type": "CanonicalUser", "ID": "%s"}, "Permission": "FULL_CONTROL"},
            {"Grantee": {"Type": "CanonicalUser", "ID": "%s"}, "Permission": "READ"}
          ]
        },
        "ownershipControls": {"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}},
        "accounts": [{"id": "444455556666", "canonicalUserId": "%s"}]
      }
      """.formatted(OWNER, OWNER, PARTNER, PARTNER);

  static final String XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <?trailbench s3-acl/v1 resourceArn="arn:aws:s3:::acme-shared/reports/q3.csv" resourceAccount="111122223333"?>
      <AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
        <Owner><ID>%s</ID></Owner>
        <AccessControlList>
          <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>
        </AccessControlList>
      </AccessControlPolicy>
      """.formatted(OWNER);

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void jsonEnvelopeIsDetectedByContentAndReadWithAclOwnershipAndAccounts() throws Exception {
    assertThat(IamSources.detect("anything.txt", b(ENVELOPE))).contains(IamSourceKind.S3_ACL);
    S3AccessControls a = (S3AccessControls) IamSources.read(IamSourceKind.S3_ACL, "acl.json", b(ENVELOPE));
    S3AccessControl e = a.entries().get(0);
    assertThat(e.resourceArn()).isEqualTo("arn:aws:s3:::acme-shared");
    assertThat(e.resourceAccount()).isEqualTo("111122223333");
    assertThat(e.ownership()).contains(ObjectOwnership.OBJECT_WRITER);
    assertThat(e.acl().orElseThrow().grants()).hasSize(2);
    assertThat(a.accounts()).singleElement().satisfies(x -> assertThat(x.canonicalUserId()).contains(PARTNER));
    assertThat(IamSourceSummary.of(a)).isEqualTo("ACL and ownership controls of arn:aws:s3:::acme-shared");

    IamSnapshot snap = IamSnapshot.of(List.of(a));
    assertThat(snap.s3AccessControl("arn:aws:s3:::acme-shared")).isPresent();
    assertThat(snap.canonicalIds()).as("the bucket ACL's Owner is the bucket account's canonical id")
        .containsEntry("111122223333", OWNER).containsEntry("444455556666", PARTNER);
  }

  @Test
  void xmlAccessControlPolicyNamedByItsTrailbenchInstructionIsRead() throws Exception {
    assertThat(IamSources.detect("acl.xml", b(XML))).contains(IamSourceKind.S3_ACL);
    S3AccessControls a = (S3AccessControls) IamSources.read(IamSourceKind.S3_ACL, "acl.xml", b(XML));
    S3AccessControl e = a.entries().get(0);
    assertThat(e.resourceArn()).isEqualTo("arn:aws:s3:::acme-shared/reports/q3.csv");
    assertThat(e.acl().orElseThrow().grants()).singleElement().satisfies(g -> {
      assertThat(g.grantee()).isEqualTo(new AclGrantee.Group(AclGroup.ALL_USERS));
      assertThat(g.permission()).isEqualTo(AclPermission.READ);
    });
  }

  @Test
  void xmlWithoutTheInstructionIsRefusedSayingItNamesNoBucket() {
    SourceProblem p = refused(IamSourceKind.S3_ACL, "acl.xml", XML.replaceFirst("<\\?trailbench[^>]*>\\n", ""));
    assertThat(p.file()).isEqualTo("acl.xml");
    assertThat(p.reason()).contains("names no bucket").contains("<?trailbench s3-acl/v1");
  }

  @Test
  void xxeFixtureIsRefusedWithFileAndLine() {
    String xxe = """
        <?xml version="1.0"?>
        <?trailbench s3-acl/v1 resourceArn="arn:aws:s3:::acme-shared" resourceAccount="111122223333"?>
        <!DOCTYPE AccessControlPolicy [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <AccessControlPolicy><Owner><ID>&xxe;</ID></Owner><AccessControlList/></AccessControlPolicy>
        """;
    SourceProblem p = refused(IamSourceKind.S3_ACL, "evil.xml", xxe);
    assertThat(p.file()).isEqualTo("evil.xml");
    assertThat(p.position()).startsWith("line 3");
    assertThat(p.reason()).contains("DOCTYPE is not allowed");
  }

  @Test
  void badGrantInTheEnvelopeIsNamedWithItsPathAndLine() {
    SourceProblem p = refused(IamSourceKind.S3_ACL, "acl.json", ENVELOPE.replace("\"READ\"", "\"READ_ALL\""));
    assertThat(p.position()).startsWith("acl (line 5");
    assertThat(p.reason()).contains("Grants[1].Permission").contains("unknown permission \"READ_ALL\"");
  }

  @Test
  void envelopeWithoutResourceAccountIsRefused() {
    SourceProblem p = refused(IamSourceKind.S3_ACL, "acl.json", ENVELOPE.replace("\"resourceAccount\": \"111122223333\",", ""));
    assertThat(p.position()).startsWith("resourceAccount");
    assertThat(p.reason()).contains("resourceAccount is required");
  }

  @Test
  void ownershipControlsOnAnObjectAreRefused() {
    String json = """
        {"trailbench": "s3-acl/v1", "resourceArn": "arn:aws:s3:::acme-shared/k", "resourceAccount": "111122223333",
         "ownershipControls": "BucketOwnerEnforced"}""";
    assertThat(refused(IamSourceKind.S3_ACL, "own.json", json).reason()).contains("belong to a bucket, not an object");
  }

  @Test
  void manifestEntriesMayCarryAnAclAndOwnershipControlsWithoutAPolicy() throws Exception {
    String manifest = """
        {"trailbench": "resource-policies/v1",
         "accounts": [{"id": "444455556666", "canonicalUserId": "%s", "email": "aws@partner.example"}],
         "policies": [
          {"resourceArn": "arn:aws:s3:::acme-shared", "resourceAccount": "111122223333",
           "document": {"Version": "2012-10-17", "Statement": []},
           "ownershipControls": {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}},
          {"resourceArn": "arn:aws:s3:::acme-shared/a.csv", "resourceAccount": "111122223333",
           "acl": "<AccessControlPolicy><Owner><ID>%s</ID></Owner><AccessControlList/></AccessControlPolicy>"}]}
        """.formatted(PARTNER, OWNER);
    ResourcePolicies rp = (ResourcePolicies) IamSources.read(IamSourceKind.RESOURCE_POLICIES, "rp.json", b(manifest));
    assertThat(rp.policies()).hasSize(1);
    assertThat(rp.accessControls()).extracting(S3AccessControl::resourceArn)
        .containsExactly("arn:aws:s3:::acme-shared", "arn:aws:s3:::acme-shared/a.csv");
    assertThat(rp.accessControls().get(0).ownership()).contains(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    IamSnapshot snap = IamSnapshot.of(List.of(rp));
    assertThat(snap.accountEmails()).containsEntry("444455556666", "aws@partner.example");
    assertThat(snap.canonicalIds()).as("an object ACL's owner may be another account: not used").doesNotContainValue(OWNER);
  }

  @Test
  void manifestAccountWithABadCanonicalIdIsRefused() {
    String manifest = """
        {"trailbench": "resource-policies/v1", "accounts": [{"id": "444455556666", "canonicalUserId": "partner"}], "policies": []}""";
    SourceProblem p = refused(IamSourceKind.RESOURCE_POLICIES, "rp.json", manifest);
    assertThat(p.position()).startsWith("accounts[0].canonicalUserId");
    assertThat(p.reason()).contains("64 hexadecimal digits");
  }
}
