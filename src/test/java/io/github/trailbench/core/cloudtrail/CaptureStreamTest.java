package io.github.trailbench.core.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaptureStreamTest {
  /** Reads in chunks the way a JSON parser does, releasing at each record start. */
  @Test
  void slicesStayExactAcrossManyReleasesAndCompactions() throws IOException {
    StringBuilder sb = new StringBuilder();
    int records = 5_000;
    int[] starts = new int[records + 1];
    for (int i = 0; i < records; i++) {
      starts[i] = sb.length();
      sb.append("{\"n\":").append(i).append(",\"pad\":\"").append("x".repeat(i % 97)).append("\"}");
    }
    starts[records] = sb.length();
    assertEveryRecordSlicedExactly(sb.toString(), starts, 64 * 1024);
  }

  /** Reads {@code text} in parser-sized chunks, releasing at each record start, and checks every record's slice. */
  private static void assertEveryRecordSlicedExactly(String text, int[] starts, int maxRetained) throws IOException {
    byte[] all = text.getBytes(StandardCharsets.UTF_8);
    CaptureStream cap = new CaptureStream(new ByteArrayInputStream(all), maxRetained);
    byte[] chunk = new byte[8000];
    long readSoFar = 0;
    for (int i = 0; i + 1 < starts.length; i++) {
      cap.release(starts[i]);
      while (readSoFar < starts[i + 1]) {
        readSoFar += cap.read(chunk, 0, chunk.length);
      }
      assertThat(cap.text(starts[i], starts[i + 1])).as("record %d", i).isEqualTo(text.substring(starts[i], starts[i + 1]));
    }
  }

  /** Records larger than the buffer make it grow; compaction must still keep the current record whole. */
  @Test
  void largeRecordsBetweenSmallOnesAreSlicedExactly() throws IOException {
    StringBuilder sb = new StringBuilder();
    java.util.Random random = new java.util.Random(7);
    int records = 60;
    int[] starts = new int[records + 1];
    for (int i = 0; i < records; i++) {
      starts[i] = sb.length();
      int size = i % 5 == 0 ? 150_000 + random.nextInt(200_000) : random.nextInt(2_000);
      sb.append('{').append(i).append(':');
      for (int k = 0; k < size; k++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      sb.append('}');
    }
    starts[records] = sb.length();
    assertEveryRecordSlicedExactly(sb.toString(), starts, 1 << 20);
  }

  @Test
  void bytesBeforeTheLastReleaseAreNoLongerAvailable() throws IOException {
    byte[] all = "0123456789".repeat(100).getBytes(StandardCharsets.UTF_8);
    CaptureStream cap = new CaptureStream(new ByteArrayInputStream(all), 64 * 1024);
    cap.read(new byte[1000], 0, 1000);
    assertThat(cap.text(10, 20)).isEqualTo("0123456789");
    cap.release(500);
    assertThat(cap.available(10, 20)).isFalse();
    assertThat(cap.text(10, 20)).isNull();
    assertThat(cap.text(500, 510)).isEqualTo("0123456789");
  }

  @Test
  void aRecordLargerThanTheRetainedMaximumIsUnavailableNotTruncated() throws IOException {
    int max = 64 * 1024;
    byte[] all = new byte[3 * max];
    java.util.Arrays.fill(all, (byte) 'a');
    CaptureStream cap = new CaptureStream(new ByteArrayInputStream(all), max);
    cap.release(0);
    byte[] chunk = new byte[8000];
    long n = 0;
    while (n < all.length) {
      n += cap.read(chunk, 0, chunk.length);
    }
    assertThat(cap.available(0, all.length)).isFalse();
    assertThat(cap.text(0, all.length)).isNull();
  }
}
