package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseManifestTest {
  @TempDir Path dir;

  private static final CaseManifest M = new CaseManifest(1, 499, 3237,
      "4fc57dc438585ed7eea4cf8af67faf750295c8fb877c12ddc9d7c472e4883c76", "2026-12-06T06:39:22.213657520Z");

  @Test
  void aWrittenManifestReadsBackAsItWas() {
    M.write(dir);

    assertThat(CaseManifest.read(dir)).isEqualTo(M);
  }

  @Test
  void theFileIsTheSameJsonObjectAsEarlierVersionsWrote() throws Exception {
    // written by the ObjectMapper of earlier versions: cases made by them still open
    String earlier = "{\n  \"format\" : 1,\n  \"files\" : 499,\n  \"events\" : 3237,\n"
        + "  \"ledgerSha256\" : \"4fc57dc438585ed7eea4cf8af67faf750295c8fb877c12ddc9d7c472e4883c76\",\n"
        + "  \"written\" : \"2026-12-06T06:39:22.213657520Z\"\n}";
    Files.writeString(dir.resolve(CaseManifest.FILE_NAME), earlier);
    assertThat(CaseManifest.read(dir)).isEqualTo(M);

    M.write(dir);
    assertThat(Files.readString(dir.resolve(CaseManifest.FILE_NAME))).isEqualTo(earlier);
    assertThat(new ObjectMapper().readValue(dir.resolve(CaseManifest.FILE_NAME).toFile(), Map.class))
        .containsEntry("files", 499).containsEntry("events", 3237);
  }

  @Test
  void anUnreadableManifestIsDamageNamingTheFileAndWhy() throws Exception {
    Files.writeString(dir.resolve(CaseManifest.FILE_NAME), "{\"format\": 1, \"files\": ");
    assertThatThrownBy(() -> CaseManifest.read(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessageContaining(CaseManifest.FILE_NAME + " cannot be read");

    Files.writeString(dir.resolve(CaseManifest.FILE_NAME), "{\"format\": 1, \"file\": 2}");
    assertThatThrownBy(() -> CaseManifest.read(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessageContaining("unknown field \"file\"");

    Files.writeString(dir.resolve(CaseManifest.FILE_NAME), "[1]");
    assertThatThrownBy(() -> CaseManifest.read(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void aManifestWithoutItsLedgerHashIsIncomplete() throws Exception {
    Files.writeString(dir.resolve(CaseManifest.FILE_NAME), "{\"format\": 1, \"files\": 2, \"events\": 5}");

    assertThatThrownBy(() -> CaseManifest.read(dir)).isInstanceOf(CaseDamagedException.class)
        .hasMessageContaining("is incomplete");
  }
}
