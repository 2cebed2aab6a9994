package io.github.trailbench.core.query;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Filters written back as text, and the single conditions a filter is made of. */
public final class FilterText {
  private FilterText() {}

  /**
   * The conditions ({@link Expr.Term}, {@link Expr.TimeCompare}) an event must or may meet to
   * match, left to right; those under {@code NOT} are left out (their absence is what matches).
   */
  public static List<Expr> conditions(Expr e) {
    List<Expr> out = new ArrayList<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, List<Expr> out) {
    if (e instanceof Expr.And a) {
      a.parts().forEach(p -> collect(p, out));
    } else if (e instanceof Expr.Or o) {
      o.parts().forEach(p -> collect(p, out));
    } else if (e instanceof Expr.Term || e instanceof Expr.TimeCompare) {
      out.add(e);
    }
  }

  /** One condition as the filter language writes it (parses back to an equal condition, but for positions). */
  public static String write(Expr condition) {
    if (condition instanceof Expr.TimeCompare t) {
      return "time" + t.op().symbol() + DateTimeFormatter.ISO_INSTANT.format(t.time());
    }
    if (condition instanceof Expr.Term t) {
      String value = !t.quoted() ? t.value() : t.wildcard() ? FilterCompletion.quotedPattern(t.value()) : FilterCompletion.quoted(t.value());
      return t.field() == null ? value : t.field().key() + ":" + value;
    }
    throw new IllegalArgumentException("not a single condition: " + condition);
  }
}
