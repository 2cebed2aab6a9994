package io.github.trailbench.slice;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import io.github.trailbench.core.query.FilterParser;
import io.github.trailbench.core.query.FilterSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * The timeline's filter language ({@code core.query}) as a Spark column expression over the
 * columns of {@link EventRows}, with the timeline's meaning: text compares case-insensitively,
 * {@code *} and {@code ?} are wildcards, an unquoted principal without wildcards is found inside
 * the ARN, a bare word is contained in eventName, eventSource,
 * principal, ip, userAgent, accessKey or session (or equals the eventId), and NOT matches events
 * that have no value for the field. Every term is false, never null, where the field is absent,
 * so NOT cannot turn an unknown into a match or a miss.
 *
 * <p>Fields that need the case (IP enrichment, tags, replay verdicts over its IAM data) or the action catalog are refused: the
 * job never evaluates a wider filter than the one asked for.
 */
public final class SliceFilter {
  /** The columns a bare word is looked for in, as the timeline does. */
  private static final List<String> BARE_WORD_COLUMNS =
      List.of(EventRows.EVENT_NAME, EventRows.EVENT_SOURCE, EventRows.PRINCIPAL, EventRows.IP,
          EventRows.USER_AGENT, EventRows.ACCESS_KEY, EventRows.SESSION);

  private SliceFilter() {}

  /** A filter the job cannot evaluate as asked: the reason, and where in the filter text. */
  public static final class NotPushable extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;

    NotPushable(String reason, int position) {
      super(reason + " (at character " + (position + 1) + ")");
      this.position = position;
    }

    /** 0-based character offset in the filter text. */
    public int position() {
      return position;
    }
  }

  /** The parsed filter; blank text is every event. */
  public static Expr parse(String text) throws FilterSyntaxException, NotPushable {
    Expr e = FilterParser.parse(text);
    check(e);
    return e;
  }

  /** Refuses the fields the job cannot evaluate, naming the first one met. */
  static void check(Expr e) throws NotPushable {
    if (e instanceof Expr.And a) {
      for (Expr p : a.parts()) {
        check(p);
      }
    } else if (e instanceof Expr.Or o) {
      for (Expr p : o.parts()) {
        check(p);
      }
    } else if (e instanceof Expr.Not n) {
      check(n.inner());
    } else if (e instanceof Expr.Term t && t.field() != null) {
      String why = switch (t.field()) {
        case COUNTRY, ASN, AWS -> "needs the case's IP enrichment, which the slice job does not have";
        case TAG -> "reads tags an analyst put on events in a case, which a trail does not hold";
        case ACTION, RESOURCE -> "is derived from the action catalog at import time, which the slice job does not carry";
        case ON_BEHALF_OF -> "is kept at import time, not among the columns the slice job reads";
        case VERDICT -> "replays each event through the policy engine over the case's IAM data, which the slice job does not have";
        default -> null;
      };
      if (why != null) {
        throw new NotPushable("the slice job cannot evaluate '" + t.field().key() + ":': it " + why
            + "; slice with the other fields and filter on it after importing the slice", t.position());
      }
    }
  }

  /** The column expression of a checked filter (see {@link #parse}); never null-valued. */
  public static Column toColumn(Expr e) {
    if (e instanceof Expr.All) {
      return lit(true);
    } else if (e instanceof Expr.And a) {
      Column out = null;
      for (Expr p : a.parts()) {
        out = out == null ? toColumn(p) : out.and(toColumn(p));
      }
      return out == null ? lit(true) : out;
    } else if (e instanceof Expr.Or o) {
      Column out = null;
      for (Expr p : o.parts()) {
        out = out == null ? toColumn(p) : out.or(toColumn(p));
      }
      return out == null ? lit(false) : out;
    } else if (e instanceof Expr.Not n) {
      return not(toColumn(n.inner()));
    } else if (e instanceof Expr.TimeCompare t) {
      Column time = col(EventRows.TIME_MS);
      // times are whole milliseconds: a bound below the millisecond lies between two (as the desktop's)
      Column c = switch (t.op()) {
        case LT -> time.lt(t.ceilMillis());
        case LE -> time.leq(t.floorMillis());
        case GT -> time.gt(t.floorMillis());
        case GE -> time.geq(t.ceilMillis());
        case EQ -> t.betweenMillis() ? lit(false) : time.equalTo(t.floorMillis());
      };
      return known(c);
    } else if (e instanceof Expr.Term t) {
      return known(term(t));
    }
    throw new IllegalArgumentException("unknown filter node " + e);
  }

  private static Column term(Expr.Term t) {
    if (t.field() == null) {
      // an event id is compared without case, as on the desktop
      Column out = lower(col(EventRows.EVENT_ID)).equalTo(t.value().toLowerCase(Locale.ROOT));
      Pattern contained = glob(t.value(), t.wildcard(), true, true);
      for (String c : BARE_WORD_COLUMNS) {
        out = out.or(known(lower(col(c)).rlike(contained.pattern())));
      }
      return out;
    }
    return switch (t.field()) {
      case ERROR -> {
        if (!t.wildcard() && t.value().equalsIgnoreCase("none")) {
          yield col(EventRows.ERROR_CODE).isNull();
        } else if (t.wildcard() && t.value().equals("*")) {
          yield col(EventRows.ERROR_CODE).isNotNull();
        }
        yield text(EventRows.ERROR_CODE, t);
      }
      case READ_ONLY -> col(EventRows.READ_ONLY).equalTo(Boolean.parseBoolean(t.value()));
      case EVENT_ID -> text(EventRows.EVENT_ID, t);
      case EVENT_NAME -> text(EventRows.EVENT_NAME, t);
      case EVENT_SOURCE -> text(EventRows.EVENT_SOURCE, t);
      case PRINCIPAL -> t.roleSessions() == null ? text(EventRows.PRINCIPAL, t)
          : text(EventRows.PRINCIPAL, t).or(text(EventRows.PRINCIPAL, t.roleSessions()));
      case ACCESS_KEY -> text(EventRows.ACCESS_KEY, t);
      case SESSION -> text(EventRows.SESSION, t);
      case IP -> text(EventRows.IP, t);
      case REGION -> text(EventRows.REGION, t);
      case USER_AGENT -> text(EventRows.USER_AGENT, t);
      case IDENTITY_TYPE -> text(EventRows.IDENTITY_TYPE, t);
      case EVENT_TYPE -> text(EventRows.EVENT_TYPE, t);
      case ACCOUNT -> text(EventRows.ACCOUNT, t);
      case TIME, COUNTRY, ASN, AWS, TAG, ACTION, RESOURCE, VERDICT, ON_BEHALF_OF ->
          throw new IllegalArgumentException("not a pushable term: " + t.field().key());
    };
  }

  /**
   * Equality, a whole-string wildcard match, or (principal without wildcards or quotes) the value
   * anywhere in the text, on the lower-cased column.
   */
  private static Column text(String column, Expr.Term t) {
    if (t.contained()) {
      return lower(col(column)).rlike(glob(t.value(), false, true, true).pattern());
    }
    if (!t.wildcard()) {
      return lower(col(column)).equalTo(t.value().toLowerCase(Locale.ROOT));
    }
    return lower(col(column)).rlike(glob(t.value(), true, false, true).pattern());
  }

  /** A comparison with an absent value is false, not unknown. */
  private static Column known(Column c) {
    return coalesce(c, lit(false));
  }

  /**
   * {@code *} and {@code ?} (when wildcard) as an anchored pattern for {@code rlike} (which finds,
   * so the pattern anchors itself); contains adds {@code .*} at both ends.
   */
  static Pattern glob(String value, boolean wildcard, boolean contains, boolean lower) {
    return Pattern.compile("(?s)^" + io.github.trailbench.core.query.ValuePattern.regex(value, wildcard, contains, lower) + "\\z");
  }

  /** The field names the job refuses, for the launcher's help. */
  static List<String> refusedFields() {
    return List.of(Field.COUNTRY.key(), Field.ASN.key(), Field.AWS.key(), Field.TAG.key(),
        Field.ACTION.key(), Field.RESOURCE.key(), Field.VERDICT.key(), Field.ON_BEHALF_OF.key());
  }
}
