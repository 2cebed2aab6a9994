package io.github.trailbench.store;

import io.github.trailbench.core.findings.ContestedEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The records an import rejected because the case already held a record with their eventID (and
 * recipient account) that says something else: another copy of the same event whose error code,
 * event name or time differs. The case keeps the first copy; every answer built on that event
 * (a finding, an explanation) must say that another copy disagrees. Read from the import ledger's
 * rejected records, whose reason {@link #reason} writes and this class reads back.
 */
public final class ContestedCopies {
  private static final String IN_CASE = " is already in the case as a different record (";
  private static final String TAIL = "): the two copies disagree, the case keeps the first; compare the files";
  private static final Pattern REASON = Pattern.compile(
      "^eventID (.+?)(?: \\(account ([^)]*)\\))?" + Pattern.quote(IN_CASE) + "(.*)" + Pattern.quote(TAIL) + "$");

  private ContestedCopies() {}

  /**
   * The ledger's reason for a rejected conflicting copy. {@code differs} lists what differs, each
   * "FIELD VALUE here, VALUE in the case" ("here" is the rejected copy).
   */
  static String reason(String eventId, String accountId, List<String> differs) {
    return "eventID " + eventId + (accountId.isEmpty() ? "" : " (account " + accountId + ")") + IN_CASE
        + String.join("; ", differs) + TAIL;
  }

  /** The conflicting copy a rejected record's reason describes, or null when it is another kind of rejection. */
  static ContestedEvidence.Copy parse(String file, String position, String reason) {
    Matcher m = REASON.matcher(reason);
    if (!m.matches()) {
      return null;
    }
    String account = m.group(2) == null ? "" : m.group(2);
    List<String> differs = new ArrayList<>();
    for (String d : m.group(3).split("; ")) {
      // outside the ledger "here" would mean the reader's own screen: say which copy
      differs.add(d.replace(" here, ", " in that copy, "));
    }
    return new ContestedEvidence.Copy(m.group(1), account, file, position, differs);
  }

  /** Every conflicting copy the case's imports rejected, in file and record order. */
  public static ContestedEvidence of(CaseStore store) {
    List<ContestedEvidence.Copy> copies = new ArrayList<>();
    Jdbc.list(store, "the rejected conflicting copies",
        "SELECT f.path, r.position, r.reason FROM import_reject r JOIN source_file f ON f.id = r.file_id"
            + " WHERE r.reason LIKE 'eventID % is already in the case as a different record (%'"
            + " ORDER BY r.file_id, r.record_index",
        rs -> parse(rs.getString(1), rs.getString(2), rs.getString(3))).forEach(c -> {
          if (c != null) {
            copies.add(c);
          }
        });
    return new ContestedEvidence(copies);
  }
}
