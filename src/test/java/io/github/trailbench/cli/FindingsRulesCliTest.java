package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `findings --rules PATH` (repeatable) and `--no-builtin` over a two-event case. */
class FindingsRulesCliTest {
  @TempDir static Path caseDir;
  @TempDir static Path files;
  @TempDir Path tmp;

  private static final String SIGMA = """
      title: Detector deleted
      id: test-detector-deleted
      logsource:
          product: aws
          service: cloudtrail
      detection:
          selection:
              eventSource: guardduty.amazonaws.com
              eventName|startswith: delete
          condition: selection
      level: high
      """;

  @BeforeAll
  static void smallCase() throws Exception {
    Path events = files.resolve("events.json");
    Files.writeString(events, """
        {"Records":[
         {"eventVersion":"1.09","eventID":"gd-1","eventTime":"2026-10-03T14:22:58Z","eventSource":"guardduty.amazonaws.com",
          "eventName":"DeleteDetector","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.77","recipientAccountId":"111122223333",
          "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/bob","accountId":"111122223333","userName":"bob"}},
         {"eventVersion":"1.09","eventID":"gd-2","eventTime":"2026-10-03T14:23:10Z","eventSource":"guardduty.amazonaws.com",
          "eventName":"ListDetectors","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.77","recipientAccountId":"111122223333",
          "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/bob","accountId":"111122223333","userName":"bob"}}]}
        """);
    CliTest.Run r = CliTest.run("import", "--case", caseDir.toString(), events.toString(), "--no-coverage");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void sigmaRulesRunAloneWithNoBuiltin() throws Exception {
    Path rule = Files.writeString(tmp.resolve("detector.yml"), SIGMA);
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--rules", rule.toString(), "--no-builtin",
        "--no-save", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    var lines = FindingsEnrichCliTest.lines(r.out());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("rule").asText()).isEqualTo("sigma-test-detector-deleted");
  }

  @Test
  void rulesComeOnTopOfTheBuiltInPack() throws Exception {
    Path rule = Files.writeString(tmp.resolve("detector.yml"), SIGMA);
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--rules", rule.toString(), "--no-save",
        "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(FindingsEnrichCliTest.lines(r.out())).extracting(n -> n.get("rule").asText())
        .contains("sigma-test-detector-deleted", "guardduty-disabled");
  }

  @Test
  void everyRuleThatCannotLoadIsNamedAndTheExitCodeIsOne() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("pack"));
    Files.writeString(dir.resolve("a-good.yml"), SIGMA);
    Files.writeString(dir.resolve("b-bad-modifier.yml"), SIGMA.replace("eventName|startswith", "eventName|base64"));
    Files.writeString(dir.resolve("c-bad.json"), "{\"format\": \"trailbench-rules/1\", \"rules\": [{\"id\": \"x\"}]}");
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--rules", dir.toString(), "--rules",
        tmp.resolve("missing.yml").toString(), "--no-save");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("b-bad-modifier.yml at detection.selection.eventName|base64: modifier 'base64' is not supported")
        .contains("c-bad.json at rules[0](x).title")
        .contains("missing.yml: no such file or folder")
        .doesNotContain("a-good.yml")
        .doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void noBuiltinWithoutRulesOnACaseWithoutRulePacksIsBadInput() {
    CliTest.Run r = CliTest.run("findings", "--case", caseDir.toString(), "--no-builtin", "--no-save");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--no-builtin without --rules runs only the case's enabled rule packs, and it has none")
        .doesNotContain("Exception");
  }

  @Test
  void noBuiltinWithoutRulesRunsOnlyTheCasesEnabledRulePacks() throws Exception {
    Path own = tmp.resolve("case");
    assertThat(CliTest.run("import", "--case", own.toString(), files.resolve("events.json").toString(), "--no-coverage").exit()).isZero();
    Path folder = Files.createDirectories(tmp.resolve("my-sigma"));
    Files.writeString(folder.resolve("detector.yml"), SIGMA);
    CliTest.Run add = CliTest.run("rules", "--case", own.toString(), "add", folder.toString());
    assertThat(add.exit()).as(add.err()).isZero();

    CliTest.Run r = CliTest.run("findings", "--case", own.toString(), "--no-builtin", "--no-save", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    var lines = FindingsEnrichCliTest.lines(r.out());
    assertThat(lines).extracting(n -> n.get("rule").asText()).containsExactly("sigma-test-detector-deleted");

    assertThat(CliTest.run("rules", "--case", own.toString(), "disable", "my-sigma").exit()).isZero();
    CliTest.Run disabled = CliTest.run("findings", "--case", own.toString(), "--no-builtin", "--no-save");
    assertThat(disabled.exit()).isEqualTo(1);
    assertThat(disabled.err()).contains("and it has none");
  }
}
