package io.github.trailbench.core.policy;

import io.github.trailbench.core.model.policy.ObjectOwnership;
import io.github.trailbench.core.model.policy.S3Acl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The S3 access control that bears on one request, beside the policies: the bucket's ACL, the
 * object's ACL, the bucket's Object Ownership, and what the case knows of accounts' canonical user
 * ids and e-mail addresses (ACL grantees name accounts only that way). Any part may be null:
 * unknown. The bucket ACL's owner is the resource account's canonical id.
 *
 * @param canonicalIds account id → canonical user id
 * @param emails account id → the e-mail address of its root user
 */
public record S3AclInput(S3Acl bucketAcl, S3Acl objectAcl, ObjectOwnership ownership,
    Map<String, String> canonicalIds, Map<String, String> emails) {

  public S3AclInput {
    canonicalIds = canonicalIds == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(canonicalIds));
    emails = emails == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(emails));
  }

  /** Whether this holds anything to evaluate. */
  public boolean isEmpty() {
    return bucketAcl == null && objectAcl == null && ownership == null;
  }
}
