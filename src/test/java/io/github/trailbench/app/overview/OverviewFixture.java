package io.github.trailbench.app.overview;

import io.github.trailbench.app.workspace.CaseWorkspace.CaseException;
import io.github.trailbench.core.overview.OrgOverview;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A small organization overview: two accounts, three principals, one of them already in the case. */
final class OverviewFixture implements OverviewService {
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String AUDITOR = "arn:aws:sts::444455556666:assumed-role/Auditor/s1";
  static final String PROD = "111122223333";
  static final String AUDIT = "444455556666";

  OrgOverview kept;
  Path keptFrom;

  OverviewFixture(boolean withOverview) {
    kept = withOverview ? overview() : null;
  }

  static String line(String day, String account, String principal, String error, long count) {
    return "{\"day\":\"" + day + "\",\"account\":\"" + account + "\",\"principal\":\"" + principal
        + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"errorCode\":"
        + (error == null ? "null" : "\"" + error + "\"") + ",\"count\":" + count + "}\n";
  }

  static OrgOverview overview() {
    String text = "{\"trailbench\":\"slice-overview/v1\",\"input\":\"s3a://org-trail/AWSLogs/o-a1b2c3/\",\"filter\":\"\"}\n"
        + line("2026-10-01", PROD, CI, null, 40) + line("2026-10-03", PROD, CI, "AccessDenied", 3)
        + line("2026-10-02", PROD, ALICE, null, 12) + line("2026-10-02", AUDIT, AUDITOR, null, 90)
        + line("2026-10-04", AUDIT, CI, null, 7);
    try {
      return OrgOverview.read("overview.jsonl", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public Optional<OrgOverview> load() {
    return Optional.ofNullable(kept);
  }

  @Override
  public OrgOverview keep(Path file) throws CaseException {
    if (file.toString().endsWith("bad.jsonl")) {
      throw new CaseException(file + " at line 2: \"count\" must be a whole number of 0 or more", null);
    }
    keptFrom = file;
    kept = overview();
    return kept;
  }

  @Override
  public Map<String, Long> caseEventsByPrincipal() {
    return Map.of(CI, 214L);
  }
}
