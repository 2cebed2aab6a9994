package io.github.trailbench.slice;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.FilterSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The slice job: reads a CloudTrail tree (pruned to the folders the filter needs), writes the
 * matching raw records as gzip JSON lines (one file per account × region × day), an overview
 * of every event read, and a manifest. The input is read once; what the outputs need of it (the
 * overview's fields, and the raw record only where the filter matched) is kept by Spark between
 * the writes.
 */
public final class SliceJob {
  static final String MATCHED = "matched";
  private static final String[] OVERVIEW_KEYS = {
    EventRows.DAY, EventRows.ACCOUNT, EventRows.PRINCIPAL, EventRows.EVENT_SOURCE, EventRows.EVENT_NAME,
    EventRows.ERROR_CODE
  };
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SliceJob() {}

  /** Bad input the job refuses before reading anything: a one-line reason. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** The version of this job, as built. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = SliceJob.class.getResourceAsStream("/trailbench-slice.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  /** Runs the job; returns the manifest it wrote to {@code out}/manifest.json. */
  public static Manifest run(SparkSession spark, String input, String filterText, String out)
      throws Refused, IOException {
    Instant started = Instant.now();
    Expr filter;
    try {
      filter = SliceFilter.parse(filterText);
    } catch (FilterSyntaxException e) {
      throw new Refused("bad filter: " + e.getMessage());
    } catch (SliceFilter.NotPushable e) {
      throw new Refused("filter refused: " + e.getMessage());
    }
    Column condition = SliceFilter.toColumn(filter);
    FolderScope scope = FolderScope.of(filter);

    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path outDir = new Path(out);
    FileSystem outFs = outDir.getFileSystem(conf);
    if (outFs.exists(outDir) && (!outFs.getFileStatus(outDir).isDirectory() || outFs.listStatus(outDir).length > 0)) {
      throw new Refused(out + ": the output folder exists and is not empty; name a new one");
    }
    Path root = new Path(input);
    TrailTree.Listing listing;
    try {
      listing = TrailTree.list(root.getFileSystem(conf), root, scope);
    } catch (java.io.FileNotFoundException e) {
      throw new Refused(e.getMessage());
    }

    Map<String, String> confMap = new HashMap<>();
    conf.forEach(e -> confMap.put(e.getKey(), e.getValue()));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(listing.files().size(), jsc.defaultParallelism() * 4));
    JavaRDD<Row> rows = jsc.parallelize(listing.files(), slices).flatMap(f -> readFile(f, confMap));
    Dataset<Row> marked = spark.createDataFrame(rows, EventRows.SCHEMA)
        .withColumn(MATCHED, when(col(EventRows.PROBLEM).isNull(), condition).otherwise(lit(false)))
        .withColumn(EventRows.RAW, when(col(MATCHED), col(EventRows.RAW)))
        .select(col(EventRows.FILE), col(EventRows.PROBLEM_POSITION), col(EventRows.PROBLEM),
            col(EventRows.PROBLEM_KIND), col(EventRows.ACCOUNT), col(EventRows.REGION), col(EventRows.DAY),
            col(EventRows.TIME_MS), col(EventRows.PRINCIPAL), col(EventRows.EVENT_SOURCE),
            col(EventRows.EVENT_NAME), col(EventRows.ERROR_CODE), col(MATCHED), col(EventRows.RAW))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Path sliceDir = new Path(outDir, Manifest.SLICE_FOLDER);
      spark.sparkContext().hadoopConfiguration().setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
      marked.filter(col(MATCHED))
          .repartition(col(EventRows.ACCOUNT), col(EventRows.REGION), col(EventRows.DAY))
          .sortWithinPartitions(EventRows.ACCOUNT, EventRows.REGION, EventRows.DAY, EventRows.TIME_MS)
          .select(col(EventRows.RAW), col(EventRows.ACCOUNT), col(EventRows.REGION), col(EventRows.DAY))
          .write()
          .partitionBy(EventRows.ACCOUNT, EventRows.REGION, EventRows.DAY)
          .option("compression", "gzip")
          .text(sliceDir.toString());
      ObjectNode header = JSON.createObjectNode()
          .put("trailbench", Manifest.OVERVIEW_MARKER)
          .put("job", "trailbench-slice")
          .put("jobVersion", version())
          .put("input", input)
          .put("filter", filterText == null ? "" : filterText)
          .put("keys", String.join(",", OVERVIEW_KEYS));
      long overviewRows = writeOverview(marked, header, outFs, new Path(outDir, Manifest.OVERVIEW));
      Row c = marked.agg(
          sum(when(col(EventRows.PROBLEM).isNull(), 1).otherwise(0)),
          sum(when(col(MATCHED), 1).otherwise(0)),
          sum(when(col(EventRows.PROBLEM_KIND).equalTo(EventRows.REJECTED), 1).otherwise(0)),
          sum(when(col(EventRows.PROBLEM_KIND).equalTo(EventRows.FOREIGN), 1).otherwise(0)),
          sum(when(col(EventRows.PROBLEM_KIND).equalTo(EventRows.DAMAGED), 1).otherwise(0)),
          count(lit(1))).first();
      List<Manifest.Problem> problems = new ArrayList<>();
      for (Row p : marked.filter(col(EventRows.PROBLEM).isNotNull())
          .select(EventRows.FILE, EventRows.PROBLEM_POSITION, EventRows.PROBLEM)
          .orderBy(EventRows.FILE, EventRows.PROBLEM_POSITION)
          .limit(Manifest.PROBLEMS_LISTED)
          .collectAsList()) {
        problems.add(new Manifest.Problem(p.getString(0), p.getString(1), p.getString(2)));
      }
      Instant finished = Instant.now();
      Manifest m = new Manifest(Manifest.MARKER, "trailbench-slice", version(), filterText == null ? "" : filterText,
          input, started.toString(), finished.toString(), Duration.between(started, finished).toMillis() / 1000.0,
          new Manifest.Pruning(scope.describe(), listing.foldersListed(), listing.foldersPruned(), listing.files().size()),
          new Manifest.Counts(longOf(c, 0), longOf(c, 1), overviewRows, longOf(c, 2), longOf(c, 3), longOf(c, 4)),
          problems, sliceFiles(outFs, sliceDir, outDir), Manifest.OVERVIEW);
      try (OutputStream o = outFs.create(new Path(outDir, Manifest.FILE), false)) {
        JSON.writeValue(o, m);
      }
      return m;
    } finally {
      marked.unpersist();
    }
  }

  private static long longOf(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  /** One file's rows, read on an executor with the driver's Hadoop settings (s3a credentials…). */
  private static Iterator<Row> readFile(String file, Map<String, String> confMap) {
    Configuration c = new Configuration(false);
    confMap.forEach(c::set);
    Path p = new Path(file);
    try {
      return EventRows.read(file, p.getFileSystem(c).open(p)).iterator();
    } catch (IOException e) {
      return EventRows.read(file, new InputStream() {
        @Override
        public int read() throws IOException {
          throw new IOException(e.getMessage(), e);
        }
      }).iterator();
    }
  }

  /**
   * Counts per day × account × principal × eventSource × eventName × errorCode, one JSON object a
   * line, after a header line naming the file ({@code "trailbench":"slice-overview/v1"}) and the run.
   */
  private static long writeOverview(Dataset<Row> marked, ObjectNode header, FileSystem fs, Path file) throws IOException {
    Dataset<Row> counts = marked.filter(col(EventRows.PROBLEM).isNull())
        .groupBy(OVERVIEW_KEYS[0], java.util.Arrays.copyOfRange(OVERVIEW_KEYS, 1, OVERVIEW_KEYS.length))
        .count()
        .orderBy(OVERVIEW_KEYS[0], java.util.Arrays.copyOfRange(OVERVIEW_KEYS, 1, OVERVIEW_KEYS.length));
    ObjectMapper line = new ObjectMapper();
    long n = 0;
    try (OutputStream o = fs.create(file, false)) {
      o.write(line.writeValueAsBytes(header));
      o.write('\n');
      Iterator<Row> it = counts.toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        ObjectNode obj = line.createObjectNode();
        for (int i = 0; i < OVERVIEW_KEYS.length; i++) {
          obj.put(OVERVIEW_KEYS[i], r.isNullAt(i) ? null : r.getString(i));
        }
        obj.put("count", r.getLong(OVERVIEW_KEYS.length));
        o.write(line.writeValueAsBytes(obj));
        o.write('\n');
        n++;
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return n;
  }

  private static List<String> sliceFiles(FileSystem fs, Path sliceDir, Path outDir) throws IOException {
    List<String> files = new ArrayList<>();
    if (!fs.exists(sliceDir)) {
      fs.mkdirs(sliceDir);
      return files;
    }
    String base = fs.makeQualified(outDir).toUri().getPath();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(sliceDir, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      String name = p.getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      String path = p.toUri().getPath();
      files.add(path.startsWith(base + "/") ? path.substring(base.length() + 1) : path);
    }
    files.sort(null);
    return files;
  }

}
