package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.RuleFiles;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.core.findings.RulePackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule packs, known addresses and the rule-set version kept in a case. */
public class CaseRulePacksTest {
  @TempDir Path tmp;

  /** A folder of two Sigma files, one of which does not load. */
  public static Path twoSigmaFiles(Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("my-sigma"));
    for (String f : List.of("detector-deleted.yml", "broken-modifier.yml")) {
      try (InputStream in = CaseRulePacksTest.class.getResourceAsStream("/io/github/trailbench/store/rulepack/" + f)) {
        Files.write(folder.resolve(f), in.readAllBytes());
      }
    }
    return folder;
  }

  public static Path oneEventCase(Path dir) throws IOException {
    Path events = Files.writeString(dir.resolve("events.json"), """
        {"Records":[
         {"eventVersion":"1.09","eventID":"gd-1","eventTime":"2026-10-03T14:22:58Z","eventSource":"guardduty.amazonaws.com",
          "eventName":"DeleteDetector","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.77","recipientAccountId":"111122223333",
          "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/bob","accountId":"111122223333","userName":"bob"}}]}
        """);
    Path caseDir = dir.resolve("case");
    try (CaseStore s = CaseStore.open(caseDir)) {
      CaseStoreTest.importInto(s, events);
    }
    return caseDir;
  }

  @Test
  void aPackSurvivesReopeningTheCaseAndItsSourceGoing() throws Exception {
    Path folder = twoSigmaFiles(tmp);
    Path caseDir = tmp.resolve("case");
    try (CaseStore s = CaseStore.open(caseDir)) {
      CaseRulePacks.Pack p = CaseRulePacks.add(s, folder, null, null);
      assertThat(p.name()).isEqualTo("my-sigma");
      assertThat(p.ruleCount()).isEqualTo(1);
    }
    for (Path f : List.of(folder.resolve("detector-deleted.yml"), folder.resolve("broken-modifier.yml"), folder)) {
      Files.delete(f);
    }
    try (CaseStore s = CaseStore.open(caseDir)) {
      CaseRulePacks.Pack p = CaseRulePacks.list(s).get(0);
      assertThat(p.name()).isEqualTo("my-sigma");
      assertThat(p.source()).isEqualTo(folder.toString());
      assertThat(p.kind()).isEqualTo(RuleFiles.Kind.FOLDER);
      assertThat(p.licence()).isEqualTo("DRL-1.1");
      assertThat(p.enabled()).isTrue();
      assertThat(p.fileCount()).isEqualTo(2);
      assertThat(p.errors()).singleElement().satisfies(e -> {
        assertThat(e.file()).isEqualTo("broken-modifier.yml");
        assertThat(e.reason()).contains("modifier 'base64' is not supported");
      });
      assertThat(CaseRulePacks.files(s, p.id())).extracting(RuleFiles.RuleFile::path)
          .containsExactly("broken-modifier.yml", "detector-deleted.yml");
      RulePack rules = CaseRulePacks.enabledRules(s);
      assertThat(rules.rules()).singleElement().satisfies(r -> {
        assertThat(r.id()).isEqualTo("sigma-pack-detector-deleted");
        assertThat(r.pack()).isEqualTo("my-sigma");
      });
    }
  }

  @Test
  void theCasesEnabledPacksRunWithTheBuiltInRulesAndTheirFindingsNameThePack() throws Exception {
    Path caseDir = oneEventCase(tmp);
    try (CaseStore s = CaseStore.open(caseDir)) {
      CaseRulePacks.add(s, twoSigmaFiles(tmp), "team rules", null);
      List<Finding> found = CaseDetections.run(s, CaseDetections.withCasePacks(s, RulePack.builtIn())).result().findings();
      assertThat(found).filteredOn(f -> f.ruleId().equals("sigma-pack-detector-deleted")).singleElement()
          .satisfies(f -> assertThat(f.pack()).isEqualTo("team rules"));
      assertThat(found).filteredOn(f -> f.ruleId().equals("guardduty-disabled")).singleElement()
          .satisfies(f -> assertThat(f.pack()).isEmpty());
      CaseRulePacks.setEnabled(s, "team rules", false);
      assertThat(CaseDetections.run(s, CaseDetections.withCasePacks(s, RulePack.builtIn())).result().findings())
          .noneMatch(f -> f.ruleId().equals("sigma-pack-detector-deleted"));
      assertThat(CaseRulePacks.remove(s, "team rules")).isTrue();
      assertThat(CaseRulePacks.list(s)).isEmpty();
      assertThat(CaseRulePacks.remove(s, "team rules")).isFalse();
    }
  }

  @Test
  void theLicenceIsTheRulesOwnThenALicenceFileThenTheAnalystsWordsThenUnknown() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("lic"));
    String rule = Files.readString(twoSigmaFiles(tmp).resolve("detector-deleted.yml"));
    Path unlicensed = Files.writeString(dir.resolve("rule.yml"), rule.replace("license: DRL-1.1\n", ""));
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      assertThat(CaseRulePacks.add(s, unlicensed, "a", null).licence()).isEqualTo("unknown");
      assertThat(CaseRulePacks.add(s, unlicensed, "b", "MIT, says the wiki").licence()).isEqualTo("MIT, says the wiki");
      Files.writeString(dir.resolve("LICENSE.md"), "# Detection Rule License (DRL) 1.1\n\nPermission is hereby granted\n");
      assertThat(CaseRulePacks.add(s, unlicensed, "c", "MIT").licence()).isEqualTo("LICENSE.md: Detection Rule License (DRL) 1.1");
      Path own = Files.writeString(dir.resolve("own.yml"), rule);
      assertThat(CaseRulePacks.add(s, own, "d", "MIT").licence()).isEqualTo("DRL-1.1");
    }
  }

  @Test
  void aPackIsRefusedWithItsReasonWhenNothingLoadsOrItIsTooBigOrTheNameIsTaken() throws Exception {
    Path folder = twoSigmaFiles(tmp);
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      assertThatThrownBy(() -> CaseRulePacks.add(s, folder.resolve("broken-modifier.yml"), null, null))
          .isInstanceOf(RulePackException.class).hasMessageContaining("no rule loads")
          .hasMessageContaining("modifier 'base64' is not supported");
      Path big = Files.writeString(tmp.resolve("big.yml"), "#".repeat((int) RuleFiles.MAX_FILE_BYTES + 1));
      assertThatThrownBy(() -> CaseRulePacks.add(s, big, null, null)).isInstanceOf(RulePackException.class)
          .hasMessageContaining("big.yml: 1,048,577 bytes, more than the 1,048,576 a case keeps per rule file");
      assertThatThrownBy(() -> CaseRulePacks.add(s, tmp.resolve("nothing-here"), null, null))
          .hasMessageContaining("nothing-here: no such file or folder");
      CaseRulePacks.add(s, folder, null, null);
      assertThat(CaseRulePacks.add(s, folder, null, null).name()).isEqualTo("my-sigma (2)");
      assertThatThrownBy(() -> CaseRulePacks.add(s, folder, "my-sigma", null))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("the case already has a rule pack named 'my-sigma'");
      assertThat(CaseRulePacks.list(s)).hasSize(2);
    }
  }

  @Test
  void knownAddressesAreKeptNormalisedAndReplaceTheirNote() {
    try (CaseStore s = CaseStore.open(tmp.resolve("case"))) {
      CaseKnownAddresses.add(s, "198.51.100.7/24", "office");
      CaseKnownAddresses.add(s, "198.51.100.0/24", "office NAT");
      assertThat(CaseKnownAddresses.list(s)).singleElement().satisfies(l -> {
        assertThat(l.range()).isEqualTo("198.51.100.0/24");
        assertThat(l.note()).isEqualTo("office NAT");
      });
      assertThat(CaseKnownAddresses.of(s).match("198.51.100.23")).isNotNull();
      assertThatThrownBy(() -> CaseKnownAddresses.add(s, "not-an-ip", "")).isInstanceOf(IllegalArgumentException.class);
      assertThat(CaseKnownAddresses.remove(s, "198.51.100.0/24")).isTrue();
      assertThat(CaseKnownAddresses.list(s)).isEmpty();
    }
  }

  @Test
  void storedFindingsAreStaleOnceThePacksOrKnownAddressesChange() throws Exception {
    Path caseDir = oneEventCase(tmp);
    try (CaseStore s = CaseStore.open(caseDir)) {
      String before = CaseRuleSet.current(s);
      assertThat(before).isEqualTo("builtin " + RulePack.builtInVersion());
      CaseFindings.mergeDetections(s, CaseDetections.run(s, RulePack.builtIn()).result().findings());
      assertThat(CaseRuleSet.staleNotice(s)).get().asString().contains("an older Trailbench");
      CaseRuleSet.record(s, before);
      assertThat(CaseRuleSet.staleNotice(s)).isEmpty();
      CaseKnownAddresses.add(s, "203.0.113.77", "pentest");
      assertThat(CaseRuleSet.current(s)).startsWith(before + " + case ");
      assertThat(CaseRuleSet.staleNotice(s)).get().asString().contains("made by rule set " + before);
      CaseKnownAddresses.remove(s, "203.0.113.77");
      assertThat(CaseRuleSet.staleNotice(s)).isEmpty();
      CaseRulePacks.add(s, twoSigmaFiles(tmp), null, null);
      assertThat(CaseRuleSet.staleNotice(s)).isPresent();
      CaseRulePacks.setEnabled(s, "my-sigma", false);
      assertThat(CaseRuleSet.staleNotice(s)).as("a disabled pack runs nothing").isEmpty();
    }
  }
}
