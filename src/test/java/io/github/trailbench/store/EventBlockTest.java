package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The column block codec: what the importer writes is what the loader reads, and damage is reported. */
class EventBlockTest {
  static final int COLS = EventBlock.TERM_COLUMNS.length;

  static int[] termIds(int base) {
    int[] t = new int[COLS];
    for (int c = 0; c < COLS; c++) {
      t[c] = base + c;
    }
    return t;
  }

  static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Four rows: facts, no facts, null/true/false readOnly, raw offsets and kept-whole records, non-ASCII ids. */
  static EventBlock sample() {
    EventBlock.Builder b = new EventBlock.Builder();
    int[] noTerms = new int[COLS];
    b.add(10, 1_759_485_600_000L, 0, 12, 345, termIds(1), Boolean.TRUE, new int[] {3, 7, 9, 99}, 3, utf8("e-1"));
    b.add(11, 1_759_485_540_000L, 1, -1, 0, noTerms, null, new int[0], 0, utf8("\u00fc-\u4e8b\u4ef6-\ud83d\ude00"));
    b.add(12, 1_759_485_660_000L, 2, 5_000_000_000L, 1024, termIds(100), Boolean.FALSE, new int[] {42}, 1, utf8(""));
    b.add(20, -5L, 7, -1, 0, termIds(1_000_000), null, new int[] {1, 2}, 2, utf8("last"));
    return b.build();
  }

  /** A block written before the correlation column (format 1): the same block without that column. */
  static byte[] formatOne(EventBlock b) {
    ByteBuffer in = ByteBuffer.wrap(b.encode());
    int n = b.n;
    int before = 16 + n * (8 + 8 + 4 + 8 + 4) + 4 * n * TermKind.CORRELATION.column;
    ByteBuffer out = ByteBuffer.allocate(in.capacity() - 4 * n);
    out.put(in.array(), 0, before).put(in.array(), before + 4 * n, in.capacity() - before - 4 * n);
    out.putInt(0, 1);
    return out.array();
  }

  /** Rule: blocks of cases imported before correlation facts were kept still read, with no facts (0). */
  @Test
  void aBlockOfFormatOneReadsWithEveryOtherColumnAndNoCorrelationFacts() {
    assertThat(TermKind.CORRELATION.column).isEqualTo(COLS - 1);
    EventBlock in = sample();
    EventBlock out = EventBlock.decode(formatOne(in), 1);
    for (int c = 0; c < COLS - 1; c++) {
      assertThat(out.terms[c]).containsExactly(in.terms[c]);
    }
    assertThat(out.terms[TermKind.CORRELATION.column]).containsExactly(0, 0, 0, 0);
    assertThat(out.facts).containsExactly(in.facts);
    assertThat(out.idBytes).containsExactly(in.idBytes);
    assertThat(out.rawOffset).containsExactly(in.rawOffset);
  }

  @Test
  void aBlockSurvivesEncodeAndDecodeUnchanged() {
    EventBlock in = sample();
    EventBlock out = EventBlock.decode(in.encode(), 1);
    assertThat(out.n).isEqualTo(4);
    assertThat(out.rowId).containsExactly(10, 11, 12, 20);
    assertThat(out.time).containsExactly(1_759_485_600_000L, 1_759_485_540_000L, 1_759_485_660_000L, -5L);
    assertThat(out.recordIndex).containsExactly(0, 1, 2, 7);
    assertThat(out.rawOffset).containsExactly(12, -1, 5_000_000_000L, -1);
    assertThat(out.rawLength).containsExactly(345, 0, 1024, 0);
    for (int c = 0; c < COLS; c++) {
      assertThat(out.terms[c]).as("term column %s", EventBlock.TERM_COLUMNS[c])
          .containsExactly(1 + c, 0, 100 + c, 1_000_000 + c);
    }
    assertThat(out.readOnly).as("true, unknown, false, unknown").containsExactly(2, 0, 1, 0);
    // only factCount of the fact ids given count: 99 of the first row is not a fact
    assertThat(out.factStart).containsExactly(0, 3, 3, 4, 6);
    assertThat(out.facts).containsExactly(3, 7, 9, 42, 1, 2);
    String[] ids = new String[out.n];
    for (int i = 0; i < out.n; i++) {
      ids[i] = new String(out.idBytes, out.idStart[i], out.idStart[i + 1] - out.idStart[i], java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(ids).containsExactly("e-1", "\u00fc-\u4e8b\u4ef6-\ud83d\ude00", "", "last");
    assertThat(out.minTime()).isEqualTo(-5L);
    assertThat(out.maxTime()).isEqualTo(1_759_485_660_000L);
    assertThat(out.encode()).as("re-encoding gives the same bytes").isEqualTo(in.encode());
  }

  @Test
  void aFullBlockOfMaxRowsRoundTrips() {
    EventBlock.Builder b = new EventBlock.Builder();
    for (int i = 0; i < EventBlock.MAX_ROWS; i++) {
      assertThat(b.full()).isFalse();
      b.add(i + 1, 1000L * i, i, i * 100L, 100, termIds(i), i % 2 == 0, new int[] {i, i + 1}, i % 3,
          utf8("id-" + i + "-" + "x".repeat(i % 50)));
    }
    assertThat(b.full()).isTrue();
    EventBlock out = EventBlock.decode(b.build().encode(), 9);
    assertThat(out.n).isEqualTo(EventBlock.MAX_ROWS);
    int last = EventBlock.MAX_ROWS - 1;
    assertThat(out.rowId[last]).isEqualTo(EventBlock.MAX_ROWS);
    assertThat(text(out.idBytes, out.idStart[last], out.idStart[last + 1]))
        .isEqualTo("id-" + last + "-" + "x".repeat(last % 50));
    assertThat(out.terms[COLS - 1][last]).isEqualTo(last + COLS - 1);
    assertThat(out.factStart[EventBlock.MAX_ROWS]).isEqualTo(out.facts.length);
  }

  @Test
  void aClearedBuilderStartsAnEmptyBlock() {
    EventBlock.Builder b = new EventBlock.Builder();
    b.add(1, 1, 0, 0, 10, termIds(1), true, new int[] {5, 6}, 2, utf8("first"));
    b.add(2, 2, 1, 10, 10, termIds(1), true, new int[] {7}, 1, utf8("second"));
    b.build();
    b.clear();
    assertThat(b.size()).isZero();
    b.add(3, 3, 0, 0, 10, termIds(2), false, new int[] {8}, 1, utf8("third"));
    EventBlock out = EventBlock.decode(b.build().encode(), 2);
    assertThat(out.n).isEqualTo(1);
    assertThat(out.rowId).containsExactly(3);
    assertThat(out.facts).containsExactly(8);
    assertThat(out.factStart).containsExactly(0, 1);
    assertThat(text(out.idBytes, out.idStart[0], out.idStart[1])).isEqualTo("third");
    assertThat(out.idBytes).hasSize(5);
  }

  @Test
  void builtBlocksDoNotShareArraysWithTheBuilder() {
    EventBlock.Builder b = new EventBlock.Builder();
    b.add(1, 1, 0, 0, 10, termIds(1), true, new int[] {5}, 1, utf8("a"));
    EventBlock first = b.build();
    b.clear();
    b.add(9, 9, 0, 0, 10, termIds(50), false, new int[] {6}, 1, utf8("b"));
    b.build();
    assertThat(first.rowId).containsExactly(1);
    assertThat(first.terms[0]).containsExactly(1);
    assertThat(first.facts).containsExactly(5);
    assertThat(first.idBytes).containsExactly('a');
  }

  @Test
  void everyTruncationOfABlockIsReportedAsDamageNamingTheBlock() {
    byte[] full = sample().encode();
    for (int len = 0; len < full.length; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> EventBlock.decode(cut, 42)).as("cut to %d of %d bytes", len, full.length)
          .isExactlyInstanceOf(StoreException.class)
          .hasMessageContaining("event block 42");
    }
  }

  @Test
  void anUnknownFormatNumberIsRefusedNamingTheBlockAndTheFormat() {
    byte[] data = sample().encode();
    ByteBuffer.wrap(data).putInt(0, 3);
    assertThatThrownBy(() -> EventBlock.decode(data, 77)).isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("event block 77").hasMessageContaining("format 3");
  }

  @Test
  void damagedCountsInTheHeaderAreReportedAsDamageNotAsOutOfMemory() {
    // header: format, row count, fact count, id byte count
    int[][] damage = {{4, Integer.MAX_VALUE}, {4, -1}, {4, 100_000_000}, {8, Integer.MAX_VALUE}, {8, -3},
        {12, Integer.MAX_VALUE}, {12, -1}};
    for (int[] d : damage) {
      byte[] data = sample().encode();
      ByteBuffer.wrap(data).putInt(d[0], d[1]);
      assertThatThrownBy(() -> EventBlock.decode(data, 5)).as("header int at %d set to %d", d[0], d[1])
          .isExactlyInstanceOf(StoreException.class)
          .hasMessageContaining("event block 5");
    }
  }
}
