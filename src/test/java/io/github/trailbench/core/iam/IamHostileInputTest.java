package io.github.trailbench.core.iam;

import static io.github.trailbench.core.iam.IamFixtures.refused;
import static io.github.trailbench.core.iam.IamFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.trailbench.core.cloudtrail.LightIamCheck;
import io.github.trailbench.core.cloudtrail.SourceKind;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile IAM inputs are refused whole with file, line and column and a reason, never read in
 * part: a key twice in one object (a policy's {@code "Effect": "Deny"} followed by
 * {@code "Effect": "Allow"} would silently read as Allow), and strings, numbers and nesting far
 * beyond any AWS document.
 */
class IamHostileInputTest {
  /** Replaces the first {@code from} in {@code text}, failing when the fixture no longer holds it. */
  private static String once(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  @Test
  void aDuplicateEffectInAnAuthorizationDetailsPolicyObjectIsRefusedWithItsLine() {
    String hostile = once(text("authorization-details.json"), "\"Effect\": \"Allow\"", "\"Effect\": \"Deny\", \"Effect\": \"Allow\"");
    SourceProblem p = refused(IamSourceKind.AUTHORIZATION_DETAILS, "auth.json", hostile);
    assertThat(p.file()).isEqualTo("auth.json");
    assertThat(p.position()).matches("line \\d+, column \\d+");
    assertThat(p.reason()).startsWith("duplicate key \"Effect\" in one object").contains("silently replace");
  }

  @Test
  void aDuplicateEffectInsideAUrlEncodedPolicyStringIsRefused() {
    String hostile = once(text("authorization-details.json"), "%22Effect%22%3A%22Allow%22",
        "%22Effect%22%3A%22Deny%22%2C%22Effect%22%3A%22Allow%22");
    SourceProblem p = refused(IamSourceKind.AUTHORIZATION_DETAILS, "auth.json", hostile);
    assertThat(p.position()).contains("PolicyDocument").contains("line ");
    assertThat(p.reason()).contains("inside the decoded string").contains("duplicate key \"Effect\"");
  }

  @Test
  void aDuplicateEffectInsideAResourcePolicyStringIsRefused() {
    String hostile = once(text("resource-policies.json"), "\\\"Effect\\\":\\\"Deny\\\"", "\\\"Effect\\\":\\\"Deny\\\",\\\"Effect\\\":\\\"Allow\\\"");
    SourceProblem p = refused(IamSourceKind.RESOURCE_POLICIES, "policies.json", hostile);
    assertThat(p.position()).contains("line ");
    assertThat(p.reason()).contains("inside the string").contains("duplicate key \"Effect\"");
  }

  @Test
  void aDuplicateEffectInAnScpIsRefused() {
    String hostile = once(text("organization.json"), "\"Effect\": \"Deny\"", "\"Effect\": \"Deny\", \"Effect\": \"Allow\"");
    SourceProblem p = refused(IamSourceKind.ORGANIZATION, "org.json", hostile);
    assertThat(p.position()).matches("line \\d+, column \\d+");
    assertThat(p.reason()).startsWith("duplicate key \"Effect\"");
  }

  @Test
  void aDuplicateKeyInAnAccessAdvisorReportIsRefused() {
    String hostile = once(text("access-advisor.json"), "\"JobStatus\": \"COMPLETED\",", "\"JobStatus\": \"FAILED\", \"JobStatus\": \"COMPLETED\",");
    SourceProblem p = refused(IamSourceKind.ACCESS_ADVISOR, "advisor.json", hostile);
    assertThat(p.position()).matches("line \\d+, column \\d+");
    assertThat(p.reason()).startsWith("duplicate key \"JobStatus\"");
  }

  @Test
  void aDuplicateKeyInAnS3AclEnvelopeIsRefused() {
    String envelope = S3AclFileReaderTest.ENVELOPE;
    String hostile = once(envelope, "\"Permission\": \"READ\"", "\"Permission\": \"READ\", \"Permission\": \"FULL_CONTROL\"");
    SourceProblem p = refused(IamSourceKind.S3_ACL, "acl.json", hostile);
    assertThat(p.position()).matches("line \\d+, column \\d+");
    assertThat(p.reason()).startsWith("duplicate key \"Permission\"");
  }

  @Test
  void aStringLongerThanAnyIamDocumentIsRefusedWithItsPosition() {
    String hostile = "{\"RoleDetailList\": [{\"RoleName\": \"" + "x".repeat(Json.MAX_STRING_CHARS + 1) + "\"}]}";
    SourceProblem p = refused(IamSourceKind.AUTHORIZATION_DETAILS, "big.json", hostile);
    assertThat(p.position()).startsWith("line 1, column ");
    assertThat(p.reason()).isEqualTo("a string value is longer than 1,048,576 characters, far beyond any IAM document");
  }

  @Test
  void nestingDeeperThanAnyIamDocumentIsRefused() {
    String hostile = "{\"Policies\": " + "[".repeat(Json.MAX_NESTING + 5) + "]".repeat(Json.MAX_NESTING + 5) + "}";
    SourceProblem p = refused(IamSourceKind.AUTHORIZATION_DETAILS, "deep.json", hostile);
    assertThat(p.position()).startsWith("line 1, column ");
    assertThat(p.reason()).startsWith("objects and arrays nested deeper than 200 levels");
  }

  @Test
  void aNumberOfOverAThousandDigitsIsRefused() {
    String hostile = "{\"RoleDetailList\": [{\"RoleName\": \"r\", \"MaxSessionDuration\": " + "9".repeat(1500) + "}]}";
    SourceProblem p = refused(IamSourceKind.AUTHORIZATION_DETAILS, "num.json", hostile);
    assertThat(p.position()).startsWith("line 1, column ");
    assertThat(p.reason()).isEqualTo("a number is longer than 1000 digits");
  }

  @Test
  void aCredentialReportCellLongerThanAnyArnIsRefusedWithRowAndColumn() {
    String report = text("credential-report.csv");
    String[] lines = report.split("\n", -1);
    String[] cells = lines[1].split(",", -1);
    cells[1] = "arn:aws:iam::111122223333:user/" + "x".repeat(CredentialReportReader.MAX_CELL_CHARS);
    lines[1] = String.join(",", cells);
    SourceProblem p = refused(IamSourceKind.CREDENTIAL_REPORT, "report.csv", String.join("\n", lines));
    assertThat(p.position()).isEqualTo("row 2 (line 2), column 2 (arn)");
    assertThat(p.reason()).contains("characters long").contains("refused");
  }

  @Test
  void theLightCheckAlsoRefusesADuplicateKey() {
    byte[] hostile = "{\"RoleDetailList\": [],\n \"RoleDetailList\": [{}]}".getBytes(StandardCharsets.UTF_8);
    SourceFormatException e = catchThrowableOfType(SourceFormatException.class,
        () -> LightIamCheck.INSTANCE.check(SourceKind.IAM_AUTHORIZATION_DETAILS, "dup.json", hostile));
    assertThat(e).isNotNull();
    assertThat(e.problem().position()).startsWith("line 2, column ");
    assertThat(e.problem().reason()).startsWith("duplicate key \"RoleDetailList\"");
  }
}
