package io.github.trailbench.core.model;

import java.util.Optional;

/** The parts of an ARN: {@code arn:partition:service:region:account:resource}. */
public record Arn(String partition, String service, String region, String account, String resource) {

  public static Optional<Arn> parse(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] p = arn.split(":", 6);
    if (p.length < 6) {
      return Optional.empty();
    }
    return Optional.of(new Arn(p[1], p[2], p[3], p[4], p[5]));
  }

  /** The account field of an ARN; empty when the ARN has none (S3 buckets) or is not an ARN. */
  public static String accountOf(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return "";
    }
    int from = 0;
    for (int colon = 0; colon < 4; colon++) { // the fifth of the ':'-separated parts, without splitting the rest
      int at = arn.indexOf(':', from);
      if (at < 0) {
        return "";
      }
      from = at + 1;
    }
    int end = arn.indexOf(':', from);
    return end < 0 ? arn.substring(from) : arn.substring(from, end);
  }

  /** The resource type before the first '/' ({@code user}, {@code role}, {@code assumed-role}, ...), or the whole resource. */
  public String resourceType() {
    int slash = resource.indexOf('/');
    return slash < 0 ? resource : resource.substring(0, slash);
  }

  /** The last path segment of the resource: an IAM entity's name. */
  public String lastName() {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  public String prefix() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":";
  }
}
