package io.github.trailbench.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.iam.AuthorizationDetails;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.CredentialReportRow;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.NamedPolicy;
import io.github.trailbench.core.model.iam.NoValue;
import io.github.trailbench.core.model.iam.PolicyDocument;
import io.github.trailbench.core.model.iam.ReportValue;
import io.github.trailbench.core.model.iam.ResolvedPolicies;
import io.github.trailbench.core.model.iam.UnresolvedPolicy;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit of the IAM readers against AWS's documented shapes.
 *
 * <ul>
 *   <li>GetAccountAuthorizationDetails (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html):
 *       "Policies returned by this operation are URL-encoded compliant with RFC 3986"; the AWS CLI decodes them to
 *       JSON objects; IsTruncated/Marker pagination; the Filter parameter can leave AWS-managed policies out.</li>
 *   <li>Credential report (https://docs.aws.amazon.com/IAM/latest/UserGuide/credential-reports.html): the
 *       {@code <root_account>} row, {@code N/A}, {@code not_supported}, {@code no_information}, ISO-8601 times.</li>
 * </ul>
 */
class IamInputAuditTest {
  static final ObjectMapper M = new ObjectMapper();

  static String fixture(String name) {
    try (InputStream in = IamInputAuditTest.class.getResourceAsStream("/iam-audit/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static AuthorizationDetails details(String file, String json) throws Exception {
    return (AuthorizationDetails) IamSources.read(IamSourceKind.AUTHORIZATION_DETAILS, file, json.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 3986 percent-encoding of every reserved character (what the raw IAM API returns). */
  static String rfc3986(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A b+c\",\"Effect\":\"Allow\","
      + "\"Action\":[\"s3:GetObject\",\"s3:List*\"],\"Resource\":\"arn:aws:s3:::bkt/a b+c/*\","
      + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"r&d=1\"}}}]}";

  static String userPage(String name, String documentJsonValue, String extra) {
    return "{\"UserDetailList\":[{\"Path\":\"/\",\"UserName\":\"" + name + "\",\"UserId\":\"AIDA" + name.toUpperCase() + "\","
        + "\"Arn\":\"arn:aws:iam::111122223333:user/" + name + "\",\"GroupList\":[],\"AttachedManagedPolicies\":[],"
        + "\"UserPolicyList\":[{\"PolicyName\":\"p\",\"PolicyDocument\":" + documentJsonValue + "}]}],"
        + "\"GroupDetailList\":[],\"RoleDetailList\":[],\"Policies\":[]" + extra + "}";
  }

  // ------------------------------------------------------------------ A. document shapes

  /** The AWS CLI's decoded object and the raw API's RFC 3986 string give the same policy, characters and all. */
  @Test
  void cliObjectAndRawApiUrlEncodedDocumentReadAsTheSamePolicy() throws Exception {
    AuthorizationDetails cli = details("cli.json", userPage("alice", POLICY, ""));
    AuthorizationDetails api = details("api.json", userPage("alice", "\"" + rfc3986(POLICY) + "\"", ""));
    PolicyDocument a = cli.users().get(0).inlinePolicies().get(0).document();
    PolicyDocument b = api.users().get(0).inlinePolicies().get(0).document();
    assertThat(a.encoding()).isEqualTo(PolicyDocument.Encoding.OBJECT);
    assertThat(b.encoding()).isEqualTo(PolicyDocument.Encoding.URL_ENCODED);
    assertThat(M.readTree(b.json())).isEqualTo(M.readTree(a.json()));
    assertThat(b.json()).contains("a b+c").contains("r&d=1");
  }

  /** An SDK dump with the document as a plain JSON string reads the same too. */
  @Test
  void jsonStringDocumentReadsAsTheSamePolicy() throws Exception {
    AuthorizationDetails sdk = details("sdk.json", userPage("alice", M.writeValueAsString(POLICY), ""));
    PolicyDocument d = sdk.users().get(0).inlinePolicies().get(0).document();
    assertThat(d.encoding()).isEqualTo(PolicyDocument.Encoding.JSON_STRING);
    assertThat(M.readTree(d.json())).isEqualTo(M.readTree(POLICY));
  }

  /** Pages chained by IsTruncated/Marker, written one after another ({@code >>}), are merged; the last page is complete. */
  @Test
  void pagesChainedByMarkerInOneFileAreMergedAndNotReportedTruncated() throws Exception {
    String text = userPage("alice", POLICY, ",\"IsTruncated\":true,\"Marker\":\"m-1\"") + "\n"
        + userPage("bob", "\"" + rfc3986(POLICY) + "\"", ",\"IsTruncated\":false");
    AuthorizationDetails d = details("pages.json", text);
    assertThat(d.pages()).isEqualTo(2);
    assertThat(d.users()).extracting(IamUser::name).containsExactly("alice", "bob");
    assertThat(d.truncated()).isFalse();
    assertThat(IamSnapshot.of(List.of(d)).warnings()).isEmpty();
  }

  /** A single page saying IsTruncated: true is read, and the snapshot warns that the details may be incomplete. */
  @Test
  void aLastPageSayingIsTruncatedIsWarned() throws Exception {
    AuthorizationDetails d = details("page1.json", userPage("alice", POLICY, ",\"IsTruncated\":true,\"Marker\":\"m-1\""));
    assertThat(d.truncated()).isTrue();
    assertThat(IamSnapshot.of(List.of(d)).warnings()).anySatisfy(w -> assertThat(w).contains("page1.json").contains("IsTruncated"));
  }

  /** Only the default version of a managed policy is in force; a non-default version (listed first) is not. */
  @Test
  void onlyTheDefaultPolicyVersionIsUsed() throws Exception {
    AuthorizationDetails d = details("auth-role-with-policy.json", fixture("auth-role-with-policy.json"));
    ManagedPolicy p = d.policies().get(0);
    assertThat(p.versions()).hasSize(2);
    assertThat(p.defaultVersion().versionId()).isEqualTo("v2");
    IamSnapshot iam = IamSnapshot.of(List.of(d));
    ResolvedPolicies reader = iam.identityPolicies("arn:aws:iam::111122223333:user/reader").orElseThrow();
    assertThat(reader.policies()).hasSize(1);
    assertThat(reader.policies().get(0).document().json()).contains("s3:Get*").doesNotContain("\"Action\":\"*\"");
  }

  /** Role fields: path, tags, instance profiles, RoleLastUsed {} (not used in the tracking window), URL-encoded trust policy. */
  @Test
  void roleFieldsAndAnUrlEncodedTrustPolicyAreRead() throws Exception {
    AuthorizationDetails d = details("auth-role.json", fixture("auth-role.json"));
    IamRole r = d.roles().get(0);
    assertThat(r.path()).isEqualTo("/");
    assertThat(r.lastUsed().lastUsedDate()).isEmpty();
    assertThat(r.trustPolicy().encoding()).isEqualTo(PolicyDocument.Encoding.URL_ENCODED);
    assertThat(r.trustPolicy().json()).contains("\"arn:aws:iam::111122223333:user/ops\"").contains("sts:AssumeRole");
    AuthorizationDetails sample = (AuthorizationDetails) IamSources.read(IamSourceKind.AUTHORIZATION_DETAILS, "authorization-details.json",
        IamFixtures.bytes("authorization-details.json"));
    IamRole deploy = sample.roles().stream().filter(x -> x.name().equals("DeployRole")).findFirst().orElseThrow();
    assertThat(deploy.tags()).containsEntry("owner", "platform");
    assertThat(deploy.instanceProfiles()).singleElement().satisfies(ip -> {
      assertThat(ip.name()).isEqualTo("DeployRole");
      assertThat(ip.roleNames()).containsExactly("DeployRole");
    });
    assertThat(deploy.lastUsed().lastUsedDate()).contains(Instant.parse("2026-11-23T02:12:05Z"));
    assertThat(deploy.lastUsed().region()).contains("us-east-1");
    IamUser ci = sample.users().stream().filter(u -> u.name().equals("ci-deployer")).findFirst().orElseThrow();
    assertThat(ci.path()).isEqualTo("/automation/");
  }

  /**
   * An export filtered to {@code User Role Group LocalManagedPolicy} names AWS-managed policies it does not hold,
   * and a user can be in a group, or have a boundary, that the file lacks: the snapshot lists each as unresolved
   * (this is what lets an evaluation say it is incomplete).
   */
  @Test
  void referencesNotInTheFileAreListedAsUnresolved() throws Exception {
    IamSnapshot iam = IamSnapshot.of(List.of(details("auth.json", fixture("auth-missing-references.json"))));
    ResolvedPolicies managed = iam.identityPolicies("arn:aws:iam::111122223333:user/u-managed").orElseThrow();
    assertThat(managed.unresolved()).extracting(UnresolvedPolicy::reference).containsExactly("arn:aws:iam::aws:policy/AWSDenyAll");
    ResolvedPolicies group = iam.identityPolicies("arn:aws:iam::111122223333:user/u-group").orElseThrow();
    assertThat(group.unresolved()).extracting(UnresolvedPolicy::reference).containsExactly("group/Admins");
    ResolvedPolicies boundary = iam.permissionsBoundary("arn:aws:iam::111122223333:user/u-boundary").orElseThrow();
    assertThat(boundary.policies()).isEmpty();
    assertThat(boundary.unresolved()).extracting(UnresolvedPolicy::reference)
        .containsExactly("arn:aws:iam::111122223333:policy/DevBoundary");
    assertThat(managed.policies()).extracting(NamedPolicy::name).containsExactly("allow-ec2");
  }

  // ------------------------------------------------------------------ D. organization manifest

  /** An SCP attached at an OU but missing from the manifest's policies is refused with its path, not skipped. */
  @Test
  void anScpAttachedAtAnOuButNotInTheManifestIsRefused() {
    String org = fixture("org-ou-fullaccess-replaced.json").replace("\"p-ec2only0001\"\n", "\"p-missing0001\"\n");
    assertThat(org).contains("p-missing0001");
    var p = IamFixtures.refused(IamSourceKind.ORGANIZATION, "org.json", org);
    assertThat(p.reason()).contains("p-missing0001");
    assertThat(p.position()).contains("line ");
  }

  // ------------------------------------------------------------------ C. credential report

  static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
      + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
      + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
      + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
      + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

  /**
   * The root row as AWS writes it (password_enabled, password_last_changed and password_next_rotation
   * {@code not_supported}), a user whose password was not used since October 2014 ({@code no_information}), a
   * never-used key ({@code N/A}), an active signing certificate, {@code +00:00} times, CRLF line ends.
   */
  @Test
  void awsShapedReportReadsRootNoInformationNotApplicableAndCertificates() throws Exception {
    String csv = String.join("\r\n", HEADER,
        "<root_account>,arn:aws:iam::111122223333:root,2014-01-02T03:04:05+00:00,not_supported,2026-11-20T22:41:03+00:00,"
            + "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
        "old-admin,arn:aws:iam::111122223333:user/old-admin,2013-05-05T05:05:05+00:00,true,no_information,2013-05-05T05:06:00+00:00,"
            + "N/A,false,true,2013-05-05T05:07:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,true,2015-01-01T00:00:00+00:00,false,N/A")
        + "\r\n";
    CredentialReport r = (CredentialReport) IamSources.read(IamSourceKind.CREDENTIAL_REPORT, "report.csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertThat(r.rows()).hasSize(2);
    CredentialReportRow root = r.rows().get(0);
    assertThat(root.isRoot()).isTrue();
    assertThat(root.passwordEnabled()).isEqualTo(new ReportValue.Absent<>(NoValue.NOT_SUPPORTED));
    assertThat(root.passwordNextRotation()).isEqualTo(new ReportValue.Absent<>(NoValue.NOT_SUPPORTED));
    assertThat(root.passwordLastUsed().value()).contains(Instant.parse("2026-11-20T22:41:03Z"));
    assertThat(root.mfaActive().value()).contains(true);
    CredentialReportRow old = r.rows().get(1);
    assertThat(old.passwordLastUsed()).isEqualTo(new ReportValue.Absent<>(NoValue.NO_INFORMATION));
    assertThat(old.accessKey1().active().value()).contains(true);
    assertThat(old.accessKey1().lastUsedDate()).isEqualTo(new ReportValue.Absent<>(NoValue.NOT_APPLICABLE));
    assertThat(old.cert1().active().value()).contains(true);
    assertThat(old.cert1().lastRotated().value()).contains(Instant.parse("2015-01-01T00:00:00Z"));
    assertThat(old.cert2().lastRotated()).isEqualTo(new ReportValue.Absent<>(NoValue.NOT_APPLICABLE));
    IamSnapshot iam = IamSnapshot.of(List.of(r));
    assertThat(iam.credentialReportRow("<root_account>")).contains(root);
    assertThat(iam.credentialReportRow("arn:aws:iam::111122223333:root")).contains(root);
    assertThat(iam.accessKeyStatus("old-admin", 1).flatMap(k -> k.lastRotated().value()))
        .contains(Instant.parse("2013-05-05T05:07:00Z"));
  }

  /** A report cut in the middle of a row (a truncated download) is refused whole with its row, not read in part. */
  @Test
  void aReportCutMidRowIsRefusedWithItsRow() {
    String csv = HEADER + "\n"
        + "alice,arn:aws:iam::111122223333:user/alice,2021-06-15T08:00:12+00:00,true,N/A,2021-06-15T08:00:12+00:00,N/A,true,false,N/A,N/A,"
        + "N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
        + "bob,arn:aws:iam::111122223333:user/bob,2021-06-15T08:00:12+00:00,true,N/A,2021-06";
    var p = IamFixtures.refused(IamSourceKind.CREDENTIAL_REPORT, "cut.csv", csv);
    assertThat(p.position()).contains("row 3");
  }
}
