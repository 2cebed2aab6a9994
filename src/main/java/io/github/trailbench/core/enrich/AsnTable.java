package io.github.trailbench.core.enrich;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A sorted table of non-overlapping address ranges, each pointing at an (ASN, organisation)
 * pair: the compact form of the ip-location-db ASN CSV files that ships with Trailbench.
 *
 * <p>Binary format ({@code .tbasn}, gzip-compressed, all integers big-endian):
 *
 * <pre>
 * magic  "TBASN" + version byte 1
 * UTF    name, licence, attribution, version (modified UTF-8 as DataOutput writes it)
 * long   data date as epoch day, or -1
 * int    n pairs; n x (int asn, UTF org)
 * int    n v4 ranges; n x int start; n x int end; n x int pair   (unsigned 32-bit)
 * int    n v6 ranges; n x long startHi; n x long startLo; n x long endHi; n x long endLo; n x int pair
 * </pre>
 *
 * Lookups are binary searches over primitive arrays: no allocation but the result.
 */
final class AsnTable implements AsnDatabase {
  static final byte[] MAGIC = {'T', 'B', 'A', 'S', 'N', 1};

  /** Provenance written into the table by the refresh script. */
  record Info(String name, String licence, String attribution, String version, LocalDate date) {}

  private final Info info;
  private final long[] pairAsn;
  private final String[] pairOrg;
  // IPv4: bits with the sign bit flipped, so signed int order is unsigned address order.
  private final int[] v4Start;
  private final int[] v4End;
  private final int[] v4Pair;
  // IPv6: the same trick on both 64-bit halves.
  private final long[] v6StartHi;
  private final long[] v6StartLo;
  private final long[] v6EndHi;
  private final long[] v6EndLo;
  private final int[] v6Pair;

  private AsnTable(Info info, long[] pairAsn, String[] pairOrg, int[] v4Start, int[] v4End, int[] v4Pair,
      long[] v6StartHi, long[] v6StartLo, long[] v6EndHi, long[] v6EndLo, int[] v6Pair) {
    this.info = info;
    this.pairAsn = pairAsn;
    this.pairOrg = pairOrg;
    this.v4Start = v4Start;
    this.v4End = v4End;
    this.v4Pair = v4Pair;
    this.v6StartHi = v6StartHi;
    this.v6StartLo = v6StartLo;
    this.v6EndHi = v6EndHi;
    this.v6EndLo = v6EndLo;
    this.v6Pair = v6Pair;
  }

  Info info() {
    return info;
  }

  int v4Ranges() {
    return v4Start.length;
  }

  int v6Ranges() {
    return v6Pair.length;
  }

  @Override
  public long entries() {
    return (long) v4Start.length + v6Pair.length;
  }

  @Override
  public AsnHit lookup(IpAddress a) {
    int idx = a.v6() ? findV6(a.hi() ^ Long.MIN_VALUE, a.lo() ^ Long.MIN_VALUE) : findV4((int) a.lo() ^ Integer.MIN_VALUE);
    if (idx < 0) {
      return null;
    }
    int pair = a.v6() ? v6Pair[idx] : v4Pair[idx];
    return new AsnHit(pairAsn[pair], pairOrg[pair]);
  }

  private int findV4(int key) {
    int lo = 0;
    int hi = v4Start.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (v4Start[mid] <= key) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && key <= v4End[found] ? found : -1;
  }

  private int findV6(long kh, long kl) {
    int lo = 0;
    int hi = v6Pair.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long sh = v6StartHi[mid];
      if (sh < kh || (sh == kh && v6StartLo[mid] <= kl)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) {
      return -1;
    }
    long eh = v6EndHi[found];
    return kh < eh || (kh == eh && kl <= v6EndLo[found]) ? found : -1;
  }

  // ---------------------------------------------------------------- reading and writing

  /** Reads the binary form (gzip-compressed or not). */
  static AsnTable read(InputStream raw) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    ByteBuffer d;
    try {
      d = ByteBuffer.wrap(in.readAllBytes());
      byte[] magic = new byte[MAGIC.length];
      d.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a Trailbench ASN table (bad magic)");
      }
      String name = utf(d);
      String licence = utf(d);
      String attribution = utf(d);
      String version = utf(d);
      long day = d.getLong();
      Info info = new Info(name, licence, attribution, version, day < 0 ? null : LocalDate.ofEpochDay(day));
      int np = checkedCount(d.getInt());
      long[] asn = new long[np];
      String[] org = new String[np];
      for (int i = 0; i < np; i++) {
        asn[i] = d.getInt() & 0xFFFF_FFFFL;
        String o = utf(d);
        org[i] = o.isEmpty() ? null : o;
      }
      int n4 = checkedCount(d.getInt());
      int[] s4 = ints(d, n4);
      int[] e4 = ints(d, n4);
      int[] p4 = ints(d, n4);
      int n6 = checkedCount(d.getInt());
      long[] sh = longs(d, n6);
      long[] sl = longs(d, n6);
      long[] eh = longs(d, n6);
      long[] el = longs(d, n6);
      int[] p6 = ints(d, n6);
      for (int p : p4) {
        checkPair(p, np);
      }
      for (int p : p6) {
        checkPair(p, np);
      }
      return new AsnTable(info, asn, org, s4, e4, p4, sh, sl, eh, el, p6);
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IOException("corrupt ASN table (truncated)", e);
    }
  }

  /** Reads what {@link DataOutputStream#writeUTF} wrote. */
  private static String utf(ByteBuffer d) throws IOException {
    int len = d.getShort() & 0xFFFF;
    byte[] b = new byte[len];
    d.get(b);
    return new DataInputStream(new java.io.ByteArrayInputStream(withLength(b))).readUTF();
  }

  private static byte[] withLength(byte[] b) {
    byte[] r = new byte[b.length + 2];
    r[0] = (byte) (b.length >>> 8);
    r[1] = (byte) b.length;
    System.arraycopy(b, 0, r, 2, b.length);
    return r;
  }

  private static int[] ints(ByteBuffer d, int n) {
    int[] a = new int[n];
    d.asIntBuffer().get(a);
    d.position(d.position() + 4 * n);
    return a;
  }

  private static long[] longs(ByteBuffer d, int n) {
    long[] a = new long[n];
    d.asLongBuffer().get(a);
    d.position(d.position() + 8 * n);
    return a;
  }

  private static int checkedCount(int n) throws IOException {
    if (n < 0 || n > 50_000_000) {
      throw new IOException("corrupt ASN table (count " + n + ")");
    }
    return n;
  }

  private static void checkPair(int p, int np) throws IOException {
    if (p < 0 || p >= np) {
      throw new IOException("corrupt ASN table (pair index " + p + ")");
    }
  }

  /** Writes the gzip-compressed binary form. */
  void write(OutputStream raw) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16) {
      {
        def.setLevel(9);
      }
    };
    DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
    d.write(MAGIC);
    d.writeUTF(nz(info.name()));
    d.writeUTF(nz(info.licence()));
    d.writeUTF(nz(info.attribution()));
    d.writeUTF(nz(info.version()));
    d.writeLong(info.date() == null ? -1 : info.date().toEpochDay());
    d.writeInt(pairAsn.length);
    for (int i = 0; i < pairAsn.length; i++) {
      d.writeInt((int) pairAsn[i]);
      d.writeUTF(nz(pairOrg[i]));
    }
    d.writeInt(v4Start.length);
    for (int[] col : new int[][] {v4Start, v4End, v4Pair}) {
      for (int v : col) {
        d.writeInt(v);
      }
    }
    d.writeInt(v6Pair.length);
    for (long[] col : new long[][] {v6StartHi, v6StartLo, v6EndHi, v6EndLo}) {
      for (long v : col) {
        d.writeLong(v);
      }
    }
    for (int v : v6Pair) {
      d.writeInt(v);
    }
    d.flush();
    gz.finish();
    gz.flush();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  // ---------------------------------------------------------------- building from CSV

  /**
   * Builds a table from ip-location-db ASN CSV files ({@code start,end,asn,org} per line,
   * IPv4 and/or IPv6 text addresses; {@code -num} files with integers are accepted too).
   * Adjacent ranges of the same AS are merged.
   *
   * @throws IOException with file and line when a line cannot be read
   */
  static AsnTable fromCsv(List<Path> files, Info info) throws IOException {
    Builder b = new Builder(info);
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
          no++;
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String err = b.addCsvLine(line);
          if (err != null) {
            if (no == 1 && line.toLowerCase().contains("asn")) {
              continue; // a header line
            }
            throw new IOException(f + ": line " + no + ": " + err);
          }
        }
      }
    }
    return b.build();
  }

  static final class Builder {
    private final Info info;
    private final Map<String, Integer> pairIndex = new HashMap<>();
    private final List<long[]> pairs = new ArrayList<>();
    private final List<String> orgs = new ArrayList<>();
    private final List<long[]> v4 = new ArrayList<>(); // start, end, pair
    private final List<long[]> v6 = new ArrayList<>(); // sh, sl, eh, el, pair

    Builder(Info info) {
      this.info = info;
    }

    /** Adds one CSV line; returns an error message or null. */
    String addCsvLine(String line) {
      List<String> f = splitCsv(line);
      if (f.size() < 3) {
        return "expected start,end,asn[,organisation]";
      }
      IpAddress start = address(f.get(0));
      IpAddress end = address(f.get(1));
      if (start == null || end == null || start.v6() != end.v6() || start.compareTo(end) > 0) {
        return "bad range " + f.get(0) + " - " + f.get(1);
      }
      long asn;
      try {
        asn = Long.parseLong(f.get(2).strip());
      } catch (NumberFormatException e) {
        return "bad ASN " + f.get(2);
      }
      if (asn < 0 || asn > 0xFFFF_FFFFL) {
        return "ASN out of range " + asn;
      }
      add(start, end, asn, f.size() > 3 ? f.get(3) : null);
      return null;
    }

    void add(IpAddress start, IpAddress end, long asn, String org) {
      String o = org == null || org.isBlank() ? null : org.strip();
      String key = asn + "\u0000" + (o == null ? "" : o);
      Integer p = pairIndex.get(key);
      if (p == null) {
        p = pairs.size();
        pairIndex.put(key, p);
        pairs.add(new long[] {asn});
        orgs.add(o);
      }
      if (start.v6()) {
        v6.add(new long[] {start.hi(), start.lo(), end.hi(), end.lo(), p});
      } else {
        v4.add(new long[] {start.lo(), end.lo(), p});
      }
    }

    private static IpAddress address(String s) {
      String t = s.strip();
      if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
        java.math.BigInteger n = new java.math.BigInteger(t);
        if (t.length() <= 10 && n.longValue() <= 0xFFFF_FFFFL) {
          return IpAddress.ofV4(n.longValue());
        }
        if (n.bitLength() > 128) {
          return null;
        }
        return IpAddress.ofV6(n.shiftRight(64).longValue(), n.longValue());
      }
      return IpAddress.parse(t) instanceof IpAddress.Ok ok ? ok.address() : null;
    }

    AsnTable build() {
      v4.sort((x, y) -> Long.compare(x[0], y[0]));
      v6.sort((x, y) -> {
        int c = Long.compareUnsigned(x[0], y[0]);
        return c != 0 ? c : Long.compareUnsigned(x[1], y[1]);
      });
      List<long[]> m4 = new ArrayList<>();
      for (long[] r : v4) {
        long[] last = m4.isEmpty() ? null : m4.get(m4.size() - 1);
        if (last != null && last[2] == r[2] && last[1] + 1 == r[0]) {
          last[1] = r[1];
        } else if (last != null && r[0] <= last[1]) {
          // overlapping input: keep the first range, clip the next
          if (r[1] > last[1]) {
            m4.add(new long[] {last[1] + 1, r[1], r[2]});
          }
        } else {
          m4.add(r.clone());
        }
      }
      List<long[]> m6 = new ArrayList<>();
      for (long[] r : v6) {
        long[] last = m6.isEmpty() ? null : m6.get(m6.size() - 1);
        boolean adjacent = last != null && last[4] == r[4] && last[3] + 1 == r[1]
            && (last[3] == -1L ? last[2] + 1 == r[0] : last[2] == r[0]);
        if (adjacent) {
          last[2] = r[2];
          last[3] = r[3];
        } else if (last != null && cmp(r[0], r[1], last[2], last[3]) <= 0) {
          if (cmp(r[2], r[3], last[2], last[3]) > 0) {
            long nl = last[3] + 1;
            long nh = nl == 0 ? last[2] + 1 : last[2];
            m6.add(new long[] {nh, nl, r[2], r[3], r[4]});
          }
        } else {
          m6.add(r.clone());
        }
      }
      long[] pa = new long[pairs.size()];
      for (int i = 0; i < pa.length; i++) {
        pa[i] = pairs.get(i)[0];
      }
      int n4 = m4.size();
      int[] s4 = new int[n4];
      int[] e4 = new int[n4];
      int[] p4 = new int[n4];
      for (int i = 0; i < n4; i++) {
        long[] r = m4.get(i);
        s4[i] = (int) r[0] ^ Integer.MIN_VALUE;
        e4[i] = (int) r[1] ^ Integer.MIN_VALUE;
        p4[i] = (int) r[2];
      }
      int n6 = m6.size();
      long[] sh = new long[n6];
      long[] sl = new long[n6];
      long[] eh = new long[n6];
      long[] el = new long[n6];
      int[] p6 = new int[n6];
      for (int i = 0; i < n6; i++) {
        long[] r = m6.get(i);
        sh[i] = r[0] ^ Long.MIN_VALUE;
        sl[i] = r[1] ^ Long.MIN_VALUE;
        eh[i] = r[2] ^ Long.MIN_VALUE;
        el[i] = r[3] ^ Long.MIN_VALUE;
        p6[i] = (int) r[4];
      }
      return new AsnTable(info, pa, orgs.toArray(new String[0]), s4, e4, p4, sh, sl, eh, el, p6);
    }

    private static int cmp(long ah, long al, long bh, long bl) {
      int c = Long.compareUnsigned(ah, bh);
      return c != 0 ? c : Long.compareUnsigned(al, bl);
    }
  }

  /** Splits one CSV line (RFC 4180 quoting, {@code ""} inside quotes). */
  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>(4);
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
