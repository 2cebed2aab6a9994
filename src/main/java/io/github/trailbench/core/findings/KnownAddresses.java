package io.github.trailbench.core.findings;

import io.github.trailbench.core.enrich.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Addresses and ranges the analyst lists as known (the office, the CI runners), each with a note.
 * Detections that judge a "new address" treat a call from one of them as from a known place:
 * it is learned but never alerts (docs/detections.md, "Known addresses").
 */
public record KnownAddresses(List<Entry> entries) {
  public static final KnownAddresses NONE = new KnownAddresses(List.of());
  private static final int MAX_NOTE = 1000;

  public KnownAddresses {
    entries = List.copyOf(entries);
  }

  /**
   * One listed address or range.
   *
   * @param range as stored: a bare address ({@code 198.51.100.23}) or a CIDR range
   *     ({@code 198.51.100.0/24}, {@code 2001:db8::/32}), normalised to its network address
   * @param note why it is known; may be empty
   */
  public record Entry(String range, String note, IpAddress network, int prefix) {
    public boolean contains(IpAddress a) {
      IpAddress x = a.v6() && !network.v6() && a.mappedV4() != null ? a.mappedV4() : a;
      return x.v6() == network.v6() && x.in(network, prefix);
    }

    /** {@code 198.51.100.23 (office)}, or the bare range without a note. */
    public String label() {
      return note.isEmpty() ? range : range + " (" + note + ")";
    }
  }

  /**
   * Parses an address or CIDR range as the analyst typed it; an IllegalArgumentException says
   * what is wrong ({@code '198.51.100.0/33' has a prefix longer than 32}).
   */
  public static Entry entry(String text, String note) {
    String t = text == null ? "" : text.strip();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    if (!(IpAddress.parse(addr) instanceof IpAddress.Ok ok)) {
      throw new IllegalArgumentException("'" + t + "' is not an IPv4 or IPv6 address or CIDR range");
    }
    int max = ok.address().v6() ? 128 : 32;
    int prefix = max;
    if (slash >= 0) {
      String p = t.substring(slash + 1).strip();
      if (!p.matches("\\d{1,3}")) {
        throw new IllegalArgumentException("'" + t + "' has no prefix length after '/'");
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        throw new IllegalArgumentException("'" + t + "' has a prefix longer than " + max);
      }
    }
    IpAddress network = ok.address().masked(prefix);
    String n = note == null ? "" : note.strip();
    if (n.length() > MAX_NOTE) {
      throw new IllegalArgumentException("the note is longer than " + MAX_NOTE + " characters");
    }
    return new Entry(prefix == max ? network.toString() : network + "/" + prefix, n, network, prefix);
  }

  /** The first entry holding the address, or null (also for a service name or an unparsable text). */
  public Entry match(String ip) {
    if (ip == null || entries.isEmpty() || !(IpAddress.parse(ip) instanceof IpAddress.Ok ok)) {
      return null;
    }
    for (Entry e : entries) {
      if (e.contains(ok.address())) {
        return e;
      }
    }
    return null;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The finding with a sentence naming its events' source addresses the analyst lists as known,
   * so a reader sees at once which calls came from a known place; unchanged when none did.
   */
  public Finding annotate(Finding f) {
    if (entries.isEmpty()) {
      return f;
    }
    Set<String> known = new LinkedHashSet<>();
    for (Evidence.Event e : f.events()) {
      Entry k = match(e.sourceIp());
      if (k != null) {
        known.add(e.sourceIp().equals(k.range()) ? k.label() : e.sourceIp() + " in " + k.label());
      }
    }
    if (known.isEmpty()) {
      return f;
    }
    List<String> list = new ArrayList<>(known);
    String sentence = " Known address" + (list.size() == 1 ? "" : "es") + " (listed by the analyst): "
        + String.join("; ", list.subList(0, Math.min(3, list.size())))
        + (list.size() > 3 ? " and " + (list.size() - 3) + " more" : "") + ".";
    return f.withSummary(f.summary() + sentence);
  }
}
