package io.github.trailbench.core.model.policy;

import java.util.Optional;

/** A bucket's S3 Object Ownership setting ({@code get-bucket-ownership-controls}). */
public enum ObjectOwnership {
  /** ACLs disabled: they no longer affect permissions. The default for new buckets since April 2023. */
  BUCKET_OWNER_ENFORCED("BucketOwnerEnforced"),
  BUCKET_OWNER_PREFERRED("BucketOwnerPreferred"),
  OBJECT_WRITER("ObjectWriter");

  private final String awsName;

  ObjectOwnership(String awsName) {
    this.awsName = awsName;
  }

  /** The value as AWS spells it. */
  public String awsName() {
    return awsName;
  }

  public boolean aclsDisabled() {
    return this == BUCKET_OWNER_ENFORCED;
  }

  public static Optional<ObjectOwnership> of(String awsName) {
    for (ObjectOwnership o : values()) {
      if (o.awsName.equals(awsName)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
