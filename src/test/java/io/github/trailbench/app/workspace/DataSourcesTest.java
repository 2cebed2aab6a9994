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
