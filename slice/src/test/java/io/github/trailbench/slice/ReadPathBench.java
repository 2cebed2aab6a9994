package io.github.trailbench.slice;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Not a test: the two ways of reading a trail the issue asked to compare (docs/perf-slice.md).
 * Spark's JSON reader given a schema (multiLine, the Records array exploded) against the job's
 * reader (each file inflated on an executor, records cut by byte span and parsed by the core).
 * Both count the events of the tree given as the first argument, on local[2].
 */
public final class ReadPathBench {
  private ReadPathBench() {}

  public static void main(String[] args) throws IOException {
    Path trail = Path.of(args[0]);
    List<String> files;
    try (Stream<Path> s = Files.walk(trail)) {
      files = s.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
    }
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    StructType record = new StructType()
        .add("eventID", DataTypes.StringType).add("eventTime", DataTypes.StringType)
        .add("eventSource", DataTypes.StringType).add("eventName", DataTypes.StringType)
        .add("awsRegion", DataTypes.StringType).add("sourceIPAddress", DataTypes.StringType)
        .add("userAgent", DataTypes.StringType).add("errorCode", DataTypes.StringType)
        .add("recipientAccountId", DataTypes.StringType)
        .add("userIdentity", new StructType().add("type", DataTypes.StringType).add("arn", DataTypes.StringType)
            .add("accessKeyId", DataTypes.StringType));
    StructType schema = new StructType().add("Records", DataTypes.createArrayType(record));
    for (int round = 0; round < 2; round++) {
      long t0 = System.nanoTime();
      long n1 = spark.read().schema(schema).option("multiLine", "true").json(files.toArray(String[]::new))
          .select(explode(col("Records")).as("r")).select("r.eventID", "r.userIdentity.arn").count();
      long t1 = System.nanoTime();
      long n2 = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(files, 8)
          .map(f -> EventRows.read(f, Files.newInputStream(Path.of(f))).size()).reduce(Integer::sum);
      long t2 = System.nanoTime();
      System.out.printf("round %d: JSON reader with schema %d events in %.1f s; job's reader %d rows in %.1f s%n",
          round + 1, n1, (t1 - t0) / 1e9, n2, (t2 - t1) / 1e9);
    }
    spark.stop();
  }
}
