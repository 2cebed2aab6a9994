package io.github.trailbench.core.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.SourceFormatException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgOverviewTest {
  static final String HEADER = "{\"trailbench\":\"slice-overview/v1\",\"input\":\"s3a://t/AWSLogs/\",\"filter\":\"\"}\n";

  static OrgOverview read(String text) throws SourceFormatException {
    return OrgOverview.read("o.jsonl", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String line(String day, String account, String principal, long count) {
    return "{\"day\":\"" + day + "\",\"account\":\"" + account + "\",\"principal\":"
        + (principal == null ? "null" : "\"" + principal + "\"")
        + ",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"errorCode\":null,\"count\":" + count + "}\n";
  }

  @Test
  void principalsAreRankedByEventsWithTheirAccountsAndActiveDays() throws Exception {
    OrgOverview o = read(HEADER + line("2026-10-04", "111122223333", "arn:aws:iam::111122223333:user/bob", 5)
        + line("2026-10-01", "444455556666", "arn:aws:iam::111122223333:user/bob", 5)
        + line("2026-10-02", "111122223333", "arn:aws:iam::111122223333:user/alice", 9)
        + line("2026-10-02", "111122223333", null, 100));

    assertThat(o.events()).isEqualTo(119);
    assertThat(o.byAccount()).extracting(e -> e.getKey() + "=" + e.getValue())
        .containsExactly("111122223333=114", "444455556666=5");
    List<OrgOverview.PrincipalActivity> top = o.topPrincipals(5);
    assertThat(top).extracting(OrgOverview.PrincipalActivity::principal)
        .containsExactly("arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:user/alice");
    assertThat(top.get(0).accounts()).containsExactly("111122223333", "444455556666");
    assertThat(top.get(0).first()).isEqualTo(LocalDate.of(2026, 10, 1));
    assertThat(top.get(0).last()).isEqualTo(LocalDate.of(2026, 10, 4));
    assertThat(o.topPrincipals(1)).hasSize(1);
  }

  static String failed(String day, String account, String principal, long count) {
    return line(day, account, principal, count).replace("\"errorCode\":null", "\"errorCode\":\"AccessDenied\"");
  }

  @Test
  void accountsCountEventsFailuresAndDistinctPrincipalsMostEventsFirst() throws Exception {
    OrgOverview o = read(HEADER + line("2026-10-01", "111122223333", "arn:aws:iam::111122223333:user/bob", 5)
        + failed("2026-10-03", "111122223333", "arn:aws:iam::111122223333:user/bob", 2)
        + line("2026-10-02", "111122223333", "arn:aws:iam::111122223333:user/alice", 1)
        + line("2026-10-02", "444455556666", "arn:aws:iam::111122223333:user/bob", 20));

    assertThat(o.accounts()).containsExactly(
        new OrgOverview.AccountActivity("444455556666", 20, 0, 1, LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 2)),
        new OrgOverview.AccountActivity("111122223333", 8, 2, 2, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 3)));
  }

  @Test
  void principalsOfOneAccountCountOnlyThatAccountsEvents() throws Exception {
    OrgOverview o = read(HEADER + line("2026-10-01", "111122223333", "arn:aws:iam::111122223333:user/bob", 5)
        + failed("2026-10-03", "111122223333", "arn:aws:iam::111122223333:user/bob", 2)
        + line("2026-10-02", "111122223333", "arn:aws:iam::111122223333:user/alice", 9)
        + line("2026-10-09", "444455556666", "arn:aws:iam::111122223333:user/bob", 20));

    List<OrgOverview.PrincipalActivity> inFirst = o.principals("111122223333");
    assertThat(inFirst).extracting(OrgOverview.PrincipalActivity::principal)
        .containsExactly("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob");
    OrgOverview.PrincipalActivity bob = inFirst.get(1);
    assertThat(bob.events()).isEqualTo(7);
    assertThat(bob.failed()).isEqualTo(2);
    assertThat(bob.last()).isEqualTo(LocalDate.of(2026, 10, 3));
    assertThat(o.principals(null).get(0).events()).isEqualTo(27);
    assertThat(o.perDay("111122223333", "arn:aws:iam::111122223333:user/bob"))
        .containsExactly(java.util.Map.entry(LocalDate.of(2026, 10, 1), 5L), java.util.Map.entry(LocalDate.of(2026, 10, 3), 2L));
    assertThat(o.perDay(null, null)).hasSize(4).containsEntry(LocalDate.of(2026, 10, 9), 20L);
  }

  @Test
  void thePullCommandQuotesTheFilterForAPosixShell() throws Exception {
    OrgOverview o = read(HEADER + line("2026-10-01", "1", "arn:aws:iam::1:user/o'brien", 1));
    assertThat(o.pullCommand(o.topPrincipals(1).get(0))).isEqualTo(
        "slice/run-local.sh --input s3a://t/AWSLogs/ --filter 'principal:\"arn:aws:iam::1:user/o'\\''brien\" AND time>=2026-10-01"
            + " AND time<2026-10-02' --out SLICE_DIR");
  }

  @Test
  void thePullFilterIsTheQuotedArnOverTheActiveDaysInclusive() {
    OrgOverview.PrincipalActivity p = new OrgOverview.PrincipalActivity("arn:aws:iam::1:user/b\"ob", 3, 0, List.of("1"),
        LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 4));
    assertThat(OrgOverview.pullFilter(p)).isEqualTo("principal:\"arn:aws:iam::1:user/b\\\"ob\" AND time>=2026-10-01 AND time<2026-10-05");
  }

  @Test
  void aFileWithoutTheHeaderOrWithABadLineIsRefusedNamingTheLine() {
    assertThatThrownBy(() -> read(line("2026-10-01", "1", "p", 1)))
        .isInstanceOfSatisfying(SourceFormatException.class, e -> {
          assertThat(e.problem().position()).isEqualTo("line 1");
          assertThat(e.problem().reason()).contains("not a slice overview");
        });
    assertThatThrownBy(() -> read(HEADER + line("2026-10-01", "1", "p", 1) + line("yesterday", "1", "p", 1)))
        .isInstanceOfSatisfying(SourceFormatException.class, e -> {
          assertThat(e.problem().position()).isEqualTo("line 3");
          assertThat(e.problem().reason()).contains("\"day\" must be a date");
        });
    assertThatThrownBy(() -> read(HEADER + "{\"day\":\"2026-10-01\",\"count\":-1}\n"))
        .isInstanceOfSatisfying(SourceFormatException.class, e -> assertThat(e.problem().reason()).contains("\"count\""));
    assertThatThrownBy(() -> read(HEADER + "[1,2]\n"))
        .isInstanceOfSatisfying(SourceFormatException.class, e -> assertThat(e.problem().reason()).isEqualTo("not a JSON object"));
  }
}
