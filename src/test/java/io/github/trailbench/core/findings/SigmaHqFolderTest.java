package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Loads a local copy of SigmaHQ's {@code rules/cloud/aws/cloudtrail} folder when the system
 * property {@code trailbench.sigmaCloudTrail} names it (the project ships none of its files):
 * every rule without an aggregation must load.
 */
class SigmaHqFolderTest {
  @Test
  void everySigmaHqCloudTrailRuleWithoutAggregationLoads() {
    String dir = System.getProperty("trailbench.sigmaCloudTrail");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "no SigmaHQ copy given");
    RuleFiles.Loaded loaded = RuleFiles.load(List.of(Path.of(dir)));
    loaded.problems().forEach(p -> System.out.println("PROBLEM " + p));
    System.out.println("LOADED " + loaded.pack().rules().size() + " of " + loaded.filesRead());
    assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.reason()).contains("aggregation"));
  }
}
