package io.github.trailbench.store;

import io.github.trailbench.core.correlate.AlikeEvents;
import io.github.trailbench.core.correlate.CorrelationFacts;
import io.github.trailbench.core.correlate.Principals;
import io.github.trailbench.core.correlate.SessionGraphBuilder;
import io.github.trailbench.core.correlate.StsDocuments;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A case's events, rebuilt from columns and correlation facts, in groups of alike ones
 * ({@link AlikeEvents}): the same facts term (identity, console mark, time below the millisecond)
 * holding no STS documents, failed or not, and the same partition of their region; within a group,
 * its events are counted per source address. Grouping is one pass over term ids; the builders then resolve an identity and
 * look up their maps once per group instead of once per event.
 *
 * <p>What keeps the builders' results those of adding every event in order: groups are numbered,
 * and given, in the order of their first events, so every "first seen" and "first N values" comes
 * out the same; an event whose facts hold STS documents or that needs its raw record is a group on
 * its own; and once a call issued a key, that key's later uses form new groups (the key's
 * {@code epoch}), because the session builder's result depends on whether a use came before or
 * after the issuing call.
 */
final class CorrelatedGroups {
  private static final int SOURCE = TermKind.EVENT_SOURCE.column;
  private static final int NAME = TermKind.EVENT_NAME.column;
  private static final int REGION = TermKind.REGION.column;
  private static final int IP = TermKind.IP.column;
  private static final int ERROR = TermKind.ERROR_CODE.column;
  private static final int ACCOUNT = TermKind.ACCOUNT.column;
  private static final int FACTS = TermKind.CORRELATION.column;

  private final EventColumns cols;
  private final CorrelationFacts[] decoded;
  private int groups;
  /** Per group: its first event's index and its place in the order (the events' positions). */
  private int[] first = new int[1024];
  private int[] firstPos = new int[1024];
  /** Per group of more than one event possible: its events' count and earliest and latest time (milliseconds). */
  private long[] count = new long[1024];
  private long[] earliest = new long[1024];
  private long[] latest = new long[1024];
  /** Per group: the one event that is alone, as the builders get it with its STS documents read; null for the others. */
  private Alone[] alone = new Alone[1024];
  /**
   * A group's events from one source address: its group, address term, event count, first
   * position and earliest and latest time; numbered in the order of their first events.
   */
  private int pairs;
  private int[] pairGroup = new int[1024];
  private int[] pairIp = new int[1024];
  private int[] pairFirstPos = new int[1024];
  private long[] pairCount = new long[1024];
  private long[] pairEarliest = new long[1024];
  private long[] pairLatest = new long[1024];

  private record Alone(CloudTrailEvent event, StsDocuments docs) {}

  private CorrelatedGroups(EventColumns cols, CorrelationFacts[] decoded) {
    this.cols = cols;
    this.decoded = decoded;
  }

  /**
   * The groups of the events at {@code order} (indexes into {@code cols}); {@code decoded}: the
   * facts by term id; {@code whole}: the events read from their raw records (those whose facts say
   * so), by index; one missing there is left out.
   */
  static CorrelatedGroups of(EventColumns cols, int[] order, CorrelationFacts[] decoded, Map<Integer, CloudTrailEvent> whole) {
    CorrelatedGroups g = new CorrelatedGroups(cols, decoded);
    g.group(order, whole);
    return g;
  }

  private void group(int[] order, Map<Integer, CloudTrailEvent> whole) {
    int[][] terms = cols.terms;
    int[] factTerm = terms[FACTS];
    String[] text = cols.termText;
    // the events alone, by position in order, built (and their issued keys read) on every core first
    byte[] aloneTerm = new byte[text.length]; // 1: alone, 2: not, 0: not yet looked at
    int[] found = new int[64];
    int aloneCount = 0;
    for (int p = 0; p < order.length; p++) {
      int t = factTerm[order[p]];
      if (aloneTerm[t] == 0) {
        aloneTerm[t] = isAlone(decoded[t]) ? (byte) 1 : (byte) 2;
      }
      if (aloneTerm[t] == 1) {
        if (aloneCount == found.length) {
          found = Arrays.copyOf(found, aloneCount * 2);
        }
        found[aloneCount++] = p;
      }
    }
    int[] alonePositions = Arrays.copyOf(found, aloneCount);
    Alone[] aloneEvents = new Alone[alonePositions.length];
    String[] issuedKeys = new String[alonePositions.length];
    // keys' epochs only split groups: with every event alone (the session-issuing calls only) no issued key is read
    boolean grouping = alonePositions.length < order.length;
    java.util.stream.IntStream.range(0, alonePositions.length).parallel().forEach(a -> {
      int i = order[alonePositions[a]];
      CorrelationFacts f = decoded[factTerm[i]];
      CloudTrailEvent e = f.needsRawRecord() ? whole.get(i) : event(cols, i, f, cols.time[i]);
      StsDocuments docs = e == null ? null : StsDocuments.of(e);
      aloneEvents[a] = e == null ? null : new Alone(e, docs);
      issuedKeys[a] = e == null || !grouping ? null : SessionGraphBuilder.issuedKey(e, docs);
    });
    // the session builder's key of each facts term's events, numbered; each key's epoch: how many calls issued it so far
    Map<String, Integer> keyIds = new HashMap<>();
    int[] keyOfTerm = new int[text.length]; // key id + 1; -1: no key; 0: not yet looked at
    int[] epochOfKey = new int[1024];
    // an event's group: its facts term's last group when key epoch, outcome and partition are the same,
    // else looked up; then its (group, address) pair, one probe of a long key
    TupleIds groupIds = new TupleIds(4, 1024);
    LongIds pairIds = new LongIds(Math.min(order.length - alonePositions.length, 1 << 21));
    int[] tuple = new int[4];
    int[] groupOfTerm = new int[text.length]; // group + 1 of the term's last event; 0: none yet
    int[] epochOfTermGroup = new int[text.length];
    int[] outcomeAndPartitionOfTermGroup = new int[text.length];
    // partitions by region term, numbered as first met
    int[] partition = new int[text.length];
    Map<String, Integer> partitions = new HashMap<>();
    int nextAlone = 0;
    for (int p = 0; p < order.length; p++) {
      int i = order[p];
      int t = factTerm[i];
      if (nextAlone < alonePositions.length && alonePositions[nextAlone] == p) {
        Alone e = aloneEvents[nextAlone];
        String issued = issuedKeys[nextAlone++];
        if (e != null) {
          int g = newGroup(i, p); // grows alone[] before it is written
          alone[g] = e;
        }
        if (issued != null) {
          int k = keyIds.computeIfAbsent(issued, x -> keyIds.size());
          epochOfKey = k < epochOfKey.length ? epochOfKey : Arrays.copyOf(epochOfKey, k * 2);
          epochOfKey[k]++;
        }
        continue;
      }
      if (keyOfTerm[t] == 0) {
        UserIdentity u = decoded[t].identity();
        String key = u == null ? null : u.accessKeyId();
        keyOfTerm[t] = key == null || key.isBlank() ? -1 : keyIds.computeIfAbsent(key, x -> keyIds.size()) + 1;
        epochOfKey = keyIds.size() <= epochOfKey.length ? epochOfKey : Arrays.copyOf(epochOfKey, keyIds.size() * 2);
      }
      int region = terms[REGION][i];
      if (partition[region] == 0) {
        partition[region] = partitions.computeIfAbsent(Principals.partitionOfRegion(text[region]), x -> partitions.size() + 1);
      }
      String error = text[terms[ERROR][i]];
      int epoch = keyOfTerm[t] < 0 ? 0 : epochOfKey[keyOfTerm[t] - 1];
      int outcomeAndPartition = (partition[region] << 1) | (error == null || error.isEmpty() ? 0 : 1);
      int g;
      if (groupOfTerm[t] != 0 && epochOfTermGroup[t] == epoch && outcomeAndPartitionOfTermGroup[t] == outcomeAndPartition) {
        g = groupOfTerm[t] - 1;
      } else {
        tuple[0] = t;
        tuple[1] = epoch;
        tuple[2] = outcomeAndPartition;
        tuple[3] = 0;
        g = groupIds.idOf(tuple, groups);
        if (g == groups) {
          newGroup(i, p);
        }
        groupOfTerm[t] = g + 1;
        epochOfTermGroup[t] = epoch;
        outcomeAndPartitionOfTermGroup[t] = outcomeAndPartition;
      }
      int ip = terms[IP][i];
      int pair = pairIds.idOf(((long) g << 32) | (ip & 0xffffffffL), pairs);
      if (pair == pairs) {
        newPair(g, ip, p);
      }
      long time = cols.time[i];
      pairCount[pair]++;
      pairEarliest[pair] = Math.min(pairEarliest[pair], time);
      pairLatest[pair] = Math.max(pairLatest[pair], time);
    }
    for (int pair = 0; pair < pairs; pair++) {
      int g = pairGroup[pair];
      count[g] += pairCount[pair];
      earliest[g] = Math.min(earliest[g], pairEarliest[pair]);
      latest[g] = Math.max(latest[g], pairLatest[pair]);
    }
  }

  /** Whether events with these facts are a group of their own: they hold STS documents or need their raw record. */
  private static boolean isAlone(CorrelationFacts f) {
    return f.needsRawRecord() || f.requestJson() != null || f.responseJson() != null;
  }

  private int newGroup(int firstEvent, int position) {
    if (groups == first.length) {
      int n = groups * 2;
      first = Arrays.copyOf(first, n);
      firstPos = Arrays.copyOf(firstPos, n);
      alone = Arrays.copyOf(alone, n);
      count = Arrays.copyOf(count, n);
      earliest = Arrays.copyOf(earliest, n);
      latest = Arrays.copyOf(latest, n);
    }
    first[groups] = firstEvent;
    firstPos[groups] = position;
    count[groups] = 0;
    earliest[groups] = Long.MAX_VALUE;
    latest[groups] = Long.MIN_VALUE;
    return groups++;
  }

  private void newPair(int group, int ipTerm, int position) {
    if (pairs == pairGroup.length) {
      int n = pairs * 2;
      pairGroup = Arrays.copyOf(pairGroup, n);
      pairIp = Arrays.copyOf(pairIp, n);
      pairFirstPos = Arrays.copyOf(pairFirstPos, n);
      pairCount = Arrays.copyOf(pairCount, n);
      pairEarliest = Arrays.copyOf(pairEarliest, n);
      pairLatest = Arrays.copyOf(pairLatest, n);
    }
    pairGroup[pairs] = group;
    pairIp[pairs] = ipTerm;
    pairFirstPos[pairs] = position;
    pairCount[pairs] = 0;
    pairEarliest[pairs] = Long.MAX_VALUE;
    pairLatest[pairs] = Long.MIN_VALUE;
    pairs++;
  }

  /**
   * Gives every group to {@code sink}, in the order of their first events, and each group's
   * addresses at the places of their first events (after the group when they start together).
   */
  void replay(AlikeEvents sink) {
    int[] factTerm = cols.terms[FACTS];
    String[] text = cols.termText;
    int[][] terms = cols.terms;
    int pair = 0;
    for (int g = 0; g < groups; g++) {
      for (; pair < pairs && pairFirstPos[pair] < firstPos[g]; pair++) {
        sink.address(pairGroup[pair], text[pairIp[pair]], pairCount[pair]);
      }
      Alone one = alone[g];
      if (one != null) {
        sink.add(g, one.event(), one.docs(), 1, one.event().eventTime());
        continue;
      }
      int i = first[g];
      CorrelationFacts f = decoded[factTerm[i]];
      // the group's addresses come by address(), each with its own count
      CloudTrailEvent e = f.event(null, earliest[g], text[terms[SOURCE][i]], text[terms[NAME][i]], text[terms[REGION][i]],
          null, text[terms[ERROR][i]], text[terms[ACCOUNT][i]]);
      sink.add(g, e, null, count[g], Instant.ofEpochMilli(latest[g]).plusNanos(f.nanosBelowMilli()));
    }
    for (; pair < pairs; pair++) {
      sink.address(pairGroup[pair], text[pairIp[pair]], pairCount[pair]);
    }
  }

  /** The event at index {@code i} as its facts rebuild it, at {@code timeMillis}. */
  static CloudTrailEvent event(EventColumns cols, int i, CorrelationFacts f, long timeMillis) {
    String[] text = cols.termText;
    int[][] terms = cols.terms;
    return f.event(cols.eventId(i), timeMillis, text[terms[SOURCE][i]], text[terms[NAME][i]], text[terms[REGION][i]],
        text[terms[IP][i]], text[terms[ERROR][i]], text[terms[ACCOUNT][i]]);
  }

  /** How many groups the events made (for benchmarks). */
  int size() {
    return groups;
  }

  /** How many (group, source address) pairs the groups hold (for benchmarks). */
  int addressPairs() {
    return pairs;
  }
}
