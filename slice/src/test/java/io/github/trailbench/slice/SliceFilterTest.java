package io.github.trailbench.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.query.FilterSyntaxException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The filter language as the job takes it: what it refuses, and the launcher's exit codes. */
class SliceFilterTest {

  @ParameterizedTest
  @ValueSource(strings = {"country:RU", "asn:16509", "aws:false", "tag:bookmark", "action:s3:GetObject", "resource:arn:aws:s3:::b",
      "verdict:disagrees"})
  void fieldsThatNeedACaseOrTheCatalogAreRefusedNeverWidened(String term) {
    String filter = "eventName:GetObject AND NOT " + term;
    assertThatThrownBy(() -> SliceFilter.parse(filter))
        .isInstanceOf(SliceFilter.NotPushable.class)
        .hasMessageContaining("cannot evaluate '" + term.substring(0, term.indexOf(':') + 1) + "'")
        .hasMessageContaining("at character " + (filter.indexOf(term) + 1));
  }

  @Test
  void aVerdictFilterIsRefusedBecauseTheJobHasNoIamData() {
    assertThatThrownBy(() -> SliceFilter.parse("verdict:disagrees"))
        .isInstanceOf(SliceFilter.NotPushable.class)
        .hasMessageContaining("replays each event through the policy engine over the case's IAM data");
  }

  @Test
  void badSyntaxIsTheFilterLanguagesOwnError() {
    assertThatThrownBy(() -> SliceFilter.parse("principal:alice AND (")).isInstanceOf(FilterSyntaxException.class);
  }

  @Test
  void globsAreAnchoredCaseInsensitiveAndQuoteTheRest() throws Exception {
    assertThat(SliceFilter.glob("*Ci-Deploy*", true, false, true).matcher("arn:aws:sts::1:assumed-role/r/ci-deploy").matches()).isTrue();
    assertThat(SliceFilter.glob("10.0.0.?", true, false, true).matcher("10.0.0.7").matches()).isTrue();
    assertThat(SliceFilter.glob("10.0.0.?", true, false, true).matcher("10.0.0.17").matches()).isFalse();
    assertThat(SliceFilter.glob("a.b", false, false, true).matcher("axb").matches()).isFalse();
    assertThat(SliceFilter.glob("alice", false, true, true).matcher("user/alice-x").matches()).isTrue();
    assertThat(SliceFilter.glob("alice", false, false, true).matcher("alice\n").find()).isFalse();
  }

  @Test
  void launcherExitsOneWithOneLineOnABadOrRefusedFilterAndTwoOnUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(SliceMain.run(new String[] {"--input", "x", "--out", "y", "--filter", "ip:1.2.3.4 OR country:RU"}, o, e)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "trailbench-slice: filter refused: the slice job cannot evaluate 'country:': it needs the case's IP enrichment,"
            + " which the slice job does not have; slice with the other fields and filter on it after importing the slice"
            + " (at character 15)" + System.lineSeparator());
    err.reset();
    assertThat(SliceMain.run(new String[] {"--input", "x", "--out", "y", "--filter", "time>=yesterday"}, o, e)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("trailbench-slice: bad filter: not a time: 'yesterday'");
    assertThat(SliceMain.run(new String[] {"--input", "x"}, o, e)).isEqualTo(2);
    assertThat(SliceMain.run(new String[] {"--input", "x", "--out", "y", "--where", "z"}, o, e)).isEqualTo(2);
  }
}
