package io.github.trailbench.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.SourceKind;
import org.junit.jupiter.api.Test;

class LedgerLabelsTest {
  private static final String DEEP =
      "/home/analyst/acme/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/03/111122223333_CloudTrail_eu-west-1_20261003T0905Z_a1b2.json.gz";

  @Test
  void theFileNameComesFirstAndTheFolderApart() {
    assertThat(LedgerLabels.fileName(DEEP)).isEqualTo("111122223333_CloudTrail_eu-west-1_20261003T0905Z_a1b2.json.gz");
    assertThat(LedgerLabels.folder(DEEP)).isEqualTo("/home/analyst/acme/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/03");
    assertThat(LedgerLabels.fileName("C:\\cases\\report.csv")).isEqualTo("report.csv");
    assertThat(LedgerLabels.folder("report.csv")).isEmpty();
  }

  @Test
  void formatsAreNamedAsPeopleNameThemForEveryKindTheReaderDetects() {
    assertThat(LedgerLabels.formatName("CLOUDTRAIL_RECORDS")).isEqualTo("CloudTrail log file");
    assertThat(LedgerLabels.formatName("CREDENTIAL_REPORT")).isEqualTo("IAM credential report");
    assertThat(LedgerLabels.formatName(null)).isEqualTo("not recognised");
    for (SourceKind kind : SourceKind.values()) {
      assertThat(LedgerLabels.formatName(kind.name())).as(kind.name()).doesNotContain("_").isNotEqualTo(kind.name());
    }
  }
}
