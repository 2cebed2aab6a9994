package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigmaImportTest {
  private static List<CloudTrailEvent> fixture(String rule, int caseIndex) throws Exception {
    var node = BuiltInRulesTest.fixture(rule).get("cases").get(caseIndex).get("records");
    return TestEvents.parse(node.toString());
  }

  private static final String TRAIL = """
      title: CloudTrail switched off   # a comment
      id: 0b7c3d52-1111-4c1e-9d0f-2a51c2a7e001
      status: test
      description: |
        Someone stopped or deleted a trail.
        Second line.
      references:
          - https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html
      author: Trailbench tests
      tags: [attack.defense-evasion, attack.t1562.008]
      logsource:
          product: aws
          service: cloudtrail
      detection:
          selection_source:
              eventSource: cloudtrail.amazonaws.com
              eventName:
                  - stoplogging
                  - 'Delete*'
          filter_denied:
              errorCode: AccessDenied
          condition: selection_source and not filter_denied
      falsepositives:
          - Planned migrations
      level: high
      """;

  @Test
  void convertsSelectionsConditionsAndMetadata() throws Exception {
    RulePack pack = SigmaImport.parse(TRAIL, "trail.yml");
    Rule r = pack.rules().get(0);
    assertThat(r.id()).isEqualTo("sigma-0b7c3d52-1111-4c1e-9d0f-2a51c2a7e001");
    assertThat(r.title()).isEqualTo("CloudTrail switched off");
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
    assertThat(r.description()).isEqualTo("Someone stopped or deleted a trail.\nSecond line.");
    assertThat(r.tags()).containsExactly("attack.defense-evasion", "attack.t1562.008");
    assertThat(r.falsePositives()).containsExactly("Planned migrations");
    // StopLogging succeeded (matched case-insensitively), DeleteTrail was denied (filtered out)
    List<Finding> fs = new DetectionEngine(pack).run(fixture("cloudtrail-logging-stopped", 0)).findings();
    assertThat(fs).hasSize(1);
    assertThat(fs.get(0).eventIds()).containsExactly("ct-1");
    assertThat(new DetectionEngine(pack).run(fixture("cloudtrail-logging-stopped", 1)).findings()).isEmpty();
    assertThat(SigmaImport.toRuleJson(TRAIL, "trail.yml")).contains("\"regex\" : \"(?is)^\\\\Qstoplogging\\\\E$\"");
  }

  @Test
  void modifiersOfAndListsOfMaps(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yml"), """
        title: Root or admin-ish activity
        logsource:
          product: aws
          service: cloudtrail
        detection:
          sel_root:
            userIdentity.type: Root
            userIdentity.invokedBy: null
          sel_keys:
            - eventName|startswith: CreateAccessK
              requestParameters.userName|endswith: ob
            - eventName|contains|all:
                - Login
                - Profile
          condition: 1 of sel_*
        level: informational
        """);
    Files.writeString(dir.resolve("b.yaml"), """
        title: Needs both
        id: two
        logsource: {product: aws}
        detection:
          condition: x
        """);
    assertThatThrownBy(() -> SigmaImport.load(dir)).isInstanceOf(RulePackException.class)
        .hasMessageContaining("b.yaml").hasMessageContaining("not a CloudTrail rule");
    Files.delete(dir.resolve("b.yaml"));
    RulePack pack = SigmaImport.load(dir);
    assertThat(pack.rules().get(0).id()).isEqualTo("sigma-root-or-admin-ish-activity");
    assertThat(pack.rules().get(0).severity()).isEqualTo(Severity.INFO);
    DetectionEngine engine = new DetectionEngine(pack);
    assertThat(engine.run(fixture("root-account-use", 0)).findings()).hasSize(1);
    assertThat(engine.run(fixture("root-account-use", 1)).findings()).isEmpty();
    assertThat(engine.run(fixture("access-key-created-for-other-user", 0)).findings().get(0).eventIds())
        .containsExactly("cak-1");
    assertThat(engine.run(fixture("login-profile-for-other-user", 0)).findings().get(0).eventIds())
        .containsExactly("lp-1", "lp-2");
  }

  @Test
  void unsupportedRulesAreRejectedWithTheReason() {
    String base = "title: t\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n";
    assertReject("title: t\nlogsource:\n  product: windows\ndetection:\n  s:\n    a: b\n  condition: s\n",
        "logsource", "not a CloudTrail rule");
    assertReject(base + "  s:\n    eventName: X\n  condition: s | count() by userIdentity.arn > 10\n",
        "detection.condition", "aggregations");
    assertReject(base + "  s:\n    - foo\n    - bar\n  condition: s\n", "detection.s", "keyword lists");
    assertReject(base + "  s:\n    eventName|base64: X\n  condition: s\n", "detection.s.eventName|base64", "modifier 'base64'");
    assertReject(base + "  s:\n    eventNam: X\n  condition: s\n", "detection.s.eventNam", "unknown field");
    assertReject(base + "  s:\n    eventName: X\n  condition: s and (t\n", "detection.condition", "unknown selection 't'");
    assertReject(base + "  s:\n    eventName: X\n  condition: s or\n", "detection.condition", "ends too early");
    assertReject("title: t\n  bad: indent\n", "line 2, column 6", "not valid YAML");
    assertReject(base + "  s:\n    eventName|cidr: not-a-range\n  condition: s\n", "rules[0](sigma-t).match.eventName.cidr",
        "not an IPv4 or IPv6 address range");
    assertReject(base + "  s:\n    eventName|exists: maybe\n  condition: s\n", "detection.s.eventName|exists", "true or false");
  }

  private static void assertReject(String yaml, String position, String reason) {
    assertThatThrownBy(() -> SigmaImport.parse(yaml, "x.yml")).isInstanceOfSatisfying(RulePackException.class, e -> {
      assertThat(e.problem().position()).isEqualTo(position);
      assertThat(e.problem().reason()).contains(reason);
    });
  }

  @Test
  void wildcardsAndEscapes() {
    assertThat("StopLogging".matches(SigmaImport.regex("stop*", "equals"))).isTrue();
    assertThat("a*b".matches(SigmaImport.regex("a\\*b", "equals"))).isTrue();
    assertThat("axb".matches(SigmaImport.regex("a\\*b", "equals"))).isFalse();
    assertThat(java.util.regex.Pattern.compile(SigmaImport.regex("(KHTML", "contains")).matcher("x (khtml y").find()).isTrue();
  }
}
