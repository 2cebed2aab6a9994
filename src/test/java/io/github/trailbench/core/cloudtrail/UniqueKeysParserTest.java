package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duplicate-key rule as UniqueKeysParser applies it, in every object of a record. */
class UniqueKeysParserTest {
  @TempDir Path dir;

  private static String rec(String id, String requestParameters) {
    return Fixtures.record(id, "2026-10-03T10:00:00Z", "X", "alice")
        .replace("\"requestParameters\":null", "\"requestParameters\":" + requestParameters);
  }

  private HostileInputTest.Collect read(String content) throws Exception {
    return HostileInputTest.read(Fixtures.write(dir.resolve("r-" + content.hashCode() + ".json"), content));
  }

  @Test
  void aKeyTwiceInAnObjectPassedOverRejectsTheRecordAtTheSecondKeysEnd() throws Exception {
    String dup = rec("dup", "{\"filter\":{\"a\":[{\"k\":1,\"k\":2}]}}");
    String content = Fixtures.records(List.of(rec("k1", "{}"), dup, rec("k2", "{}")));
    HostileInputTest.Collect c = read(content);
    assertThat(c.ids()).containsExactly("k1", "k2");
    long end = content.indexOf("\"k\":2") + "\"k\"".length();
    assertThat(c.rejects).singleElement().satisfies(p -> assertThat(p.reason())
        .isEqualTo("duplicate key \"k\" in one JSON object (line 1, column " + (end + 1) + ", byte " + end
            + "): a later value would silently replace the earlier one"));
  }

  @Test
  void theSameKeyInSiblingAndNestedObjectsIsNoDuplicate() throws Exception {
    String ok = rec("ok", "{\"k\":{\"k\":{\"k\":1}},\"list\":[{\"k\":1},{\"k\":2}],\"x\":[[{\"k\":1}],{\"k\":{}}]}");
    HostileInputTest.Collect c = read(Fixtures.records(List.of(ok, rec("k2", "{\"k\":1}"))));
    assertThat(c.rejects).isEmpty();
    assertThat(c.ids()).containsExactly("ok", "k2");
  }

  @Test
  void anObjectOfManyKeysIsCheckedPastItsSmallTable() throws Exception {
    String many = IntStream.range(0, 100).mapToObj(i -> "\"key" + i + "\":" + i).collect(Collectors.joining(","));
    String manyWithDup = many + ",\"key7\":0";
    HostileInputTest.Collect c = read(Fixtures.records(List.of(rec("many", "{" + many + "}"),
        rec("dup", "{" + manyWithDup + "}"), rec("after", "{" + many + "}"))));
    assertThat(c.ids()).containsExactly("many", "after");
    assertThat(c.rejects).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("duplicate key \"key7\""));
  }

  @Test
  void aDuplicateKeyWrittenWithEscapesIsFoundAndTheRecordsAfterItAreRead() throws Exception {
    // "k\"}" and its escaped twin are one key; a quote and a brace inside it must not end the record early
    String dup = rec("dup", "{\"k\\\"}\":1,\"k\\u0022}\":2}");
    String content = Fixtures.records(List.of(dup, rec("after", "{\"v\":\"},{\\\"eventID\\\":\\\"forged\\\"}\"}")));
    HostileInputTest.Collect c = read(content);
    assertThat(c.ids()).containsExactly("after");
    long end = content.indexOf("\"k\\u0022}\"") + "\"k\\u0022}\"".length();
    assertThat(c.rejects).singleElement().satisfies(p -> assertThat(p.reason()).contains("byte " + end + ")"));
  }
}
