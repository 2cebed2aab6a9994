package io.github.trailbench.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of docs/slice.md's promise over the bundled sample trail (samples/case, 3,238 events):
 * "a slice holds exactly the events {@code trailbench events --filter} lists for the same filter
 * after importing the same tree". For each filter of the battery the job is run (one local[2]
 * session for the class, {@link Trails#spark()}) over samples/case, the event IDs of its slice
 * files are compared with the IDs {@code trailbench events --case C --filter F --format json}
 * lists for a case imported from the same tree. A case that fails is a disagreement; the others
 * are regression cases.
 *
 * <p>Also: a filter the desktop refuses is refused by the job (not evaluated as a wider one), and
 * the fields the job refuses are refused with a message naming the field and its position.
 *
 * <p>A second, nine-event tree (one sample file whose first eventID is written upper-case, as
 * docs/case-store.md says IDs may be) checks the eventId rule on the data side.
 *
 * <p>Disagreements found (these cases fail): every eventId filter whose case differs from the
 * trail's. The desktop ({@code store.FilterEval}) compares event IDs without case since 980b199
 * (equality ignoring ASCII case; wildcards on the lower-cased ID); the job
 * ({@code SliceFilter.term}) still compares {@code eventId} and the bare word's ID with
 * {@code equalTo(value)} and a wildcard with a case-sensitive {@code rlike} on the ID as written.
 *
 * <p>A summary of every case is written to {@code target/filter-parity-audit.txt}.
 */
class FilterParityAuditTest {
  /** An event ID of the sample (written lower-case in the trail). */
  static final String ID = "b0dcbb23-e342-4257-824a-3d282f0f831f";
  static final String ID_UPPER = ID.toUpperCase(java.util.Locale.ROOT);

  /** The sample file the mixed-case tree is made of, and the IDs written upper-case in it. */
  static final String MIXED_SOURCE =
      "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/03/111122223333_CloudTrail_eu-west-1_20261003T0816Z_X2NATspImHufNVTA.json.gz";
  static final String MIXED_ID = "f0f7bfce-f3f8-453c-aa9f-ecbd4c58b4a5";

  @TempDir static Path dir;
  static Path tree;
  static Path caseDir;
  /** One sample file whose first record's eventID is written upper-case (as docs/case-store.md allows), imported. */
  static Path mixedTree;
  static Path mixedCase;
  static final AtomicInteger RUNS = new AtomicInteger();
  static final Map<String, String> SUMMARY = new TreeMap<>();

  @BeforeAll
  static void importTheSampleTree() throws Exception {
    tree = sampleTree();
    caseDir = dir.resolve("case");
    Cli r = desktop("import", "--case", caseDir.toString(), "--no-coverage", tree.toString());
    assertThat(r.exit).as(r.err).isZero();
    assertThat(desktopIds(caseDir, "")).as("the sample trail's events").hasSize(3238);

    mixedTree = dir.resolve("mixed");
    Path file = mixedTree.resolve(MIXED_SOURCE);
    Files.createDirectories(file.getParent());
    com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
        Trails.JSON.readTree(Trails.inflate(tree.resolve(MIXED_SOURCE)));
    com.fasterxml.jackson.databind.node.ObjectNode first = (com.fasterxml.jackson.databind.node.ObjectNode) doc.get("Records").get(0);
    assertThat(first.get("eventID").asText()).isEqualTo(MIXED_ID);
    first.put("eventID", MIXED_ID.toUpperCase(java.util.Locale.ROOT));
    Files.write(file, Trails.gzip(Trails.JSON.writeValueAsBytes(doc)));
    mixedCase = dir.resolve("mixed-case");
    Cli m = desktop("import", "--case", mixedCase.toString(), "--no-coverage", mixedTree.toString());
    assertThat(m.exit).as(m.err).isZero();
    assertThat(desktopIds(mixedCase, "")).hasSize(9);
  }

  static Path sampleTree() {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    for (Path p : List.of(base.resolve("../samples/case"), base.resolve("samples/case"))) {
      if (Files.isDirectory(p.resolve("AWSLogs"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("samples/case not found from " + base);
  }

  @AfterAll
  static void writeSummary() throws IOException {
    Path target = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");
    Files.createDirectories(target);
    StringBuilder sb = new StringBuilder();
    SUMMARY.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
    Files.writeString(target.resolve("filter-parity-audit.txt"), sb.toString(), StandardCharsets.UTF_8);
  }

  // ---- the battery -------------------------------------------------------------------------

  static Stream<Arguments> battery() {
    List<String> f = new ArrayList<>(List.of(
        "eventName:GetObject",
        "eventName:Get*Policy",
        "eventName:GetObj",
        "eventSource:IAM.AmazonAWS.com",
        "principal:CI-DEPLOY",
        "principal:*ci-deploy*",
        "principal:ec2.amazonaws.com",
        "principal:\"arn:aws:iam::111122223333:role/app-server-role\"",
        "principal:arn:aws:iam::111122223333:role/app-server-role",
        "principal:\"arn:aws:sts::111122223333:assumed-role/app-server-role/*\"",
        "userAgent:\"aws-sdk-java/2.25.60 Linux*\"",
        "userAgent:\"aws-sdk-java/2.25.60 Linux\\*\"",
        "userIdentity.arn:DeployRole",
        "userIdentity.userName:\"bob\"",
        "userIdentity.accessKeyId:*QUZ3Y",
        "ip:203.0.113.77",
        "ip:*.113.*",
        "region:*-1",
        "recipientAccountId:1111*",
        "errorCode:AccessDenied*",
        "error:\"none\"",
        "NOT error:AccessDenied",
        "userAgent:*Boto3*",
        "userAgent:*(linux)*",
        "userIdentity.type:AWS*",
        "eventId:" + ID,
        "eventId:" + ID_UPPER,
        "eventId:\"" + ID_UPPER + "\"",
        "eventId:b0dcbb23*",
        "eventId:B0DCBB23*",
        "eventId:*831f",
        "eventId:*831F",
        "eventId:b0dcbb23-e342-????-824a-3d282f0f831f",
        ID,
        ID_UPPER,
        "eventName:AssumeRole AND " + ID_UPPER.substring(0, 8) + "*",
        "ci-deploy",
        "*Bucket*",
        "time>=2026-10-03",
        "time>=2026-10-03 UTC",
        "time>=2026-10-03 Z",
        "time>=2026-10-03 14:00 +02:00",
        "time>=2026-10-03 -05:00",
        "time>=2026-10-03 14:00",
        "time<2026-10-02",
        "time>=2026-10-07T23:40:44Z",
        "time=2026-10-01T00:03:12Z",
        "time>=2026/10/04 AND time<2026/10/05",
        "time>=2026-10-02T23:50Z AND time<2026-10-03T00:10Z",
        "eventTime>=2026-10-06",
        "time>=2026-10-08",
        "(time>=2026-10-03 UTC)",
        "accessKey:AKIAMFEE5ADWQYAIC4U2 OR (principal:*ci-deploy* AND time>=2026-10-03 AND time<2026-10-05)",
        "account:111122223333 AND region:eu-west-1 AND time>=2026-10-05 AND time<2026-10-08",
        "region:us-east-1 OR time>=2026-10-07",
        "NOT (eventId:" + ID_UPPER + ")"));
    return f.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("battery")
  void sliceHoldsExactlyTheEventsTheDesktopLists(String filter) throws Exception {
    compare("parity", tree, caseDir, filter);
  }

  /**
   * The same promise over a trail file whose event ID is written upper-case: the ID as an
   * analyst copies it from another tool (lower-case), as written, and by wildcard.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
    "eventId:" + MIXED_ID,
    "eventId:F0F7BFCE-F3F8-453C-AA9F-ECBD4C58B4A5",
    MIXED_ID,
    "F0F7BFCE-F3F8-453C-AA9F-ECBD4C58B4A5",
    "eventId:f0f7bfce*",
    "eventId:F0F7BFCE*",
    "NOT eventId:" + MIXED_ID,
    "eventName:GenerateDataKey"
  })
  void anUpperCaseEventIdInTheTrail(String filter) throws Exception {
    compare("mixed-case-trail", mixedTree, mixedCase, filter);
  }

  static void compare(String kind, Path input, Path caseDir, String filter) throws Exception {
    Set<String> desktop = desktopIds(caseDir, filter);
    Path out = dir.resolve("out-" + RUNS.incrementAndGet());
    Manifest m = SliceJob.run(Trails.spark(), input.toString(), filter, out.toString());
    List<String> lines = Trails.gzipLines(out.resolve(Manifest.SLICE_FOLDER));
    Set<String> slice = new TreeSet<>();
    for (String l : lines) {
      slice.add(Trails.eventId(l));
    }
    assertThat(m.counts().matched()).as("manifest count = slice lines").isEqualTo(lines.size());
    Set<String> onlyDesktop = new TreeSet<>(desktop);
    onlyDesktop.removeAll(slice);
    Set<String> onlySlice = new TreeSet<>(slice);
    onlySlice.removeAll(desktop);
    boolean agree = onlyDesktop.isEmpty() && onlySlice.isEmpty();
    String line = (agree ? "AGREE" : "DISAGREE") + "\tdesktop=" + desktop.size() + "\tslice=" + slice.size()
        + "\tonlyDesktop=" + first(onlyDesktop) + "\tonlySlice=" + first(onlySlice);
    SUMMARY.put(kind + "\t" + filter, line);
    if (!agree) {
      fail(kind + " filter '" + filter + "': desktop lists " + desktop.size() + " events, the slice holds " + slice.size()
          + "; only in the desktop's list (" + onlyDesktop.size() + "): " + first(onlyDesktop)
          + "; only in the slice (" + onlySlice.size() + "): " + first(onlySlice));
    }
  }

  // ---- refusals ----------------------------------------------------------------------------

  /** Filters the desktop refuses: the job must refuse them too, before reading anything. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
    "\"\"",
    "principal:\"\"",
    "eventId:\"\"",
    "-principal:alice",
    "!eventName:GetObject",
    "eventName:GetObject AND -region:eu-west-1",
    "userAgent:*(linux*",
    "principal:alice AND (",
    "principal:alice)",
    "()",
    "NOT",
    "eventName:",
    "eventName:Get\"Object\"",
    "nosuchfield:x",
    "eventName>=GetObject",
    "time>=yesterday",
    "time>=",
    "time>=2026-13-01",
    "readOnly:maybe",
    "verdict:bogus",
    "eventName:\"GetObject"
  })
  void aFilterTheDesktopRefusesIsRefusedByTheSlice(String filter) throws Exception {
    Cli d = desktop("events", "--case", caseDir.toString(), "--filter", filter, "--format", "json");
    assertThat(d.exit).as("the desktop refuses '%s' (stdout %s)", filter, d.out).isEqualTo(1);
    Path out = dir.resolve("refused-" + RUNS.incrementAndGet());
    String sliceOutcome;
    try {
      Manifest m = SliceJob.run(Trails.spark(), tree.toString(), filter, out.toString());
      sliceOutcome = "EVALUATED matched=" + m.counts().matched();
    } catch (SliceJob.Refused e) {
      sliceOutcome = "REFUSED " + e.getMessage();
    }
    SUMMARY.put("desktop-refused\t" + filter, "desktop: " + d.err.strip().lines().findFirst().orElse("")
        + "\tslice: " + sliceOutcome);
    assertThat(sliceOutcome).as("the slice on '%s'", filter).startsWith("REFUSED bad filter: ");
    assertThat(Files.exists(out.resolve(Manifest.FILE))).isFalse();
  }

  /**
   * Fields the job cannot evaluate, alone, negated, in an OR and through CloudTrail's alias:
   * refused with a message naming the field and where it is, never evaluated as a wider filter.
   * The desktop evaluates them (exit 0).
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
    "country:IE",
    "asn:16509",
    "asn:AS16509",
    "aws:false",
    "tag:bookmark",
    "action:s3:GetObject",
    "resource:*secret*",
    "resources.ARN:*secret*",
    "verdict:disagrees",
    "verdict:\"not deniable\"",
    "eventName:GetObject AND NOT country:IE",
    "ip:203.0.113.77 OR action:iam:*",
    "(principal:alice OR (readOnly:false AND NOT tag:bookmark))"
  })
  void aFieldTheSliceCannotEvaluateIsRefusedWithAClearMessage(String filter) throws Exception {
    Cli d = desktop("events", "--case", caseDir.toString(), "--filter", filter, "--format", "json");
    Path out = dir.resolve("refused-" + RUNS.incrementAndGet());
    String sliceOutcome;
    try {
      Manifest m = SliceJob.run(Trails.spark(), tree.toString(), filter, out.toString());
      sliceOutcome = "EVALUATED matched=" + m.counts().matched();
    } catch (SliceJob.Refused e) {
      sliceOutcome = "REFUSED " + e.getMessage();
    }
    long desktopCount = d.out.lines().filter(l -> !l.isBlank()).count();
    SUMMARY.put("slice-refused\t" + filter, "desktop: exit " + d.exit + ", " + desktopCount + " events\tslice: " + sliceOutcome);
    assertThat(d.exit).as("the desktop evaluates '%s': %s", filter, d.err).isZero();
    // the field as written (an alias names its field), its canonical name, and its position
    java.util.regex.Matcher term = java.util.regex.Pattern
        .compile("(country|asn|aws|tag|action|resource|resources\\.ARN|verdict):").matcher(filter);
    assertThat(term.find()).isTrue();
    String key = io.github.trailbench.core.query.Field.byName(term.group(1)).key();
    assertThat(sliceOutcome)
        .startsWith("REFUSED filter refused: the slice job cannot evaluate '" + key + ":'")
        .contains("(at character " + (term.start() + 1) + ")");
    assertThat(Files.exists(out.resolve(Manifest.FILE))).isFalse();
  }

  // ---- helpers -----------------------------------------------------------------------------

  static String first(Set<String> ids) {
    return ids.stream().limit(5).toList().toString();
  }

  static Set<String> desktopIds(Path caseDir, String filter) throws Exception {
    Cli r = desktop("events", "--case", caseDir.toString(), "--filter", filter, "--format", "json");
    assertThat(r.exit).as("trailbench events --filter '%s': %s", filter, r.err).isZero();
    Set<String> ids = new TreeSet<>();
    for (String line : r.out.split("\n")) {
      if (!line.isBlank()) {
        ids.add(Trails.JSON.readTree(line).get("eventId").asText());
      }
    }
    return ids;
  }

  record Cli(int exit, String out, String err) {}

  /** The desktop jar's CLI, its exit code and both outputs. */
  static Cli desktop(String... args) throws IOException, InterruptedException {
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(Trails.desktopCommand(args)).redirectError(err.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Cli(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
  }
}
