package io.github.trailbench.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the About box lists: the bundled data with licence and date, and what enriched the case. */
class DataSourcesTest {
  @TempDir Path caseDir;

  @Test
  void openingACaseWithoutEnrichmentEnrichesItsAddresses() throws Exception {
    try (io.github.trailbench.store.CaseStore s = io.github.trailbench.store.CaseStore.open(caseDir)) {
      s.importer(io.github.trailbench.core.correlate.DefaultEventFacts.deriver(),
          io.github.trailbench.store.CaseStore.ImportOptions.defaults().withIpEnricher(null))
          .importPaths(List.of(Path.of("samples/case/AWSLogs")), io.github.trailbench.store.ImportListener.NONE);
      assertThat(io.github.trailbench.store.CaseIpInfo.of(s, "52.212.44.19")).as("imported without enrichment").isEmpty();
    }
    try (CaseWorkspace w = Workspaces.create()) {
      w.open(caseDir);
      assertThat(w.timeline().ipInfo("52.212.44.19")).hasValueSatisfying(i -> assertThat(i).contains("AS16509", "AWS"));
    }
  }

  @Test
  void listsBundledIpDataWithLicenceAndTheCasesEnrichment() throws Exception {
    try (CaseWorkspace w = Workspaces.create()) {
      List<String> before = w.dataSources();
      assertThat(before).anySatisfy(l -> assertThat(l).startsWith("bundled IP data — country: ").contains("CC0", "data of "));
      assertThat(before).anySatisfy(l -> assertThat(l).startsWith("bundled IP data — asn: "));
      assertThat(before).noneSatisfy(l -> assertThat(l).contains("this case"));

      w.open(caseDir);
      w.importFiles(List.of(Path.of("samples/case/AWSLogs")), p -> {});
      assertThat(w.dataSources()).anySatisfy(l -> assertThat(l).startsWith("this case's source IPs were enriched with: country: "));
    }
  }
}
