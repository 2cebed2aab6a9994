package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the events out of one CloudTrail source file of a known {@link SourceKind}. Memory
 * does not grow with the number of records: each record is handed to the sink as soon as it has
 * been read. A file that cannot be read at all raises {@link SourceFormatException}; a record
 * that cannot be used is passed to {@link EventSink#reject} and reading goes on.
 */
public final class CloudTrailReader {
  /** For text already bounded by the caller (a stored record, an IAM file read whole). */
  static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);
  /** Deeper than any CloudTrail record nests (requestParameters of the deepest APIs stay under 20). */
  static final int MAX_NESTING = RecordGuard.MAX_NESTING;

  private final InputLimits limits;
  private final boolean rawTextForSlices;
  private final boolean detailTexts;
  /** Whether a file that fits in memory is first tried with {@link PlainRecords}. */
  private final boolean plainFirst;
  private final TextPool pool;
  /**
   * Reads source files: a string longer than a record may be is refused while it is being read
   * (before it fills memory), and a key twice in one object rejects its record.
   */
  private final JsonFactory sourceJson;

  public CloudTrailReader(InputLimits limits) {
    this(limits, true, true, true, new TextPool());
  }

  private CloudTrailReader(InputLimits limits, boolean rawTextForSlices, boolean detailTexts, boolean plainFirst,
      TextPool pool) {
    this.limits = limits;
    this.rawTextForSlices = rawTextForSlices;
    this.detailTexts = detailTexts;
    this.plainFirst = plainFirst;
    this.pool = pool;
    // a record passed over goes on reading the same stream with a new parser (no auto-close)
    this.sourceJson = RecordGuard.strictJsonButKeys(limits);
  }

  /**
   * With {@code false}, events whose raw text is a slice of the file content
   * ({@link ReadEvent#rawInContent()}) come with {@code rawJson == null}: the caller slices it
   * from the content by {@code rawOffset}/{@code rawLength} itself (saves a copy per event).
   */
  public CloudTrailReader withRawTextForSlices(boolean on) {
    return new CloudTrailReader(limits, on, detailTexts, plainFirst, pool);
  }

  /**
   * With {@code false}, events whose raw text is a slice of the file content come without the
   * text of {@code tlsDetails} (null): a caller that keeps the raw record and derives nothing from
   * it saves building a String per event. ({@code additionalEventData} is always read: a console
   * role switch names its role there.)
   */
  public CloudTrailReader withDetailTexts(boolean on) {
    return new CloudTrailReader(limits, rawTextForSlices, on, plainFirst, pool);
  }

  /**
   * With {@code false}, every file is read by the streaming parser, never by {@link PlainRecords}
   * first (what the fast reader reads, it reads exactly as the streaming one: tests compare them).
   */
  CloudTrailReader withPlainFirst(boolean on) {
    return new CloudTrailReader(limits, rawTextForSlices, detailTexts, on, pool);
  }

  /** The pool this reader's fast path takes repeating values from; the reader's user may pool its own derived values there. */
  public TextPool pool() {
    return pool;
  }

  public InputLimits limits() {
    return limits;
  }

  /** Detects the kind of {@code file} from its content. */
  public SourceKind detect(Path file) throws SourceFormatException {
    return FormatDetector.detect(file, limits);
  }

  /**
   * The ledger's note for a slice job's manifest: what was sliced, from where, with what filter,
   * and what the job could not read.
   */
  private String sliceManifestNote(Path file) throws SourceFormatException {
    JsonNode m;
    try (SourceFiles.CountingContent content = SourceFiles.openContent(file, limits)) {
      m = MAPPER.readTree(content.stream());
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(file.toString(), "", "not a readable slice manifest: " + e.getMessage()), e);
    }
    JsonNode c = m.path("counts");
    return String.format(java.util.Locale.ROOT,
        "slice manifest: %d of %d events matched filter '%s' in %s (job %s %s, finished %s); "
            + "%d rejected records, %d foreign and %d damaged files",
        c.path("matched").asLong(), c.path("records").asLong(), m.path("filter").asText(), m.path("input").asText(),
        m.path("job").asText(), m.path("jobVersion").asText(), m.path("finishedAt").asText(),
        c.path("rejectedRecords").asLong(), c.path("foreignFiles").asLong(), c.path("damagedFiles").asLong());
  }

  /** Reads the events of {@code file}, which must be of an event-holding {@code kind}. */
  public ReadSummary read(Path file, SourceKind kind, EventSink sink)
      throws SourceFormatException, InterruptedException {
    if (kind == SourceKind.CLOUDTRAIL_DIGEST) {
      return new ReadSummary(kind, 0, 0, false, "CloudTrail digest file: recognised and skipped");
    }
    if (kind == SourceKind.SLICE_OVERVIEW) {
      return new ReadSummary(kind, 0, 0, false,
          "organization overview from the slice job: not events; load it with trailbench overview --case C FILE");
    }
    if (kind == SourceKind.SLICE_MANIFEST) {
      return new ReadSummary(kind, 0, 0, false, sliceManifestNote(file));
    }
    if (!kind.holdsEvents()) {
      throw new IllegalArgumentException(kind + " holds no events");
    }
    try (SourceFiles.CountingContent content = SourceFiles.openContent(file, limits)) {
      Run run = new Run(file.toString(), content, sink);
      try {
        int records = switch (kind) {
          case CLOUDTRAIL_RECORDS -> run.json(Mode.OBJECTS, "Records");
          case LOOKUP_EVENTS -> run.json(Mode.LOOKUP, "Events");
          case LAKE_QUERY_RESULTS -> run.json(Mode.LAKE, "QueryResultRows");
          case EVENT_ARRAY -> run.json(Mode.OBJECTS, null);
          case EVENT_OBJECT_SEQUENCE -> run.sequence();
          case EVENT_JSON_LINES -> run.lines();
          case CONSOLE_CSV -> run.csv();
          default -> throw new IllegalArgumentException(kind.toString());
        };
        return new ReadSummary(kind, records, content.count(), content.gzip(), null, content.decodedFrom());
      } catch (JsonProcessingException e) {
        if (e.getCause() instanceof IOException io && !(io instanceof JsonProcessingException)) {
          throw SourceFiles.asProblem(file, io, content.count());
        }
        throw FormatDetector.notJson(file.toString(), e);
      } catch (IOException e) {
        throw SourceFiles.asProblem(file, e, content.count());
      } catch (RuntimeException e) {
        if (e.getCause() instanceof IOException io) {
          throw SourceFiles.asProblem(file, io, content.count());
        }
        throw e;
      }
    } catch (IOException e) {
      throw SourceFiles.asProblem(file, e, -1);
    }
  }

  private enum Mode {
    OBJECTS,
    LOOKUP,
    LAKE
  }

  /** State of reading one file. */
  private final class Run {
    final String file;
    final SourceFiles.CountingContent content;
    final EventSink sink;
    int index;
    /** Absolute content offset = offset in the current parser + this (non-zero after a record was passed over). */
    long byteShift;
    /** Absolute line = line in the current parser + this. */
    int lineShift;
    /** On the current parser's first line, absolute column = column + this. */
    long columnShift;
    /** The current parser starts with a synthetic {@code null} element standing for the record passed over. */
    boolean resumed;
    /** What a parser that resumes after a passed-over record is given before the rest of the input. */
    byte[] resumePrefix = new byte[0];
    /** The identities of this file's records read so far (records of one caller repeat the same text). */
    final SeenIdentities identities = new SeenIdentities();

    Run(String file, SourceFiles.CountingContent content, EventSink sink) {
      this.file = file;
      this.content = content;
      this.sink = sink;
    }

    SourceFormatException whole(String position, String reason) {
      return new SourceFormatException(new SourceProblem(file, position, reason));
    }

    /** A top-level object holding an array under {@code key}, or (key null) a top-level array. */
    int json(Mode mode, String key) throws IOException, SourceFormatException, InterruptedException {
      resumePrefix = (key == null ? "[null" : "{\"" + key + "\":[null").getBytes(StandardCharsets.UTF_8);
      InputStream in = content.stream();
      if (plainFirst && mode == Mode.OBJECTS) {
        // a file that fits in memory is tried the fast way first; what it gives up on is read here
        byte[] all = in.readNBytes(limits.maxRecordBytes() + 1);
        if (all.length <= limits.maxRecordBytes()) {
          java.util.List<ReadEvent> events = PlainRecords.read(all, key, limits, rawTextForSlices, detailTexts, pool);
          if (events != null) {
            for (ReadEvent e : events) {
              sink.event(e);
            }
            index = events.size();
            return index;
          }
        }
        in = new SequenceInputStream(new ByteArrayInputStream(all), in);
      }
      while (true) {
        CaptureStream cap = new CaptureStream(in, limits.maxRecordBytes() + 64 * 1024);
        try {
          jsonOnce(cap, mode, key);
          return index;
        } catch (Resume r) {
          in = r.rest;
        } catch (JsonProcessingException e) {
          throw notJson(e);
        }
      }
    }

    /** The input after a record that was passed over, behind {@link #resumePrefix}. */
    private static final class Resume extends Exception {
      private static final long serialVersionUID = 1L;
      final transient InputStream rest;

      Resume(InputStream rest) {
        super(null, null, false, false);
        this.rest = rest;
      }
    }

    /** A syntax error, located in the file (not in the current parser) and rejecting the file whole. */
    private IOException notJson(JsonProcessingException e) throws SourceFormatException {
      if (e.getCause() instanceof IOException) {
        return e; // an I/O failure under the parser: read() reports it
      }
      throw whole(e.getLocation() == null ? "" : where(e.getLocation()), "not valid JSON: " + e.getOriginalMessage());
    }

    private void jsonOnce(CaptureStream cap, Mode mode, String key)
        throws IOException, SourceFormatException, InterruptedException, Resume {
      try (JsonParser p = new UniqueKeysParser(sourceJson.createParser(cap), cap::byteAt)) {
        JsonToken t = p.nextToken();
        if (key == null) {
          if (t != JsonToken.START_ARRAY) {
            throw whole(where(p.currentTokenLocation()), "top level must be an array, found " + EventObjectParser.describe(t));
          }
          elements(p, cap, mode);
        } else {
          if (t != JsonToken.START_OBJECT) {
            throw whole(where(p.currentTokenLocation()), "top level must be an object, found " + EventObjectParser.describe(t));
          }
          boolean seen = false;
          while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals(key)) {
              if (v != JsonToken.START_ARRAY) {
                throw whole(where(p.currentTokenLocation()), "\"" + key + "\" must be an array, found " + EventObjectParser.describe(v));
              }
              seen = true;
              elements(p, cap, mode);
            } else {
              p.skipChildren();
            }
            cap.release(p.currentLocation().getByteOffset());
          }
          if (!seen) {
            throw whole(where(p.currentTokenLocation()), "the top-level object has no \"" + key + "\" array");
          }
        }
        JsonToken after = p.nextToken();
        if (after != null) {
          throw whole(where(p.currentTokenLocation()), "unexpected content after the top-level value: " + EventObjectParser.describe(after));
        }
      }
    }

    private void elements(JsonParser p, CaptureStream cap, Mode mode)
        throws IOException, InterruptedException, SourceFormatException, Resume {
      boolean synthetic = resumed;
      resumed = false;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of input inside an array");
        }
        if (synthetic) {
          synthetic = false; // the null standing for the record passed over
          continue;
        }
        element(p, t, cap, mode);
      }
    }

    private void element(JsonParser p, JsonToken t, CaptureStream cap, Mode mode)
        throws IOException, InterruptedException, SourceFormatException, Resume {
      index++;
      var loc = p.currentTokenLocation();
      cap.release(loc.getByteOffset());
      int depth = p.getParsingContext().getNestingDepth();
      try {
        record(p, t, cap, mode, loc);
      } catch (JsonProcessingException e) {
        String why = recordLocalReason(e);
        if (why == null) {
          throw e;
        }
        passOver(p, cap, loc, depth, e, why);
      }
    }

    /**
     * Rejects the record the parser gave up on (too large, a duplicate key: the input is still
     * well-formed JSON) and finds where it ends from the point the parser stopped, so that the
     * records after it are still read.
     */
    private void passOver(JsonParser p, CaptureStream cap, JsonLocation recordStart, int recordDepth,
        JsonProcessingException e, String why) throws IOException, InterruptedException, SourceFormatException, Resume {
      String position = position(recordStart);
      // a duplicate key is located just past the key (the parser itself has read on to the value)
      JsonLocation at = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field '")
          ? e.getLocation() : p.currentLocation();
      // the string-length check runs while the string grows or once it is complete
      Boolean inString = e instanceof StreamConstraintsException && e.getOriginalMessage().startsWith("String value length")
          ? cap.stillInString(at.getByteOffset()) : Boolean.FALSE;
      int open = p.getParsingContext().getNestingDepth() - recordDepth + 1;
      InputStream rest = inString == null ? null : cap.restFrom(at.getByteOffset());
      if (rest == null || open < 1) {
        throw whole(position, why + "; the records after it cannot be found");
      }
      RecordSkip.End end = RecordSkip.skip(rest, inString, open);
      if (end == null) {
        throw whole(position, why + "; the file ends inside this record");
      }
      reject(position, why);
      long endByte = at.getByteOffset() + byteShift + end.consumed();
      int atLine = at.getLineNr() + lineShift;
      long atColumn = at.getColumnNr() + (at.getLineNr() == 1 ? columnShift : 0);
      int endLine = atLine + end.newlines();
      long endColumn = end.newlines() > 0 ? end.lastLineBytes() + 1 : atColumn + end.consumed();
      int prefix = resumePrefix.length;
      byteShift = endByte - prefix;
      lineShift = endLine - 1;
      columnShift = endColumn - (prefix + 1);
      resumed = prefix > 0;
      throw new Resume(prefix == 0 ? end.rest() : new SequenceInputStream(new ByteArrayInputStream(resumePrefix), end.rest()));
    }

    /**
     * Why the parser gave up on a record when the input is still well-formed JSON (the record
     * can be passed over), or null for a syntax error.
     */
    private String recordLocalReason(JsonProcessingException e) {
      return RecordGuard.reason(e, limits, this::where);
    }

    private String duplicateKey(JsonProcessingException e) {
      return RecordGuard.reason(e, limits, this::where);
    }

    private void record(JsonParser p, JsonToken t, CaptureStream cap, Mode mode, JsonLocation loc)
        throws IOException, InterruptedException {
      long start = loc.getByteOffset();
      switch (mode) {
        case OBJECTS -> {
          // the position text is built only for a reject: most records never need it
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            reject(position(loc), "a record must be a JSON object, found " + EventObjectParser.describe(t));
            return;
          }
          EventObjectParser.Result r = EventObjectParser.parse(p, cap::text, null, q -> identities.read(q, cap), detailTexts);
          long end = p.currentLocation().getByteOffset();
          if (end - start > limits.maxRecordBytes() || !cap.available(start, end)) {
            reject(position(loc), "record is " + (end - start) + " bytes, over the per-record limit of "
                + limits.maxRecordBytes() + " bytes");
            return;
          }
          if (r.needsDerivedId()) {
            r = r.withDerivedId(cap.text(start, end));
          }
          if (r.problem() != null) {
            reject(position(loc), r.problem());
            return;
          }
          String raw = rawTextForSlices ? cap.text(start, end) : null;
          sink.event(new ReadEvent(raw == null ? r.event() : withRaw(r.event(), raw), index, start + byteShift,
              (int) (end - start), true, cap.mentionsConsoleCredential(start, end)));
        }
        case LOOKUP -> {
          String position = position(loc);
          if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            reject(position, "a lookup-events entry must be a JSON object, found " + EventObjectParser.describe(t));
            return;
          }
          String inner = null;
          String innerProblem = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("CloudTrailEvent")) {
              if (v == JsonToken.VALUE_STRING) {
                inner = p.getText();
              } else {
                innerProblem = "CloudTrailEvent must be a string holding JSON, found " + EventObjectParser.describe(v);
                p.skipChildren();
              }
            } else {
              p.skipChildren();
            }
          }
          long end = p.currentLocation().getByteOffset();
          if (end - start > limits.maxRecordBytes()) {
            reject(position, "record is " + (end - start) + " bytes, over the per-record limit of " + limits.maxRecordBytes() + " bytes");
          } else if (innerProblem != null) {
            reject(position, innerProblem);
          } else if (inner == null) {
            reject(position, "lookup-events entry without a CloudTrailEvent");
          } else {
            embedded(inner, position, "CloudTrailEvent");
          }
        }
        case LAKE -> {
          String position = position(loc);
          if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            reject(position, "a QueryResultRows row must be an array of {column: value} objects, found " + EventObjectParser.describe(t));
            return;
          }
          JsonNode row = MAPPER.readTree(p);
          long end = p.currentLocation().getByteOffset();
          if (end - start > limits.maxRecordBytes()) {
            reject(position, "record is " + (end - start) + " bytes, over the per-record limit of " + limits.maxRecordBytes() + " bytes");
            return;
          }
          lakeRow((ArrayNode) row, position);
        }
        default -> throw new IllegalStateException();
      }
    }

    private String position(JsonLocation loc) {
      return "record " + index + ", " + where(loc);
    }

    /** A parser location as a place in the file. */
    private String where(JsonLocation loc) {
      long column = loc.getColumnNr() + (loc.getLineNr() == 1 ? columnShift : 0);
      return "line " + (loc.getLineNr() + lineShift) + ", column " + column + ", byte " + (loc.getByteOffset() + byteShift);
    }

    private void reject(String position, String reason) throws InterruptedException {
      sink.reject(index, new SourceProblem(file, position, reason));
    }

    /** An event held as JSON text inside a string (lookup-events, Lake eventJson). */
    private void embedded(String json, String position, String what) throws InterruptedException {
      embedded(json, position, what, true);
    }

    /** With {@code deriveId} false a record without an eventID is rejected (a console CSV row always has one). */
    private void embedded(String json, String position, String what, boolean deriveId) throws InterruptedException {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      try (JsonParser ip = new UniqueKeysParser(sourceJson.createParser(bytes), at -> byteAt(bytes, at))) {
        JsonToken it = ip.nextToken();
        if (it != JsonToken.START_OBJECT) {
          reject(position, what + " must hold a JSON object, found " + EventObjectParser.describe(it));
          return;
        }
        EventObjectParser.Result r =
            EventObjectParser.parse(ip, (s, e) -> new String(bytes, (int) s, (int) (e - s), StandardCharsets.UTF_8), json);
        if (ip.nextToken() != null) {
          reject(position, what + " holds content after its JSON object");
          return;
        }
        if (r.needsDerivedId()) {
          r = deriveId ? r.withDerivedId(json) : new EventObjectParser.Result(null, "missing eventID");
        }
        if (r.problem() != null) {
          reject(position, r.problem());
          return;
        }
        sink.event(new ReadEvent(r.event(), index, -1, -1, false,
            r.event().rawJson() != null && r.event().rawJson().contains(ReadEvent.CONSOLE_CREDENTIAL)));
      } catch (JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Duplicate field '")) {
          reject(position, what + " holds a " + duplicateKey(e).replace("(line", "(embedded text, line"));
          return;
        }
        reject(position, what + " is not valid JSON: " + e.getOriginalMessage() + " (" + FormatDetector.location(e) + " of the embedded text)");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private void lakeRow(ArrayNode row, String position) throws InterruptedException {
      Map<String, JsonNode> cols = new LinkedHashMap<>();
      for (JsonNode cell : row) {
        if (cell.isObject()) {
          cell.fields().forEachRemaining(en -> cols.put(en.getKey().toLowerCase(Locale.ROOT), en.getValue()));
        }
      }
      JsonNode ej = cols.get("eventjson");
      if (ej != null && ej.isTextual()) {
        embedded(ej.asText(), position, "eventJson");
        return;
      }
      // No eventJson column: build an event from the flat columns (not byte-identical; documented).
      ObjectNode ev = MAPPER.createObjectNode();
      for (String f : new String[] {"eventVersion", "eventID", "eventTime", "eventSource", "eventName", "awsRegion",
          "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "recipientAccountId", "readOnly",
          "eventType", "eventCategory", "managementEvent", "sharedEventID", "vpcEndpointId", "requestID"}) {
        JsonNode v = cols.get(f.toLowerCase(Locale.ROOT));
        if (v != null && !v.isNull()) {
          ev.set(f, v.isValueNode() ? MAPPER.getNodeFactory().textNode(v.asText()) : v);
        }
      }
      // the record's object fields, when the cell holds them as JSON (Lake writes maps as {k=v, …} text: kept below)
      for (String f : new String[] {"requestParameters", "responseElements", "additionalEventData", "tlsDetails",
          "serviceEventDetails", "addendum", "edgeDeviceDetails"}) {
        JsonNode v = jsonObject(cols.get(f.toLowerCase(Locale.ROOT)));
        if (v != null) {
          ev.set(f, v);
        }
      }
      JsonNode ui = jsonObject(cols.get("useridentity"));
      if (ui == null && cols.get("useridentity") != null && cols.get("useridentity").isTextual()) {
        ui = LakeStruct.userIdentity(cols.get("useridentity").asText());
      }
      if (ui != null) {
        ev.set("userIdentity", ui);
      }
      // every cell as the query returned it, so nothing of the row is lost (as consoleCsvRow for CSV rows)
      ObjectNode all = ev.putObject("lakeRow");
      for (JsonNode cell : row) {
        if (cell.isObject()) {
          cell.fields().forEachRemaining(en -> all.set(en.getKey(), en.getValue()));
        }
      }
      try {
        embedded(MAPPER.writeValueAsString(ev), position, "Lake row");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The cell as a JSON object: an object, or text holding one; null otherwise. */
    private static JsonNode jsonObject(JsonNode cell) {
      if (cell == null || cell.isNull()) {
        return null;
      }
      if (cell.isObject()) {
        return cell;
      }
      if (cell.isTextual() && cell.asText().strip().startsWith("{")) {
        try {
          JsonNode n = MAPPER.readTree(cell.asText());
          return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
          return null;
        }
      }
      return null;
    }

    /** Objects one after another at the top level (pretty-printed or concatenated). */
    int sequence() throws IOException, InterruptedException, SourceFormatException {
      InputStream in = content.stream();
      while (true) {
        CaptureStream cap = new CaptureStream(in, limits.maxRecordBytes() + 64 * 1024);
        try (JsonParser p = new UniqueKeysParser(sourceJson.createParser(cap), cap::byteAt)) {
          JsonToken t;
          while ((t = p.nextToken()) != null) {
            element(p, t, cap, Mode.OBJECTS);
          }
          return index;
        } catch (Resume r) {
          in = r.rest;
        } catch (JsonProcessingException e) {
          throw notJson(e);
        }
      }
    }

    /** JSON lines: each line parsed on its own, so a broken line loses only itself. */
    int lines() throws IOException, InterruptedException {
      InputStream in = content.stream();
      byte[] buf = new byte[64 * 1024];
      LineBuffer line = new LineBuffer(limits.maxRecordBytes());
      long offset = 0; // absolute offset of next byte in buf
      long lineStart = 0;
      int lineNo = 1;
      int n;
      boolean afterCr = false;
      while ((n = in.read(buf)) > 0) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n' && afterCr) {
            // the LF of a CRLF: its line ended at the CR
            afterCr = false;
            from = i + 1;
            lineStart = offset + i + 1;
            continue;
          }
          afterCr = b == '\r';
          if (b == '\n' || b == '\r') { // LF, CRLF and a lone CR (old Mac files) each end a line
            line.append(buf, from, i - from);
            oneLine(line.bytes, line.length, line.tooLong, lineStart, lineNo, offset + i - lineStart);
            lineNo++;
            line.clear();
            from = i + 1;
            lineStart = offset + i + 1;
          }
        }
        line.append(buf, from, n - from);
        offset += n;
      }
      if (line.length > 0 || line.tooLong) {
        oneLine(line.bytes, line.length, line.tooLong, lineStart, lineNo, offset - lineStart);
      }
      return index;
    }

    /** The bytes of the current line, up to a cap; past it only {@code tooLong} is kept. */
    private static final class LineBuffer {
      private final int cap;
      byte[] bytes = new byte[8 * 1024];
      int length;
      boolean tooLong;

      LineBuffer(int cap) {
        this.cap = cap;
      }

      void append(byte[] src, int from, int len) {
        if (tooLong) {
          return;
        }
        if (length + len > cap) {
          tooLong = true;
          return;
        }
        if (length + len > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + len));
        }
        System.arraycopy(src, from, bytes, length, len);
        length += len;
      }

      void clear() {
        length = 0;
        tooLong = false;
      }
    }

    private void oneLine(byte[] line, int len, boolean tooLong, long start, int lineNo, long fullLength)
        throws InterruptedException {
      int s = 0, e = len;
      if (!tooLong) {
        if (start == 0 && len >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf) {
          s = 3;
        }
        while (s < e && isSpace(line[s])) {
          s++;
        }
        while (e > s && isSpace(line[e - 1])) {
          e--;
        }
        if (s == e) {
          return; // blank line
        }
      }
      index++;
      String position = "record " + index + ", line " + lineNo + ", byte " + (start + s);
      if (tooLong) {
        reject(position, "line is " + fullLength + " bytes, over the per-record limit of " + limits.maxRecordBytes() + " bytes");
        return;
      }
      byte[] bytes = Arrays.copyOfRange(line, s, e);
      try (JsonParser p = new UniqueKeysParser(sourceJson.createParser(bytes), at -> byteAt(bytes, at))) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          reject(position, "a record must be a JSON object, found " + EventObjectParser.describe(t));
          return;
        }
        EventObjectParser.Result r = EventObjectParser.parse(p,
            (a, b) -> new String(bytes, (int) a, (int) (b - a), StandardCharsets.UTF_8), null, null, detailTexts);
        JsonToken after = p.nextToken();
        if (after != null) {
          reject(position, "more than one JSON value on the line");
          return;
        }
        if (r.needsDerivedId()) {
          r = r.withDerivedId(new String(bytes, StandardCharsets.UTF_8));
        }
        if (r.problem() != null) {
          reject(position, r.problem());
          return;
        }
        String raw = rawTextForSlices ? new String(bytes, StandardCharsets.UTF_8) : null;
        sink.event(new ReadEvent(raw == null ? r.event() : withRaw(r.event(), raw), index, start + s, e - s, true,
            ReadEvent.mentionsConsoleCredential(bytes, 0, bytes.length)));
      } catch (JsonProcessingException ex) {
        var loc = ex.getLocation();
        String why = recordLocalReason(ex);
        if (why != null && ex.getOriginalMessage().startsWith("Duplicate field '")) {
          String name = ex.getOriginalMessage().substring("Duplicate field '".length(), ex.getOriginalMessage().lastIndexOf('\''));
          why = "duplicate key \"" + FormatDetector.clip(name) + "\" in one JSON object" + (loc == null ? "" : " (column "
              + loc.getColumnNr() + ")") + ": a later value would silently replace the earlier one";
        }
        reject(position, why != null ? why
            : "not valid JSON: " + ex.getOriginalMessage() + (loc == null ? "" : " (column " + loc.getColumnNr() + ")"));
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    }

    /** The console's event-history CSV download. */
    int csv() throws IOException, InterruptedException, SourceFormatException {
      CsvMapper csv = new CsvMapper();
      csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      try (var it = csv.readerForListOf(String.class).with(CsvSchema.emptySchema()).readValues(content.stream())) {
        if (!it.hasNextValue()) {
          throw whole("line 1", "empty CSV");
        }
        @SuppressWarnings("unchecked")
        java.util.List<String> header = (java.util.List<String>) it.nextValue();
        Map<String, Integer> col = new LinkedHashMap<>();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
          String h = header.get(i).trim();
          if (i == 0 && h.startsWith("\ufeff")) {
            h = h.substring(1);
          }
          names.add(h);
          col.putIfAbsent(consoleColumn(h), i);
        }
        if (!col.containsKey("eventid") || !(col.containsKey("eventtime") || col.containsKey("time"))) {
          throw whole("line 1", "console CSV header lacks \"Event ID\" or \"Event time\"");
        }
        while (it.hasNextValue()) {
          var loc = it.getCurrentLocation();
          @SuppressWarnings("unchecked")
          java.util.List<String> row = (java.util.List<String>) it.nextValue();
          if (row.size() == 1 && row.get(0).isBlank()) {
            continue;
          }
          index++;
          String position = "record " + index + ", line " + loc.getLineNr();
          consoleRow(col, names, row, position);
        }
      } catch (RuntimeException e) {
        if (e.getCause() instanceof JsonProcessingException jp) {
          throw whole(FormatDetector.location(jp), "not valid CSV: " + jp.getOriginalMessage());
        }
        throw e;
      } catch (JsonProcessingException e) {
        throw whole(FormatDetector.location(e), "not valid CSV: " + e.getOriginalMessage());
      }
      return index;
    }

    private void consoleRow(Map<String, Integer> col, java.util.List<String> names, java.util.List<String> row,
        String position)
        throws InterruptedException {
      String embedded = cell(col, row, "cloudtrailevent");
      if (embedded != null) {
        embedded(embedded, position, "CloudTrail event column");
        return;
      }
      ObjectNode ev = MAPPER.createObjectNode();
      putIf(ev, "eventID", cell(col, row, "eventid"));
      String time = cell(col, row, "eventtime", "time");
      java.time.Instant instant = Times.parse(time);
      putIf(ev, "eventTime", instant != null ? instant.toString() : time);
      putIf(ev, "eventName", cell(col, row, "eventname"));
      putIf(ev, "eventSource", cell(col, row, "eventsource"));
      putIf(ev, "awsRegion", cell(col, row, "awsregion", "region"));
      putIf(ev, "sourceIPAddress", cell(col, row, "sourceipaddress", "sourceip"));
      putIf(ev, "errorCode", cell(col, row, "errorcode"));
      putIf(ev, "readOnly", cell(col, row, "readonly"));
      ObjectNode ui = MAPPER.createObjectNode();
      putIf(ui, "userName", cell(col, row, "username", "user"));
      putIf(ui, "accessKeyId", cell(col, row, "awsaccesskey", "accesskeyid", "accesskey"));
      if (ui.size() > 0) {
        ev.set("userIdentity", ui);
      }
      ArrayNode resources = consoleResources(cell(col, row, "resources"),
          cell(col, row, "resourcetype"), cell(col, row, "resourcename"));
      if (resources != null) {
        ev.set("resources", resources);
      }
      // the whole row, keyed by header, is what the store keeps as the raw record
      ObjectNode rawRow = MAPPER.createObjectNode();
      for (int i = 0; i < names.size(); i++) {
        rawRow.put(names.get(i), i < row.size() ? row.get(i) : null);
      }
      ev.set("consoleCsvRow", rawRow);
      try {
        embedded(MAPPER.writeValueAsString(ev), position, "CSV row", false);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The first non-empty cell of a console CSV row under any of these (normalised) headers, or null. */
  private static String cell(Map<String, Integer> col, java.util.List<String> row, String... aliases) {
    for (String alias : aliases) {
      Integer i = col.get(alias);
      if (i != null && i < row.size() && row.get(i) != null && !row.get(i).isEmpty()) {
        return row.get(i);
      }
    }
    return null;
  }

  /** A console CSV header as a lookup key: case, spaces, hyphens and underscores ignored ("Read-only" is "readonly"). */
  static String consoleColumn(String header) {
    return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /**
   * The resources of a console CSV row: a {@code Resources} cell holding the JSON list of
   * {@code {ResourceType, ResourceName}}, or the display columns {@code Resource type} and
   * {@code Resource name} (several resources comma-separated, paired by position). Names that
   * are ARNs become resource ARNs. Null when the row has none (a free-text cell stays in the raw row only).
   */
  private static ArrayNode consoleResources(String json, String types, String names) {
    ArrayNode out = MAPPER.createArrayNode();
    if (json != null) {
      try {
        JsonNode rn = MAPPER.readTree(json);
        if (rn != null && rn.isArray()) {
          for (JsonNode r : rn) {
            addResource(out, r.path("ResourceName").asText(r.path("resourceName").asText(null)),
                r.path("ResourceType").asText(r.path("resourceType").asText(null)));
          }
          return out;
        }
      } catch (IOException ignored) {
        // not JSON: try the display columns
      }
    }
    if (names == null) {
      return json == null ? null : out;
    }
    String[] n = names.split("\\s*,\\s*");
    String[] t = types == null ? new String[0] : types.split("\\s*,\\s*");
    for (int i = 0; i < n.length; i++) {
      addResource(out, n[i].isBlank() ? null : n[i], t.length == n.length && !t[i].isBlank() ? t[i] : null);
    }
    return out;
  }

  private static void addResource(ArrayNode out, String name, String type) {
    ObjectNode o = out.addObject();
    if (name != null && name.startsWith("arn:")) {
      o.put("ARN", name);
    } else if (name != null) {
      o.put("name", name);
    }
    if (type != null) {
      o.put("type", type);
    }
  }

  private static void putIf(ObjectNode o, String k, String v) {
    if (v != null) {
      o.put(k, v);
    }
  }

  private static int byteAt(byte[] bytes, long at) {
    return at >= 0 && at < bytes.length ? bytes[(int) at] & 0xff : -1;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  static CloudTrailEvent withId(CloudTrailEvent e, String id) {
    return new CloudTrailEvent(id, e.eventVersion(), e.eventTime(), e.eventSource(), e.eventName(),
        e.awsRegion(), e.sourceIpAddress(), e.userAgent(), e.errorCode(), e.errorMessage(), e.readOnly(),
        e.eventType(), e.eventCategory(), e.managementEvent(), e.recipientAccountId(), e.sharedEventId(),
        e.vpcEndpointId(), e.userIdentity(), e.resources(), e.requestParametersJson(), e.responseElementsJson(),
        e.additionalEventDataJson(), e.tlsDetailsJson(), e.rawJson());
  }

  static CloudTrailEvent withRaw(CloudTrailEvent e, String raw) {
    return new CloudTrailEvent(e.eventId(), e.eventVersion(), e.eventTime(), e.eventSource(), e.eventName(),
        e.awsRegion(), e.sourceIpAddress(), e.userAgent(), e.errorCode(), e.errorMessage(), e.readOnly(),
        e.eventType(), e.eventCategory(), e.managementEvent(), e.recipientAccountId(), e.sharedEventId(),
        e.vpcEndpointId(), e.userIdentity(), e.resources(), e.requestParametersJson(), e.responseElementsJson(),
        e.additionalEventDataJson(), e.tlsDetailsJson(), raw);
  }
}
