package io.github.trailbench.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The import benchmark's comparison: DuckDB doing the work a Trailbench import does, on the same
 * S3 export tree. One persistent database file; a table with each record's raw JSON, eleven
 * extracted columns (event id, time, source, name, region, principal ARN, access key, source
 * IP, user agent, error code, recipient account) and an index on the event time. Records are
 * read with {@code read_json_objects} over the gzip files (DuckDB inflates and parses on all
 * cores), split with {@code json_extract(json, '$.Records[*]')} and the columns taken with one
 * multi-path {@code json_extract_string} per record (one parse of each record).
 *
 * <p>The driver ({@code org.duckdb:duckdb_jdbc}) is only on the classpath with the Maven profile
 * {@code bench}; it never enters the application or {@code ./mvnw verify}.
 *
 * <pre>
 * java -cp target/test-classes:DUCKDB_JAR io.github.trailbench.bench.DuckDbLoad DIR   (a cold run in a fresh JVM)
 * </pre>
 */
final class DuckDbLoad {
  private DuckDbLoad() {}

  record Result(double seconds, double cpuSeconds, long events, long bytes) {}

  private static final String URL = "jdbc:duckdb:";

  /** Whether the driver is on the classpath; loads its native library once (outside any timing). */
  static boolean available() {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      try (Connection c = DriverManager.getConnection(URL)) {
        return c.isValid(5);
      }
    } catch (ClassNotFoundException | SQLException | UnsatisfiedLinkError e) {
      return false;
    }
  }

  static String loadSql(Path tree) {
    String glob = tree.toAbsolutePath().normalize() + "/**/*.json.gz";
    if (glob.contains("'")) {
      throw new IllegalArgumentException("a path with a quote: " + tree);
    }
    return "CREATE TABLE events AS"
        + " WITH recs AS (SELECT unnest(json_extract(json, '$.Records[*]')) AS raw"
        + "   FROM read_json_objects('" + glob + "', format = 'auto')),"
        + " cols AS (SELECT raw, json_extract_string(raw, ['$.eventID', '$.eventTime', '$.eventSource', '$.eventName',"
        + "   '$.awsRegion', '$.userIdentity.arn', '$.userIdentity.accessKeyId', '$.sourceIPAddress', '$.userAgent',"
        + "   '$.errorCode', '$.recipientAccountId']) AS v FROM recs)"
        + " SELECT v[1] AS event_id, CAST(v[2] AS TIMESTAMP) AS event_time, v[3] AS event_source, v[4] AS event_name,"
        + "   v[5] AS aws_region, v[6] AS principal_arn, v[7] AS access_key_id, v[8] AS source_ip, v[9] AS user_agent,"
        + "   v[10] AS error_code, v[11] AS recipient_account, raw FROM cols";
  }

  /** Loads the tree into a new database file (timed: connect, load, index, close) and deletes it. */
  static Result load(Path tree) throws Exception {
    Path dir = Files.createTempDirectory("tb-bench-duckdb");
    Path db = dir.resolve("events.duckdb");
    long cpu0 = ImportBench.cpu();
    long t0 = System.nanoTime();
    long events;
    try (Connection c = DriverManager.getConnection(URL + db); Statement s = c.createStatement()) {
      s.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
      s.execute(loadSql(tree));
      s.execute("CREATE INDEX events_time ON events(event_time)");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
        rs.next();
        events = rs.getLong(1);
      }
      s.execute("CHECKPOINT");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (ImportBench.cpu() - cpu0) / 1e9;
    long bytes = Files.size(db);
    ImportBench.delete(dir);
    return new Result(seconds, cpu, events, bytes);
  }

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    if (!available()) {
      System.err.println("DuckDB's JDBC driver is not on the classpath");
      System.exit(2);
    }
    double driver = (System.nanoTime() - t0) / 1e9;
    Result r = load(Path.of(args[0]));
    System.out.printf("DuckDB cold (fresh JVM): driver and native library %.2fs, load %.2fs (%d events, %d MiB, CPU %.2fs)%n",
        driver, r.seconds(), r.events(), r.bytes() >> 20, r.cpuSeconds());
  }
}
