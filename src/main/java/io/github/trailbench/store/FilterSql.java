package io.github.trailbench.store;

import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles a filter AST to a parameterized SQL condition over {@code event e}. Values only
 * ever travel as parameters; the SQL text is built from fixed fragments. Text matching is
 * case-insensitive and runs over the term dictionary; events are then found by term id.
 */
final class FilterSql {
  /** A SQL condition and its parameters, in order. */
  record Sql(String where, List<Object> params) {}

  private static final Field[] BARE = {
    Field.EVENT_NAME, Field.EVENT_SOURCE, Field.PRINCIPAL, Field.IP, Field.USER_AGENT, Field.ACCESS_KEY, Field.SESSION
  };

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  private FilterSql() {}

  static Sql compile(Expr e) {
    FilterSql f = new FilterSql();
    f.expr(e);
    return new Sql(f.sql.toString(), List.copyOf(f.params));
  }

  private void expr(Expr e) {
    if (e instanceof Expr.All) {
      sql.append("TRUE");
    } else if (e instanceof Expr.And a) {
      join(a.parts(), " AND ");
    } else if (e instanceof Expr.Or o) {
      join(o.parts(), " OR ");
    } else if (e instanceof Expr.Not n) {
      // NULL-safe: "NOT error:AccessDenied" also matches events without an error
      sql.append("NOT COALESCE((");
      expr(n.inner());
      sql.append("), FALSE)");
    } else if (e instanceof Expr.TimeCompare t) {
      sql.append("e.event_time ").append(t.op().symbol()).append(" ?");
      params.add(t.time().toEpochMilli());
    } else if (e instanceof Expr.Term t) {
      term(t);
    } else {
      throw new IllegalArgumentException(String.valueOf(e));
    }
  }

  private void join(List<Expr> parts, String op) {
    sql.append('(');
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        sql.append(op);
      }
      expr(parts.get(i));
    }
    sql.append(')');
  }

  private void term(Expr.Term t) {
    if (t.field() == null) {
      sql.append('(');
      for (int i = 0; i < BARE.length; i++) {
        if (i > 0) {
          sql.append(" OR ");
        }
        inTerms(TermKind.of(BARE[i]), t.value(), t.wildcard(), true);
      }
      sql.append(" OR e.event_id = ?)");
      params.add(t.value());
      return;
    }
    switch (t.field()) {
      case ERROR -> {
        if (!t.wildcard() && t.value().equalsIgnoreCase("none")) {
          sql.append("e.error_code IS NULL");
        } else if (t.wildcard() && t.value().equals("*")) {
          // a range H2 reads through the (error_code, event_time) index; IS NOT NULL scans the table
          sql.append("e.error_code > 0");
        } else {
          inTerms(TermKind.ERROR_CODE, t.value(), t.wildcard(), false);
        }
      }
      case READ_ONLY -> {
        sql.append("e.read_only = ?");
        params.add(Boolean.parseBoolean(t.value()));
      }
      case EVENT_ID -> {
        if (t.wildcard()) {
          sql.append("e.event_id LIKE ? ESCAPE '\\'");
          params.add(like(t.value(), true, false, false));
        } else {
          sql.append("e.event_id = ?");
          params.add(t.value());
        }
      }
      case COUNTRY -> ipInfo("UPPER(i.country)", t.value().toUpperCase(Locale.ROOT), t.wildcard());
      case ASN -> {
        String v = t.value().trim();
        String digits = v.regionMatches(true, 0, "AS", 0, 2) ? v.substring(2) : v;
        if (!t.wildcard() && !digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 11) {
          sql.append("e.source_ip IN (SELECT i.term FROM ip_info i WHERE i.asn = ?)");
          params.add(Long.parseLong(digits));
        } else {
          // an organisation name: case-insensitive, contained unless wildcards say otherwise
          sql.append("e.source_ip IN (SELECT i.term FROM ip_info i WHERE LOWER(i.as_org) LIKE ? ESCAPE '\\')");
          params.add(like(v, t.wildcard(), !t.wildcard(), true));
        }
      }
      case AWS -> {
        sql.append("e.source_ip IN (SELECT i.term FROM ip_info i WHERE i.aws_owned = ?)");
        params.add(Boolean.parseBoolean(t.value()));
      }
      case TAG -> {
        sql.append("e.id IN (SELECT g.event_row FROM event_tag g WHERE LOWER(g.tag) ");
        if (t.wildcard()) {
          sql.append("LIKE ? ESCAPE '\\')");
          params.add(like(t.value(), true, false, true));
        } else {
          sql.append("= ?)");
          params.add(t.value().toLowerCase(Locale.ROOT));
        }
      }
      case TIME -> throw new IllegalArgumentException("time takes a comparison");
      default -> inTerms(TermKind.of(t.field()), t.value(), t.wildcard(), false);
    }
  }

  private void ipInfo(String column, String value, boolean wildcard) {
    sql.append("e.source_ip IN (SELECT i.term FROM ip_info i WHERE ").append(column);
    if (wildcard) {
      sql.append(" LIKE ? ESCAPE '\\')");
      params.add(like(value, true, false, false));
    } else {
      sql.append(" = ?)");
      params.add(value);
    }
  }

  /** Events whose term of {@code kind} matches; multi-valued kinds go through event_fact. */
  private void inTerms(TermKind kind, String value, boolean wildcard, boolean contains) {
    String lhs = kind.column != null ? "e." + kind.column : "e.id";
    sql.append(lhs).append(" IN (");
    if (kind.column == null) {
      sql.append("SELECT f.event_row FROM event_fact f WHERE f.term IN (");
    }
    sql.append("SELECT t.id FROM term t WHERE t.kind = ").append(kind.code).append(" AND t.text_lc ");
    if (wildcard || contains) {
      sql.append("LIKE ? ESCAPE '\\'");
      params.add(like(value, wildcard, contains, true));
    } else {
      sql.append("= ?");
      params.add(value.toLowerCase(Locale.ROOT));
    }
    sql.append(kind.column == null ? "))" : ")");
  }

  /** A LIKE pattern: * and ? become % and _ (when wildcard), other LIKE characters escaped. */
  static String like(String value, boolean wildcard, boolean contains, boolean lower) {
    StringBuilder like = new StringBuilder();
    if (contains) {
      like.append('%');
    }
    for (char c : (lower ? value.toLowerCase(Locale.ROOT) : value).toCharArray()) {
      if (c == '*' && wildcard) {
        like.append('%');
      } else if (c == '?' && wildcard) {
        like.append('_');
      } else if (c == '%' || c == '_' || c == '\\') {
        like.append('\\').append(c);
      } else {
        like.append(c);
      }
    }
    if (contains) {
      like.append('%');
    }
    return like.toString();
  }
}
