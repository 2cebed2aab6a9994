package io.github.trailbench.core.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/** Thin wrapper over MaxMind's (Apache-2.0) MMDB reader; the reader is thread-safe. */
final class Mmdb implements AutoCloseable {
  private final Reader reader;

  private Mmdb(Reader reader) {
    this.reader = reader;
  }

  static Mmdb open(Path file) throws IOException {
    return new Mmdb(new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache()));
  }

  static Mmdb read(InputStream in) throws IOException {
    return new Mmdb(new Reader(in, new CHMCache()));
  }

  /** The decoded record for the address, or null. Decoded maps are cached and shared: never modify. */
  @SuppressWarnings("unchecked")
  Map<String, Object> get(IpAddress a) throws IOException {
    if (a.v6() && reader.getMetadata().ipVersion() == 4) {
      return null;
    }
    return reader.get(a.toInetAddress(), Map.class);
  }

  /**
   * The country fields of a record, decoded straight into a record (cheaper than a map):
   * {@code country_code} (ip-location-db) or {@code country.iso_code} /
   * {@code registered_country.iso_code} (GeoLite2 / DB-IP layout).
   */
  public record CountryFields(
      @MaxMindDbParameter(name = "country_code") String countryCode,
      @MaxMindDbParameter(name = "country") Map<String, Object> country,
      @MaxMindDbParameter(name = "registered_country") Map<String, Object> registeredCountry) {

    @MaxMindDbConstructor
    public CountryFields {}

    /** The ISO code, from whichever field the database has; null when none. */
    public String isoCode() {
      if (countryCode != null && !countryCode.isBlank()) {
        return countryCode;
      }
      String c = iso(country);
      return c != null ? c : iso(registeredCountry);
    }

    private static String iso(Map<String, Object> m) {
      return m != null && m.get("iso_code") instanceof String s && !s.isBlank() ? s : null;
    }
  }

  /** The country code for the address, or null. */
  String countryCode(IpAddress a) throws IOException {
    if (a.v6() && reader.getMetadata().ipVersion() == 4) {
      return null;
    }
    CountryFields f = reader.get(a.toInetAddress(), CountryFields.class);
    return f == null ? null : f.isoCode();
  }

  Metadata metadata() {
    return reader.getMetadata();
  }

  String databaseType() {
    return reader.getMetadata().databaseType();
  }

  LocalDate buildDate() {
    Instant t = reader.getMetadata().buildTime();
    return t == null ? null : LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  long nodeCount() {
    return reader.getMetadata().nodeCount();
  }

  /** Reads a string at a dotted path, e.g. {@code country.iso_code}. */
  static String string(Map<String, Object> rec, String path) {
    Object v = at(rec, path);
    return v instanceof String s && !s.isBlank() ? s : null;
  }

  /** Reads a number at a dotted path. */
  static Long number(Map<String, Object> rec, String path) {
    Object v = at(rec, path);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      String t = s.strip();
      if (t.regionMatches(true, 0, "AS", 0, 2)) {
        t = t.substring(2);
      }
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Object at(Map<String, Object> rec, String path) {
    Object cur = rec;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(part);
    }
    return cur;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
