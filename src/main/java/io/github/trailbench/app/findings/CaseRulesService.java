package io.github.trailbench.app.findings;

import java.nio.file.Path;
import java.util.List;

/** The rule packs and known addresses kept in the open case (what the detections run with). */
public interface CaseRulesService {

  /**
   * A pack as the dialog lists it.
   *
   * @param kind {@code sigma-file}, {@code json-pack} or {@code folder}
   * @param errors the files that did not load, each {@code file at position: reason}
   */
  record RulePackRow(String name, String source, String kind, String licence, int ruleCount, int fileCount,
      List<String> errors, boolean enabled) {
    public RulePackRow {
      errors = List.copyOf(errors);
    }
  }

  /** A listed address or CIDR range and why it is known. */
  record KnownAddress(String range, String note) {}

  List<RulePackRow> rulePacks() throws Exception;

  /**
   * Keeps the rules at {@code source} in the case, enabled.
   *
   * @param licence the analyst's words, kept when the rules name no licence; may be blank
   * @throws Exception with a message for the analyst when nothing can be kept
   */
  RulePackRow addRulePack(Path source, String licence) throws Exception;

  void setRulePackEnabled(String name, boolean enabled) throws Exception;

  void removeRulePack(String name) throws Exception;

  List<KnownAddress> knownAddresses() throws Exception;

  /** Lists an address or range as known; an IllegalArgumentException says what is wrong with it. */
  KnownAddress addKnownAddress(String addressOrRange, String note) throws Exception;

  void removeKnownAddress(String range) throws Exception;
}
