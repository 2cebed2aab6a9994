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

  @Test
  void thePullFilterIsTheQuotedArnOverTheActiveDaysInclusive() {
    OrgOverview.PrincipalActivity p = new OrgOverview.PrincipalActivity("arn:aws:iam::1:user/b\"ob", 3, List.of("1"),
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
