package io.github.trailbench.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The desktop reader's per-record rules and text encodings, applied by the job to each file. */
class EventRowsGuardTest {
  private static Object field(Row row, String name) {
    return row.get(EventRows.SCHEMA.fieldIndex(name));
  }

  private static List<String> eventIds(List<Row> rows) {
    return rows.stream().filter(r -> field(r, EventRows.PROBLEM) == null)
        .map(r -> (String) field(r, EventRows.EVENT_ID)).toList();
  }

  private static List<String> problems(List<Row> rows) {
    return rows.stream().filter(r -> field(r, EventRows.PROBLEM) != null)
        .map(r -> field(r, EventRows.PROBLEM_POSITION) + ": " + field(r, EventRows.PROBLEM) + " [" + field(r, EventRows.PROBLEM_KIND) + "]")
        .toList();
  }

  private static List<Row> read(byte[] bytes) {
    return EventRows.read("f.json", new ByteArrayInputStream(bytes));
  }

  @Test
  void aRecordWithADuplicateKeyIsRejectedAloneAndTheRecordsAroundItAreKept() {
    String dup = BadInputTest.record("dup").replace("\"eventName\":\"ListBuckets\"",
        "\"eventName\":\"ListBuckets\",\"eventName\":\"GetObject\"");
    List<Row> rows = read(BadInputTest.doc(List.of(BadInputTest.record("a"), dup, BadInputTest.record("b"))));

    assertThat(eventIds(rows)).containsExactly("a", "b");
    assertThat(problems(rows)).singleElement().asString()
        .startsWith("record 2: duplicate key \"eventName\" in one JSON object")
        .endsWith("[rejected]");
  }

  @Test
  void nestingPastTwoHundredLevelsAndThousandDigitNumbersRejectOnlyTheirRecord() {
    String deep = BadInputTest.record("deep").replace("\"readOnly\":true",
        "\"readOnly\":true,\"requestParameters\":" + "[".repeat(250) + "]".repeat(250));
    String huge = BadInputTest.record("huge").replace("\"readOnly\":true",
        "\"readOnly\":true,\"requestParameters\":{\"n\":" + "9".repeat(1001) + "}");
    List<Row> rows = read(BadInputTest.doc(List.of(deep, BadInputTest.record("ok"), huge)));

    assertThat(eventIds(rows)).containsExactly("ok");
    assertThat(problems(rows)).containsExactly(
        "record 1: objects and arrays nested deeper than 200 levels [rejected]",
        "record 3: a number is longer than 1000 digits [rejected]");
  }

  @Test
  void utf16AndUtf32ContentIsDecodedWithOrWithoutAByteOrderMark() {
    String doc = new String(BadInputTest.doc(List.of(BadInputTest.record("ü-1"), BadInputTest.record("ü-2"))), StandardCharsets.UTF_8);
    for (String encoding : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
      byte[] plain = doc.getBytes(Charset.forName(encoding));
      assertThat(eventIds(read(plain))).as(encoding + " without a byte-order mark").containsExactly("ü-1", "ü-2");
      byte[] bom = ("\uFEFF" + doc).getBytes(Charset.forName(encoding));
      List<Row> rows = read(bom);
      assertThat(eventIds(rows)).as(encoding + " with a byte-order mark").containsExactly("ü-1", "ü-2");
      assertThat((String) field(rows.get(0), EventRows.RAW)).isEqualTo(BadInputTest.record("ü-1"));
    }
  }

  @Test
  void anEncodingTheDesktopDoesNotReadMakesTheFileForeignWithTheReason() {
    byte[] utf7 = "+/v8{\"Records\":[]}".getBytes(StandardCharsets.US_ASCII);
    assertThat(problems(read(utf7))).singleElement().asString()
        .contains("UTF-7").endsWith("[foreign]");
  }
}
