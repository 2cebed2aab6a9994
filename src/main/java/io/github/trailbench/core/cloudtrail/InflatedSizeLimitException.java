package io.github.trailbench.core.cloudtrail;

import java.io.IOException;

/** The inflated content of a file went past {@link InputLimits#maxInflatedBytes()}. */
final class InflatedSizeLimitException extends IOException {
  private static final long serialVersionUID = 1L;
  final long limit;

  InflatedSizeLimitException(long limit) {
    super("inflated content exceeds the limit of " + limit + " bytes (gzip bomb?)");
    this.limit = limit;
  }
}
