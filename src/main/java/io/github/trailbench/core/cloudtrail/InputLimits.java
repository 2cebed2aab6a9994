package io.github.trailbench.core.cloudtrail;

/**
 * Caps that keep a hostile or broken input from exhausting memory or disk.
 *
 * @param maxInflatedBytes most bytes one file may hold after gunzip (gzip-bomb guard); a file
 *     over it is rejected whole
 * @param maxRecordBytes most bytes one event record may span; a larger record is rejected, the
 *     rest of its file goes on
 */
public record InputLimits(long maxInflatedBytes, int maxRecordBytes) {
  public static final InputLimits DEFAULT = new InputLimits(1L << 30, 8 << 20);

  public InputLimits {
    if (maxInflatedBytes <= 0 || maxRecordBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
