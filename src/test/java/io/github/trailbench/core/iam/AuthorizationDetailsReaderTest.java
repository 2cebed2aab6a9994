package io.github.trailbench.core.iam;

import static io.github.trailbench.core.iam.IamFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.AttachedPolicy;
import io.github.trailbench.core.model.iam.AuthorizationDetails;
import io.github.trailbench.core.model.iam.IamGroup;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.PolicyDocument;
import io.github.trailbench.core.model.iam.PolicyVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthorizationDetailsReaderTest {
  private static final String FILE = "authorization-details.json";
  private static final IamSourceKind KIND = IamSourceKind.AUTHORIZATION_DETAILS;

  private static String good() {
    return IamFixtures.text(FILE);
  }

  @Test
  void readsUsersGroupsRolesAndPolicies() throws Exception {
    AuthorizationDetails d = IamFixtures.read(KIND, FILE);
    assertThat(d.pages()).isEqualTo(1);
    assertThat(d.truncated()).isFalse();

    assertThat(d.users()).extracting(IamUser::name).containsExactly("alice", "ci-deployer");
    IamUser alice = d.users().get(0);
    assertThat(alice.arn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(alice.accountId()).isEqualTo("111122223333");
    assertThat(alice.id()).isEqualTo("AIDAQ3EGRX7PALICE0001");
    assertThat(alice.createDate()).contains(Instant.parse("2021-06-15T08:00:12Z"));
    assertThat(alice.groups()).containsExactly("Developers");
    assertThat(alice.inlinePolicies()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("alice-own-prefix");
      assertThat(p.document().encoding()).isEqualTo(PolicyDocument.Encoding.OBJECT);
      assertThat(p.document().json()).startsWith("{\n").endsWith("}")
          .contains("\"Resource\": \"arn:aws:s3:::acme-data/home/${aws:username}/*\"");
    });
    assertThat(alice.attachedPolicies()).containsExactly(
        new AttachedPolicy("DeployPolicy", "arn:aws:iam::111122223333:policy/DeployPolicy"));
    assertThat(alice.permissionsBoundary()).contains(
        new AttachedPolicy("DevBoundary", "arn:aws:iam::111122223333:policy/boundaries/DevBoundary"));
    assertThat(alice.tags()).containsExactly(
        org.assertj.core.api.Assertions.entry("team", "payments"), org.assertj.core.api.Assertions.entry("env", "prod"));
    assertThat(d.users().get(1).path()).isEqualTo("/automation/");
    assertThat(d.users().get(1).permissionsBoundary()).isEmpty();

    IamGroup devs = d.groups().get(0);
    assertThat(devs.name()).isEqualTo("Developers");
    assertThat(devs.inlinePolicies().get(0).document().encoding()).isEqualTo(PolicyDocument.Encoding.JSON_STRING);
    assertThat(devs.inlinePolicies().get(0).document().json()).startsWith("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\"");
    assertThat(devs.attachedPolicies()).extracting(AttachedPolicy::arn).containsExactly("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");

    IamRole deploy = d.roles().get(0);
    assertThat(deploy.name()).isEqualTo("DeployRole");
    assertThat(deploy.serviceLinked()).isFalse();
    assertThat(deploy.trustPolicy().json()).contains("\"sts:ExternalId\": \"ci-7f3a\"")
        .contains("\"AWS\": \"arn:aws:iam::111122223333:user/automation/ci-deployer\"");
    assertThat(deploy.instanceProfiles()).singleElement().satisfies(ip -> {
      assertThat(ip.arn()).isEqualTo("arn:aws:iam::111122223333:instance-profile/DeployRole");
      assertThat(ip.roleNames()).containsExactly("DeployRole");
    });
    assertThat(deploy.inlinePolicies().get(0).document().encoding()).isEqualTo(PolicyDocument.Encoding.URL_ENCODED);
    assertThat(deploy.inlinePolicies().get(0).document().json()).isEqualTo(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\","
            + "\"Resource\":\"arn:aws:iam::111122223333:role/ecs-task\",\"Condition\":{\"StringEquals\":"
            + "{\"iam:PassedToService\":\"ecs-tasks.amazonaws.com\"}}}]}");
    assertThat(deploy.lastUsed().lastUsedDate()).contains(Instant.parse("2026-11-23T02:12:05Z"));
    assertThat(deploy.lastUsed().region()).contains("us-east-1");
    assertThat(deploy.tags()).containsEntry("owner", "platform");

    IamRole support = d.roles().get(1);
    assertThat(support.serviceLinked()).isTrue();
    assertThat(support.lastUsed().lastUsedDate()).isEmpty();

    ManagedPolicy deployPolicy = d.policies().get(0);
    assertThat(deployPolicy.awsManaged()).isFalse();
    assertThat(deployPolicy.defaultVersionId()).isEqualTo("v2");
    assertThat(deployPolicy.defaultVersion().document().json()).contains("\"Sid\": \"EcsDeploy\"");
    assertThat(deployPolicy.version("v1").orElseThrow().document().json()).contains("\"ecs:*\"");
    assertThat(deployPolicy.attachmentCount()).contains(2);
    assertThat(deployPolicy.versionsExistingAt(Instant.parse("2024-01-01T00:00:00Z")))
        .extracting(PolicyVersion::versionId).containsExactly("v1");
    assertThat(deployPolicy.versionsExistingAt(Instant.parse("2026-11-01T00:00:00Z")))
        .extracting(PolicyVersion::versionId).containsExactly("v2", "v1");
    assertThat(d.policies().get(2).awsManaged()).isTrue();
  }

  @Test
  void mergesPagesConcatenatedInOneFile() throws Exception {
    AuthorizationDetails d = IamFixtures.read(KIND, "authorization-details-pages.json");
    assertThat(d.pages()).isEqualTo(2);
    assertThat(d.truncated()).as("the last page is complete").isFalse();
    assertThat(d.users()).extracting(IamUser::name).containsExactly("pat");
    assertThat(d.groups()).extracting(IamGroup::name).containsExactly("Ops");
  }

  @Test
  void mergesPagesInAJsonArrayAndKeepsTheTruncationMarker() throws Exception {
    String page = "{\"UserDetailList\": [], \"IsTruncated\": true, \"Marker\": \"m-1\"}";
    AuthorizationDetails d = (AuthorizationDetails) IamSources.read(KIND, "array.json",
        ("[" + good() + "," + page + "]").getBytes(StandardCharsets.UTF_8));
    assertThat(d.pages()).isEqualTo(2);
    assertThat(d.truncated()).isTrue();
    assertThat(d.marker()).contains("m-1");
    assertThat(d.roles()).hasSize(2);
  }

  @Test
  void detectsByContent() {
    assertThat(IamSources.detect("x.txt", IamFixtures.bytes(FILE))).contains(KIND);
    assertThat(IamSources.detect("x.txt", IamFixtures.bytes("authorization-details-pages.json"))).contains(KIND);
    assertThat(IamSources.detect("x.json", "{\"Records\": []}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(IamSources.detect("x.json", "{\"UserDetailList\": [ {broken".getBytes(StandardCharsets.UTF_8))).contains(KIND);
  }

  @Test
  void refusesMalformedJsonWithLineAndColumn() {
    String text = good().replace("\"UserName\": \"ci-deployer\",", "\"UserName\": \"ci-deployer\"");
    SourceProblem p = refused(KIND, "broken.json", text);
    assertThat(p.position()).isEqualTo("line 43, column 13");
    assertThat(p.reason()).startsWith("malformed JSON");
  }

  @Test
  void refusesAListThatIsAnObject() {
    SourceProblem p = refused(KIND, "wrong-type.json", "{\n  \"UserDetailList\": {\"UserName\": \"alice\"}\n}");
    assertThat(p.position()).isEqualTo("UserDetailList (line 2, column 21)");
    assertThat(p.reason()).isEqualTo("expected an array, found an object");
  }

  @Test
  void refusesAnEmptyFile() {
    assertThat(refused(KIND, "empty.json", "").reason()).contains("empty");
    assertThat(refused(KIND, "spaces.json", "  \n ").reason()).contains("empty");
  }

  @Test
  void refusesJsonThatIsNotAResponse() {
    SourceProblem p = refused(KIND, "other.json", "{\"Records\": []}");
    assertThat(p.position()).isEqualTo("top level (line 1, column 1)");
    assertThat(p.reason()).contains("not a get-account-authorization-details response");
  }

  @Test
  void refusesATrustPolicyWithoutStatementNamingItsPath() {
    String text = good().replace("\"Principal\": { \"Service\": \"support.amazonaws.com\" },", "\"Principal\": { \"Service\": \"support.amazonaws.com\" },")
        .replace("\"AssumeRolePolicyDocument\": {\n                \"Version\": \"2012-10-17\",\n                \"Statement\": [\n                    {\n                        \"Effect\": \"Allow\",\n                        \"Principal\": { \"Service\"",
            "\"AssumeRolePolicyDocument\": {\n                \"Version\": \"2012-10-17\",\n                \"Statements\": [\n                    {\n                        \"Effect\": \"Allow\",\n                        \"Principal\": { \"Service\"");
    assertThat(text).isNotEqualTo(good());
    SourceProblem p = refused(KIND, "trust.json", text);
    assertThat(p.position()).startsWith("RoleDetailList[1].AssumeRolePolicyDocument (line ");
    assertThat(p.reason()).contains("has no Statement");
  }

  @Test
  void refusesAPolicyDocumentStringThatIsNotJson() {
    String text = good().replace("\\\"Statement\\\":{\\\"Effect\\\":\\\"Deny\\\"", "\\\"Statement\\\":{\\\"Effect\\\" \\\"Deny\\\"");
    SourceProblem p = refused(KIND, "string-doc.json", text);
    assertThat(p.position()).startsWith("GroupDetailList[0].GroupPolicyList[0].PolicyDocument (in the object at line ");
    assertThat(p.reason()).contains("not valid JSON").contains("line 1, column 47 inside the string");
  }

  @Test
  void refusesBadUrlEncoding() {
    String text = good().replace("%22pass", "%2Xpass").replace("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect",
        "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%ZZEffect");
    SourceProblem p = refused(KIND, "urlenc.json", text);
    assertThat(p.position()).startsWith("RoleDetailList[0].RolePolicyList[0].PolicyDocument");
    assertThat(p.reason()).contains("bad URL encoding");
  }

  @Test
  void refusesTwoDefaultVersions() {
    String text = good().replace("\"VersionId\": \"v1\",\n                    \"IsDefaultVersion\": false", "\"VersionId\": \"v1\",\n                    \"IsDefaultVersion\": true");
    SourceProblem p = refused(KIND, "defaults.json", text);
    assertThat(p.position()).startsWith("Policies[0].PolicyVersionList[1].IsDefaultVersion");
    assertThat(p.reason()).contains("second default version (v1)");
  }

  @Test
  void refusesABadDate() {
    String text = good().replace("\"CreateDate\": \"2020-11-02T10:00:00+00:00\"", "\"CreateDate\": \"last tuesday\"");
    SourceProblem p = refused(KIND, "date.json", text);
    assertThat(p.position()).startsWith("GroupDetailList[0].CreateDate (in the object at line 58, column 9)");
    assertThat(p.reason()).contains("\"last tuesday\"");
  }

  @Test
  void refusesDuplicateKeys() {
    SourceProblem p = refused(KIND, "dup.json", "{\"RoleDetailList\": [],\n \"RoleDetailList\": []}");
    assertThat(p.position()).isEqualTo("line 2, column 2");
    assertThat(p.reason()).contains("duplicate key \"RoleDetailList\"");
  }

  @Test
  void acceptsBoto3StyleTimesEpochSecondsAndAUtf8Bom() throws Exception {
    String text = "\uFEFF{\"RoleDetailList\": [{\"RoleName\": \"r\", \"Arn\": \"arn:aws:iam::111122223333:role/r\", "
        + "\"CreateDate\": \"2024-01-02 03:04:05+00:00\", \"RoleLastUsed\": {\"LastUsedDate\": 1700000000}, "
        + "\"AssumeRolePolicyDocument\": {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Service\":"
        + " \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}}}]}";
    AuthorizationDetails d = (AuthorizationDetails) IamSources.read(KIND, "boto3.json", text.getBytes(StandardCharsets.UTF_8));
    IamRole r = d.roles().get(0);
    assertThat(r.createDate()).contains(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(r.lastUsed().lastUsedDate()).contains(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(r.path()).isEqualTo("/");
  }

  @Test
  void refusesAMissingRequiredField() {
    SourceProblem p = refused(KIND, "noarn.json", "{\"GroupDetailList\": [{\"GroupName\": \"g\"}]}");
    assertThat(p.position()).isEqualTo("GroupDetailList[0].Arn (in the object at line 1, column 22)");
    assertThat(p.reason()).isEqualTo("required string is missing");
  }

  @Test
  void refusesPathologicalNestingWithoutOverflowingTheStack() {
    String deep = "{\"UserDetailList\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
    SourceProblem p = refused(KIND, "deep.json", deep);
    assertThat(p.position()).startsWith("line 1, column ");
    assertThat(p.reason()).startsWith("objects and arrays nested deeper than 200 levels");
  }

  @Test
  void refusesAPageThatIsNotAnObject() {
    SourceProblem p = refused(KIND, "pages.json", "[" + good() + ", 42]");
    assertThat(p.position()).isEqualTo("[1] (in the object at line 1, column 1)");
    assertThat(p.reason()).isEqualTo("expected an object, found a number");
  }
}
