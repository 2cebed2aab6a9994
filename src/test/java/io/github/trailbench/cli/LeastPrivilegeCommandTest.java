package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `trailbench least-privilege` and the hygiene findings of `trailbench findings` on the bundled sample case. */
class LeastPrivilegeCommandTest {
  @TempDir static Path caseDir;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";

  @BeforeAll
  static void importSample() {
    CliTest.Run r = CliTest.run("import", "--case", caseDir.toString(), "samples/case", "--json");
    assertThat(r.exit()).isZero();
  }

  @Test
  void textSummarisesCountsPerServiceAndCaveats() {
    CliTest.Run r = CliTest.run("least-privilege", "--case", caseDir.toString(), "--principal", CI);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(CI + " (user)", "granted 15 action(s), used ", "sts:AssumeRole", "refused",
        "iam:ListUsers", "[TRAIL_WINDOW]", "service", "ecr");
  }

  @Test
  void allThreeFormsShowWhatTheSamplesAccessAdvisorFileChanges() throws Exception {
    CliTest.Run text = CliTest.run("least-privilege", "--case", caseDir.toString(), "--principal", CI);
    assertThat(text.out()).contains("IAM Access Advisor (beside the trail's first and last use):",
        "cloudformation         used (Access Advisor, last 2026-09-21); kept in the policy: cloudformation:DescribeStacks",
        "[ACCESS_ADVISOR]", "ec2:DescribeRegions: used (Access Advisor, last 2026-09-12), kept");
    JsonNode j = JSON.readTree(CliTest.run("least-privilege", "--case", caseDir.toString(), "--principal", CI,
        "--format", "json").out());
    assertThat(j.path("accessAdvisor").get(0).path("status").asText()).isEqualTo("USED_ACCORDING_TO_ACCESS_ADVISOR");
    JsonNode policy = JSON.readTree(CliTest.run("least-privilege", "--case", caseDir.toString(), "--principal", CI,
        "--format", "policy").out());
    assertThat(policy.toString()).contains("\"Sid\":\"AccessAdvisorCloudformation\"", "cloudformation:DescribeStacks",
        "\"Sid\":\"AccessAdvisorEc2\"", "ec2:DescribeRegions");
  }

  @Test
  void jsonIsTheWholeResult() throws Exception {
    CliTest.Run r = CliTest.run("least-privilege", "--case", caseDir.toString(), "--principal",
        "arn:aws:iam::111122223333:role/OpsAdminRole", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.path("principalKind").asText()).isEqualTo("role");
    assertThat(j.path("window").path("principalEvents").asInt()).isEqualTo(52);
    List<String> used = new ArrayList<>();
    j.path("used").forEach(u -> used.add(u.path("action").asText()));
    assertThat(used).contains("iam:CreateUser", "s3:GetObject");
    assertThat(j.path("caveats").toString()).contains("DATA_EVENTS", "NOT_LOGGED");
  }

  @Test
  void policyPrintsOnlyTheGeneratedDocument() throws Exception {
    CliTest.Run r = CliTest.run("least-privilege", "--case", caseDir.toString(), "--principal", CI, "--format", "policy");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(doc.path("Statement").toString()).contains("sts:AssumeRole", "arn:aws:iam::111122223333:role/OpsAdminRole");
    assertThat(r.out()).contains("\n  \"Statement\"");  // pretty-printed
  }

  @Test
  void anUnknownPrincipalIsBadInputNamingTheKnownOnes() {
    CliTest.Run r = CliTest.run("least-privilege", "--case", caseDir.toString(), "--principal",
        "arn:aws:iam::111122223333:user/mallory");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.err()).contains("user/mallory", CI).doesNotContain("Exception", "\tat ");
  }

  @Test
  void aBadFormatOrAMissingCaseIsBadInputAndAMissingPrincipalIsUsage(@TempDir Path empty) {
    assertThat(CliTest.run("least-privilege", "--case", caseDir.toString(), "--principal", CI, "--format", "yaml").exit())
        .isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    CliTest.Run noCase = CliTest.run("least-privilege", "--case", empty.toString(), "--principal", CI);
    assertThat(noCase.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(noCase.err()).contains("not a Trailbench case");
    assertThat(CliTest.run("least-privilege", "--case", caseDir.toString()).exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
  }

  @Test
  void findingsIncludeTheSampleCredentialReportsHygiene() throws Exception {
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> hygiene = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      JsonNode f = JSON.readTree(line);
      if (f.path("rule").asText().startsWith("hygiene-")) {
        String arn = f.path("principals").get(0).asText();
        hygiene.add(f.path("rule").asText() + " " + arn.substring(arn.lastIndexOf(':') + 1));
      }
    }
    // samples/README.md: bob has a password and no MFA and a key from 2025-02-11; reports-legacy's key is
    // 200 days old and never used, and Access Advisor shows its S3 never accessed; root signed in on
    // 2026-10-02 (with MFA, no keys)
    assertThat(hygiene).containsExactlyInAnyOrder(
        "hygiene-no-mfa user/bob",
        "hygiene-old-access-key user/bob",
        "hygiene-old-access-key user/reports-legacy",
        "hygiene-unused-access-key user/reports-legacy",
        "hygiene-unused-services user/reports-legacy",
        "hygiene-root-recently-used root");
  }

  @Test
  void reportsCarryTheHygieneFindingsAsCsvRowsAndAPdfSection(@TempDir Path out) throws Exception {
    Path csv = out.resolve("findings.csv");
    assertThat(CliTest.run("report", "--case", caseDir.toString(), "--out", csv.toString()).exit()).isZero();
    assertThat(java.nio.file.Files.readAllLines(csv)).anySatisfy(line -> assertThat(line)
        .contains("hygiene-no-mfa", "Console password without MFA", "arn:aws:iam::111122223333:user/bob"));
    Path pdf = out.resolve("report.pdf");
    assertThat(CliTest.run("report", "--case", caseDir.toString(), "--out", pdf.toString()).exit()).isZero();
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertThat(text).contains("2. Credential hygiene", "6 user(s) including root", "reports-legacy");
    }
  }
}
