package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/detections.md documents every built-in rule. */
class DetectionDocsTest {
  @Test
  void everyBuiltInRuleHasASection() throws Exception {
    String doc = Files.readString(Path.of("docs", "detections.md"));
    for (Rule r : RulePack.builtIn().rules()) {
      assertThat(doc).as(r.id()).contains("### `" + r.id() + "`").contains(r.title());
    }
  }

  @Test
  void everyCredentialHygieneRuleIsInTheTableWithItsSeverity() throws Exception {
    String doc = Files.readString(Path.of("docs", "detections.md"));
    for (io.github.trailbench.core.findings.hygiene.HygieneRule r
        : io.github.trailbench.core.findings.hygiene.HygieneRule.values()) {
      assertThat(doc).as(r.id()).contains("| `" + r.id() + "` | " + r.severity().code() + " |").contains(r.title());
    }
  }

  /** The detections written in Java (run by store.CaseDetections beside the rule pack) are documented too. */
  @Test
  void everyJavaDetectionRuleIdIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("docs", "detections.md"));
    for (String id : java.util.List.of(RoleEscalations.RULE_ID, RoleFirstAssumptions.RULE_ID, OpenFederatedTrusts.RULE_ID,
        UnexplainedOutcomes.RULE_ID, AccessKeyLifetimes.OUTSIDE_LIFE, AccessKeyLifetimes.TWO_PRINCIPALS,
        TrailBucketPolicies.RULE_ID, AdminGrantsInForce.RULE_ID, TrustOpenedThenAssumed.RULE_ID, PassedRoleEscalations.RULE_ID)) {
      assertThat(doc).as(id).contains("`" + id + "`");
    }
    assertThat(doc).contains(AccessKeyLifetimes.OUTSIDE_LIFE_TITLE).contains(AccessKeyLifetimes.TWO_PRINCIPALS_TITLE)
        .contains(TrailBucketPolicies.TITLE).contains(TrustOpenedThenAssumed.TITLE).contains(PassedRoleEscalations.TITLE);
  }
}
