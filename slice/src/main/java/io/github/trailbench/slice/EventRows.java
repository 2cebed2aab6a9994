package io.github.trailbench.slice;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.trailbench.core.cloudtrail.CloudTrailRecords;
import io.github.trailbench.core.cloudtrail.InputLimits;
import io.github.trailbench.core.cloudtrail.RecordGuard;
import io.github.trailbench.core.cloudtrail.Utf8Content;
import io.github.trailbench.core.correlate.Principals;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.UserIdentity;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One CloudTrail file as rows: one per record, with the fields the filter language reads
 * derived as the desktop import derives them (same record parser, same principal rule), plus
 * the raw record; and one row per problem (a file that is not a trail file, a truncated gzip,
 * malformed JSON, a record that is not an event). A problem never drops the good records read
 * before it.
 */
public final class EventRows {
  public static final String FILE = "file";
  public static final String PROBLEM_POSITION = "problemPosition";
  /** Non-null on a problem row: why the file or record could not be used. */
  public static final String PROBLEM = "problem";
  /** On a problem row: {@link #FOREIGN}, {@link #DAMAGED} or {@link #REJECTED}. */
  public static final String PROBLEM_KIND = "problemKind";
  /** A file that is not a CloudTrail log file: nothing of it is read. */
  public static final String FOREIGN = "foreign";
  /** A log file cut short or broken part-way: the records before the damage are kept. */
  public static final String DAMAGED = "damaged";
  /** One record that is not a usable event. */
  public static final String REJECTED = "rejected";
  public static final String ACCOUNT = "account";
  public static final String REGION = "region";
  public static final String DAY = "day";
  public static final String TIME_MS = "timeMs";
  public static final String EVENT_ID = "eventId";
  public static final String EVENT_SOURCE = "eventSource";
  public static final String EVENT_NAME = "eventName";
  public static final String PRINCIPAL = "principal";
  public static final String ACCESS_KEY = "accessKey";
  public static final String SESSION = "session";
  public static final String IP = "ip";
  public static final String USER_AGENT = "userAgent";
  public static final String ERROR_CODE = "errorCode";
  public static final String READ_ONLY = "readOnly";
  public static final String IDENTITY_TYPE = "identityType";
  public static final String EVENT_TYPE = "eventType";
  public static final String RAW = "raw";

  public static final StructType SCHEMA = new StructType(new StructField[] {
    DataTypes.createStructField(FILE, DataTypes.StringType, false),
    DataTypes.createStructField(PROBLEM_POSITION, DataTypes.StringType, true),
    DataTypes.createStructField(PROBLEM, DataTypes.StringType, true),
    DataTypes.createStructField(PROBLEM_KIND, DataTypes.StringType, true),
    DataTypes.createStructField(ACCOUNT, DataTypes.StringType, true),
    DataTypes.createStructField(REGION, DataTypes.StringType, true),
    DataTypes.createStructField(DAY, DataTypes.StringType, true),
    DataTypes.createStructField(TIME_MS, DataTypes.LongType, true),
    DataTypes.createStructField(EVENT_ID, DataTypes.StringType, true),
    DataTypes.createStructField(EVENT_SOURCE, DataTypes.StringType, true),
    DataTypes.createStructField(EVENT_NAME, DataTypes.StringType, true),
    DataTypes.createStructField(PRINCIPAL, DataTypes.StringType, true),
    DataTypes.createStructField(ACCESS_KEY, DataTypes.StringType, true),
    DataTypes.createStructField(SESSION, DataTypes.StringType, true),
    DataTypes.createStructField(IP, DataTypes.StringType, true),
    DataTypes.createStructField(USER_AGENT, DataTypes.StringType, true),
    DataTypes.createStructField(ERROR_CODE, DataTypes.StringType, true),
    DataTypes.createStructField(READ_ONLY, DataTypes.BooleanType, true),
    DataTypes.createStructField(IDENTITY_TYPE, DataTypes.StringType, true),
    DataTypes.createStructField(EVENT_TYPE, DataTypes.StringType, true),
    DataTypes.createStructField(RAW, DataTypes.StringType, true),
  });

  /**
   * Finds each record's span and nothing else: no limit may stop it, so that a record breaking
   * one of {@link RecordGuard}'s rules is rejected alone and the records after it are still read.
   */
  private static final JsonFactory SPANS = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE)
          .maxNestingDepth(Integer.MAX_VALUE)
          .build())
      .build();

  private EventRows() {}

  /** The rows of one file, whose bytes {@code in} gives (gzip or plain). Closes {@code in}. */
  public static List<Row> read(String file, InputStream in) {
    List<Row> out = new ArrayList<>();
    byte[] content;
    boolean cut = false;
    try (PushbackInputStream pin = new PushbackInputStream(in, 2)) {
      byte[] magic = pin.readNBytes(2);
      pin.unread(magic);
      boolean gzip = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
      if (!gzip) {
        content = pin.readAllBytes();
      } else {
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        try (GZIPInputStream z = new GZIPInputStream(pin, 64 * 1024)) {
          z.transferTo(inflated);
        } catch (EOFException | ZipException e) {
          // a cut or damaged gzip: keep the records inflated before the damage
          out.add(problem(file, "byte " + inflated.size() + " of the inflated content",
              "damaged or truncated gzip (" + e.getMessage() + "); the records before it are kept", DAMAGED));
          cut = true;
        }
        content = inflated.toByteArray();
      }
    } catch (IOException e) {
      out.add(problem(file, "", "cannot read: " + e.getMessage(), DAMAGED));
      return out;
    }
    try {
      content = Utf8Content.of(content).utf8();
    } catch (IOException e) {
      out.add(problem(file, "", "not a CloudTrail log file: " + e.getMessage(), FOREIGN));
      return out;
    }
    split(file, content, cut, out);
    return out;
  }

  /**
   * The records of a {"Records":[…]} document, each by its byte span in {@code content}; {@code cut}
   * when the content is what a damaged gzip gave before the damage (its end is then no news).
   */
  private static void split(String file, byte[] content, boolean cut, List<Row> out) {
    int record = 0;
    try (JsonParser p = SPANS.createParser(content)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        out.add(problem(file, "", "not a CloudTrail log file: it is not a JSON object", FOREIGN));
        return;
      }
      boolean sawRecords = false;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!"Records".equals(name) || value != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        sawRecords = true;
        for (JsonToken r = p.nextToken(); r != JsonToken.END_ARRAY; r = p.nextToken()) {
          if (r == null) {
            throw new EOFException("the Records array is not closed");
          }
          record++;
          if (r != JsonToken.START_OBJECT) {
            p.skipChildren();
            out.add(problem(file, "record " + record, "a CloudTrail record is a JSON object", REJECTED));
            continue;
          }
          long start = p.currentTokenLocation().getByteOffset();
          p.skipChildren();
          long end = p.currentLocation().getByteOffset();
          String broken = RecordGuard.violation(content, (int) start, (int) (end - start), InputLimits.DEFAULT);
          out.add(broken != null ? problem(file, "record " + record, broken, REJECTED)
              : event(file, record, new String(content, (int) start, (int) (end - start), StandardCharsets.UTF_8)));
        }
      }
      if (!sawRecords) {
        out.add(problem(file, "", "not a CloudTrail log file: no \"Records\" array (a digest or another file)", FOREIGN));
      }
    } catch (JsonProcessingException e) {
      if (cut) {
        return; // the content ends where the gzip was cut: already listed
      }
      long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      out.add(problem(file, at < 0 ? "record " + (record + 1) : "byte " + at + " of the content",
          record == 0 ? "not a CloudTrail log file: not JSON (" + e.getOriginalMessage() + ")"
              : "malformed JSON (" + e.getOriginalMessage() + "); the records before it are kept",
          record == 0 ? FOREIGN : DAMAGED));
    } catch (IOException e) {
      if (cut) {
        return;
      }
      out.add(problem(file, "record " + (record + 1), "the content ends early (" + e.getMessage()
          + "); the records before it are kept", DAMAGED));
    }
  }

  private static Row event(String file, int record, String raw) {
    CloudTrailEvent e;
    try {
      e = CloudTrailRecords.parse(raw, file);
    } catch (SourceFormatException ex) {
      return problem(file, "record " + record, ex.problem().reason(), REJECTED);
    }
    UserIdentity u = e.userIdentity();
    String account = e.recipientAccountId() == null || e.recipientAccountId().isEmpty() ? null : e.recipientAccountId();
    String error = e.errorCode() == null || e.errorCode().isEmpty() ? null : e.errorCode();
    long time = e.eventTime().toEpochMilli();
    return RowFactory.create(file, null, null, null, account, e.awsRegion(),
        e.eventTime().atOffset(ZoneOffset.UTC).toLocalDate().toString(), time, e.eventId(), e.eventSource(),
        e.eventName(), Principals.resolve(e).arn(), u == null ? null : u.accessKeyId(), session(u),
        e.sourceIpAddress(), e.userAgent(), error, e.readOnly(), u == null ? null : u.type(), e.eventType(), oneLine(raw));
  }

  /**
   * The session a call was made in, as the desktop import keys it: the access key id it was
   * signed with, none for AWS service calls or calls without a key.
   */
  private static String session(UserIdentity u) {
    if (u == null || "AWSService".equals(u.type())) {
      return null;
    }
    String key = u.accessKeyId();
    return key == null || key.isBlank() ? null : key;
  }

  /**
   * A record spread over lines (a pretty-printed export) on one line, for JSON lines: a line
   * break in JSON is whitespace between tokens (strings hold them escaped), so the record means
   * the same. CloudTrail writes one-line records, which pass unchanged, byte for byte.
   */
  static String oneLine(String raw) {
    if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
      return raw;
    }
    return raw.replace('\r', ' ').replace('\n', ' ');
  }

  private static Row problem(String file, String position, String reason, String kind) {
    Object[] v = new Object[SCHEMA.size()];
    v[0] = file;
    v[1] = position;
    v[2] = reason;
    v[3] = kind;
    return RowFactory.create(v);
  }
}
