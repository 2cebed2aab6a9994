package io.github.trailbench.core.cloudtrail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small hand-made inputs for tests; big data only in the benchmark. */
public final class Fixtures {
  private Fixtures() {}

  /** A file under src/test/resources/fixtures. */
  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("no fixture " + name, e);
    }
  }

  public static byte[] bytes(String resource) {
    try {
      return Files.readAllBytes(resource(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] content) {
    try {
      var bos = new java.io.ByteArrayOutputStream();
      try (OutputStream gz = new GZIPOutputStream(bos)) {
        gz.write(content);
      }
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, String content) {
    return write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** One minimal but complete CloudTrail record. */
  public static String record(String eventId, String time, String eventName, String user) {
    return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDA" + user.toUpperCase()
        + "\",\"arn\":\"arn:aws:iam::111122223333:user/" + user + "\",\"accountId\":\"111122223333\","
        + "\"accessKeyId\":\"AKIA" + user.toUpperCase() + "\",\"userName\":\"" + user + "\"},"
        + "\"eventTime\":\"" + time + "\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"" + eventName + "\","
        + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"192.0.2.1\",\"userAgent\":\"aws-cli/2\","
        + "\"requestParameters\":null,\"responseElements\":null,\"eventID\":\"" + eventId + "\",\"readOnly\":true,"
        + "\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"111122223333\"}";
  }

  /** {"Records":[...]} of the given records. */
  public static String records(List<String> records) {
    return "{\"Records\":[" + String.join(",", records) + "]}";
  }

  /** {"Records":[...]} of n generated records with ids prefix-0..n-1, one minute apart. */
  public static String records(String idPrefix, int n) {
    StringBuilder sb = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(record(idPrefix + "-" + i, String.format("2026-10-03T%02d:%02d:00Z", 10 + i / 60 % 10, i % 60),
          i % 3 == 0 ? "DescribeInstances" : "RunInstances", i % 2 == 0 ? "alice" : "bob"));
    }
    return sb.append("]}").toString();
  }

  /** Writes gzip'd content at AWSLogs/acct/CloudTrail/region/2026/10/03/name.json.gz under root. */
  public static Path s3File(Path root, String account, String region, String name, String content) {
    Path f = root.resolve("AWSLogs").resolve(account).resolve("CloudTrail").resolve(region)
        .resolve("2026").resolve("10").resolve("03").resolve(account + "_CloudTrail_" + region + "_" + name + ".json.gz");
    return write(f, gzip(content.getBytes(StandardCharsets.UTF_8)));
  }
}
