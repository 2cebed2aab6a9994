package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.ResourcePolicies;

final class ResourcePolicyReader {
  private ResourcePolicyReader() {}

  static ResourcePolicies read(String file, String text) throws SourceFormatException {
    throw new UnsupportedOperationException("not yet");
  }
}
