package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import io.github.trailbench.store.CaseFindings;
import io.github.trailbench.store.CaseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** `findings`, `report` and `enrich` on the bundled sample case: findings are kept in the case. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FindingsEnrichCliTest {
  @TempDir static Path caseDir;
  @TempDir Path tmp;
  static final ObjectMapper JSON = new ObjectMapper();
  static String importOut;

  @BeforeAll
  static void importSample() throws Exception {
    CliTest.Run r = CliTest.run("import", "--case", caseDir.toString(), "samples/case", "--no-coverage");
    assertThat(r.exit()).as(r.err()).isZero();
    importOut = r.out();
  }

  static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> list = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isBlank()) {
        list.add(JSON.readTree(l));
      }
    }
    return list;
  }

  @Test
  @Order(1)
  void importReportsTheIpEnrichmentOfTheNewAddresses() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("source IPs: (\\d+) new of (\\d+) distinct enriched").matcher(importOut);
    assertThat(m.find()).as(importOut).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isPositive().isEqualTo(Integer.parseInt(m.group(2)));
  }

  @Test
  @Order(2)
  void noSaveListsTheRunAndStoresNothing() throws Exception {
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--format", "json", "--no-save");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(lines(r.out())).extracting(n -> n.path("rule").asText()).contains("cloudtrail-logging-stopped");
    try (CaseStore s = CaseStore.open(caseDir)) {
      assertThat(CaseFindings.findings(s)).isEmpty();
    }
  }

  @Test
  @Order(2)
  void theSamplesStopLoggingAndDeleteDetectorReadAsAttemptsBlockedByTheScp() throws Exception {
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--format", "json", "--no-save");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> list = lines(r.out());
    JsonNode stop = list.stream().filter(n -> n.path("rule").asText().equals("cloudtrail-logging-stopped")).findFirst().orElseThrow();
    JsonNode detector = list.stream().filter(n -> n.path("rule").asText().equals("guardduty-disabled")).findFirst().orElseThrow();
    assertThat(stop.path("title").asText()).isEqualTo("StopLogging attempted \u2014 denied by SCP ProtectSecurityTooling on OU Production");
    assertThat(detector.path("title").asText()).isEqualTo("DeleteDetector attempted \u2014 denied by SCP ProtectSecurityTooling on OU Production");
    assertThat(stop.path("severity").asText()).isEqualTo("medium");
    assertThat(detector.path("severity").asText()).isEqualTo("low");
  }

  @Test
  @Order(2)
  void theSamplesIncidentIsToldByItsOwnFindings() throws Exception {
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--format", "json", "--no-save");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> list = lines(r.out());
    JsonNode escalation = list.stream().filter(n -> n.path("rule").asText().equals("privilege-escalation-role-assumption"))
        .findFirst().orElseThrow();
    assertThat(escalation.path("severity").asText()).isEqualTo("critical");
    assertThat(escalation.path("title").asText()).contains("ci-deploy \u2192 OpsAdminRole");
    assertThat(escalation.path("summary").asText()).contains("ci-deploy-policy allows role/*", "without MFA");
    assertThat(escalation.path("eventIds").toString()).contains("033261f9-3fbc-47cb-ac3b-396233a19a2f");
    List<JsonNode> bulk = list.stream().filter(n -> n.path("rule").asText().equals("bulk-object-reads")).toList();
    assertThat(bulk).extracting(n -> n.path("summary").asText()).allSatisfy(t -> assertThat(t).contains("acme-prod-customer-data"));
    assertThat(bulk).extracting(n -> n.path("eventCount").asInt()).containsExactlyInAnyOrder(40, 150);
    JsonNode chain = list.stream().filter(n -> n.path("rule").asText().equals("iam-user-persistence-chain")).findFirst().orElseThrow();
    assertThat(chain.path("eventIds").toString()).contains("0b0a3749-6e78-4f71-aedf-ca6f493f89a9",
        "90c5cee2-e387-4ff9-8a46-20793e49f6e3", "0dac3aad-1ad4-4cb1-896c-8f5e3a1f49a7");
    // alice's rotation of the ci-deploy key and the CI runner's own addresses raise nothing above low
    for (JsonNode n : list) {
      String text = n.toString();
      boolean aboveLow = List.of("critical", "high", "medium").contains(n.path("severity").asText());
      if (aboveLow) {
        assertThat(text).as(n.path("title").asText()).doesNotContain("38dc37e1-f484-43d1-8e14-0d53acb3727c")
            .doesNotContain("52.49.201.14").doesNotContain("34.240.12.87");
      }
    }
    assertThat(list).extracting(n -> n.path("rule").asText()).contains("access-key-rotated");
  }

  /**
   * The sample's only calls its policies could not explain were CloudTrail's own KMS calls on a key whose key policy
   * the case does not hold. Every KMS key has one, so those replays are undetermined (they depend on it), not
   * disagreements: no "outcome not explained" finding.
   */
  @Test
  void theSamplesCallsOnAKeyWhosePolicyTheCaseLacksAreNoUnexplainedOutcome() throws Exception {
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--format", "json", "--no-save");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(lines(r.out())).extracting(n -> n.path("rule").asText()).doesNotContain("outcome-not-explained-by-policies");
  }

  @Test
  @Order(3)
  void findingsAreStoredAndTheAnalystsTriageSurvivesARerun() throws Exception {
    CliTest.Run first = CliTest.run("findings", "--case", caseDir.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("new, 0 refreshed, 0 no longer detected");
    String stopped;
    try (CaseStore s = CaseStore.open(caseDir)) {
      List<Finding> stored = CaseFindings.findings(s);
      assertThat(stored).isNotEmpty();
      Finding f = stored.stream().filter(x -> x.ruleId().equals("cloudtrail-logging-stopped")).findFirst().orElseThrow();
      stopped = f.id();
      CaseFindings.save(s, f.withStatus(FindingStatus.CONFIRMED).withNotes("attacker tried to blind us"));
      CaseFindings.save(s, Finding.manual("manual-backdoor", "Backdoor user svc-backup", Severity.CRITICAL,
          "created by the attacker's OpsAdminRole session", Instant.parse("2026-11-23T10:00:00Z")));
    }
    CliTest.Run again = CliTest.run("findings", "--case", caseDir.toString(), "--format", "json");
    assertThat(again.exit()).as(again.err()).isZero();
    List<JsonNode> list = lines(again.out());
    JsonNode s = list.stream().filter(n -> n.path("id").asText().equals(stopped)).findFirst().orElseThrow();
    assertThat(s.path("status").asText()).isEqualTo("confirmed");
    assertThat(list).extracting(n -> n.path("rule").asText()).contains("manual");
  }

  @Test
  @Order(4)
  void theReportCarriesTheAnalystsFindingAndStatus() throws Exception {
    Path csv = tmp.resolve("findings.csv");
    CliTest.Run r = CliTest.run("report", "--case", caseDir.toString(), "--out", csv.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String text = Files.readString(csv);
    assertThat(text).contains("Backdoor user svc-backup", "confirmed", "cloudtrail-logging-stopped");
  }

  @Test
  @Order(4)
  void thePdfReportHasTheTimelineFigure() throws Exception {
    Path pdf = tmp.resolve("report.pdf");
    CliTest.Run r = CliTest.run("report", "--case", caseDir.toString(), "--out", pdf.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertThat(text).contains("Figures", "Events over time", "Backdoor user svc-backup");
      int images = 0;
      for (var page : doc.getPages()) {
        for (var name : page.getResources().getXObjectNames()) {
          if (page.getResources().isImageXObject(name)) {
            images++;
          }
        }
      }
      assertThat(images).as("the histogram is drawn").isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  @Order(5)
  void enrichRedoesEveryAddressAndRefusesAMissingDatabaseClearly() throws Exception {
    CliTest.Run r = CliTest.run("enrich", "--case", caseDir.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.path("enriched").asInt()).isEqualTo(o.path("addresses").asInt()).isPositive();
    assertThat(o.path("eventsByCountry").path("IE").asLong()).as("AWS eu-west-1 addresses").isPositive();
    assertThat(o.path("kinds").path("aws_service_name").asInt()).isPositive();

    CliTest.Run bad = CliTest.run("enrich", "--case", caseDir.toString(), "--ip-ranges", tmp.resolve("nope.json").toString());
    assertThat(bad.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(bad.err()).contains("nope.json", "aws-ip-ranges").doesNotContain("Exception");
  }

  @Test
  @Order(6)
  void anIpRangesFileGivesAwsAddressesTheirServiceAndRegion() throws Exception {
    Path ranges = tmp.resolve("ip-ranges.json");
    Files.writeString(ranges, """
        {"syncToken": "1700000000", "createDate": "2026-11-01-00-00-00",
         "prefixes": [{"ip_prefix": "52.212.0.0/15", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}],
         "ipv6_prefixes": []}
        """);
    CliTest.Run r = CliTest.run("enrich", "--case", caseDir.toString(), "--ip-ranges", ranges.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("aws-ip-ranges: AWS ip-ranges.json");
    try (CaseStore s = CaseStore.open(caseDir)) {
      var info = io.github.trailbench.store.CaseIpInfo.of(s, "52.212.44.19").orElseThrow();
      assertThat(info.awsService()).isEqualTo("EC2");
      assertThat(info.awsRegion()).isEqualTo("eu-west-1");
    }
  }
}
