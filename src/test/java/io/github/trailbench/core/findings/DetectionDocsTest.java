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
}
