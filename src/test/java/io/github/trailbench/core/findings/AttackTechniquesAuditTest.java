package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.store.CaseDetections;
import io.github.trailbench.store.CaseStore;
import io.github.trailbench.store.ImportListener;
import io.github.trailbench.store.ImportReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Audit of the built-in detections against the AWS attack techniques of Stratus Red Team's list.
 *
 * <p>Each case of {@code attack-techniques.json} holds the records one technique leaves in CloudTrail,
 * written with the request shapes of the AWS API reference / CloudTrail pages its {@code source} names
 * (e.g. ModifySnapshotAttribute: {@code createVolumePermission.add.items[].userId}, API_ModifySnapshotAttribute),
 * once allowed and once denied (the error code as that service logs it: {@code Client.UnauthorizedOperation}
 * for EC2, {@code AccessDenied}/{@code AccessDeniedException} elsewhere). The records are imported into a
 * case the way an analyst imports a trail (the real importer) and the case's detections are run as
 * {@code trailbench findings} runs them ({@link CaseDetections}).
 *
 * <ul>
 *   <li>allowed: a finding of the expected rule, at the expected severity, not an attempt, whose summary
 *       names the target and the account it was shared with (the case's {@code names});
 *   <li>denied: no finding of that rule at the allowed severity; if the rule reports the attempt, it says
 *       so (docs/detections.md, "Denied attempts": title "… attempted — …", summary "Attempted only: …",
 *       severity lowered two levels), and no finding of any rule is critical for calls that all failed.
 * </ul>
 *
 * A case that fails here is a technique the product misses or misreports. Not a case: Stratus Red Team's
 * "S3 ransomware: objects deleted in one DeleteObjects batch". CloudTrail does not log the keys of a DeleteObjects
 * request (https://docs.aws.amazon.com/AmazonS3/latest/userguide/logging-with-S3.html), so one call deleting many
 * objects cannot be told from one deleting a single object; S3 server access logs would be needed.
 * s3-mass-object-deletion counts DeleteObjects calls with DeleteObject calls.
 */
class AttackTechniquesAuditTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CASES = "/io/github/trailbench/core/findings/attack-techniques.json";
  private static final java.util.Set<String> FAILURE_RULES = RulePack.builtIn().rules().stream()
      .filter(r -> r.outcome() == Rule.Outcome.FAILURE).map(Rule::id).collect(Collectors.toSet());

  @TestFactory
  Stream<DynamicNode> eachTechniqueAllowedAndDenied() throws IOException {
    JsonNode root = MAPPER.readTree(TestEvents.resource(CASES));
    List<DynamicNode> out = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String rule = c.get("rule").asText();
      Severity severity = Severity.valueOf(c.get("severity").asText().toUpperCase(java.util.Locale.ROOT));
      List<String> names = new ArrayList<>();
      c.get("names").forEach(n -> names.add(n.asText()));
      out.add(DynamicContainer.dynamicContainer(c.get("name").asText(), List.of(
          DynamicTest.dynamicTest("allowed: " + rule + " (" + severity.code() + ")", () -> allowed(c.get("allowed"), rule, severity, names)),
          DynamicTest.dynamicTest("denied: not " + severity.code(), () -> denied(c.get("denied"), rule, severity)))));
    }
    return out.stream();
  }

  private static void allowed(JsonNode records, String rule, Severity severity, List<String> names) {
    List<Finding> fs = detect(records);
    List<Finding> mine = fs.stream().filter(f -> f.ruleId().equals(rule)).toList();
    assertThat(mine).as("finding of " + rule + " among:\n" + describe(fs)).hasSize(1);
    Finding f = mine.get(0);
    assertThat(f.severity()).as(rule + " severity").isEqualTo(severity);
    assertThat(f.attemptsOnly()).as(rule + " is a success").isFalse();
    assertThat(f.summary()).as(rule + " summary names the target").contains(names);
  }

  private static void denied(JsonNode records, String rule, Severity severity) {
    List<Finding> fs = detect(records);
    for (Finding f : fs) {
      String what = f.ruleId() + "(" + f.severity().code() + "): " + f.title() + " / " + f.summary();
      if (!FAILURE_RULES.contains(f.ruleId())) { // rules about failures (access-denied-burst) report them as such
        assertThat(f.attemptsOnly()).as("every call failed: " + what).isTrue();
      }
      assertThat(f.severity()).as("no attempt is critical: " + what).isNotEqualTo(Severity.CRITICAL);
      if (f.ruleId().equals(rule)) {
        assertThat(f.severity().ordinal()).as("attempt below the allowed severity: " + what).isGreaterThan(severity.ordinal());
        assertThat(f.title()).as(what).contains("attempt");
        assertThat(f.summary()).as(what).startsWith("Attempted only: ");
      }
    }
  }

  /** Imports the records into a new case and runs its detections as `trailbench findings` does. */
  private static List<Finding> detect(JsonNode records) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("attack-audit");
      Path trail = dir.resolve("trail.json");
      Files.writeString(trail, MAPPER.writeValueAsString(MAPPER.createObjectNode().set("Records", records)));
      try (CaseStore store = CaseStore.open(dir.resolve("case"))) {
        ImportReport r = store.importer(DefaultEventFacts.deriver()).importPaths(List.of(trail), ImportListener.NONE);
        assertThat(r.rejected()).as("records rejected at import").isZero();
        assertThat(r.added()).as("records imported").isEqualTo(records.size());
        return CaseDetections.run(store, RulePack.builtIn()).result().findings();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static String describe(List<Finding> fs) {
    return fs.isEmpty() ? "  (no findings)" : fs.stream()
        .map(f -> "  " + f.ruleId() + "(" + f.severity().code() + (f.attemptsOnly() ? ", attempts only" : "") + "): " + f.summary())
        .collect(Collectors.joining("\n"));
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
