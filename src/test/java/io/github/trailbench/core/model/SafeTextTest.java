package io.github.trailbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void terminalControlsBecomeVisibleEscapes() {
    assertThat(SafeText.escape("a\u001b[2Jb")).isEqualTo("a\\e[2Jb");
    assertThat(SafeText.escape("line\roverwritten")).isEqualTo("line\\roverwritten");
    assertThat(SafeText.escape("two\nlines\tand tab")).isEqualTo("two\\nlines\\tand tab");
    assertThat(SafeText.escape("nul\u0000bel\u0007")).isEqualTo("nul\\x00bel\\x07");
    assertThat(SafeText.escape("del\u007f c1\u0085 csi\u009b")).isEqualTo("del\\u007f c1\\u0085 csi\\u009b");
  }

  @Test
  void bidiOverridesAndLineSeparatorsAreShown() {
    assertThat(SafeText.escape("invoice\u202Efdp.exe")).isEqualTo("invoice\\u202efdp.exe");
    assertThat(SafeText.escape("\u2066x\u2069\u200e\u200f\u061c")).isEqualTo("\\u2066x\\u2069\\u200e\\u200f\\u061c");
    assertThat(SafeText.escape("a\u2028b\u2029")).isEqualTo("a\\u2028b\\u2029");
  }

  @Test
  void ordinaryTextIsUnchanged() {
    String s = "arn:aws:s3:::bücket/データ/שלום/😀 C:\\path";
    assertThat(SafeText.escape(s)).isSameAs(s);
    assertThat(SafeText.escape(null)).isNull();
  }

  @Test
  void escapeLinesKeepsLineBreaksOnly() {
    assertThat(SafeText.escapeLines("one\ntwo\r\n\u001b")).isEqualTo("one\ntwo\\r\n\\e");
  }

  @Test
  void jsonStaysJsonWithTheSameValue() throws Exception {
    ObjectMapper m = new ObjectMapper();
    String value = "x\u001b[31m\r\u202E\u0085\u2028\u007f";
    String json = m.writeValueAsString(Map.of("v", value));
    String escaped = SafeText.escapeLines(json);
    assertThat(escaped).doesNotContain("\u202E", "\u0085", "\u2028", "\u007f", "\u001b", "\r");
    assertThat(m.readTree(escaped).get("v").asText()).isEqualTo(value);
  }
  @Test
  void invisibleCharactersThatMakeALookAlikeAreEscaped() {
    // zero-width space, a Hangul filler, the braille blank, a variation selector, a tag character (two UTF-16 halves)
    assertThat(SafeText.escape("adm\u200bin")).isEqualTo("adm\\u200bin");
    assertThat(SafeText.escape("ad\u3164min")).isEqualTo("ad\\u3164min");
    assertThat(SafeText.escape("admin\u2800")).isEqualTo("admin\\u2800");
    assertThat(SafeText.escape("a\ufe0fdmin")).isEqualTo("a\\ufe0fdmin");
    assertThat(SafeText.escape("admin\udb40\udc41")).isEqualTo("admin\\udb40\\udc41");
    // an emoji (a surrogate pair that draws) stays
    assertThat(SafeText.escape("ok \ud83d\ude00")).isEqualTo("ok \ud83d\ude00");
  }
}
