package io.github.trailbench.core.cloudtrail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts bytes read and fails once more than {@code limit} have come through. */
final class CappedInputStream extends FilterInputStream {
  private final long limit;
  private long count;

  CappedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(n);
    if (s > 0) {
      add(s);
    }
    return s;
  }

  private void add(long n) throws IOException {
    count += n;
    if (count > limit) {
      throw new InflatedSizeLimitException(limit);
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
