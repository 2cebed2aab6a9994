package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.store.CaseRulePacksTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `trailbench rules` and `trailbench addresses`: what a case keeps for its detections. */
class RulesAndAddressesCliTest {
  @TempDir Path tmp;

  @Test
  void aPackKeptInTheCaseRunsWithPlainFindingsAndNamesItself() throws Exception {
    Path caseDir = CaseRulePacksTest.oneEventCase(tmp);
    Path folder = CaseRulePacksTest.twoSigmaFiles(tmp);
    CliTest.Run add = CliTest.run("rules", "--case", caseDir.toString(), "add", folder.toString());
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("kept rule pack 'my-sigma': 1 rule(s) from 2 file(s), licence DRL-1.1")
        .contains("not loaded: broken-modifier.yml at detection.selection.eventName|base64: modifier 'base64' is not supported");

    CliTest.Run stale = CliTest.run("findings", "--case", caseDir.toString(), "--no-save");
    assertThat(stale.exit()).as(stale.err()).isZero();
    assertThat(stale.out()).contains("sigma-pack-detector-deleted").contains("rule pack: my-sigma");

    CliTest.Run json = CliTest.run("findings", "--case", caseDir.toString(), "--format", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(FindingsEnrichCliTest.lines(json.out())).filteredOn(n -> n.get("rule").asText().equals("sigma-pack-detector-deleted"))
        .singleElement().satisfies(n -> assertThat(n.get("pack").asText()).isEqualTo("my-sigma"));

    CliTest.Run list = CliTest.run("rules", "--case", caseDir.toString(), "list");
    assertThat(list.out()).contains("my-sigma  enabled  folder, 1 rule(s) from 2 file(s), licence DRL-1.1")
        .contains("source " + folder).contains("not loaded: broken-modifier.yml");

    assertThat(CliTest.run("rules", "--case", caseDir.toString(), "disable", "my-sigma").exit()).isZero();
    CliTest.Run noSave = CliTest.run("findings", "--case", caseDir.toString(), "--no-save");
    assertThat(noSave.out()).doesNotContain("sigma-pack-detector-deleted")
        .contains("note: The stored findings were made by rule set builtin");

    CliTest.Run missing = CliTest.run("rules", "--case", caseDir.toString(), "remove", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("the case has no rule pack named 'nope'");
    assertThat(CliTest.run("rules", "--case", caseDir.toString(), "remove", "my-sigma").exit()).isZero();
    assertThat(CliTest.run("rules", "--case", caseDir.toString(), "list").out()).contains("no rule packs in this case");
  }

  @Test
  void aPackWhereNothingLoadsIsRefusedWithExitOne() throws Exception {
    Path caseDir = CaseRulePacksTest.oneEventCase(tmp);
    Path bad = Files.writeString(tmp.resolve("bad.yml"), "title: x\nlogsource: {product: gcp}\n");
    CliTest.Run r = CliTest.run("rules", "--case", caseDir.toString(), "add", bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("trailbench: cannot keep rule pack: " + bad + ": no rule loads").doesNotContain("\tat ");
  }

  @Test
  void knownAddressesAreAddedListedAndRemovedAndBadOnesExitOne() throws Exception {
    Path caseDir = CaseRulePacksTest.oneEventCase(tmp);
    CliTest.Run add = CliTest.run("addresses", "--case", caseDir.toString(), "add", "198.51.100.9/24", "--note", "office");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("known: 198.51.100.0/24 (office)");
    assertThat(CliTest.run("addresses", "--case", caseDir.toString(), "list").out()).contains("198.51.100.0/24").contains("office");
    CliTest.Run bad = CliTest.run("addresses", "--case", caseDir.toString(), "add", "198.51.100.0/40");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("'198.51.100.0/40' has a prefix longer than 32");
    assertThat(CliTest.run("addresses", "--case", caseDir.toString(), "remove", "198.51.100.0/24").exit()).isZero();
    CliTest.Run gone = CliTest.run("addresses", "--case", caseDir.toString(), "remove", "198.51.100.0/24");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(CliTest.run("addresses", "--case", caseDir.toString()).exit()).isEqualTo(2);
  }
}
