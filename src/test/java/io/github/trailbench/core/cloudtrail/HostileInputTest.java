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

  // ---- oversized records ---------------------------------------------------------------------

  static final InputLimits SMALL = new InputLimits(1L << 30, 64 * 1024);

  static String rec(String id) {
    return Fixtures.record(id, "2026-10-03T10:00:00Z", "X", "alice");
  }

  static String huge(String id, int chars) {
    return rec(id).replace("\"eventName\":\"X\"", "\"eventName\":\"" + "a".repeat(chars) + "\"");
  }

  /** Every event's raw slice must be the bytes of the content at its offset, also after a record was passed over. */
  static void slicesMatch(Collect c, byte[] content) {
    for (ReadEvent e : c.events) {
      assertThat(e.rawInContent()).isTrue();
      String slice = new String(content, (int) e.rawOffset(), e.rawLength(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(slice).isEqualTo(e.event().rawJson());
      assertThat(slice).contains("\"eventID\":\"" + e.event().eventId() + "\"");
    }
  }

  @Test
  void aStringLongerThanARecordMayBeIsRejectedWithItsPositionAndItsNeighboursAreKept() throws Exception {
    for (int chars : new int[] {65_537, 70_000, 100_000, 200_000, 1_000_003}) {
      String content = Fixtures.records(List.of(rec("r1"), huge("big", chars), rec("r2"), huge("big2", chars), rec("r3")));
      Path f = Fixtures.write(dir.resolve("records-" + chars + ".json.gz"), Fixtures.gzip(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      Collect c = read(f, SMALL);
      assertThat(c.ids()).as("chars " + chars).containsExactly("r1", "r2", "r3");
      assertThat(c.rejects).hasSize(2);
      assertThat(c.rejects.get(0).position()).isEqualTo("record 2, line 1, column " + (content.indexOf(huge("big", chars)) + 1)
          + ", byte " + content.indexOf(huge("big", chars)));
      assertThat(c.rejects.get(1).position()).isEqualTo("record 4, line 1, column " + (content.indexOf(huge("big2", chars)) + 1)
          + ", byte " + content.indexOf(huge("big2", chars)));
      assertThat(c.rejects.get(0).reason()).isEqualTo("a string value is longer than the per-record limit of 65536 characters");
      slicesMatch(c, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void theEndOfAnOversizedRecordIsFoundWhateverEscapesItsStringHolds() throws Exception {
    // JSON text units: an escaped quote, escaped backslashes, a backslash before a quote, multi-byte UTF-8
    for (String unit : new String[] {"ab\\\"", "a\\\\", "x\\\\\\\"y", "\u00e9\u4e2d", "\\u0041\\\""}) {
      for (int n : new int[] {65_600, 90_001, 131_075}) {
        String big = rec("big").replace("\"eventName\":\"X\"", "\"eventName\":\"" + unit.repeat(n) + "\"");
        String content = Fixtures.records(List.of(rec("e1"), big, rec("e2")));
        Collect c;
        try {
          c = read(Fixtures.write(dir.resolve("esc.json"), content), SMALL);
        } catch (Exception e) {
          throw new AssertionError(unit + " x " + n, e);
        }
        assertThat(c.ids()).as(unit + " x " + n).containsExactly("e1", "e2");
        assertThat(c.rejects).singleElement().satisfies(p -> assertThat(p.reason()).contains("longer than the per-record limit"));
        slicesMatch(c, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void anOversizedRecordInOtherLayoutsLosesOnlyItself() throws Exception {
    String big = huge("big", 300_000);
    // pretty-printed objects one after another, with the big one in the middle
    String seq = rec("s1").replace(",", ",\n  ") + "\n" + big + "\n" + rec("s2").replace(",", ",\n  ") + "\n";
    Collect c = read(Fixtures.write(dir.resolve("seq.json"), seq), SMALL);
    assertThat(c.ids()).containsExactly("s1", "s2");
    assertThat(c.rejects).singleElement().satisfies(p -> assertThat(p.position()).isEqualTo("record 2, line "
        + (seq.substring(0, seq.indexOf(big)).lines().count() + 1) + ", column 1, byte " + seq.indexOf(big)));
    slicesMatch(c, seq.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // a first JSON line so long that the detector takes the file for a sequence
    String lines = big + "\n" + rec("l1") + "\n" + rec("l2") + "\n";
    Collect l = read(Fixtures.write(dir.resolve("lines.jsonl"), lines), SMALL);
    assertThat(l.ids()).containsExactly("l1", "l2");
    assertThat(l.rejects).singleElement().satisfies(p -> assertThat(p.position()).isEqualTo("record 1, line 1, column 1, byte 0"));
    // a top-level array
    String array = "[\n" + rec("a1") + ",\n" + big + ",\n" + rec("a2") + "\n]";
    Collect a = read(Fixtures.write(dir.resolve("array.json"), array), SMALL);
    assertThat(a.ids()).containsExactly("a1", "a2");
    assertThat(a.rejects).singleElement().satisfies(p -> assertThat(p.position()).isEqualTo("record 2, line 3, column 1, byte "
        + array.indexOf(big)));
    slicesMatch(a, array.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // lookup-events: the CloudTrailEvent string itself is too long
    String inner = rec("in").replace("\"", "\\\"");
    String lookup = "{\"Events\":[{\"CloudTrailEvent\":\"" + inner + "\"},{\"CloudTrailEvent\":\"" + huge("x", 300_000)
        .replace("\"", "\\\"") + "\"},{\"CloudTrailEvent\":\"" + inner.replace("\\\"in\\\"", "\\\"in2\\\"") + "\"}],\"NextToken\":null}";
    Collect lk = read(Fixtures.write(dir.resolve("lookup.json"), lookup), SMALL);
    assertThat(lk.ids()).containsExactly("in", "in2");
    assertThat(lk.rejects).singleElement().satisfies(p -> assertThat(p.position()).startsWith("record 2, "));
  }

  @Test
  void aHugeStringIsRefusedWhileStreamingSoMemoryStaysBoundedByTheRecordLimit() throws Exception {
    int chars = 96 << 20; // 96 M characters: 192 MB as a Java char[] had it been read whole
    var bos = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(bos)) {
      gz.write(("{\"Records\":[" + rec("before") + ",").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      gz.write(rec("big").substring(0, rec("big").indexOf("\"eventName\":\"") + 13).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] block = "b".repeat(1 << 20).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int i = 0; i < chars >> 20; i++) {
        gz.write(block);
      }
      gz.write(("\"}," + rec("after") + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path f = Fixtures.write(dir.resolve("huge.json.gz"), bos.toByteArray());
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    Collect c = read(f, new InputLimits(1L << 30, 1 << 20));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(c.ids()).containsExactly("before", "after");
    assertThat(c.rejects).singleElement().satisfies(p -> assertThat(p.reason()).contains("longer than the per-record limit"));
    assertThat(allocated).as("bytes allocated while reading").isLessThan(48L << 20);
  }

  @Test
  void objectsNestedDeeperThanAnyRecordIsRejectThatRecordOnly() throws Exception {
    String deep = rec("deep").replace("\"requestParameters\":null",
        "\"requestParameters\":" + "{\"a\":[".repeat(150) + "1" + "]}".repeat(150));
    Collect c = read(Fixtures.write(dir.resolve("deep.json"), Fixtures.records(List.of(rec("d1"), deep, rec("d2")))));
    assertThat(c.ids()).containsExactly("d1", "d2");
    assertThat(c.rejects).singleElement().satisfies(p -> {
      assertThat(p.position()).startsWith("record 2, line 1, ");
      assertThat(p.reason()).isEqualTo("objects and arrays nested deeper than 200 levels");
    });
  }

  // ---- duplicate keys ----------------------------------------------------------------------

  @Test
  void aRecordWithADuplicateKeyIsRejectedWithThePositionAndTheNeighboursAreKept() throws Exception {
    String twice = rec("dup").replace("\"eventName\":\"X\"", "\"eventName\":\"X\",\"eventName\":\"DeleteTrail\"");
    String nested = rec("dup2").replace("\"userName\":\"alice\"", "\"userName\":\"alice\",\"userName\":\"root\"");
    String content = Fixtures.records(List.of(rec("k1"), twice, rec("k2"), nested, rec("k3")));
    Collect c = read(Fixtures.write(dir.resolve("dups.json"), content));
    assertThat(c.ids()).containsExactly("k1", "k2", "k3");
    assertThat(c.rejects).hasSize(2);
    int second = content.indexOf(twice) + twice.indexOf("\"eventName\":\"DeleteTrail\"");
    assertThat(c.rejects.get(0).position()).isEqualTo("record 2, line 1, column " + (content.indexOf(twice) + 1)
        + ", byte " + content.indexOf(twice));
    assertThat(c.rejects.get(0).reason()).startsWith("duplicate key \"eventName\" in one JSON object (line 1, column ")
        .contains("byte " + (second + "\"eventName\"".length()))
        .endsWith("a later value would silently replace the earlier one");
    assertThat(c.rejects.get(1).reason()).startsWith("duplicate key \"userName\" in one JSON object");
    slicesMatch(c, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aDuplicateKeyInAJsonLineOrAnEmbeddedEventRejectsThatRecord() throws Exception {
    String twice = rec("dup").replace("\"eventName\":\"X\"", "\"eventName\":\"X\",\"eventName\":\"Y\"");
    Collect l = read(Fixtures.write(dir.resolve("dups.jsonl"), rec("j1") + "\n" + twice + "\n" + rec("j2") + "\n"));
    assertThat(l.ids()).containsExactly("j1", "j2");
    assertThat(l.rejects).singleElement().satisfies(p -> {
      assertThat(p.position()).startsWith("record 2, line 2");
      assertThat(p.reason()).startsWith("duplicate key \"eventName\" in one JSON object (column ");
    });
    String lookup = "{\"Events\":[{\"CloudTrailEvent\":\"" + twice.replace("\"", "\\\"") + "\"}]}";
    Collect lk = read(Fixtures.write(dir.resolve("lookup.json"), lookup));
    assertThat(lk.events).isEmpty();
    assertThat(lk.rejects).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("CloudTrailEvent holds a duplicate key \"eventName\""));
  }

  // ---- encodings and line endings ----------------------------------------------------------

  static byte[] encode(String text, String charset, boolean bom) {
    byte[] body = text.getBytes(java.nio.charset.Charset.forName(charset));
    if (!bom) {
      return body;
    }
    byte[] mark = "\uFEFF".getBytes(java.nio.charset.Charset.forName(charset));
    byte[] out = java.util.Arrays.copyOf(mark, mark.length + body.length);
    System.arraycopy(body, 0, out, mark.length, body.length);
    return out;
  }

  static String named(String id, String user) {
    return Fixtures.record(id, "2026-10-03T10:00:00Z", "X", user);
  }

  @Test
  void utf16AndUtf32FilesWithAndWithoutAByteOrderMarkAreDecoded() throws Exception {
    String r1 = named("u1", "zoë");
    String r2 = named("u2", "用户");
    for (String cs : new String[] {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
      for (boolean bom : new boolean[] {true, false}) {
        for (String layout : new String[] {Fixtures.records(List.of(r1, r2)), r1 + "\r\n" + r2 + "\r\n"}) {
          Path f = Fixtures.write(dir.resolve("enc.json"), encode(layout, cs, bom));
          Collect c = read(f);
          String what = cs + (bom ? " with BOM " : " without BOM ") + layout.substring(0, 2);
          assertThat(c.rejects).as(what).isEmpty();
          assertThat(c.ids()).as(what).containsExactly("u1", "u2");
          assertThat(c.events.get(0).event().userIdentity().userName()).as(what).isEqualTo("zoë");
          assertThat(c.events.get(1).event().userIdentity().userName()).as(what).isEqualTo("用户");
          assertThat(c.events.get(1).event().rawJson()).as(what).isEqualTo(r2);
          // offsets are those of the decoded UTF-8 text
          slicesMatch(c, layout.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    // gzip around UTF-16 (PowerShell 5.1 `>` output, compressed)
    Path gz = Fixtures.write(dir.resolve("ps.json.gz"), Fixtures.gzip(encode(r1 + "\r\n", "UTF-16LE", true)));
    assertThat(read(gz).ids()).containsExactly("u1");
  }

  @Test
  void aUtf8ByteOrderMarkIsReadInEveryLayout() throws Exception {
    String r1 = named("b1", "zoë");
    for (String layout : new String[] {Fixtures.records(List.of(r1)), r1 + "\n", "[" + r1 + "]", r1.replace(",", ",\n")}) {
      Collect c = read(Fixtures.write(dir.resolve("bom.json"), encode(layout, "UTF-8", true)));
      assertThat(c.rejects).as(layout.substring(0, 2)).isEmpty();
      assertThat(c.ids()).containsExactly("b1");
      assertThat(c.events.get(0).event().userIdentity().userName()).isEqualTo("zoë");
    }
  }

  @Test
  void anEncodingTrailbenchDoesNotReadIsNamedInTheReject() throws Exception {
    byte[] utf7 = "+/v8-{\"Records\":[]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Path f = Fixtures.write(dir.resolve("utf7.json"), utf7);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CloudTrailReader(InputLimits.DEFAULT).detect(f))
        .isInstanceOfSatisfying(io.github.trailbench.core.model.SourceFormatException.class, e -> {
          assertThat(e.problem().position()).isEqualTo("byte 0");
          assertThat(e.problem().reason()).isEqualTo("the file is encoded as UTF-7 (byte-order mark 2B 2F 76), which"
              + " Trailbench does not read: convert it to UTF-8");
        });
    // UTF-16LE with a lone surrogate: not valid UTF-16, said so with the encoding found
    byte[] lone = encode("{\"Records\":[{\"eventName\":\"xAy\"}]}", "UTF-16LE", true);
    int a = new String(lone, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("A\u0000");
    lone[a] = 0x00;
    lone[a + 1] = (byte) 0xD8;
    Path g = Fixtures.write(dir.resolve("lone.json"), lone);
    CloudTrailReader r = new CloudTrailReader(InputLimits.DEFAULT);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.read(g, r.detect(g), new Collect()))
        .isInstanceOfSatisfying(io.github.trailbench.core.model.SourceFormatException.class, e ->
            assertThat(e.problem().reason()).startsWith("the file was taken for UTF-16LE (byte-order mark) but is not valid UTF-16LE text"));
  }

  @Test
  void jsonLinesEndedByCrAloneLoseNoRecord() throws Exception {
    String content = named("c1", "a") + "\r" + named("c2", "b") + "\r\r{broken\r" + named("c3", "c") + "\r";
    Collect c = read(Fixtures.write(dir.resolve("mac.jsonl"), content));
    assertThat(c.ids()).containsExactly("c1", "c2", "c3");
    assertThat(c.rejects).singleElement().satisfies(p -> assertThat(p.position())
        .isEqualTo("record 3, line 4, byte " + content.indexOf("{broken")));
    slicesMatch(c, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // mixed CRLF and LF still count lines once each
    String mixed = named("m1", "a") + "\r\n{bad\n" + named("m2", "b") + "\r\n";
    Collect m = read(Fixtures.write(dir.resolve("mixed.jsonl"), mixed));
    assertThat(m.ids()).containsExactly("m1", "m2");
    assertThat(m.rejects).singleElement().satisfies(p -> assertThat(p.position()).startsWith("record 2, line 2, "));
  }
}
