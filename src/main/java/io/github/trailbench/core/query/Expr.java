package io.github.trailbench.core.query;

import java.time.Instant;
import java.util.List;

/** The syntax tree of an event filter. */
public sealed interface Expr {

  /** Every event (the empty filter). */
  record All() implements Expr {}

  record And(List<Expr> parts) implements Expr {
    public And {
      parts = List.copyOf(parts);
    }
  }

  record Or(List<Expr> parts) implements Expr {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  record Not(Expr inner) implements Expr {}

  /**
   * {@code field:value}. {@code field} null means a bare word, matched against eventName,
   * eventSource, principal, ip, userAgent and eventId. When {@code wildcard} is true the value
   * holds {@code *} (any run) and {@code ?} (one character) wildcards, quoted or not; a quoted value
   * with an escaped {@code \*} or {@code \?} is literal.
   * For {@link Field#ERROR} the value {@code *} means "any error" and {@code none} "no error".
   *
   * A value without wildcards on a field that {@link Field#containsByDefault() contains by
   * default} (principal) is looked for inside the text unless it was quoted: {@code
   * principal:ci-deploy} finds {@code arn:aws:iam::111122223333:user/ci-deploy}, {@code
   * principal:"arn:…:user/bob"} is that ARN only (not {@code user/bob2}).
   *
   * @param position character offset of the term in the filter text
   * @param quoted whether the value was written in quotes
   */
  record Term(Field field, String value, boolean wildcard, int position, boolean quoted) implements Expr {
    /** An unquoted term (as built by code rather than parsed). */
    public Term(Field field, String value, boolean wildcard, int position) {
      this(field, value, wildcard, position, false);
    }

    /** Whether the value is matched inside the field's text rather than as all of it. */
    public boolean contained() {
      return field != null && field.containsByDefault() && !wildcard && !quoted;
    }

    /**
     * For {@code principal:} an IAM role's ARN: the term its sessions match, {@link #sessionsOfRole};
     * null for any other term. CloudTrail names the caller by the session's ARN, never the role's, so
     * the role's ARN alone would match none of its calls.
     */
    public Term roleSessions() {
      String pattern = field == Field.PRINCIPAL && !wildcard ? sessionsOfRole(value) : null;
      return pattern == null ? null : new Term(field, pattern, true, position, quoted);
    }

    private static final java.util.regex.Pattern ROLE_ARN =
        java.util.regex.Pattern.compile("arn:([a-z-]+):iam::(\\d{12}):role/(?:.*/)?([^/*?]+)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The principal pattern of a role's sessions: {@code arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/*}
     * for {@code arn:PARTITION:iam::ACCOUNT:role/PATH/NAME} (a session's ARN keeps the role's account and
     * name, not its path, so another account's role of the same name is not taken); null when the
     * value is not a role's ARN.
     */
    public static String sessionsOfRole(String roleArn) {
      java.util.regex.Matcher m = ROLE_ARN.matcher(roleArn);
      return m.matches() ? "arn:" + m.group(1) + ":sts::" + m.group(2) + ":assumed-role/" + m.group(3) + "/*" : null;
    }
  }

  /** {@code time>=2026-10-03T10:00Z} and friends. */
  record TimeCompare(Op op, Instant time, int position) implements Expr {
    /** The bound in whole milliseconds (event times are kept so), rounded down. */
    public long floorMillis() {
      return time.getEpochSecond() * 1000 + time.getNano() / 1_000_000;
    }

    /** The bound in whole milliseconds, rounded up: above {@link #floorMillis} when the bound lies between two. */
    public long ceilMillis() {
      return floorMillis() + (betweenMillis() ? 1 : 0);
    }

    /** Whether the bound is written below the millisecond, so no event time equals it. */
    public boolean betweenMillis() {
      return time.getNano() % 1_000_000 != 0;
    }
  }

  enum Op {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
