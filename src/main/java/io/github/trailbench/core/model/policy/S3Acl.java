package io.github.trailbench.core.model.policy;

import java.util.List;

/**
 * An S3 bucket or object access control list, as {@code get-bucket-acl} / {@code get-object-acl}
 * print it ({@code Owner}, {@code Grants}) or the REST API's {@code AccessControlPolicy} holds it.
 *
 * @param ownerId canonical user id of the owner, or null when the input gives none
 * @param ownerName the owner's display name, or null
 */
public record S3Acl(String ownerId, String ownerName, List<AclGrant> grants) {
  public S3Acl {
    grants = grants == null ? List.of() : List.copyOf(grants);
  }
}
