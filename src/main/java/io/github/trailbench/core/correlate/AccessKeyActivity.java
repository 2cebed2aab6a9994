package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure aggregator of access-key use over a stream of events (in any order). Memory grows with
 * the number of distinct keys (and, per key, at most {@link #MAX_VALUES} IPs, agents and
 * regions), never with the number of events. Not thread-safe: one per stream.
 */
public final class AccessKeyActivity {
  /** Bound of each per-key value set. */
  public static final int MAX_VALUES = 256;

  private final Map<String, Acc> keys = new HashMap<>();

  private static final class Acc {
    final String key;
    String owner;
    String account;
    Instant first;
    Instant last;
    long count;
    long errors;
    final Set<String> ips = new LinkedHashSet<>();
    final Set<String> agents = new LinkedHashSet<>();
    final Set<String> regions = new LinkedHashSet<>();
    boolean truncated;

    Acc(String key) {
      this.key = key;
    }

    void addBounded(Set<String> set, String v) {
      if (v == null || v.isEmpty() || set.contains(v)) {
        return;
      }
      if (set.size() >= MAX_VALUES) {
        truncated = true;
      } else {
        set.add(v);
      }
    }
  }

  /** Accounts for one event; events without an access key are ignored. */
  public AccessKeyActivity add(CloudTrailEvent e) {
    UserIdentity u = e.userIdentity();
    if (u == null || u.accessKeyId() == null || u.accessKeyId().isBlank() || "AWSService".equals(u.type())) {
      return this;
    }
    Acc a = keys.computeIfAbsent(u.accessKeyId(), Acc::new);
    if (a.owner == null) {
      a.owner = Principals.resolve(e).arn();
      a.account = u.accountId();
    }
    Instant t = e.eventTime();
    if (t != null) {
      if (a.first == null || t.isBefore(a.first)) {
        a.first = t;
      }
      if (a.last == null || t.isAfter(a.last)) {
        a.last = t;
      }
    }
    a.count++;
    if (e.failed()) {
      a.errors++;
    }
    a.addBounded(a.ips, e.sourceIpAddress());
    a.addBounded(a.agents, e.userAgent());
    a.addBounded(a.regions, e.awsRegion());
    return this;
  }

  public AccessKeyActivity addAll(Iterable<CloudTrailEvent> events) {
    for (CloudTrailEvent e : events) {
      add(e);
    }
    return this;
  }

  public Optional<AccessKeyUsage> usage(String accessKeyId) {
    Acc a = keys.get(accessKeyId);
    return a == null ? Optional.empty() : Optional.of(toUsage(a));
  }

  /** All keys, ordered by first use. */
  public List<AccessKeyUsage> usages() {
    List<AccessKeyUsage> out = new ArrayList<>(keys.size());
    for (Acc a : keys.values()) {
      out.add(toUsage(a));
    }
    out.sort(Comparator.comparing(AccessKeyUsage::firstSeen, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(AccessKeyUsage::accessKeyId));
    return out;
  }

  public int size() {
    return keys.size();
  }

  private static AccessKeyUsage toUsage(Acc a) {
    return new AccessKeyUsage(a.key, KeyKind.of(a.key), a.owner, a.account, a.first, a.last, a.count,
        a.errors, a.ips, a.agents, a.regions, a.truncated);
  }
}
