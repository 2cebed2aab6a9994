package io.github.trailbench.report;

import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.IncidentStory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Logged values as the PDF shows them, so that a value cannot pass for something else on the page:
 * a line break inside a value (a user name {@code "bob\narn:aws:iam::1:root"}) is shown as
 * {@code <U+000A>} instead of starting a line that reads as another principal, and a character
 * outside ASCII in an IAM or STS ARN (IAM names are ASCII only, so it can only be a look-alike such
 * as Cyrillic {@code а} in {@code аdmin}) is shown as {@code <U+0430>}. The analyst's own notes and
 * the rules' descriptions keep their line breaks.
 */
final class ShownText {
  private ShownText() {}

  /** A finding with its logged values shown as {@link ShownText} says; itself when nothing changes. */
  static Finding finding(Finding f) {
    Map<String, String> renamed = new LinkedHashMap<>();
    List<Evidence> evidence = new ArrayList<>(f.evidence().size());
    boolean changed = false;
    for (Evidence e : f.evidence()) {
      Evidence shown = evidence(e, renamed);
      changed |= shown != e;
      evidence.add(shown);
    }
    String title = inText(f.title(), renamed, true);
    // an analyst's own finding keeps the line breaks its author wrote
    String summary = inText(f.summary(), renamed, !Finding.MANUAL.equals(f.ruleId()));
    if (!changed && title.equals(f.title()) && summary.equals(f.summary())) {
      return f;
    }
    return new Finding(f.id(), f.ruleId(), title, f.severity(), f.status(), summary, f.description(), f.notes(), evidence,
        f.eventCount(), f.firstEventTime(), f.lastEventTime(), f.createdAt(), f.references(), f.pack());
  }

  private static Evidence evidence(Evidence e, Map<String, String> renamed) {
    if (e instanceof Evidence.Event ev) {
      Evidence.Event shown = new Evidence.Event(value(ev.eventId()), value(ev.accountId()), ev.time(), value(ev.eventSource()),
          value(ev.eventName()), value(ev.region()), principal(ev.principal(), renamed), value(ev.accessKeyId()),
          value(ev.sourceIp()), value(ev.userAgent()), value(ev.outcome()), value(ev.resource()));
      return shown.equals(ev) ? e : shown;
    }
    if (e instanceof Evidence.Principal p) {
      String arn = principal(p.arn(), renamed);
      return arn.equals(p.arn()) ? e : new Evidence.Principal(arn);
    }
    if (e instanceof Evidence.AccessKey k) {
      String key = value(k.accessKeyId());
      return key.equals(k.accessKeyId()) ? e : new Evidence.AccessKey(key);
    }
    if (e instanceof Evidence.Session s) {
      String label = principal(s.label(), renamed);
      return label.equals(s.label()) ? e : new Evidence.Session(s.sessionId(), label);
    }
    return e;
  }

  /** Generated text (a title, a summary) with the principals it quotes replaced by their shown form. */
  private static String inText(String text, Map<String, String> renamed, boolean oneLine) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Map.Entry<String, String> r : renamed.entrySet()) {
      out = out.replace(r.getKey(), r.getValue());
      String shortRaw = IncidentStory.shortPrincipal(r.getKey());
      if (!shortRaw.isEmpty()) {
        out = out.replace(shortRaw, IncidentStory.shortPrincipal(r.getValue()));
      }
    }
    return oneLine ? value(out) : out;
  }

  private static String principal(String arn, Map<String, String> renamed) {
    if (arn == null) {
      return null;
    }
    String shown = value(arn);
    if (isIamArn(arn)) {
      StringBuilder b = new StringBuilder(shown.length());
      shown.codePoints().forEach(cp -> {
        if (cp > 0x7e) {
          b.append(String.format("<U+%04X>", cp));
        } else {
          b.appendCodePoint(cp);
        }
      });
      shown = b.toString();
    }
    if (!shown.equals(arn)) {
      renamed.put(arn, shown);
    }
    return shown;
  }

  private static boolean isIamArn(String s) {
    return s.startsWith("arn:") && (s.contains(":iam::") || s.contains(":sts::"));
  }

  /** A value on one line: CR, LF and the other line breaks shown as {@code <U+000A>} and the like. */
  static String value(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean lineBreak = c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x85 || c == 0x2028 || c == 0x2029;
      if (lineBreak && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (lineBreak) {
          b.append(String.format("<U+%04X>", (int) c));
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }
}
