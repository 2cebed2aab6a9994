package io.github.trailbench.core.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A user-supplied list of Tor exit addresses: either one address per line (the Tor
 * Project's bulk exit list) or the {@code exit-addresses} format whose
 * {@code ExitAddress <ip> <date> <time>} lines name them. Blank lines and {@code #}
 * comments are ignored. Nothing is downloaded.
 */
final class TorExitList {
  private final Set<IpAddress> exits;

  private TorExitList(Set<IpAddress> exits) {
    this.exits = Set.copyOf(exits);
  }

  static TorExitList read(Path file) throws IOException {
    Set<IpAddress> set = new HashSet<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] parts = t.split("\\s+");
        String candidate;
        if (parts[0].equals("ExitAddress") && parts.length > 1) {
          candidate = parts[1];
        } else if (parts.length == 1) {
          candidate = parts[0];
        } else {
          continue; // other lines of the exit-addresses format (ExitNode, Published, LastStatus)
        }
        if (IpAddress.parse(candidate) instanceof IpAddress.Ok ok) {
          set.add(unwrap(ok.address()));
        } else {
          throw new IOException(file + ": line " + no + ": not an IP address: " + candidate);
        }
      }
    }
    return new TorExitList(set);
  }

  private static IpAddress unwrap(IpAddress a) {
    IpAddress m = a.mappedV4();
    return m != null ? m : a;
  }

  boolean contains(IpAddress a) {
    return exits.contains(a);
  }

  int size() {
    return exits.size();
  }
}
