package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConsoleCredentialScanTest {
  private static final String NEEDLE = ReadEvent.CONSOLE_CREDENTIAL;

  private static boolean scan(String text, int from, int to) {
    return ReadEvent.mentionsConsoleCredential(text.getBytes(StandardCharsets.UTF_8), from, to);
  }

  /** Rule: the mark is found wherever it stands in the range, and only when wholly inside it. */
  @Test
  void theMarkIsFoundAtEveryOffsetAndOnlyWithinTheRange() {
    for (int before = 0; before < 70; before++) {
      String text = "x".repeat(before) + NEEDLE + "y".repeat(5);
      int start = before, end = before + NEEDLE.length();
      assertThat(scan(text, 0, text.length())).as("at %d", before).isTrue();
      assertThat(scan(text, start, end)).as("exactly the mark at %d", before).isTrue();
      assertThat(scan(text, start + 1, text.length())).as("cut at its start, at %d", before).isFalse();
      assertThat(scan(text, 0, end - 1)).as("cut at its end, at %d", before).isFalse();
    }
  }

  /** Rule: near misses (one byte changed anywhere, the quotes escaped) are not the mark. */
  @Test
  void aNearMissIsNotTheMark() {
    for (int k = 0; k < NEEDLE.length(); k++) {
      String changed = NEEDLE.substring(0, k) + '#' + NEEDLE.substring(k + 1);
      String text = "{\"a\":" + changed + changed + "}";
      assertThat(scan(text, 0, text.length())).as("byte %d changed", k).isFalse();
    }
    String escaped = "{\"note\":\"\\\"sessionCredentialFromConsole\\\"\"}";
    assertThat(scan(escaped, 0, escaped.length())).isFalse();
  }

  /** Rule: the search agrees with a plain substring search on texts made of the mark's own letters. */
  @Test
  void theSearchAgreesWithASubstringSearch() {
    Random random = new Random(23);
    String alphabet = "\"sesionCredtialFmC";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(120);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (random.nextInt(4) == 0) {
        b.insert(random.nextInt(b.length() + 1), NEEDLE);
      }
      String text = b.toString();
      int from = text.isEmpty() ? 0 : random.nextInt(text.length());
      int to = from + random.nextInt(text.length() - from + 1);
      assertThat(scan(text, from, to)).as("%s [%d, %d)", text, from, to)
          .isEqualTo(text.substring(from, to).contains(NEEDLE));
    }
  }
}
