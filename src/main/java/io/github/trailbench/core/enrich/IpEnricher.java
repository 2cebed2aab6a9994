package io.github.trailbench.core.enrich;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Offline enrichment of CloudTrail {@code sourceIPAddress} values: kind (public, private,
 * reserved, AWS service name, invalid), country, ASN and AS organisation, AWS ownership
 * (by Amazon ASN, or by a user-supplied {@code ip-ranges.json} with service and region),
 * and Tor exit (only with a user-supplied list).
 *
 * <p>Never makes a network call: names are not resolved, nothing is downloaded. A database
 * that is missing or unreadable leaves its answers unknown (null) with a note in every
 * affected {@link IpInfo} and in {@link #about()}; opening never fails.
 *
 * <p>Instances are immutable and thread-safe; {@link #enrich} may be called from any
 * number of threads. The bundled data are loaded once per JVM and shared.
 */
public final class IpEnricher implements Closeable {

  static final String RESOURCE_DIR = "/io/github/trailbench/core/enrich/";
  static final String BUNDLED_COUNTRY = RESOURCE_DIR + "country.mmdb";
  static final String BUNDLED_ASN = RESOURCE_DIR + "asn.tbasn";
  static final String BUNDLED_INFO = RESOURCE_DIR + "data.properties";

  private static final Pattern HOST_NAME =
      Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

  private final Mmdb country;
  private final AsnDatabase asn;
  private final AwsIpRanges ipRanges;
  private final TorExitList tor;
  private final DataSources about;
  private final boolean ownsCountry;
  private final boolean ownsAsn;
  private final String countryUnknownNote;
  private final String asnUnknownNote;

  private IpEnricher(Loaded<Mmdb> country, Loaded<AsnDatabase> asn, Loaded<AwsIpRanges> ipRanges, Loaded<TorExitList> tor) {
    this.country = country.value;
    this.asn = asn.value;
    this.ipRanges = ipRanges.value;
    this.tor = tor.value;
    this.ownsCountry = country.owned;
    this.ownsAsn = asn.owned;
    this.about = new DataSources(country.source, asn.source, ipRanges.source, tor.source);
    this.countryUnknownNote = unknownNote("country", country.source);
    this.asnUnknownNote = unknownNote("ASN", asn.source);
  }

  private static String unknownNote(String what, DataSource s) {
    if (s.loaded()) {
      return null;
    }
    String why = switch (s.status()) {
      case NOT_CONFIGURED -> "no " + what + " database configured";
      case MISSING -> what + " database not found: " + s.location();
      case UNREADABLE -> what + " database unreadable: " + s.location();
      case LOADED -> "";
    };
    return what + " unknown: " + why + (s.note() == null || s.status() == DataSource.Status.NOT_CONFIGURED ? "" : " (" + s.note() + ")");
  }

  // ------------------------------------------------------------------ opening

  /** The data that ships with Trailbench; no ip-ranges.json, no Tor list. Shared instance. */
  public static IpEnricher bundled() {
    return BundledHolder.INSTANCE;
  }

  /**
   * Opens the given databases; an empty country or ASN path means the bundled one, an empty
   * {@code ipRanges} means none. A path that is missing or unreadable is reported in
   * {@link #about()} and makes its answers unknown; this never throws.
   *
   * @param countryDb an MMDB with {@code country_code} or {@code country.iso_code}
   * @param asnDb an MMDB in GeoLite2-ASN layout, an ip-location-db ASN CSV (or a folder
   *     holding {@code asn-ipv4.csv} / {@code asn-ipv6.csv}), or a Trailbench {@code .tbasn} table
   * @param ipRanges AWS's {@code ip-ranges.json}, as the user downloaded it elsewhere
   */
  public static IpEnricher open(Optional<Path> countryDb, Optional<Path> asnDb, Optional<Path> ipRanges) {
    Builder b = builder();
    countryDb.ifPresent(b::countryDb);
    asnDb.ifPresent(b::asnDb);
    ipRanges.ifPresent(b::ipRanges);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Chooses the data; unset country and ASN databases mean the bundled ones. */
  public static final class Builder {
    private Path countryDb;
    private Path asnDb;
    private boolean noCountry;
    private boolean noAsn;
    private Path ipRanges;
    private Path torExits;

    private Builder() {}

    public Builder countryDb(Path file) {
      this.countryDb = Objects.requireNonNull(file);
      this.noCountry = false;
      return this;
    }

    public Builder asnDb(Path file) {
      this.asnDb = Objects.requireNonNull(file);
      this.noAsn = false;
      return this;
    }

    /** Use no country database at all (countries are then unknown). */
    public Builder withoutCountryDb() {
      this.countryDb = null;
      this.noCountry = true;
      return this;
    }

    /** Use no ASN database at all (ASNs, and AWS ownership by ASN, are then unknown). */
    public Builder withoutAsnDb() {
      this.asnDb = null;
      this.noAsn = true;
      return this;
    }

    public Builder ipRanges(Path file) {
      this.ipRanges = file;
      return this;
    }

    /** A Tor exit list (one address a line, or Tor's exit-addresses format). */
    public Builder torExitList(Path file) {
      this.torExits = file;
      return this;
    }

    public IpEnricher build() {
      Loaded<Mmdb> c = noCountry ? notConfigured("country") : countryDb == null ? Bundled.country() : openCountry(countryDb);
      Loaded<AsnDatabase> a = noAsn ? notConfigured("asn") : asnDb == null ? Bundled.asn() : openAsn(asnDb);
      Loaded<AwsIpRanges> r = ipRanges == null ? notConfigured("aws-ip-ranges") : openIpRanges(ipRanges);
      Loaded<TorExitList> t = torExits == null ? notConfigured("tor-exits") : openTor(torExits);
      return new IpEnricher(c, a, r, t);
    }
  }

  private record Loaded<T>(T value, DataSource source, boolean owned) {}

  private static <T> Loaded<T> notConfigured(String role) {
    return new Loaded<>(null, new DataSource(role, null, null, null, null, null, null,
        DataSource.Status.NOT_CONFIGURED, -1, "none given"), false);
  }

  private static <T> Loaded<T> failed(String role, Path file, Exception e) {
    boolean missing = e instanceof NoSuchFileException || !Files.exists(file);
    String note = missing ? "file not found" : message(e);
    return new Loaded<>(null, new DataSource(role, null, null, null, null, null, file.toString(),
        missing ? DataSource.Status.MISSING : DataSource.Status.UNREADABLE, -1, note), false);
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static Loaded<Mmdb> openCountry(Path file) {
    try {
      requireFile(file);
      Mmdb m = Mmdb.open(file);
      return new Loaded<>(m, new DataSource("country", m.databaseType(), null, null, null, m.buildDate(),
          file.toString(), DataSource.Status.LOADED, m.nodeCount(),
          "user-supplied MMDB; licence as stated by its publisher"), true);
    } catch (IOException | RuntimeException e) {
      return failed("country", file, e);
    }
  }

  private static Loaded<AsnDatabase> openAsn(Path file) {
    try {
      requireFile(file);
      if (Files.isDirectory(file)) {
        List<Path> csvs = new ArrayList<>();
        for (String n : new String[] {"asn-ipv4.csv", "asn-ipv6.csv"}) {
          if (Files.isRegularFile(file.resolve(n))) {
            csvs.add(file.resolve(n));
          }
        }
        if (csvs.isEmpty()) {
          throw new IOException("folder holds neither asn-ipv4.csv nor asn-ipv6.csv");
        }
        return csvTable(file, csvs);
      }
      if (isMmdb(file)) {
        Mmdb m = Mmdb.open(file);
        return new Loaded<>(new MmdbAsnDatabase(m), new DataSource("asn", m.databaseType(), null, null, null,
            m.buildDate(), file.toString(), DataSource.Status.LOADED, m.nodeCount(),
            "user-supplied MMDB; licence as stated by its publisher"), true);
      }
      if (isTable(file)) {
        AsnTable t;
        try (InputStream in = Files.newInputStream(file)) {
          t = AsnTable.read(in);
        }
        AsnTable.Info i = t.info();
        return new Loaded<>(t, new DataSource("asn", i.name(), blankToNull(i.licence()), blankToNull(i.attribution()),
            blankToNull(i.version()), i.date(), file.toString(), DataSource.Status.LOADED, t.entries(), null), false);
      }
      return csvTable(file, List.of(file));
    } catch (IOException | RuntimeException e) {
      return failed("asn", file, e);
    }
  }

  private static Loaded<AsnDatabase> csvTable(Path where, List<Path> csvs) throws IOException {
    LocalDate date = LocalDate.ofInstant(Files.getLastModifiedTime(csvs.get(0)).toInstant(), java.time.ZoneOffset.UTC);
    AsnTable t = AsnTable.fromCsv(csvs, new AsnTable.Info("ASN CSV", null, null, null, date));
    return new Loaded<>(t, new DataSource("asn", "ASN CSV (start,end,asn,organisation)", null, null, null, date,
        where.toString(), DataSource.Status.LOADED, t.entries(),
        "user-supplied CSV; date is the file's modification date; licence as stated by its publisher"), false);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void requireFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
  }

  private static boolean isMmdb(Path file) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mmdb")) {
      return true;
    }
    // the MMDB metadata marker sits near the end of the file
    long size = Files.size(file);
    int tail = (int) Math.min(size, 128 * 1024);
    byte[] buf = new byte[tail];
    try (var ch = Files.newByteChannel(file)) {
      ch.position(size - tail);
      var bb = java.nio.ByteBuffer.wrap(buf);
      while (bb.hasRemaining() && ch.read(bb) > 0) {
        // read fully
      }
    }
    byte[] marker = "\u00AB\u00CD\u00EFMaxMind.com".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    outer:
    for (int i = buf.length - marker.length; i >= 0; i--) {
      for (int j = 0; j < marker.length; j++) {
        if (buf[i + j] != marker[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isTable(Path file) throws IOException {
    if (file.getFileName().toString().endsWith(".tbasn")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(2);
      return head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
    }
  }

  private static Loaded<AwsIpRanges> openIpRanges(Path file) {
    try {
      requireFile(file);
      AwsIpRanges r = AwsIpRanges.read(file);
      return new Loaded<>(r, new DataSource("aws-ip-ranges", "AWS ip-ranges.json", null, null,
          r.syncToken(), r.date(), file.toString(), DataSource.Status.LOADED, r.entries(),
          "createDate " + r.createDate()), false);
    } catch (IOException | RuntimeException e) {
      return failed("aws-ip-ranges", file, e);
    }
  }

  private static Loaded<TorExitList> openTor(Path file) {
    try {
      requireFile(file);
      TorExitList t = TorExitList.read(file);
      LocalDate date = LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), java.time.ZoneOffset.UTC);
      return new Loaded<>(t, new DataSource("tor-exits", "Tor exit list", null, null, null, date,
          file.toString(), DataSource.Status.LOADED, t.size(), "date is the file's modification date"), false);
    } catch (IOException | RuntimeException e) {
      return failed("tor-exits", file, e);
    }
  }

  // ------------------------------------------------------------------ bundled data

  private static final class BundledHolder {
    static final IpEnricher INSTANCE = loadBundled();

    /** Loads the two bundled databases on two threads (about half the wall time on 2 cores). */
    private static IpEnricher loadBundled() {
      Thread asnLoader = new Thread(Bundled::asn, "trailbench-asn-load");
      asnLoader.setDaemon(true);
      asnLoader.start();
      Bundled.country();
      try {
        asnLoader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return builder().build();
    }
  }

  /** The bundled databases, each loaded once (class-initialisation holders) and shared. */
  static final class Bundled {
    private Bundled() {}

    static Properties info() {
      return InfoHolder.VALUE;
    }

    static Loaded<Mmdb> country() {
      return CountryHolder.VALUE;
    }

    static Loaded<AsnDatabase> asn() {
      return AsnHolder.VALUE;
    }

    private static final class InfoHolder {
      static final Properties VALUE = load();

      private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = IpEnricher.class.getResourceAsStream(BUNDLED_INFO)) {
          if (in != null) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          // no provenance: the About box says less, lookups are unaffected
        }
        return p;
      }
    }

    private static final class CountryHolder {
      static final Loaded<Mmdb> VALUE = load();

      private static Loaded<Mmdb> load() {
        Properties p = info();
        try (InputStream in = IpEnricher.class.getResourceAsStream(BUNDLED_COUNTRY)) {
          if (in == null) {
            return new Loaded<>(null, new DataSource("country", p.getProperty("country.name"), null, null, null, null,
                "bundled", DataSource.Status.MISSING, -1, "this build has no bundled country database"), false);
          }
          Mmdb m = Mmdb.read(in);
          return new Loaded<>(m, new DataSource("country", p.getProperty("country.name", m.databaseType()),
              p.getProperty("country.licence"), p.getProperty("country.attribution"),
              p.getProperty("country.version"), m.buildDate(), "bundled", DataSource.Status.LOADED,
              m.nodeCount(), p.getProperty("country.note")), false);
        } catch (IOException | RuntimeException e) {
          return new Loaded<>(null, new DataSource("country", p.getProperty("country.name"), null, null, null, null,
              "bundled", DataSource.Status.UNREADABLE, -1, message(e)), false);
        }
      }
    }

    private static final class AsnHolder {
      static final Loaded<AsnDatabase> VALUE = load();

      private static Loaded<AsnDatabase> load() {
        Properties p = info();
        try (InputStream in = IpEnricher.class.getResourceAsStream(BUNDLED_ASN)) {
          if (in == null) {
            return new Loaded<>(null, new DataSource("asn", p.getProperty("asn.name"), null, null, null, null,
                "bundled", DataSource.Status.MISSING, -1, "this build has no bundled ASN database"), false);
          }
          AsnTable t = AsnTable.read(in);
          AsnTable.Info i = t.info();
          return new Loaded<>(t, new DataSource("asn", i.name(), blankToNull(i.licence()), blankToNull(i.attribution()),
              blankToNull(i.version()), i.date(), "bundled", DataSource.Status.LOADED, t.entries(),
              p.getProperty("asn.note")), false);
        } catch (IOException | RuntimeException e) {
          return new Loaded<>(null, new DataSource("asn", p.getProperty("asn.name"), null, null, null, null,
              "bundled", DataSource.Status.UNREADABLE, -1, message(e)), false);
        }
      }
    }
  }

  // ------------------------------------------------------------------ enrichment

  /**
   * The licence and attribution notices of the bundled data, as the About box should show
   * them (CC-BY-4.0 asks for attribution); empty when this build has no bundled data.
   */
  public static String bundledLicenceText() {
    try (InputStream in = IpEnricher.class.getResourceAsStream(RESOURCE_DIR + "LICENSES-ipdata.txt")) {
      return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Name, licence and date of each database, and whether it is in use. */
  public DataSources about() {
    return about;
  }

  /** Enriches each distinct value once; the map keeps first-seen order. Thread-safe. */
  public Map<String, IpInfo> enrichAll(Collection<String> sourceIpAddresses) {
    Map<String, IpInfo> out = new LinkedHashMap<>();
    for (String s : sourceIpAddresses) {
      if (s != null && !out.containsKey(s)) {
        out.put(s, enrich(s));
      }
    }
    return out;
  }

  /**
   * Enriches one {@code sourceIPAddress} value. Never throws and never touches the network:
   * malformed input gives {@link IpKind#INVALID} with a note.
   */
  public IpInfo enrich(String sourceIpAddress) {
    if (sourceIpAddress == null) {
      return invalid(null, "no value");
    }
    String t = sourceIpAddress.strip();
    if (t.isEmpty()) {
      return invalid(sourceIpAddress, "empty value");
    }
    if (t.length() > 255) {
      return invalid(sourceIpAddress, "too long to be an address or a service name (" + t.length() + " characters)");
    }
    IpInfo service = serviceName(sourceIpAddress, t);
    if (service != null) {
      return service;
    }
    IpAddress.Parsed parsed = IpAddress.parse(t);
    if (parsed instanceof IpAddress.Invalid inv) {
      if (t.indexOf(':') < 0 && HOST_NAME.matcher(t).matches() && t.chars().anyMatch(Character::isLetter)) {
        return invalid(sourceIpAddress, "a host name, not an IP address; Trailbench resolves no names (no network calls)");
      }
      return invalid(sourceIpAddress, inv.reason());
    }
    IpAddress.Ok ok = (IpAddress.Ok) parsed;
    List<String> notes = new ArrayList<>(2);
    if (ok.note() != null) {
      notes.add(ok.note());
    }
    IpAddress a = ok.address();
    IpAddress inner = a.mappedV4();
    if (inner != null) {
      notes.add("IPv4-mapped IPv6 address: looked up as " + inner);
      a = inner;
    } else if ((inner = a.nat64V4()) != null) {
      notes.add("NAT64 address (64:ff9b::/96, RFC 6052): looked up as the embedded " + inner);
      a = inner;
    }
    String address = a.toString();
    SpecialRanges.Match special = SpecialRanges.classify(a);
    if (special != null) {
      return new IpInfo(sourceIpAddress, special.kind(), address, special.label(), null, null, null,
          false, AwsSource.NONE, null, null, null, null, torOf(a), TriState.UNKNOWN, notes);
    }
    return publicIp(sourceIpAddress, a, address, notes);
  }

  private IpInfo publicIp(String input, IpAddress a, String address, List<String> notes) {
    String cc = null;
    if (country == null) {
      notes.add(countryUnknownNote);
    } else {
      try {
        cc = country.countryCode(a);
        if (cc == null) {
          notes.add("country unknown: the address is not in the country database");
        }
      } catch (IOException | RuntimeException e) {
        notes.add("country unknown: lookup failed: " + message(e));
      }
    }
    Long asNumber = null;
    String asOrg = null;
    if (asn == null) {
      notes.add(asnUnknownNote);
    } else {
      try {
        AsnDatabase.AsnHit hit = asn.lookup(a);
        if (hit != null) {
          asNumber = hit.asn();
          asOrg = hit.org();
        } else {
          notes.add("ASN unknown: the address is not in the ASN database");
        }
      } catch (RuntimeException e) {
        notes.add("ASN unknown: lookup failed: " + message(e));
      }
    }
    boolean amazonAs = asNumber != null && AmazonAsns.isAmazon(asNumber);
    AwsIpRanges.Prefix prefix = ipRanges == null ? null : ipRanges.lookup(a);
    AwsSource src = prefix != null ? AwsSource.IP_RANGES : amazonAs ? AwsSource.ASN : AwsSource.NONE;
    if (prefix == null && amazonAs && ipRanges != null) {
      notes.add("AS" + asNumber + " is Amazon's, but the supplied ip-ranges.json (syncToken "
          + ipRanges.syncToken() + ") does not list this address");
    }
    if (prefix != null && prefix.services().size() > 1) {
      notes.add("ip-ranges.json lists " + prefix.cidr() + " for " + String.join(", ", prefix.services()));
    }
    boolean aws = src != AwsSource.NONE;
    return new IpInfo(input, IpKind.PUBLIC_IP, address, null, cc, asNumber, asOrg, aws, src,
        prefix == null ? null : prefix.service(), prefix == null ? null : prefix.region(),
        prefix == null ? null : prefix.networkBorderGroup(), prefix == null ? null : prefix.cidr(),
        torOf(a), aws ? TriState.YES : TriState.UNKNOWN, notes);
  }

  private TriState torOf(IpAddress a) {
    if (tor == null) {
      return TriState.UNKNOWN;
    }
    return tor.contains(a) ? TriState.YES : TriState.NO;
  }

  /**
   * Whether a logged sourceIPAddress is CloudTrail's "AWS Internal" or "AWS Internal/#" (CloudTrail
   * record contents: "For events originated by AWS, this field is usually AWS Internal/#, where # is
   * a number used for internal purposes"): no address.
   */
  public static boolean awsInternal(String text) {
    return text != null && AWS_INTERNAL.matcher(text.trim()).matches();
  }

  private static final Pattern AWS_INTERNAL = Pattern.compile("(?i)AWS Internal(/\\d+)?");

  private static IpInfo serviceName(String input, String t) {
    if (awsInternal(t)) {
      return new IpInfo(input, IpKind.AWS_SERVICE_NAME, null, null, null, null, null, true,
          AwsSource.SERVICE_NAME, "AWS Internal", null, null, null, TriState.NO, TriState.UNKNOWN,
          List.of("CloudTrail writes \"AWS Internal\" for calls AWS made internally on the caller's behalf; there is no IP address"));
    }
    String lower = t.toLowerCase(Locale.ROOT);
    boolean aws = lower.endsWith(".amazonaws.com") || lower.endsWith(".amazonaws.com.cn")
        || lower.equals("amazonaws.com");
    if (aws && HOST_NAME.matcher(t).matches()) {
      return new IpInfo(input, IpKind.AWS_SERVICE_NAME, null, null, null, null, null, true,
          AwsSource.SERVICE_NAME, lower, null, null, null, TriState.NO, TriState.UNKNOWN,
          List.of("the AWS service " + lower + " made this call on the caller's behalf; CloudTrail records its name instead of an IP address"));
    }
    return null;
  }

  private static IpInfo invalid(String input, String why) {
    return new IpInfo(input, IpKind.INVALID, null, null, null, null, null, false, AwsSource.NONE,
        null, null, null, null, TriState.UNKNOWN, TriState.UNKNOWN, List.of("not enriched: " + why));
  }

  /** Releases user-supplied database files; the shared bundled data stay loaded. */
  @Override
  public void close() {
    if (ownsCountry && country != null) {
      try {
        country.close();
      } catch (IOException e) {
        // read-only file
      }
    }
    if (ownsAsn && asn != null) {
      asn.close();
    }
  }
}
