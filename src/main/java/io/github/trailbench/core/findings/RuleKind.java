package io.github.trailbench.core.findings;

import java.time.Duration;
import java.util.List;

/**
 * How a rule turns matching events into findings. A closed set: {@link Match} (stateless),
 * {@link Burst}, {@link FirstSeen} and {@link Sequence} (stateful; their state is bounded by the
 * number of distinct keys — principals, access keys, regions — never by the number of events).
 * Field lists hold field names as in rule files (see docs/detections.md).
 */
public sealed interface RuleKind permits RuleKind.Match, RuleKind.Burst, RuleKind.FirstSeen, RuleKind.Sequence, RuleKind.Spike {

  /** The name used in rule files. */
  String code();

  /** Every event matching the rule's selection is evidence. */
  record Match() implements RuleKind {
    @Override
    public String code() {
      return "match";
    }
  }

  /**
   * At least {@code threshold} matching events with the same {@code by} values within
   * {@code window}; all events of such a burst are evidence.
   */
  record Burst(int threshold, Duration window, List<String> by) implements RuleKind {
    public Burst {
      by = List.copyOf(by);
    }

    @Override
    public String code() {
      return "burst";
    }
  }

  /**
   * A matching event carrying a value of one of the {@code of} fields never seen before for the
   * same {@code key}. Events before {@code learningPeriod} has passed since the first event of
   * the run only learn; with {@code firstObservationLearns}, so does the first event of each key
   * (there is no history to compare it with). When {@code alertWhen} is given, only events that
   * also match it can raise a finding (all matching events are learned).
   */
  record FirstSeen(
      List<String> key, List<String> of, Duration learningPeriod, boolean firstObservationLearns,
      Selector alertWhen)
      implements RuleKind {
    public FirstSeen {
      key = List.copyOf(key);
      of = List.copyOf(of);
    }

    @Override
    public String code() {
      return "firstSeen";
    }
  }

  /**
   * An event matching {@code first} followed, within {@code within} and with the same {@code by}
   * values, by at least {@code minThen} events matching {@code then} — or, with {@code thenAll}
   * (and {@code then} null), by at least one event matching each of those selections, in any
   * order. With {@code firstUnseen}, the first event's values of those fields must be new for
   * its {@code by} key (never seen on an earlier matching event); with {@code sameValues}, the
   * later events must share those values with the first one.
   */
  record Sequence(
      Selector first, Selector then, Duration within, List<String> by, int minThen, List<String> firstUnseen,
      List<String> sameValues, List<Selector> thenAll)
      implements RuleKind {
    public Sequence {
      by = List.copyOf(by);
      firstUnseen = List.copyOf(firstUnseen);
      sameValues = List.copyOf(sameValues);
      thenAll = thenAll == null ? List.of() : List.copyOf(thenAll);
      if ((then == null) == thenAll.isEmpty()) {
        throw new IllegalArgumentException("a sequence needs either then or thenAll");
      }
    }

    @Override
    public String code() {
      return "sequence";
    }
  }

  /**
   * Far more matching events than usual in one {@code window} (fixed windows from the epoch, e.g.
   * each UTC hour) for the same {@code by} values: at least {@code minimum}, and at least
   * {@code factor} times the most that key had in any earlier window. Every event of such a
   * window is evidence. The baseline is the key's own history in the case.
   */
  record Spike(Duration window, List<String> by, int minimum, int factor) implements RuleKind {
    public Spike {
      by = List.copyOf(by);
    }

    @Override
    public String code() {
      return "spike";
    }
  }
}
