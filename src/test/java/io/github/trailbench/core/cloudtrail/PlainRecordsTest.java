package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.SourceFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast reader of plain files ({@link PlainRecords}) reads exactly what the streaming reader
 * reads, or gives the file up to it: compared on every CloudTrail file of the repository, on
 * records written to test each rule, and on thousands of mutated records.
 */
class PlainRecordsTest {
  @TempDir Path dir;

  private static final InputLimits LIMITS = InputLimits.DEFAULT;

  /** What the streaming reader (Jackson, never the fast reader) makes of a file. */
  private record Streamed(List<ReadEvent> events, int rejects, String failure) {
    boolean clean() {
      return rejects == 0 && failure == null;
    }
  }

  private Streamed streamed(byte[] content) throws Exception {
    Path f = Files.write(Files.createTempFile(dir, "s", ".json"), content);
    CloudTrailReader r = new CloudTrailReader(LIMITS).withPlainFirst(false);
    HostileInputTest.Collect c = new HostileInputTest.Collect();
    try {
      r.read(f, SourceKind.CLOUDTRAIL_RECORDS, c);
      return new Streamed(c.events, c.rejects.size(), null);
    } catch (SourceFormatException e) {
      return new Streamed(c.events, c.rejects.size(), e.getMessage());
    }
  }

  /** The fast reader's events, or null when it gives the file up; asserts they are the streaming reader's. */
  private List<ReadEvent> compare(byte[] content) throws Exception {
    List<ReadEvent> plain = PlainRecords.read(content, "Records", LIMITS, true, true);
    if (plain != null) {
      Streamed s = streamed(content);
      assertThat(s.clean()).as("the fast reader read a file the streaming reader has something against: %s",
          new String(content, StandardCharsets.UTF_8)).isTrue();
      assertThat(plain).as(new String(content, StandardCharsets.UTF_8)).isEqualTo(s.events());
    }
    return plain;
  }

  private static byte[] records(String... records) {
    return Fixtures.records(List.of(records)).getBytes(StandardCharsets.UTF_8);
  }

  private static final String IDENTITY = "{\"type\":\"AssumedRole\",\"principalId\":\"AROAX:alice\","
      + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/alice\",\"accountId\":\"111122223333\","
      + "\"accessKeyId\":\"ASIAX\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAX\","
      + "\"arn\":\"arn:aws:iam::111122223333:role/Admin\",\"accountId\":\"111122223333\",\"userName\":\"Admin\"},"
      + "\"webIdFederationData\":{\"federatedProvider\":\"accounts.google.com\",\"attributes\":{}},"
      + "\"attributes\":{\"creationDate\":\"2026-10-03T09:00:00Z\",\"mfaAuthenticated\":\"true\"},"
      + "\"sourceIdentity\":\"alice@example.com\",\"ec2RoleDelivery\":\"2.0\",\"assumedRoot\":\"true\"},"
      + "\"invokedBy\":\"cloudformation.amazonaws.com\"}";

  /** A record using every field the readers read, nested values of every JSON kind among them. */
  private static String full(String id, String identity) {
    return "{\"eventVersion\":\"1.09\",\"userIdentity\":" + identity + ",\"eventTime\":\"2026-10-03T10:00:00.123Z\","
        + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"eu-west-1\","
        + "\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"[aws-cli/2.15.0 Python/3.11]\",\"errorCode\":null,"
        + "\"requestParameters\":{\"bucketName\":\"b\",\"key\":\"k/\\u00e9 \\\"q\\\"\",\"n\":[1,-2.5e+3,0,true,false,null,{}]},"
        + "\"responseElements\":null,\"additionalEventData\":{\"SignatureVersion\":\"SigV4\",\"bytesTransferredIn\":0},"
        + "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\"},\"requestID\":\"R1\",\"eventID\":\"" + id + "\","
        + "\"readOnly\":true,\"resources\":[{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::b/k\"},"
        + "{\"accountId\":\"111122223333\",\"type\":\"AWS::S3::Bucket\",\"arn\":\"arn:aws:s3:::b\"},\"odd\",null],"
        + "\"eventType\":\"AwsApiCall\",\"managementEvent\":\"false\",\"recipientAccountId\":\"111122223333\","
        + "\"sharedEventID\":\"S1\",\"vpcEndpointId\":\"vpce-1\",\"eventCategory\":\"Data\","
        + "\"errorMessage\":\"tab\\there, slash \\/ and \\\\ backslash\",\"sessionCredentialFromConsole\":\"true\"}";
  }

  @Test
  void everyCloudTrailFileOfTheRepositoryReadsAlikeAndTheSampleTrailIsReadTheFastWay() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Stream.concat(Files.walk(Path.of("samples")), Files.walk(Path.of("src/test/resources")))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    int compared = 0;
    int fast = 0;
    int sampleTrail = 0;
    int sampleTrailFast = 0;
    CloudTrailReader reader = new CloudTrailReader(LIMITS);
    for (Path f : files) {
      SourceKind kind;
      try {
        kind = reader.detect(f);
      } catch (SourceFormatException notAnInput) {
        continue;
      }
      if (kind != SourceKind.CLOUDTRAIL_RECORDS) {
        continue;
      }
      byte[] content;
      try (SourceFiles.CountingContent c = SourceFiles.openContent(f, LIMITS); InputStream in = c.stream()) {
        content = in.readAllBytes();
      } catch (IOException damaged) {
        continue; // a truncated gzip: neither reader gets to its records
      }
      compared++;
      boolean read = compare(content) != null;
      fast += read ? 1 : 0;
      if (f.startsWith(Path.of("samples", "case", "AWSLogs")) && f.toString().contains("_CloudTrail_")) {
        sampleTrail++;
        sampleTrailFast += read ? 1 : 0;
      }
    }
    assertThat(compared).isGreaterThan(100);
    assertThat(fast).isGreaterThan(compared / 2);
    assertThat(sampleTrail).isGreaterThan(50);
    assertThat(sampleTrailFast).as("sample trail files read the fast way").isEqualTo(sampleTrail);
  }

  @Test
  void aRecordWithEveryFieldEscapesAndEveryKindOfValueReadsAlike() throws Exception {
    List<ReadEvent> events = compare(records(full("a", IDENTITY), full("b", IDENTITY), full("c", "null")));

    assertThat(events).hasSize(3);
    assertThat(events.get(0).event().errorMessage()).isEqualTo("tab\there, slash / and \\ backslash");
    assertThat(events.get(0).event().requestParametersJson()).contains("\\u00e9");
    assertThat(events.get(0).mentionsConsoleCredential()).isTrue();
    assertThat(events.get(0).event().userIdentity().sessionContext().webIdFederationProvider()).isEqualTo("accounts.google.com");
    assertThat(events.get(1).event().userIdentity()).isSameAs(events.get(0).event().userIdentity());
    assertThat(events.get(2).event().userIdentity()).isNull();
  }

  @Test
  void theConsoleCredentialMarkIsFoundWhereTheStreamingReadersByteSearchFindsIt() throws Exception {
    String r = full("a", IDENTITY).replace(",\"sessionCredentialFromConsole\":\"true\"", "");
    java.util.Map<String, Boolean> variants = new java.util.LinkedHashMap<>();
    variants.put(r, false);
    variants.put(r.replace("\"bucketName\":\"b\"", "\"bucketName\":\"sessionCredentialFromConsole\""), true);
    variants.put(r.replace("\"bucketName\":\"b\"", "\"bucketName\":\"x\\\"sessionCredentialFromConsole\""), true);
    variants.put(r.replace("\"bucketName\":\"b\"", "\"bucketName\":\"\\\\\\\"sessionCredentialFromConsole\""), true);
    variants.put(r.replace("\"bucketName\":\"b\"", "\"bucketName\":\"xsessionCredentialFromConsole\""), false);
    variants.put(r.replace("\"bucketName\":\"b\"", "\"bucketName\":\"sessionCredentialFromConsoleX\""), false);
    variants.put(r.replace("\"bucketName\":\"b\"", "\"bucketName\":\"sessionCredentialFromConsol\""), false);
    variants.put(r.replace("\"bucketName\":\"b\"", "\"x\":{\"sessionCredentialFromConsole\":1}"), true);
    String inIdentity = r.replace("\"ec2RoleDelivery\"", "\"sessionCredentialFromConsole\":\"true\",\"ec2RoleDelivery\"");
    variants.put(inIdentity, true);
    for (var v : variants.entrySet()) {
      assertThat(compare(records(v.getKey()))).as(v.getKey()).singleElement()
          .satisfies(e -> assertThat(e.mentionsConsoleCredential()).isEqualTo(v.getValue()));
    }
    // an identity read again from its bytes keeps its mark, and a record without it gets none from the one before
    List<ReadEvent> three = compare(records(inIdentity, inIdentity.replace("\"eventID\":\"a\"", "\"eventID\":\"b\""),
        full("c", "null").replace(",\"sessionCredentialFromConsole\":\"true\"", "")));
    assertThat(three).extracting(ReadEvent::mentionsConsoleCredential).containsExactly(true, true, false);
    assertThat(three.get(1).event().userIdentity()).isSameAs(three.get(0).event().userIdentity());
  }

  @Test
  void valuesOfTheLenientKindsReadAlike() throws Exception {
    String r = full("a", IDENTITY);
    for (String variant : List.of(
        r.replace("\"readOnly\":true", "\"readOnly\":\"TRUE\""),
        r.replace("\"readOnly\":true", "\"readOnly\":\"\""),
        r.replace("\"readOnly\":true", "\"readOnly\":null"),
        r.replace("\"responseElements\":null", "\"responseElements\":\"a string\""),
        r.replace("\"responseElements\":null", "\"responseElements\":[]"),
        r.replace("\"sharedEventID\":\"S1\"", "\"sharedEventID\":{\"x\":1}"),
        r.replace("\"resources\":[", "\"resources\":null,\"r\":["),
        r.replace("\"invokedBy\":\"cloudformation.amazonaws.com\"", "\"invokedBy\":[1]"),
        r.replace("\"eventID\":\"a\"", "\"eventID\":\"\""),
        r.replace("\"invokedBy\"", "\"inScopeOf\":{\"issuerType\":\"AWS::Lambda::Function\",\"credentialsIssuedTo\":"
            + "\"arn:aws:lambda:us-east-1:111122223333:function:f\"},\"invokedBy\""),
        r.replace("\"invokedBy\"", "\"inScopeOf\":{\"issuerType\":7,\"credentialsIssuedTo\":null,\"sourceArn\":\"x\"},\"invokedBy\""),
        r.replace("\"type\":\"AssumedRole\"", "\"type\":\"IdentityCenterUser\"").replace("\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/alice\",", "")
            .replace("\"invokedBy\"", "\"onBehalfOf\":{\"userId\":\"u-1\",\"identityStoreArn\":\"arn:aws:identitystore::111122223333:identitystore/d-1\"},\"invokedBy\""),
        "{\"eventVersion\":\"1.08\",\"eventType\":\"AwsCloudTrailInsight\",\"eventTime\":\"2026-10-03T10:00:00Z\",\"eventID\":\"i\","
            + "\"insightDetails\":{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"insightType\":\"ApiCallRateInsight\"}}",
        "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-10-03T10:00:00Z\",\"eventID\":\"s\",\"eventSource\":\"signin.amazonaws.com\","
            + "\"eventName\":\"ConsoleLogin\",\"responseElements\":{\"ConsoleLogin\":\"Failure\"},\"errorMessage\":\"Failed authentication\"}")) {
      assertThat(compare(records(variant))).as(variant).isNotNull();
    }
  }

  @Test
  void whatTheStreamingReaderRejectsOrOnlyItCanCheckIsGivenUp() throws Exception {
    String r = full("a", IDENTITY);
    // each variant, and whether the streaming reader reads it without a reject
    java.util.Map<String, Boolean> variants = new java.util.LinkedHashMap<>();
    variants.put(r.replace("\"bucketName\":\"b\"", "\"bucketName\":\"b\",\"bucketName\":\"c\""), false); // a key twice, nested
    variants.put(r.replace("\"eventName\":\"GetObject\"", "\"eventName\":\"GetObject\",\"eventName\":\"PutObject\""), false);
    variants.put(r.replace("\"userName\":\"Admin\"", "\"userName\":\"Admin\",\"userName\":\"Admin\""), false);
    variants.put(r.replace("\"key\":\"k/", "\"bucketN\\u0061me\":\"k/"), false); // an escaped key spelling another key
    variants.put(r.replace("\"eventSource\":\"s3.amazonaws.com\"", "\"eventSource\":\"s3.amazonaws.com\",\"eventN\\u0061me\":\"X\""), false);
    variants.put(r.replace("\"key\":\"k/", "\"k\\u0065\":\"k/"), true); // an escaped key: left to the streaming reader
    variants.put(r.replace("GetObject", "GetÖbject"), true); // outside ASCII: UTF-8 is checked by the streaming reader
    variants.put(r.replace("\"responseElements\":null", "\"responseElements\":42"), true); // where a number ends is the parser's
    variants.put(r.replace("GetObject", "Get\u0001Object"), false); // a raw control character
    variants.put(r.replace("\"n\":[1,", "\"n\":[01,"), false);
    variants.put(r.replace("\"n\":[1,", "\"n\":[1.,"), false);
    variants.put(r.replace("\"n\":[1,", "\"n\":[-,"), false);
    variants.put(r.replace("\"n\":[1,", "\"n\":[1,,"), false);
    variants.put(r.replace(",{}]}", ",{},]}"), false); // a trailing comma
    variants.put(r.replace("\"errorCode\":null", "\"errorCode\":nul"), false);
    variants.put(r.replace("\"errorCode\":null", "\"errorCode\":nullx"), false);
    variants.put(r.replace("\"errorCode\":null", "\"errorCode\":404"), false); // the wrong type: the record is rejected
    variants.put(r.replace("\"readOnly\":true", "\"readOnly\":\"maybe\""), false);
    variants.put(r.replace("\"resources\":[", "\"resources\":{\"a\":[").replace(",\"odd\",null]", ",\"odd\",null]}"), false);
    variants.put(r.replace("\"userIdentity\":{", "\"userIdentity\":[{").replace(",\"eventTime\"", "],\"eventTime\""), false);
    variants.put(r.replace("\"eventTime\":\"2026-10-03T10:00:00.123Z\"", "\"eventTime\":\"yesterday\""), false);
    variants.put(r.replace("\\u00e9", "\\u00g9"), false);
    variants.put(r.replace("\\/", "\\x"), false);
    variants.put(r.substring(0, r.length() - 1), false); // the record never closes
    for (var v : variants.entrySet()) {
      assertThat(PlainRecords.read(records(v.getKey()), "Records", LIMITS, true, true)).as(v.getKey()).isNull();
      assertThat(streamed(records(v.getKey())).clean()).as(v.getKey()).isEqualTo(v.getValue());
    }
  }

  @Test
  void theDocumentAroundTheRecordsIsCheckedToo() throws Exception {
    String r = full("a", IDENTITY);
    assertThat(compare(("{\"Records\":[" + r + "],\"other\":{\"deep\":[[],{}]}}").getBytes(StandardCharsets.UTF_8))).hasSize(1);
    assertThat(compare((" \r\n\t{ \"Records\" : [ ] } \n").getBytes(StandardCharsets.UTF_8))).isEmpty();
    for (String doc : List.of(
        "{\"Records\":[" + r + "]} x",
        "{\"Records\":[" + r + "],\"Records\":[]}",
        "{\"records\":[" + r + "]}",
        "{\"Records\":[" + r + ",1]}",
        "{\"Records\":{}}",
        "[" + r + "]",
        "\ufeff{\"Records\":[]}",
        "{\"Records\":[" + r + "]")) {
      assertThat(PlainRecords.read(doc.getBytes(StandardCharsets.UTF_8), "Records", LIMITS, true, true)).as(doc).isNull();
    }
    assertThat(PlainRecords.read(("[" + r + "]").getBytes(StandardCharsets.UTF_8), null, LIMITS, false, false))
        .singleElement().satisfies(e -> {
          assertThat(e.event().rawJson()).isNull();
          assertThat(e.event().tlsDetailsJson()).isNull();
          assertThat(e.rawOffset()).isEqualTo(1);
          assertThat(e.rawLength()).isEqualTo(r.length());
        });
  }

  @Test
  void limitsAreGivenUpBelowWhereTheStreamingReaderRejects() throws Exception {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < PlainRecords.MAX_DEPTH; i++) {
      deep.append('[');
    }
    String nested = deep + "1" + "]".repeat(PlainRecords.MAX_DEPTH);
    String r = full("a", IDENTITY);
    assertThat(PlainRecords.read(records(r.replace("\"n\":[1,", "\"n\":[" + nested + ",")), "Records", LIMITS, true, true)).isNull();
    assertThat(PlainRecords.read(records(r.replace("\"n\":[1,", "\"n\":[" + "9".repeat(PlainRecords.MAX_NUMBER + 1) + ",")),
        "Records", LIMITS, true, true)).isNull();
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i <= PlainRecords.MAX_KEYS; i++) {
      wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    wide.append('}');
    assertThat(PlainRecords.read(records(r.replace("\"n\":[1,", "\"n\":[" + wide + ",")), "Records", LIMITS, true, true)).isNull();
    // an object of many keys below the limit, with a key twice far apart
    String many = wide.toString().replace(",\"k" + PlainRecords.MAX_KEYS + "\":" + PlainRecords.MAX_KEYS, "");
    assertThat(compare(records(r.replace("\"n\":[1,", "\"n\":[" + many + ",")))).hasSize(1);
    assertThat(PlainRecords.read(records(r.replace("\"n\":[1,", "\"n\":[" + many.replace("\"k400\"", "\"k3\"") + ",")),
        "Records", LIMITS, true, true)).isNull();
    InputLimits small = new InputLimits(1 << 20, r.length() - 1);
    assertThat(PlainRecords.read(records(r), "Records", small, true, true)).isNull();
  }

  /**
   * Thousands of records broken or bent one edit at a time: whatever the fast reader reads, the
   * streaming reader reads the same way, without a reject.
   */
  @Test
  void mutatedRecordsAreReadAlikeOrGivenUp() throws Exception {
    String base = full("a", IDENTITY);
    String second = full("b", IDENTITY.replace("alice", "bob"));
    String[] inserts = {"\"", "\\", "{", "}", "[", "]", ",", ":", "0", "-", "e", ".", " ", "\n", "\t", "null", "true",
        "\"x\":1,", "\\u0041", "\\n", "é", "\u0001", "\"eventName\":\"Z\",", "\"type\":\"Root\","};
    Random random = new Random(20261207);
    int read = 0;
    int runs = 3000;
    for (int i = 0; i < runs; i++) {
      StringBuilder m = new StringBuilder(base);
      int edits = 1 + random.nextInt(2);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(m.length());
        switch (random.nextInt(4)) {
          case 0 -> m.deleteCharAt(at);
          case 1 -> m.insert(at, inserts[random.nextInt(inserts.length)]);
          case 2 -> m.setCharAt(at, inserts[random.nextInt(inserts.length)].charAt(0));
          default -> {
            // swap a value for another kind of value
            int colon = m.indexOf("\":", at);
            if (colon > 0) {
              String[] values = {"null", "1", "\"s\"", "{}", "[]", "true", "{\"a\":{\"a\":null}}", "\"\""};
              int end = colon + 2;
              while (end < m.length() && ",}]".indexOf(m.charAt(end)) < 0) {
                end++;
              }
              m.replace(colon + 2, end, values[random.nextInt(values.length)]);
            }
          }
        }
      }
      if (compare(records(m.toString(), second)) != null) {
        read++;
      }
    }
    // both kinds happen: the comparison is not vacuous, and the fast reader is not reading everything
    assertThat(read).isBetween(runs / 10, runs - runs / 10);
  }

  @Test
  void aFileLargerThanARecordMayBeIsReadByTheStreamingReaderAlone() throws Exception {
    String r = full("a", IDENTITY);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(r.replace("\"eventID\":\"a\"", "\"eventID\":\"e" + i + "\""));
    }
    byte[] content = Fixtures.records(many).getBytes(StandardCharsets.UTF_8);
    Path f = Fixtures.write(dir.resolve("big.json.gz"), Fixtures.gzip(content));
    InputLimits small = new InputLimits(1 << 20, content.length / 4);
    HostileInputTest.Collect c = HostileInputTest.read(f, small);

    assertThat(c.rejects).isEmpty();
    assertThat(c.events).hasSize(40).isEqualTo(PlainRecords.read(content, "Records", LIMITS, true, true));
    HostileInputTest.slicesMatch(c, content);
  }
}
