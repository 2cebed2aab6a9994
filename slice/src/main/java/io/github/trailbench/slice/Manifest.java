package io.github.trailbench.slice;

import java.util.List;

/**
 * What a slice run did, written beside the slice as {@code manifest.json} and recorded by
 * {@code trailbench import} in the case's ledger.
 *
 * @param trailbench what the file is, {@value #MARKER}: the import recognises it by this field
 * @param seconds wall time of the run
 * @param slice the slice files, relative to the output folder
 * @param overview the overview file, relative to the output folder
 */
public record Manifest(
    String trailbench, String job, String jobVersion, String filter, String input, String startedAt,
    String finishedAt, double seconds, Pruning pruning, Counts counts, List<Problem> problems,
    List<String> slice, String overview) {

  public static final String MARKER = "slice-manifest/v1";
  /** The first line of the overview file, before its counts. */
  public static final String OVERVIEW_MARKER = "slice-overview/v1";
  public static final String FILE = "manifest.json";
  public static final String OVERVIEW = "overview.jsonl";
  public static final String SLICE_FOLDER = "slice";
  /** At most this many problems are listed; all are counted. */
  public static final int PROBLEMS_LISTED = 1000;

  public Manifest {
    problems = List.copyOf(problems);
    slice = List.copyOf(slice);
  }

  /** The folders the filter needs, and what the listing read and skipped. */
  public record Pruning(String scope, int foldersListed, int foldersPruned, int filesRead) {}

  /**
   * @param records event records read
   * @param matched records in the slice
   * @param overviewRows rows of the overview
   * @param rejectedRecords records that are not usable events (listed in problems)
   * @param foreignFiles files that are not CloudTrail log files (listed in problems)
   * @param damagedFiles files cut short or broken part-way: their records before the damage are kept
   */
  public record Counts(long records, long matched, long overviewRows, long rejectedRecords, long foreignFiles,
      long damagedFiles) {}

  /** One file or record that could not be used. */
  public record Problem(String file, String position, String reason) {}
}
