package io.github.trailbench.core.findings;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-sentence summary of a finding, from the rule's {@code summary} template. Placeholders:
 * {@code {principal}}, {@code {account}}, {@code {count}}, {@code {events}}, {@code {when}},
 * {@code {first}}, {@code {last}}, {@code {ips}}, {@code {regions}}, {@code {keys}}, {@code {done}} (calls that
 * succeeded, when some did),
 * {@code {detail}}, {@code {title}} and {@code {field:NAME}} (the distinct values of a field
 * among the evidence events, e.g. {@code {field:requestParameters.userName}}; alternatives
 * separated by {@code |} take the first field present) and {@code {either:DONE|TRIED}} (DONE, or TRIED when every
 * call of the finding failed: "opened" / "tried to open").
 */
final class SummaryTemplate {
  static final String DEFAULT = "{principal} made {count} call(s) matching \"{title}\" ({events}) {when} from {ips}.";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(field:[^}]+|either:[^}|]*\\|[^}]*|[a-zA-Z]+)}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final String template;
  final List<List<FieldPath>> refs = new ArrayList<>();

  SummaryTemplate(String template) {
    this.template = template == null ? DEFAULT : template;
    Matcher m = PLACEHOLDER.matcher(this.template);
    while (m.find()) {
      String p = m.group(1);
      if (p.startsWith("field:")) {
        List<FieldPath> alternatives = new ArrayList<>();
        for (String name : p.substring("field:".length()).split("\\|")) {
          alternatives.add(FieldPath.parse(name.trim()));
        }
        refs.add(alternatives);
      }
    }
  }

  String[] refValues(EventView v) {
    String[] out = new String[refs.size()];
    for (int i = 0; i < out.length; i++) {
      for (FieldPath f : refs.get(i)) {
        out[i] = f.value(v);
        if (out[i] != null && !out[i].isEmpty()) {
          break;
        }
      }
    }
    return out;
  }

  /** The summary; {@code attempted}: every call of the finding failed (the TRIED form of {@code {either:…}}). */
  String render(Rule rule, Group g, boolean attempted) {
    return render(rule, g, attempted, false);
  }

  /**
   * As {@link #render(Rule, Group, boolean)}; {@code ofSuccesses}: {@code {done}} counts the calls that succeeded and
   * {@code {field:…}} and {@code {regions}} name the values of those calls, the values only refused calls carried
   * following as "(refused: …)".
   */
  String render(Rule rule, Group g, boolean attempted, boolean ofSuccesses) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    int ref = 0;
    while (m.find()) {
      String p = m.group(1);
      String value;
      if (p.startsWith("field:")) {
        int i = ref++;
        value = ofSuccesses ? succeededValues(g, i) : list(g.refValues.get(i), "(none)");
      } else if (p.startsWith("either:")) {
        String[] forms = p.substring("either:".length()).split("\\|", 2);
        value = attempted ? forms[1] : forms[0];
      } else {
        value = switch (p) {
          case "principal", "principals" -> list(g.principals, "an unknown principal");
          case "account", "accounts" -> list(g.accounts, "an unknown account");
          case "count" -> Long.toString(g.count);
          case "done" -> Long.toString(ofSuccesses ? g.succeeded : g.count);
          case "events" -> list(g.eventNames, "no events");
          case "when" -> when(g.first, g.last);
          case "first" -> time(g.first);
          case "last" -> time(g.last);
          case "ips" -> list(g.ips, "an unknown address");
          case "regions" -> ofSuccesses ? succeededValues(g.succeededRegions, g.regions) : list(g.regions, "no region");
          case "keys" -> list(g.keys, "no access key");
          case "detail", "new" -> list(g.details, "");
          case "title" -> rule.title();
          default -> m.group(0);
        };
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String succeededValues(Group g, int i) {
    return succeededValues(g.succeededRefValues.get(i), g.refValues.get(i));
  }

  /** The values of the calls that succeeded, then those only refused calls carried as "(refused: …)". */
  private static String succeededValues(java.util.Set<String> done, java.util.Set<String> all) {
    List<String> refused = all.stream().filter(v -> !done.contains(v)).toList();
    return list(done, "(none)") + (refused.isEmpty() ? "" : " (refused: " + list(refused, "") + ")");
  }

  static String when(Instant first, Instant last) {
    if (first == null) {
      return "at an unknown time";
    }
    if (last == null || first.equals(last)) {
      return "at " + time(first);
    }
    return "between " + time(first) + " and " + time(last);
  }

  static String time(Instant t) {
    return t == null ? "an unknown time" : TIME.format(t);
  }

  static String list(Collection<String> values, String none) {
    if (values.isEmpty()) {
      return none;
    }
    List<String> items = new ArrayList<>(values);
    int shown = Math.min(3, items.size());
    String head = String.join(", ", items.subList(0, shown));
    return items.size() > shown ? head + " and " + (items.size() - shown) + " more" : head;
  }
}
