package io.github.trailbench.slice;

import io.github.trailbench.core.query.FilterSyntaxException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit … trailbench-slice.jar --input DIR --filter QUERY --out DIR}: exit 0 when
 * the slice is written, 1 on bad input (a bad or refused filter, a missing input, an output
 * folder in use), 2 on a usage error.
 */
public final class SliceMain {
  static final String USAGE = String.join("\n",
      "Usage: trailbench-slice --input PATH --filter QUERY --out PATH",
      "Cut a CloudTrail tree (local folder, hdfs://, s3a://) down to the events matching QUERY.",
      "  --input PATH    the tree: a folder holding AWSLogs/, AWSLogs/ itself or any folder below it",
      "  --filter QUERY  the timeline's filter language, e.g. 'principal:*ci-deploy* AND time>=2026-10-03'",
      "                  (" + String.join(", ", SliceFilter.refusedFields()) + " are refused: they need a case)",
      "  --out PATH      a new folder: slice/ (gzip JSON lines), overview.jsonl, manifest.json",
      "Without a Spark master (spark-submit --master …) it runs local[*].");

  private SliceMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The exit code of one run; messages go to {@code out} and {@code err}. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        out.println(USAGE);
        return 0;
      }
      if (!a.equals("--input") && !a.equals("--filter") && !a.equals("--out")) {
        err.println("trailbench-slice: unknown argument '" + a + "'\n" + USAGE);
        return 2;
      }
      if (i + 1 >= args.length) {
        err.println("trailbench-slice: " + a + " needs a value\n" + USAGE);
        return 2;
      }
      opts.put(a, args[++i]);
    }
    for (String need : new String[] {"--input", "--out"}) {
      if (!opts.containsKey(need)) {
        err.println("trailbench-slice: " + need + " is required\n" + USAGE);
        return 2;
      }
    }
    String filter = opts.getOrDefault("--filter", "");
    try {
      SliceFilter.parse(filter);
    } catch (FilterSyntaxException e) {
      err.println("trailbench-slice: bad filter: " + e.getMessage());
      return 1;
    } catch (SliceFilter.NotPushable e) {
      err.println("trailbench-slice: filter refused: " + e.getMessage());
      return 1;
    }
    SparkConf conf = new SparkConf().setAppName("trailbench-slice");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      Manifest m = SliceJob.run(spark, opts.get("--input"), filter, opts.get("--out"));
      out.printf("trailbench-slice: %d of %d events in the slice (%d files), %d overview rows; "
              + "%d files read, %d folders pruned; %d rejected records, %d foreign and %d damaged files; %s%n",
          m.counts().matched(), m.counts().records(), m.slice().size(), m.counts().overviewRows(),
          m.pruning().filesRead(), m.pruning().foldersPruned(), m.counts().rejectedRecords(),
          m.counts().foreignFiles(), m.counts().damagedFiles(), opts.get("--out") + "/" + Manifest.FILE);
      return 0;
    } catch (SliceJob.Refused e) {
      err.println("trailbench-slice: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("trailbench-slice: " + e.getMessage());
      return 1;
    } finally {
      spark.stop();
    }
  }
}
