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

/** `trailbench graph` on the bundled sample case: the admin-equivalent principals and the escalation list. */
class GraphCommandTest {
  @TempDir static Path caseDir;
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String OPS = "arn:aws:iam::111122223333:role/OpsAdminRole";

  @BeforeAll
  static void importSample() {
    assertThat(CliTest.run("import", "--case", caseDir.toString(), "samples/case", "--json").exit()).isZero();
  }

  @Test
  void escalationsSayWhoCanBecomeAnAdminHowAndWhenTheTrailShowsIt() {
    CliTest.Run r = CliTest.run("graph", "--case", caseDir.toString(), "--escalations");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("ci-deploy can become OpsAdminRole (admin) via sts:AssumeRole — did so on 2026-10-03 14:06 from"
        + " 203.0.113.77: ci-deploy-policy allows role/*; the trust policy trusts the account root without MFA or other conditions");
    assertThat(r.out()).as("admins are where paths end, not where they start").doesNotContain("alice can become", "svc-backup can become");
  }

  @Test
  void withoutEscalationsTheGraphIsSummarisedWithItsAdmins() {
    CliTest.Run r = CliTest.run("graph", "--case", caseDir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(" nodes, ", "admin-equivalent: ").contains("alice", "svc-backup", "OpsAdminRole")
        .doesNotContain("ci-deploy");
  }

  @Test
  void jsonListsEachStepWithWhatTheTrailShows() throws Exception {
    CliTest.Run r = CliTest.run("graph", "--case", caseDir.toString(), "--escalations", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    List<String> admins = new ArrayList<>();
    doc.path("adminEquivalent").forEach(a -> admins.add(a.asText()));
    assertThat(admins).contains(OPS).doesNotContain(CI);
    JsonNode ci = null;
    for (JsonNode x : doc.path("escalations")) {
      if (x.path("principal").asText().equals(CI) && x.path("admin").asText().equals(OPS)) {
        ci = x;
      }
    }
    assertThat(ci).as(r.out()).isNotNull();
    JsonNode step = ci.path("steps").get(0);
    assertThat(step.path("action").asText()).isEqualTo("sts:AssumeRole");
    assertThat(step.path("taken").path("first").asText()).isEqualTo("2026-10-03T14:06:12Z");
    assertThat(step.path("taken").path("sourceIps").get(0).asText()).isEqualTo("203.0.113.77");
  }

  @Test
  void aWrongFormatIsAUsageErrorAndAMissingCaseBadInput() {
    CliTest.Run usage = CliTest.run("graph", "--case", caseDir.toString(), "--escalations", "--format", "xml");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("--format").doesNotContain("Exception");
    CliTest.Run missing = CliTest.run("graph", "--case", caseDir.resolve("nope").toString(), "--escalations");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip().lines().count()).isEqualTo(1);
    assertThat(missing.err()).contains("nope", "not a Trailbench case");
  }
}
