package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.SourceProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and real-world input to the CloudTrail reader (#18). */
class HostileInputTest {
  @TempDir Path dir;

  static final class Collect implements EventSink {
    final List<ReadEvent> events = new ArrayList<>();
    final List<SourceProblem> rejects = new ArrayList<>();

    @Override
    public void event(ReadEvent e) {
      events.add(e);
    }

    @Override
    public void reject(int recordIndex, SourceProblem problem) {
      rejects.add(problem);
    }

    List<String> ids() {
      return events.stream().map(e -> e.event().eventId()).toList();
    }
  }

  static Collect read(Path f, InputLimits limits) throws Exception {
    CloudTrailReader r = new CloudTrailReader(limits);
    Collect c = new Collect();
    r.read(f, r.detect(f), c);
    return c;
  }

  static Collect read(Path f) throws Exception {
    return read(f, InputLimits.DEFAULT);
  }

  static String withoutId(String id) {
    return Fixtures.record(id, "2026-10-03T10:00:00Z", "X", "alice").replace("\"eventID\":\"" + id + "\",", "");
  }

  // ---- records without an eventID ----------------------------------------------------------

  @Test
  void aRecordWithoutAnEventIdIsKeptUnderAnIdDerivedFromItsContent() throws Exception {
    String a = withoutId("a");
    String b = withoutId("b").replace("\"X\"", "\"Y\"");
    Collect c = read(Fixtures.write(dir.resolve("r.json"), Fixtures.records(List.of(a, b,
        Fixtures.record("real", "2026-10-03T10:00:00Z", "X", "alice").replace("\"eventID\":\"real\"", "\"eventID\":\"\"")))));
    assertThat(c.rejects).isEmpty();
    assertThat(c.ids()).hasSize(3).allSatisfy(id -> assertThat(id).matches("derived:[0-9a-f]{64}")).doesNotHaveDuplicates();
    assertThat(EventIds.isDerived(c.ids().get(0))).isTrue();
    assertThat(EventIds.isDerived("11111111-0000-0000-0000-000000000002")).isFalse();
  }

  @Test
  void theDerivedIdIsTheSameHoweverTheRecordIsFormattedAndWhenReadBackFromItsRawText() throws Exception {
    String compact = withoutId("a");
    // the same record pretty-printed, keys in another order, as JSON lines and inside an array
    String reordered = "{ \"eventTime\" : \"2026-10-03T10:00:00Z\",\n" + compact.substring(1)
        .replace("\"eventTime\":\"2026-10-03T10:00:00Z\",", "").replace(",", ",\n  ");
    Collect fromRecords = read(Fixtures.write(dir.resolve("r.json"), Fixtures.records(List.of(compact))));
    Collect fromLines = read(Fixtures.write(dir.resolve("l.jsonl"), compact + "\n"));
    Collect fromPretty = read(Fixtures.write(dir.resolve("p.json"), reordered));
    String id = fromRecords.ids().get(0);
    assertThat(fromLines.ids()).containsExactly(id);
    assertThat(fromPretty.rejects).isEmpty();
    assertThat(fromPretty.ids()).containsExactly(id);
    assertThat(CloudTrailRecords.parse(fromRecords.events.get(0).event().rawJson(), "stored").eventId()).isEqualTo(id);
    // another value is another record
    Collect other = read(Fixtures.write(dir.resolve("o.jsonl"), compact.replace("192.0.2.1", "192.0.2.2") + "\n"));
    assertThat(other.ids().get(0)).isNotEqualTo(id);
  }

  @Test
  void aLookupEventsEntryWithoutAnEventIdGetsADerivedIdToo() throws Exception {
    String inner = withoutId("a").replace("\"", "\\\"");
    Collect c = read(Fixtures.write(dir.resolve("lookup.json"), "{\"Events\":[{\"EventId\":\"x\",\"CloudTrailEvent\":\"" + inner + "\"}]}"));
    assertThat(c.rejects).isEmpty();
    assertThat(c.ids()).singleElement().satisfies(id -> assertThat(id).startsWith("derived:"));
  }
}
