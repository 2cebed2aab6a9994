package io.github.trailbench.core.model.iam;

import io.github.trailbench.core.model.policy.ObjectOwnership;
import io.github.trailbench.core.model.policy.S3Acl;
import java.util.Optional;

/**
 * What the case holds about the access control of one S3 bucket or object besides its policy.
 *
 * @param resourceArn {@code arn:aws:s3:::bucket} or {@code arn:aws:s3:::bucket/key}
 * @param resourceAccount the account owning the bucket
 * @param acl its ACL, if given
 * @param ownership the bucket's Object Ownership, if given (buckets only)
 * @param file the file it was read from
 * @param position where in the file
 */
public record S3AccessControl(String resourceArn, String resourceAccount, Optional<S3Acl> acl,
    Optional<ObjectOwnership> ownership, String file, String position) {}
