package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.policy.AclGrant;
import io.github.trailbench.core.model.policy.AclGrantee;
import io.github.trailbench.core.model.policy.AclGroup;
import io.github.trailbench.core.model.policy.AclPermission;
import io.github.trailbench.core.model.policy.ObjectOwnership;
import io.github.trailbench.core.model.policy.S3Acl;
import org.junit.jupiter.api.Test;

class S3AclReaderTest {
  static final ObjectMapper M = new ObjectMapper();
  static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

  @Test
  void getBucketAclJsonReadsOwnerAndEveryGranteeKind() throws Exception {
    S3Acl acl = S3AclReader.fromJson(M.readTree("""
        {"Owner": {"DisplayName": "acme", "ID": "%s"},
         "Grants": [
          {"Grantee": {"DisplayName": "acme", "ID": "%s", "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"},
          {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"},
          {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"}, "Permission": "WRITE"},
          {"Grantee": {"Type": "AmazonCustomerByEmail", "EmailAddress": "x@example.com"}, "Permission": "READ_ACP"}]}
        """.formatted(OWNER, OWNER)));
    assertThat(acl.ownerId()).isEqualTo(OWNER);
    assertThat(acl.grants()).containsExactly(
        new AclGrant(new AclGrantee.CanonicalUser(OWNER, "acme"), AclPermission.FULL_CONTROL),
        new AclGrant(new AclGrantee.Group(AclGroup.ALL_USERS), AclPermission.READ),
        new AclGrant(new AclGrantee.Group(AclGroup.LOG_DELIVERY), AclPermission.WRITE),
        new AclGrant(new AclGrantee.Email("x@example.com"), AclPermission.READ_ACP));
  }

  @Test
  void jsonWithAnUnknownPermissionIsRefusedWithItsPath() {
    assertThatThrownBy(() -> S3AclReader.fromJson(M.readTree("""
        {"Owner": {"ID": "a"}, "Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": "b"}, "Permission": "READ"},
          {"Grantee": {"Type": "CanonicalUser", "ID": "b"}, "Permission": "DELETE"}]}""")))
        .isInstanceOf(S3AclFormatException.class)
        .hasMessageContaining("Grants[1].Permission")
        .hasMessageContaining("unknown permission \"DELETE\"");
  }

  @Test
  void jsonWithAnUnknownGroupUriIsRefused() {
    assertThatThrownBy(() -> S3AclReader.fromJson(M.readTree("""
        {"Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/Everyone"}, "Permission": "READ"}]}""")))
        .hasMessageContaining("Grants[0].Grantee.URI").hasMessageContaining("unknown group URI");
  }

  @Test
  void restXmlAccessControlPolicyReadsGrantsByXsiType() throws Exception {
    S3AclReader.XmlAcl x = S3AclReader.fromXml("""
        <?xml version="1.0" encoding="UTF-8"?>
        <?trailbench s3-acl/v1 resourceArn="arn:aws:s3:::acme-shared" resourceAccount="111122223333"?>
        <AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Owner><ID>%s</ID><DisplayName>acme</DisplayName></Owner>
          <AccessControlList>
            <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>%s</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>
            <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee><Permission>READ</Permission></Grant>
            <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="AmazonCustomerByEmail"><EmailAddress>x@example.com</EmailAddress></Grantee><Permission>WRITE_ACP</Permission></Grant>
          </AccessControlList>
        </AccessControlPolicy>
        """.formatted(OWNER, OWNER));
    assertThat(x.envelopeVersion()).isEqualTo("s3-acl/v1");
    assertThat(x.envelope()).containsEntry("resourceArn", "arn:aws:s3:::acme-shared").containsEntry("resourceAccount", "111122223333");
    assertThat(x.acl().ownerId()).isEqualTo(OWNER);
    assertThat(x.acl().grants()).containsExactly(
        new AclGrant(new AclGrantee.CanonicalUser(OWNER, null), AclPermission.FULL_CONTROL),
        new AclGrant(new AclGrantee.Group(AclGroup.AUTHENTICATED_USERS), AclPermission.READ),
        new AclGrant(new AclGrantee.Email("x@example.com"), AclPermission.WRITE_ACP));
  }

  @Test
  void xmlWithAnExternalEntityIsRefusedAndNothingIsRead() {
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE AccessControlPolicy [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <AccessControlPolicy><Owner><ID>&xxe;</ID></Owner><AccessControlList/></AccessControlPolicy>
        """;
    assertThatThrownBy(() -> S3AclReader.fromXml(xxe))
        .isInstanceOf(S3AclFormatException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("DOCTYPE is not allowed");
  }

  @Test
  void xmlWithAnUndeclaredEntityIsRefused() {
    assertThatThrownBy(() -> S3AclReader.fromXml("<AccessControlPolicy><Owner><ID>&xxe;</ID></Owner><AccessControlList/></AccessControlPolicy>"))
        .isInstanceOf(S3AclFormatException.class).hasMessageContaining("line 1");
  }

  @Test
  void malformedXmlNamesLineAndColumn() {
    assertThatThrownBy(() -> S3AclReader.fromXml("<AccessControlPolicy>\n  <Owner><ID>x</Owner>\n</AccessControlPolicy>"))
        .isInstanceOf(S3AclFormatException.class).hasMessageContaining("line 2").hasMessageContaining("malformed XML");
  }

  @Test
  void xmlOfAnotherDocumentIsRefused() {
    assertThatThrownBy(() -> S3AclReader.fromXml("<ListBucketResult/>"))
        .hasMessageContaining("expected <AccessControlPolicy>, found <ListBucketResult>");
  }

  @Test
  void ownershipControlsOutputAndBareValueAreRead() throws Exception {
    assertThat(S3AclReader.ownershipFromJson(M.readTree("""
        {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}""")))
        .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    assertThat(S3AclReader.ownershipFromJson(M.readTree("\"ObjectWriter\""))).isEqualTo(ObjectOwnership.OBJECT_WRITER);
    assertThatThrownBy(() -> S3AclReader.ownershipFromJson(M.readTree("""
        {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwner"}]}}""")))
        .hasMessageContaining("OwnershipControls.Rules[0].ObjectOwnership").hasMessageContaining("unknown Object Ownership");
  }

  @Test
  void everyRowOfTheMappingNamesItsSource() {
    for (S3AclPermissions.Row r : S3AclPermissions.ROWS) {
      assertThat(r.source()).startsWith(S3AclPermissions.PAGE).contains(r.permission().name());
    }
    assertThat(S3AclPermissions.actions(AclPermission.FULL_CONTROL, S3AclPermissions.Level.BUCKET))
        .containsExactly("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads", "s3:PutObject", "s3:GetBucketAcl", "s3:PutBucketAcl");
  }
}
