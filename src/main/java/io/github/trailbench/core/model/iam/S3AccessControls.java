package io.github.trailbench.core.model.iam;

import java.util.List;

/** An S3 ACL file ({@code s3-acl/v1}, JSON or XML): one bucket's or object's ACL and ownership controls. */
public record S3AccessControls(String file, List<S3AccessControl> entries, List<AccountIds> accounts) implements IamSource {
  public S3AccessControls {
    entries = Copies.list(entries);
    accounts = Copies.list(accounts);
  }

  @Override
  public IamSourceKind kind() {
    return IamSourceKind.S3_ACL;
  }
}
