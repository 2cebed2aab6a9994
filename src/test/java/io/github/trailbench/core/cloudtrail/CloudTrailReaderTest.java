package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudTrailReaderTest {
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
  }

  private Collect read(Path f) throws Exception {
    return read(f, InputLimits.DEFAULT);
  }

  private Collect read(Path f, InputLimits limits) throws Exception {
    CloudTrailReader r = new CloudTrailReader(limits);
    Collect c = new Collect();
    r.read(f, r.detect(f), c);
    return c;
  }

  @Test
  void recordsFileYieldsEveryFieldTheStoreNeeds() throws Exception {
    Collect c = read(Fixtures.resource("cloudtrail/records.json"));
    assertThat(c.rejects).isEmpty();
    assertThat(c.events).hasSize(3);
    CloudTrailEvent e = c.events.get(1).event();
    assertThat(e.eventId()).isEqualTo("11111111-0000-0000-0000-000000000002");
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-10-03T10:05:00Z"));
    assertThat(e.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(e.eventName()).isEqualTo("CreateAccessKey");
    assertThat(e.readOnly()).isFalse();
    assertThat(e.recipientAccountId()).isEqualTo("111122223333");
    assertThat(e.userIdentity().type()).isEqualTo("AssumedRole");
    assertThat(e.userIdentity().accessKeyId()).isEqualTo("ASIAEXAMPLESESSION01");
    assertThat(e.userIdentity().sessionContext().sessionIssuer().arn()).isEqualTo("arn:aws:iam::111122223333:role/Admin");
    assertThat(e.userIdentity().sessionContext().mfaAuthenticated()).isTrue();
    assertThat(e.userIdentity().sessionContext().creationDate()).isEqualTo(Instant.parse("2026-10-03T09:59:00Z"));
    assertThat(e.resources()).singleElement().satisfies(r -> assertThat(r.arn()).isEqualTo("arn:aws:iam::111122223333:user/bob"));
    assertThat(e.requestParametersJson()).isEqualTo("{\"userName\":\"bob\"}");
    assertThat(e.responseElementsJson()).startsWith("{\"accessKey\":");
    assertThat(e.tlsDetailsJson()).contains("TLSv1.3");
    assertThat(c.events.get(2).event().errorCode()).isEqualTo("AccessDenied");
    assertThat(c.events.get(0).event().responseElementsJson()).isNull();
  }

  @Test
  void nestedFieldsHoldingAScalarKeepTheWholeJsonValue() throws Exception {
    String rec = "{\"eventVersion\":\"1.09\",\"eventID\":\"id-s\",\"eventTime\":\"2026-10-03T10:00:00Z\","
        + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"eu-west-1\","
        + "\"recipientAccountId\":\"111122223333\",\"userIdentity\":{\"type\":\"IAMUser\"},"
        + "\"requestParameters\":\"bucketName=acme key=a\\\"b\",\"responseElements\":42,"
        + "\"additionalEventData\":true,\"tlsDetails\":[\"x\",1]}";
    for (Path f : List.of(Fixtures.write(dir.resolve("scalar.json"), "{\"Records\":[" + rec + "]}"),
        Fixtures.write(dir.resolve("scalar.jsonl"), rec + "\n"))) {
      Collect c = read(f);
      assertThat(c.rejects).isEmpty();
      CloudTrailEvent e = c.events.get(0).event();
      assertThat(e.requestParametersJson()).isEqualTo("\"bucketName=acme key=a\\\"b\"");
      assertThat(e.responseElementsJson()).isEqualTo("42");
      assertThat(e.additionalEventDataJson()).isEqualTo("true");
      assertThat(e.tlsDetailsJson()).isEqualTo("[\"x\",1]");
    }
  }

  @Test
  void rawJsonIsAByteIdenticalSliceOfTheSource() throws Exception {
    Path src = Fixtures.resource("cloudtrail/records.json");
    byte[] content = Files.readAllBytes(src);
    Path gz = Fixtures.write(dir.resolve("r.json.gz"), Fixtures.gzip(content));
    for (Path f : List.of(src, gz)) {
      Collect c = read(f);
      for (ReadEvent e : c.events) {
        assertThat(e.rawInContent()).isTrue();
        byte[] slice = Arrays.copyOfRange(content, (int) e.rawOffset(), (int) e.rawOffset() + e.rawLength());
        assertThat(e.event().rawJson().getBytes(StandardCharsets.UTF_8)).isEqualTo(slice);
        assertThat(new String(slice, StandardCharsets.UTF_8)).startsWith("{\"eventVersion\"").endsWith("}");
      }
      // the non-ASCII record survives untouched
      assertThat(c.events.get(2).event().rawJson()).contains("data/ü.csv");
    }
  }

  @Test
  void lookupEventsUnwrapsTheCloudTrailEventString() throws Exception {
    Collect c = read(Fixtures.resource("cloudtrail/lookup-events.json"));
    assertThat(c.rejects).isEmpty();
    assertThat(c.events).extracting(e -> e.event().eventName()).containsExactly("ListBuckets", "CreateAccessKey", "GetObject");
    ReadEvent e = c.events.get(0);
    assertThat(e.rawInContent()).isFalse();
    assertThat(e.event().rawJson()).startsWith("{\"eventVersion\":\"1.09\"").contains("\"eventID\":\"11111111-0000-0000-0000-000000000001\"");
  }

  @Test
  void lakeResultsTakeEventJsonOrFlatColumns() throws Exception {
    Collect c = read(Fixtures.resource("cloudtrail/lake-results.json"));
    assertThat(c.rejects).isEmpty();
    assertThat(c.events).extracting(e -> e.event().eventId())
        .containsExactly("11111111-0000-0000-0000-000000000001", "11111111-0000-0000-0000-000000000002",
            "22222222-0000-0000-0000-000000000009");
    CloudTrailEvent flat = c.events.get(2).event();
    assertThat(flat.eventTime()).isEqualTo(Instant.parse("2026-10-03T12:00:00Z"));
    assertThat(flat.eventName()).isEqualTo("Decrypt");
  }

  @Test
  void jsonLinesLoseOnlyTheBrokenLine() throws Exception {
    Path f = Fixtures.resource("cloudtrail/events.jsonl");
    Collect c = read(f);
    assertThat(c.events).extracting(e -> e.event().eventName()).containsExactly("ListBuckets", "GetObject");
    assertThat(c.rejects).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(f.toString());
      assertThat(p.position()).startsWith("record 2, line 2, byte ");
      assertThat(p.reason()).startsWith("not valid JSON");
    });
    byte[] content = Files.readAllBytes(f);
    ReadEvent last = c.events.get(1);
    assertThat(Arrays.copyOfRange(content, (int) last.rawOffset(), (int) last.rawOffset() + last.rawLength()))
        .isEqualTo(last.event().rawJson().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eventArrayAndConsoleCsv() throws Exception {
    assertThat(read(Fixtures.resource("cloudtrail/event-array.json")).events).hasSize(2);
    Collect csv = read(Fixtures.resource("cloudtrail/console-history.csv"));
    assertThat(csv.events).hasSize(2);
    CloudTrailEvent e = csv.events.get(0).event();
    assertThat(e.eventName()).isEqualTo("CreateUser");
    assertThat(e.userIdentity().userName()).isEqualTo("alice");
    assertThat(e.userIdentity().accessKeyId()).isEqualTo("AKIAEXAMPLEALICE0001");
    assertThat(e.readOnly()).isFalse();
    assertThat(csv.events.get(1).event().errorCode()).isEqualTo("AccessDenied");
    assertThat(csv.rejects).singleElement().satisfies(p -> {
      assertThat(p.position()).isEqualTo("record 3, line 4");
      assertThat(p.reason()).isEqualTo("missing eventID");
    });
  }

  @Test
  void everyFieldOfARecordLandsInItsOwnPlaceInTheModel() throws Exception {
    String rec = "{\"eventVersion\":\"1.09\",\"eventID\":\"id-1\",\"eventTime\":\"2026-10-03T10:00:00Z\","
        + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\",\"awsRegion\":\"eu-west-1\","
        + "\"sourceIPAddress\":\"198.51.100.4\",\"userAgent\":\"aws-cli/2\",\"errorCode\":\"AccessDenied\","
        + "\"errorMessage\":42,\"readOnly\":\"true\",\"eventType\":\"AwsApiCall\",\"eventCategory\":\"Management\","
        + "\"managementEvent\":false,\"recipientAccountId\":\"111122223333\",\"sharedEventID\":\"shared-1\","
        + "\"vpcEndpointId\":\"vpce-1\",\"unknownField\":{\"a\":[1,2]},"
        + "\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA1:s\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/r/s\","
        + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIA1\",\"userName\":\"u\",\"invokedBy\":\"svc.amazonaws.com\","
        + "\"identityProvider\":\"idp\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROA1\","
        + "\"arn\":\"arn:aws:iam::111122223333:role/r\",\"accountId\":\"111122223333\",\"userName\":\"r\"},"
        + "\"attributes\":{\"mfaAuthenticated\":\"true\",\"creationDate\":\"2026-10-03T09:00:00Z\"},\"sourceIdentity\":\"alice\"}},"
        + "\"resources\":[{\"ARN\":\"arn:aws:iam::111122223333:role/target\",\"accountId\":\"111122223333\",\"type\":\"AWS::IAM::Role\"}],"
        + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/target\"},\"responseElements\":{\"x\":1},"
        + "\"additionalEventData\":{\"y\":2},\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\"}}";
    Collect c = read(Fixtures.write(dir.resolve("all.json"), "{\"Records\":[" + rec + "]}"));
    assertThat(c.rejects).isEmpty();
    CloudTrailEvent e = c.events.get(0).event();
    assertThat(List.of(e.eventVersion(), e.eventId(), e.eventSource(), e.eventName(), e.awsRegion(), e.sourceIpAddress(),
        e.userAgent(), e.errorCode(), e.errorMessage(), e.eventType(), e.eventCategory(), e.recipientAccountId(),
        e.sharedEventId(), e.vpcEndpointId())).containsExactly("1.09", "id-1", "sts.amazonaws.com", "AssumeRole", "eu-west-1",
        "198.51.100.4", "aws-cli/2", "AccessDenied", "42", "AwsApiCall", "Management", "111122223333", "shared-1", "vpce-1");
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-10-03T10:00:00Z"));
    assertThat(e.readOnly()).isTrue();
    assertThat(e.managementEvent()).isFalse();
    assertThat(e.requestParametersJson()).isEqualTo("{\"roleArn\":\"arn:aws:iam::111122223333:role/target\"}");
    assertThat(e.responseElementsJson()).isEqualTo("{\"x\":1}");
    assertThat(e.additionalEventDataJson()).isEqualTo("{\"y\":2}");
    assertThat(e.tlsDetailsJson()).isEqualTo("{\"tlsVersion\":\"TLSv1.3\"}");
    var u = e.userIdentity();
    assertThat(List.of(u.type(), u.principalId(), u.arn(), u.accountId(), u.accessKeyId(), u.userName(), u.invokedBy(),
        u.identityProvider())).containsExactly("AssumedRole", "AROA1:s", "arn:aws:sts::111122223333:assumed-role/r/s",
        "111122223333", "ASIA1", "u", "svc.amazonaws.com", "idp");
    var issuer = u.sessionContext().sessionIssuer();
    assertThat(List.of(issuer.type(), issuer.principalId(), issuer.arn(), issuer.accountId(), issuer.userName()))
        .containsExactly("Role", "AROA1", "arn:aws:iam::111122223333:role/r", "111122223333", "r");
    assertThat(u.sessionContext().mfaAuthenticated()).isTrue();
    assertThat(u.sessionContext().sourceIdentity()).isEqualTo("alice");
    assertThat(e.resources()).singleElement().satisfies(r -> {
      assertThat(r.arn()).isEqualTo("arn:aws:iam::111122223333:role/target");
      assertThat(r.type()).isEqualTo("AWS::IAM::Role");
    });
  }

  @Test
  void consoleCsvHeadersAreMatchedWhateverTheirCaseSpacingOrPunctuation() throws Exception {
    Path f = Fixtures.write(dir.resolve("history.csv"), "\ufeffEVENT_ID,Time,Username,event-name,Event Source,Region,Source IP,"
        + "Access key ID,Resource type,Resource name,ReadOnly\n"
        + "44444444-0000-0000-0000-000000000001,2026-10-03T10:00:00Z,alice,PutObject,s3.amazonaws.com,eu-west-1,198.51.100.4,"
        + "ASIAEXAMPLE000000001,\"AWS::S3::Bucket, AWS::S3::Object\",\"arn:aws:s3:::evidence, evidence/a.txt\",false\n");
    assertThat(new CloudTrailReader(InputLimits.DEFAULT).detect(f)).isEqualTo(SourceKind.CONSOLE_CSV);
    Collect csv = read(f);
    assertThat(csv.rejects).isEmpty();
    CloudTrailEvent e = csv.events.get(0).event();
    assertThat(e.eventId()).isEqualTo("44444444-0000-0000-0000-000000000001");
    assertThat(e.eventTime()).isEqualTo(java.time.Instant.parse("2026-10-03T10:00:00Z"));
    assertThat(e.eventName()).isEqualTo("PutObject");
    assertThat(e.eventSource()).isEqualTo("s3.amazonaws.com");
    assertThat(e.awsRegion()).isEqualTo("eu-west-1");
    assertThat(e.sourceIpAddress()).isEqualTo("198.51.100.4");
    assertThat(e.userIdentity().userName()).isEqualTo("alice");
    assertThat(e.userIdentity().accessKeyId()).isEqualTo("ASIAEXAMPLE000000001");
    assertThat(e.readOnly()).isFalse();
    // the display columns: names paired with types by position; an ARN name is the resource's ARN
    assertThat(e.resources()).extracting(r -> r.arn(), r -> r.type())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("arn:aws:s3:::evidence", "AWS::S3::Bucket"),
            org.assertj.core.groups.Tuple.tuple(null, "AWS::S3::Object"));
    // the raw record keeps every cell under its header as written
    assertThat(e.rawJson()).contains("\"EVENT_ID\":\"44444444-0000-0000-0000-000000000001\"", "\"Resource name\":");
  }

  @Test
  void aCsvWithoutEventIdAndTimeColumnsIsNotTakenForAConsoleDownload() throws Exception {
    Path f = Fixtures.write(dir.resolve("other.csv"), "Event name,Event source\nPutObject,s3.amazonaws.com\n");
    assertThatThrownBy(() -> new CloudTrailReader(InputLimits.DEFAULT).detect(f))
        .isInstanceOf(io.github.trailbench.core.model.SourceFormatException.class)
        .hasMessageContaining("not a recognised format");
  }

  @Test
  void wrongFieldTypeRejectsTheRecordWithItsPosition() throws Exception {
    String bad = Fixtures.record("e-2", "2026-10-03T10:00:00Z", "X", "bob").replace("\"eventTime\":\"2026-10-03T10:00:00Z\"", "\"eventTime\":1759485600");
    Path f = Fixtures.write(dir.resolve("t.json"), Fixtures.records(List.of(
        Fixtures.record("e-1", "2026-10-03T10:00:00Z", "X", "alice"), bad)));
    Collect c = read(f);
    assertThat(c.events).hasSize(1);
    assertThat(c.rejects).singleElement().satisfies(p -> {
      assertThat(p.position()).startsWith("record 2, line 1, column ");
      assertThat(p.reason()).isEqualTo("eventTime must be a string, found a number");
    });
  }

  @Test
  void recordsThatIsNotAnArrayRejectsTheFile() {
    Path f = Fixtures.write(dir.resolve("o.json"), "{\"Records\": {\"eventID\": \"x\"}}");
    assertThatThrownBy(() -> read(f)).isInstanceOf(SourceFormatException.class)
        .satisfies(e -> {
          SourceProblem p = ((SourceFormatException) e).problem();
          assertThat(p.file()).isEqualTo(f.toString());
          assertThat(p.position()).isEqualTo("line 1, column 13, byte 12");
          assertThat(p.reason()).isEqualTo("\"Records\" must be an array, found an object");
        });
  }

  @Test
  void oversizedRecordIsRejectedAndTheRestGoesOn() throws Exception {
    String big = Fixtures.record("e-big", "2026-10-03T10:00:00Z", "X", "alice")
        .replace("\"requestParameters\":null", "\"requestParameters\":{\"blob\":\"" + "A".repeat(300_000) + "\"}");
    Path f = Fixtures.write(dir.resolve("big.json"), Fixtures.records(List.of(big,
        Fixtures.record("e-ok", "2026-10-03T10:00:00Z", "Y", "bob"))));
    Collect c = read(f, new InputLimits(1L << 30, 100_000));
    assertThat(c.events).extracting(e -> e.event().eventId()).containsExactly("e-ok");
    assertThat(c.rejects).singleElement().satisfies(p -> {
      assertThat(p.position()).startsWith("record 1, line 1, column 13, byte 12");
      assertThat(p.reason()).contains("over the per-record limit of 100000 bytes");
    });
  }

  @Test
  void manyRecordsStreamThroughTheCapture() throws Exception {
    Path f = Fixtures.write(dir.resolve("many.json.gz"),
        Fixtures.gzip(Fixtures.records("m", 3000).getBytes(StandardCharsets.UTF_8)));
    byte[] content = Fixtures.records("m", 3000).getBytes(StandardCharsets.UTF_8);
    Collect c = read(f);
    assertThat(c.events).hasSize(3000);
    ReadEvent e = c.events.get(2999);
    assertThat(Arrays.copyOfRange(content, (int) e.rawOffset(), (int) e.rawOffset() + e.rawLength()))
        .isEqualTo(e.event().rawJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Rule: whether a record's raw text mentions console credentials is known without copying the raw text. */
  @Test
  void aRecordMentioningConsoleCredentialsIsMarkedInEveryFormat() throws Exception {
    String plain = Fixtures.record("p-1", "2026-10-03T10:00:00Z", "ListBuckets", "alice");
    String console = plain.substring(0, plain.length() - 1) + ",\"sessionCredentialFromConsole\":\"true\"}";
    String quotedInside = plain.substring(0, plain.length() - 1) + ",\"note\":\"\\\"sessionCredentialFromConsole\\\" \"}";
    console = console.replace("p-1", "c-1");
    quotedInside = quotedInside.replace("p-1", "q-1");
    Path records = dir.resolve("records.json");
    Files.writeString(records, Fixtures.records(List.of(plain, console, quotedInside)));
    Path lines = dir.resolve("events.jsonl");
    Files.writeString(lines, plain + "\n" + console + "\n" + quotedInside + "\n");
    for (Path f : List.of(records, lines)) {
      for (boolean copy : new boolean[] {true, false}) {
        CloudTrailReader r = new CloudTrailReader(InputLimits.DEFAULT).withRawTextForSlices(copy);
        Collect c = new Collect();
        r.read(f, r.detect(f), c);
        assertThat(c.events).extracting(ReadEvent::mentionsConsoleCredential).as("%s, raw text copied: %s", f, copy)
            .containsExactly(false, true, false);
      }
    }
  }

  @Test
  void withoutDetailTextsAnEventLacksOnlyItsTlsDetailsText() throws Exception {
    String record = Fixtures.record("d1", "2026-10-03T10:00:00Z", "X", "alice").replace("\"readOnly\":true,",
        "\"readOnly\":true,\"additionalEventData\":{\"SignatureVersion\":\"SigV4\"},"
            + "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\"},\"requestParameters\":{\"instanceId\":\"i-1\"},");
    record = record.replace("\"requestParameters\":null,", "");
    for (String name : new String[] {"r.json", "r.jsonl"}) {
      Path f = Fixtures.write(dir.resolve(name), name.endsWith("l") ? record + "\n" : Fixtures.records(List.of(record)));
      CloudTrailReader full = new CloudTrailReader(InputLimits.DEFAULT).withRawTextForSlices(false);
      CloudTrailReader lean = full.withDetailTexts(false);
      Collect a = new Collect();
      full.read(f, full.detect(f), a);
      Collect b = new Collect();
      lean.read(f, lean.detect(f), b);
      CloudTrailEvent e = a.events.get(0).event();
      assertThat(e.additionalEventDataJson()).isEqualTo("{\"SignatureVersion\":\"SigV4\"}");
      assertThat(e.tlsDetailsJson()).isEqualTo("{\"tlsVersion\":\"TLSv1.3\"}");
      assertThat(b.events.get(0).event()).as(name).isEqualTo(new CloudTrailEvent(e.eventId(), e.eventVersion(), e.eventTime(),
          e.eventSource(), e.eventName(), e.awsRegion(), e.sourceIpAddress(), e.userAgent(), e.errorCode(), e.errorMessage(),
          e.readOnly(), e.eventType(), e.eventCategory(), e.managementEvent(), e.recipientAccountId(), e.sharedEventId(),
          e.vpcEndpointId(), e.userIdentity(), e.resources(), e.requestParametersJson(), e.responseElementsJson(),
          e.additionalEventDataJson(), null, e.rawJson()));
      assertThat(b.events.get(0).event().requestParametersJson()).isEqualTo("{\"instanceId\":\"i-1\"}");
    }
  }
}
