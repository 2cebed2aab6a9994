package io.github.trailbench.core.iam;

import java.util.Optional;

/** The parts of an ARN: {@code arn:partition:service:region:account:resource}. */
record Arns(String partition, String service, String region, String account, String resource) {

  static Optional<Arns> parse(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] p = arn.split(":", 6);
    if (p.length < 6) {
      return Optional.empty();
    }
    return Optional.of(new Arns(p[1], p[2], p[3], p[4], p[5]));
  }

  /** The resource type before the first '/' ({@code user}, {@code role}, {@code assumed-role}, ...), or the whole resource. */
  String resourceType() {
    int slash = resource.indexOf('/');
    return slash < 0 ? resource : resource.substring(0, slash);
  }

  /** The last path segment of the resource: an IAM entity's name. */
  String lastName() {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  String prefix() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":";
  }
}
