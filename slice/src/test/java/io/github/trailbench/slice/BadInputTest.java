package io.github.trailbench.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated gzip, malformed JSON, foreign files and unusable records on the cluster. */
class BadInputTest {
  @TempDir Path dir;

  static String record(String id) {
    return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
        + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLE\","
        + "\"userName\":\"alice\"},\"eventTime\":\"2026-10-01T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\","
        + "\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\","
        + "\"userAgent\":\"aws-cli/2\",\"eventID\":\"" + id + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
        + "\"recipientAccountId\":\"111122223333\"}";
  }

  static List<String> records(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(record(prefix + "-" + i));
    }
    return out;
  }

  static byte[] doc(List<String> records) {
    return ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void damagedForeignAndUnusableInputIsCountedAndListedAndNoGoodRecordIsDropped() throws Exception {
    Path day = dir.resolve("trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/10/01");
    Files.createDirectories(day);
    Files.write(day.resolve("good.json.gz"), Trails.gzip(doc(records("good", 3))));
    // a gzip cut short: the records inflated before the cut are kept
    byte[] whole = Trails.gzip(doc(records("cut", 400)));
    Files.write(day.resolve("cut.json.gz"), Arrays.copyOf(whole, whole.length * 2 / 3));
    // JSON broken after two records
    Files.write(day.resolve("broken.json.gz"), Trails.gzip(
        ("{\"Records\":[" + record("broken-0") + "," + record("broken-1") + ",{\"eventID\": ]}").getBytes(StandardCharsets.UTF_8)));
    // a record that is not an event, and one that is not an object, between good ones
    Files.write(day.resolve("mixed.json.gz"), Trails.gzip(doc(List.of(record("mixed-0"), "{\"foo\":1}", "42", record("mixed-1")))));
    // foreign files: text, and JSON that is not a log file
    Files.writeString(day.resolve("README.txt"), "not a log\n");
    Files.write(day.resolve("digest.json.gz"), Trails.gzip("{\"awsAccountId\":\"111122223333\"}".getBytes(StandardCharsets.UTF_8)));

    Path out = dir.resolve("out");
    Manifest m = SliceJob.run(Trails.spark(), dir.resolve("trail").toString(), "", out.toString());

    List<String> ids = Trails.gzipLines(out.resolve(Manifest.SLICE_FOLDER)).stream().map(Trails::eventId).toList();
    List<String> cut = ids.stream().filter(i -> i.startsWith("cut-")).sorted((a, b) ->
        Integer.compare(Integer.parseInt(a.substring(4)), Integer.parseInt(b.substring(4)))).toList();
    assertThat(cut).as("the records before the cut").isNotEmpty().hasSizeLessThan(400);
    for (int i = 0; i < cut.size(); i++) {
      assertThat(cut.get(i)).isEqualTo("cut-" + i);
    }
    assertThat(ids).contains("good-0", "good-1", "good-2", "broken-0", "broken-1", "mixed-0", "mixed-1");
    assertThat(ids).hasSize(7 + cut.size());
    assertThat(m.counts().records()).isEqualTo(ids.size());
    assertThat(m.counts().foreignFiles()).isEqualTo(2);
    assertThat(m.counts().damagedFiles()).isEqualTo(2);
    assertThat(m.counts().rejectedRecords()).isEqualTo(2);
    assertThat(m.problems()).hasSize(6);
    assertThat(m.problems()).anySatisfy(p -> {
      assertThat(p.file()).endsWith("cut.json.gz");
      assertThat(p.reason()).contains("truncated gzip");
    });
    assertThat(m.problems()).anySatisfy(p -> {
      assertThat(p.file()).endsWith("broken.json.gz");
      assertThat(p.reason()).contains("malformed JSON");
    });
    assertThat(m.problems()).anySatisfy(p -> {
      assertThat(p.file()).endsWith("README.txt");
      assertThat(p.reason()).startsWith("not a CloudTrail log file");
    });
    assertThat(m.problems()).anySatisfy(p -> {
      assertThat(p.file()).endsWith("digest.json.gz");
      assertThat(p.reason()).contains("no \"Records\" array");
    });
    assertThat(m.problems()).filteredOn(p -> p.file().endsWith("mixed.json.gz"))
        .extracting(Manifest.Problem::position).containsExactlyInAnyOrder("record 2", "record 3");
    assertThat(Files.readString(out.resolve(Manifest.FILE))).contains("README.txt", "truncated gzip");
  }
}
