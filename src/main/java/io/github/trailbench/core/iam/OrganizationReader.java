package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.Organization;

final class OrganizationReader {
  private OrganizationReader() {}

  static Organization read(String file, String text) throws SourceFormatException {
    throw new UnsupportedOperationException("not yet");
  }
}
