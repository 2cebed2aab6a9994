package io.github.trailbench.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What the case held after its last committed import, kept outside the database in
 * {@value #FILE_NAME} (written to a temporary file, synced and moved into place), so a
 * {@code case.mv.db} that was truncated or rolled back to an older state is seen: it holds fewer
 * files or events than recorded, or a different ledger.
 *
 * @param files ledger rows (imported files)
 * @param events events stored (the sum of the ledger's {@code added})
 * @param ledgerSha256 SHA-256 over the ledger rows in id order (id, content SHA-256, added, one line each)
 * @param written when this was recorded (ISO-8601, UTC)
 */
record CaseManifest(int format, long files, long events, String ledgerSha256, String written) {
  static final String FILE_NAME = "case.manifest";
  /**
   * Read and written with jackson-core's streaming API, not an ObjectMapper: every command opens a
   * case, and setting up databind for five fields cost more than the rest of reading them.
   */
  private static final JsonFactory JSON = new JsonFactory();

  /** What the database holds now: the first {@code upTo} ledger rows are hashed (all: Long.MAX_VALUE). */
  static CaseManifest of(Connection c, long upTo) throws SQLException {
    MessageDigest sha = sha256();
    long files = 0;
    long events = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT id, sha256, added FROM source_file ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        files++;
        events += rs.getLong(3);
        if (files <= upTo) {
          sha.update((rs.getInt(1) + " " + rs.getString(2) + " " + rs.getLong(3) + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return new CaseManifest(1, files, events, HexFormat.of().formatHex(sha.digest()), Instant.now().toString());
  }

  /** The manifest of {@code dir}, or null when it has none; an unreadable one is damage. */
  static CaseManifest read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      CaseManifest m = parse(Files.readAllBytes(file));
      if (m.ledgerSha256() == null || m.files() < 0 || m.events() < 0) {
        throw new CaseDamagedException(file + " is incomplete; delete it only if the database is known to be whole");
      }
      return m;
    } catch (IOException e) {
      throw new CaseDamagedException(file + " cannot be read (" + e.getMessage().lines().findFirst().orElse("")
          + "); delete it only if the database is known to be whole");
    }
  }

  /** The manifest's JSON object; an unknown field, or anything but one object, is an error. */
  static CaseManifest parse(byte[] json) throws IOException {
    int format = 0;
    long files = 0;
    long events = 0;
    String ledger = null;
    String written = null;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "format" -> format = p.getIntValue();
          case "files" -> files = p.getLongValue();
          case "events" -> events = p.getLongValue();
          case "ledgerSha256" -> ledger = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
          case "written" -> written = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
          default -> throw new IOException("unknown field \"" + field + "\" at " + p.currentLocation().offsetDescription());
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IOException("unexpected " + p.currentToken() + " at " + p.currentLocation().offsetDescription());
      }
    }
    return new CaseManifest(format, files, events, ledger, written);
  }

  byte[] toJson() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(bytes).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeNumberField("format", format);
      g.writeNumberField("files", files);
      g.writeNumberField("events", events);
      g.writeStringField("ledgerSha256", ledgerSha256);
      g.writeStringField("written", written);
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }

  void write(Path dir) {
    try {
      byte[] bytes = toJson();
      io.github.trailbench.core.io.WholeFile.write(dir.resolve(FILE_NAME), out -> out.write(bytes));
    } catch (IOException e) {
      throw new StoreException("cannot write " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Null when {@code now} (the database's state, its hash over the first {@link #files} rows)
   * holds at least what this recorded, else what is missing, for "case damaged: …".
   */
  String shortfall(CaseManifest now) {
    String recorded = " (" + FILE_NAME + " written " + written + ")";
    if (now.events() < events || now.files() < files) {
      return "the database holds " + count(now.events()) + " events from " + count(now.files())
          + " files, the case recorded " + count(events) + " events from " + count(files) + " files" + recorded;
    }
    if (!now.ledgerSha256().equals(ledgerSha256)) {
      return "the database's import ledger differs from the one the case recorded for its first "
          + count(files) + " files" + recorded;
    }
    return null;
  }

  String summary() {
    return count(events) + " events from " + count(files) + " files (" + FILE_NAME + " written " + written + ")";
  }

  static String count(long n) {
    return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
