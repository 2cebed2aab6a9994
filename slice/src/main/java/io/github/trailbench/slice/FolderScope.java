package io.github.trailbench.slice;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which folders of a CloudTrail tree a filter can need, read from the filter: the accounts,
 * regions and days its every match must have. Partition pruning skips the other
 * {@code AWSLogs/[o-…/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>} folders without listing
 * them. Derived conservatively: NOT never prunes, OR prunes only to the union of its parts,
 * and days keep one day of slack on both sides (CloudTrail files an event under the day it
 * delivers it, minutes after the call, and a delivery period can straddle midnight).
 *
 * @param accounts every clause must be matched by one of its patterns (lower-cased); empty: any account
 * @param regions the same for the region folder
 * @param from first day an event can have (null: no bound)
 * @param to last day an event can have (null: no bound)
 */
public record FolderScope(List<List<Pattern>> accounts, List<List<Pattern>> regions, LocalDate from, LocalDate to)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int SLACK_DAYS = 1;

  public FolderScope {
    accounts = List.copyOf(accounts);
    regions = List.copyOf(regions);
  }

  static FolderScope any() {
    return new FolderScope(List.of(), List.of(), null, null);
  }

  /** The folders {@code filter} can need. */
  public static FolderScope of(Expr filter) {
    if (filter instanceof Expr.Term t && !t.wildcard() && t.field() == Field.ACCOUNT) {
      return new FolderScope(List.of(List.of(exact(t.value()))), List.of(), null, null);
    } else if (filter instanceof Expr.Term t && t.wildcard() && t.field() == Field.ACCOUNT) {
      return new FolderScope(List.of(List.of(SliceFilter.glob(t.value(), true, false, true))), List.of(), null, null);
    } else if (filter instanceof Expr.Term t && !t.wildcard() && t.field() == Field.REGION) {
      return new FolderScope(List.of(), List.of(List.of(exact(t.value()))), null, null);
    } else if (filter instanceof Expr.Term t && t.wildcard() && t.field() == Field.REGION) {
      return new FolderScope(List.of(), List.of(List.of(SliceFilter.glob(t.value(), true, false, true))), null, null);
    } else if (filter instanceof Expr.TimeCompare t) {
      LocalDate day = t.time().atOffset(ZoneOffset.UTC).toLocalDate();
      return switch (t.op()) {
        case GE, GT -> new FolderScope(List.of(), List.of(), day, null);
        case LE, LT -> new FolderScope(List.of(), List.of(), null, day);
        case EQ -> new FolderScope(List.of(), List.of(), day, day);
      };
    } else if (filter instanceof Expr.And a) {
      FolderScope out = any();
      for (Expr p : a.parts()) {
        out = out.and(of(p));
      }
      return out;
    } else if (filter instanceof Expr.Or o) {
      FolderScope out = null;
      for (Expr p : o.parts()) {
        out = out == null ? of(p) : out.or(of(p));
      }
      return out == null ? any() : out;
    }
    return any();
  }

  private static Pattern exact(String value) {
    return SliceFilter.glob(value, false, false, true);
  }

  private FolderScope and(FolderScope o) {
    List<List<Pattern>> acc = new ArrayList<>(accounts);
    acc.addAll(o.accounts);
    List<List<Pattern>> reg = new ArrayList<>(regions);
    reg.addAll(o.regions);
    LocalDate f = from == null ? o.from : o.from == null ? from : (from.isAfter(o.from) ? from : o.from);
    LocalDate t = to == null ? o.to : o.to == null ? to : (to.isBefore(o.to) ? to : o.to);
    return new FolderScope(acc, reg, f, t);
  }

  private FolderScope or(FolderScope o) {
    LocalDate f = from == null || o.from == null ? null : (from.isBefore(o.from) ? from : o.from);
    LocalDate t = to == null || o.to == null ? null : (to.isAfter(o.to) ? to : o.to);
    return new FolderScope(union(accounts, o.accounts), union(regions, o.regions), f, t);
  }

  /** Either side's condition implies one of all their patterns: a single, wider clause. */
  private static List<List<Pattern>> union(List<List<Pattern>> a, List<List<Pattern>> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return List.of();
    }
    List<Pattern> all = new ArrayList<>();
    a.forEach(all::addAll);
    b.forEach(all::addAll);
    return List.of(all);
  }

  boolean account(String folder) {
    return matches(accounts, folder);
  }

  boolean region(String folder) {
    return matches(regions, folder);
  }

  /** Whether a day folder can hold a matching event (with the slack). */
  boolean day(LocalDate day) {
    return (from == null || !day.isBefore(from.minusDays(SLACK_DAYS)))
        && (to == null || !day.isAfter(to.plusDays(SLACK_DAYS)));
  }

  /** Whether any day of the year (month: {@code month > 0}) can hold a matching event. */
  boolean period(int year, int month) {
    LocalDate first = LocalDate.of(year, month > 0 ? month : 1, 1);
    LocalDate last = month > 0 ? first.plusMonths(1).minusDays(1) : LocalDate.of(year, 12, 31);
    return (from == null || !last.isBefore(from.minusDays(SLACK_DAYS)))
        && (to == null || !first.isAfter(to.plusDays(SLACK_DAYS)));
  }

  private static boolean matches(List<List<Pattern>> clauses, String folder) {
    String f = folder.toLowerCase(Locale.ROOT);
    for (List<Pattern> clause : clauses) {
      if (clause.stream().noneMatch(p -> p.matcher(f).matches())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the scope prunes anything at all. */
  public boolean prunes() {
    return !accounts.isEmpty() || !regions.isEmpty() || from != null || to != null;
  }

  /** For the manifest: the bounds in words. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!accounts.isEmpty()) {
      parts.add("accounts " + accounts.stream().map(c -> c.stream().map(Pattern::pattern).toList().toString()).toList());
    }
    if (!regions.isEmpty()) {
      parts.add("regions " + regions.stream().map(c -> c.stream().map(Pattern::pattern).toList().toString()).toList());
    }
    if (from != null || to != null) {
      parts.add("days " + (from == null ? "…" : from.minusDays(SLACK_DAYS)) + " to " + (to == null ? "…" : to.plusDays(SLACK_DAYS)));
    }
    return parts.isEmpty() ? "every folder" : String.join(", ", parts);
  }
}
