package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The term chunk codec (table term_chunk): texts, kinds and ids come back as written. */
class TermChunkCodecTest {
  static final List<Terms.Term> TERMS = List.of(
      new Terms.Term(1, TermKind.ACCOUNT.code, "111122223333"),
      new Terms.Term(2, TermKind.USER_AGENT.code, ""),
      new Terms.Term(3, TermKind.RESOURCE.code, "arn:aws:s3:::b\u00fccket/\u4e8b\u4ef6-\ud83d\ude00.csv"),
      new Terms.Term(70_000, TermKind.EVENT_NAME.code, "GetObject"),
      new Terms.Term(70_001, TermKind.ACTION.code, "s3:GetObject"));

  @Test
  void termsSurviveEncodeAndDecodeIncludingEmptyAndMultiByteTexts() {
    assertThat(Terms.decode(Terms.encode(TERMS), 1)).containsExactlyElementsOf(TERMS);
  }

  @Test
  void anEmptyChunkDecodesToNoTerms() {
    assertThat(Terms.decode(Terms.encode(List.of()), 1)).isEmpty();
  }

  @Test
  void everyKindCodeRoundTrips() {
    List<Terms.Term> all = Arrays.stream(TermKind.values()).map(k -> new Terms.Term(k.code, k.code, k.name())).toList();
    assertThat(Terms.decode(Terms.encode(all), 3)).containsExactlyElementsOf(all);
  }

  @Test
  void everyTruncationOfAChunkIsReportedAsDamageNamingTheChunk() {
    byte[] full = Terms.encode(TERMS);
    for (int len = 0; len < full.length; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> Terms.decode(cut, 7)).as("cut to %d of %d bytes", len, full.length)
          .isExactlyInstanceOf(StoreException.class)
          .hasMessageContaining("term chunk 7");
    }
  }

  @Test
  void aDamagedTextLengthIsReportedAsDamage() {
    byte[] data = Terms.encode(List.of(new Terms.Term(1, 1, "abc")));
    // count(4) id(4) kind(1) length(4) text
    for (int len : new int[] {-1, 4, Integer.MAX_VALUE}) {
      ByteBuffer.wrap(data).putInt(9, len);
      assertThatThrownBy(() -> Terms.decode(data, 8)).as("text length %d", len)
          .isExactlyInstanceOf(StoreException.class)
          .hasMessageContaining("term chunk 8");
    }
  }

  @Test
  void aDamagedTermCountIsReportedAsDamageNotAsOutOfMemory() {
    for (int n : new int[] {Integer.MAX_VALUE, 100_000_000, 6}) {
      byte[] data = Terms.encode(TERMS);
      ByteBuffer.wrap(data).putInt(0, n);
      assertThatThrownBy(() -> Terms.decode(data, 9)).as("term count %d", n)
          .isExactlyInstanceOf(StoreException.class)
          .hasMessageContaining("term chunk 9");
    }
    byte[] negative = Terms.encode(TERMS);
    ByteBuffer.wrap(negative).putInt(0, -1);
    assertThatThrownBy(() -> Terms.decode(negative, 9)).isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("term chunk 9");
  }
}
