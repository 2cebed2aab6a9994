package io.github.trailbench.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What partition pruning may skip: never a folder that can hold a match. */
class FolderScopeTest {
  static FolderScope scope(String filter) throws Exception {
    return FolderScope.of(SliceFilter.parse(filter));
  }

  @Test
  void andNarrowsEveryDimension() throws Exception {
    FolderScope s = scope("account:111122223333 AND region:eu-* AND time>=2026-10-05 AND time<2026-10-08T12:00Z");
    assertThat(s.account("111122223333")).isTrue();
    assertThat(s.account("444455556666")).isFalse();
    assertThat(s.region("EU-WEST-1")).isTrue();
    assertThat(s.region("us-east-1")).isFalse();
    assertThat(s.day(LocalDate.of(2026, 10, 4))).as("a day of slack before").isTrue();
    assertThat(s.day(LocalDate.of(2026, 10, 3))).isFalse();
    assertThat(s.day(LocalDate.of(2026, 10, 9))).as("a day of slack after").isTrue();
    assertThat(s.day(LocalDate.of(2026, 10, 10))).isFalse();
    assertThat(s.period(2026, 10)).isTrue();
    assertThat(s.period(2026, 11)).isFalse();
  }

  @Test
  void orPrunesOnlyToTheUnionAndNotAndBareWordsNever() throws Exception {
    FolderScope or = scope("account:111122223333 OR account:444455556666");
    assertThat(or.account("444455556666")).isTrue();
    assertThat(or.account("777788889999")).isFalse();
    assertThat(scope("account:111122223333 OR eventName:GetObject").prunes()).isFalse();
    assertThat(scope("NOT account:111122223333").prunes()).isFalse();
    assertThat(scope("111122223333").prunes()).isFalse();
    assertThat(scope("time>=2026-10-05 OR principal:x").prunes()).isFalse();
  }
}
