package io.github.trailbench.store;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Evaluates a filter over the in-memory columns: the set of matching event indexes. Text
 * matching is case-insensitive and runs once per dictionary term; the pass over the events then
 * compares integers. {@code NOT} matches events that have no value for the field (as
 * "NOT error:AccessDenied" matches events without an error).
 */
final class FilterEval {
  /** What filters read besides the events: IP enrichment per address term, and tags per row. */
  /** {@code onBehalfOfKept}: whether every event was imported with its onBehalfOf (EventQueries.ON_BEHALF_OF_KEPT). */
  record Context(Map<Integer, IpFacts> ipByTerm, Map<Long, Set<String>> tagsByRow, boolean onBehalfOfKept) {}

  /** The enrichment fields filters ask about, for one address term. */
  record IpFacts(String country, Long asn, String asOrg, boolean awsOwned) {}

  private static final TermKind[] BARE = {
    TermKind.EVENT_NAME, TermKind.EVENT_SOURCE, TermKind.PRINCIPAL, TermKind.IP, TermKind.USER_AGENT,
    TermKind.ACCESS_KEY, TermKind.SESSION
  };

  private final EventColumns cols;
  private final java.util.function.Supplier<Context> context;
  /** The case's replay verdicts, asked for only by {@code verdict:} terms (computing them may take seconds). */
  private final java.util.function.Supplier<CaseVerdicts.Table> verdicts;

  FilterEval(EventColumns cols, java.util.function.Supplier<Context> context) {
    this(cols, context, () -> {
      throw new IllegalStateException("no replay verdicts here");
    });
  }

  FilterEval(EventColumns cols, java.util.function.Supplier<Context> context, java.util.function.Supplier<CaseVerdicts.Table> verdicts) {
    this.cols = cols;
    this.context = context;
    this.verdicts = verdicts;
  }

  BitSet eval(Expr e) {
    int n = cols.size;
    if (e instanceof Expr.All) {
      BitSet all = new BitSet(n);
      all.set(0, n);
      return all;
    } else if (e instanceof Expr.And a) {
      BitSet out = null;
      for (Expr p : a.parts()) {
        BitSet b = eval(p);
        if (out == null) {
          out = b;
        } else {
          out.and(b);
        }
      }
      return out == null ? eval(new Expr.All()) : out;
    } else if (e instanceof Expr.Or o) {
      BitSet out = new BitSet(n);
      for (Expr p : o.parts()) {
        out.or(eval(p));
      }
      return out;
    } else if (e instanceof Expr.Not not) {
      BitSet b = eval(not.inner());
      b.flip(0, n);
      return b;
    } else if (e instanceof Expr.TimeCompare t) {
      return time(t);
    } else if (e instanceof Expr.Term t) {
      return term(t);
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }

  private BitSet time(Expr.TimeCompare bound) {
    // the events in time order: the matches of a comparison are one run of that order. Times are
    // kept in whole milliseconds: a bound below the millisecond (02:59:59.750500) lies between two
    long floor = bound.floorMillis();
    long ceil = bound.ceilMillis();
    boolean between = bound.betweenMillis();
    int from;
    int to;
    switch (bound.op()) {
      case LT -> {
        from = 0;
        to = cols.lowerBound(ceil);
      }
      case LE -> {
        from = 0;
        to = cols.lowerBound(floor + 1);
      }
      case GT -> {
        from = cols.lowerBound(floor + 1);
        to = cols.size;
      }
      case GE -> {
        from = cols.lowerBound(ceil);
        to = cols.size;
      }
      default -> {
        from = cols.lowerBound(floor);
        to = between ? from : cols.lowerBound(floor + 1);
      }
    }
    BitSet out = new BitSet(cols.size);
    for (int k = from; k < to; k++) {
      out.set(cols.byTime[k]);
    }
    return out;
  }

  private BitSet term(Expr.Term t) {
    if (t.field() == null) {
      Predicate<String> p = textMatcher(t.value(), t.wildcard(), true);
      BitSet out = new BitSet(cols.size);
      for (TermKind k : BARE) {
        out.or(byTerm(k, cols.matchingTerms(k, p)));
      }
      out.or(eventIdEquals(t.value()));
      return out;
    }
    return switch (t.field()) {
      case ERROR -> {
        if (!t.wildcard() && t.value().equalsIgnoreCase("none")) {
          yield present(TermKind.ERROR_CODE, false);
        } else if (t.wildcard() && t.value().equals("*")) {
          yield present(TermKind.ERROR_CODE, true);
        }
        yield byTerm(TermKind.ERROR_CODE, cols.matchingTerms(TermKind.ERROR_CODE, textMatcher(t.value(), t.wildcard(), false)));
      }
      case READ_ONLY -> {
        byte want = Boolean.parseBoolean(t.value()) ? (byte) 2 : (byte) 1;
        BitSet out = new BitSet(cols.size);
        for (int i = 0; i < cols.size; i++) {
          if (cols.readOnly[i] == want) {
            out.set(i);
          }
        }
        yield out;
      }
      case EVENT_ID -> {
        if (!t.wildcard()) {
          yield eventIdEquals(t.value());
        }
        Pattern p = glob(t.value(), true, false, true);
        BitSet out = new BitSet(cols.size);
        for (int i = 0; i < cols.size; i++) {
          if (p.matcher(cols.eventId(i).toLowerCase(Locale.ROOT)).matches()) {
            out.set(i);
          }
        }
        yield out;
      }
      case COUNTRY -> {
        String v = t.value().toUpperCase(Locale.ROOT);
        Predicate<String> p = t.wildcard() ? glob(v, true, false, false).asMatchPredicate() : v::equals;
        yield byAddress(f -> f.country() != null && p.test(f.country().toUpperCase(Locale.ROOT)));
      }
      case ASN -> {
        String v = t.value().trim();
        String digits = v.regionMatches(true, 0, "AS", 0, 2) ? v.substring(2) : v;
        if (!t.wildcard() && !digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 11) {
          long asn = Long.parseLong(digits);
          yield byAddress(f -> f.asn() != null && f.asn() == asn);
        }
        // an organisation name: case-insensitive, contained unless wildcards say otherwise
        Pattern p = glob(v, t.wildcard(), !t.wildcard(), true);
        yield byAddress(f -> f.asOrg() != null && p.matcher(f.asOrg().toLowerCase(Locale.ROOT)).matches());
      }
      case AWS -> {
        boolean want = Boolean.parseBoolean(t.value());
        yield byAddress(f -> f.awsOwned() == want);
      }
      case TAG -> {
        String v = t.value().toLowerCase(Locale.ROOT);
        Predicate<String> p = t.wildcard() ? glob(v, true, false, false).asMatchPredicate() : v::equals;
        BitSet out = new BitSet(cols.size);
        for (Map.Entry<Long, Set<String>> e : context.get().tagsByRow().entrySet()) {
          int i = cols.indexOf(e.getKey());
          if (i >= 0 && e.getValue().stream().anyMatch(p)) {
            out.set(i);
          }
        }
        yield out;
      }
      case VERDICT -> {
        io.github.trailbench.core.correlate.ReplayVerdict want = verdictOf(t.value());
        CaseVerdicts.Table table = verdicts.get();
        BitSet out = new BitSet(cols.size);
        for (int i = 0; i < cols.size; i++) {
          if (table.verdictOf(cols.rowId[i]) == want) {
            out.set(i);
          }
        }
        yield out;
      }
      case ON_BEHALF_OF -> {
        if (cols.size > 0 && !context.get().onBehalfOfKept()) {
          throw new StoreException("'" + Field.ON_BEHALF_OF.key() + ":' cannot be answered on this case: its events were"
              + " imported by a Trailbench version that did not keep userIdentity.onBehalfOf; import the same files into"
              + " a new case to filter on it");
        }
        yield byTerm(TermKind.ON_BEHALF_OF, cols.matchingTerms(TermKind.ON_BEHALF_OF,
            textMatcher(t.value(), t.wildcard(), t.contained())));
      }
      case TIME -> throw new IllegalArgumentException("time takes a comparison");
      default -> {
        TermKind k = TermKind.of(t.field());
        Predicate<String> match = textMatcher(t.value(), t.wildcard(), t.contained());
        Expr.Term sessions = t.roleSessions();
        if (sessions != null) {
          match = match.or(textMatcher(sessions.value(), true, false));
        }
        yield byTerm(k, cols.matchingTerms(k, match));
      }
    };
  }

  /** The verdict a filter word names ({@code not-deniable} is {@code not deniable}). */
  static io.github.trailbench.core.correlate.ReplayVerdict verdictOf(String word) {
    for (io.github.trailbench.core.correlate.ReplayVerdict v : io.github.trailbench.core.correlate.ReplayVerdict.values()) {
      if (v.json().replace(' ', '-').equalsIgnoreCase(word)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a replay verdict: " + word);
  }

  private BitSet byAddress(Predicate<IpFacts> test) {
    boolean[] match = new boolean[cols.termText.length];
    for (Map.Entry<Integer, IpFacts> e : context.get().ipByTerm().entrySet()) {
      if (e.getKey() < match.length && test.test(e.getValue())) {
        match[e.getKey()] = true;
      }
    }
    return byTerm(TermKind.IP, match);
  }

  private BitSet present(TermKind kind, boolean present) {
    int[] col = cols.terms[kind.column];
    BitSet out = new BitSet(cols.size);
    for (int i = 0; i < cols.size; i++) {
      if ((col[i] != 0) == present) {
        out.set(i);
      }
    }
    return out;
  }

  /** Events whose term of {@code kind} is one of {@code match} (a table by term id). */
  private BitSet byTerm(TermKind kind, boolean[] match) {
    BitSet out = new BitSet(cols.size);
    boolean any = false;
    for (boolean m : match) {
      if (m) {
        any = true;
        break;
      }
    }
    if (!any) {
      return out;
    }
    int c = kind.column;
    if (c >= 0) {
      int[] col = cols.terms[c];
      for (int i = 0; i < cols.size; i++) {
        if (match[col[i]]) {
          out.set(i);
        }
      }
      return out;
    }
    int[] start = cols.factStart;
    int[] facts = cols.facts;
    for (int i = 0; i < cols.size; i++) {
      for (int j = start[i]; j < start[i + 1]; j++) {
        if (match[facts[j]]) {
          out.set(i);
          break;
        }
      }
    }
    return out;
  }

  private BitSet eventIdEquals(String id) {
    byte[] want = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    BitSet out = new BitSet(cols.size);
    byte[] ids = cols.idBytes;
    int[] start = cols.idStart;
    for (int i = 0; i < cols.size; i++) {
      if (start[i + 1] - start[i] == want.length && sameIgnoringAsciiCase(ids, start[i], want)) {
        out.set(i);
      }
    }
    return out;
  }

  /** Whether {@code ids[from..]} holds {@code want}, ASCII letters compared without case (event ids are written in either). */
  private static boolean sameIgnoringAsciiCase(byte[] ids, int from, byte[] want) {
    for (int k = 0; k < want.length; k++) {
      byte a = ids[from + k];
      byte b = want[k];
      if (a != b && (lowerAscii(a) != lowerAscii(b))) {
        return false;
      }
    }
    return true;
  }

  private static int lowerAscii(byte b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
  }

  /** Equality, or a wildcard / contains match, on a term's lower-cased text. */
  private static Predicate<String> textMatcher(String value, boolean wildcard, boolean contains) {
    if (!wildcard && !contains) {
      return value.toLowerCase(Locale.ROOT)::equals;
    }
    return glob(value, wildcard, contains, true).asMatchPredicate();
  }

  /** {@code *} and {@code ?} (when wildcard) as a whole-string pattern; contains adds {@code *} at both ends. */
  static Pattern glob(String value, boolean wildcard, boolean contains, boolean lower) {
    return Pattern.compile(io.github.trailbench.core.query.ValuePattern.regex(value, wildcard, contains, lower), Pattern.DOTALL);
  }

  /** Term ids of {@code kind} matching any of the wildcard patterns (case-insensitive). */
  boolean[] termsMatchingAny(TermKind kind, List<String> patterns) {
    boolean[] out = new boolean[cols.termText.length];
    for (String p : patterns) {
      boolean[] m = cols.matchingTerms(kind, textMatcher(p, true, false));
      for (int i = 0; i < m.length; i++) {
        out[i] |= m[i];
      }
    }
    return out;
  }
}
