package io.github.trailbench.core.policy;

import java.util.Locale;
import java.util.Set;

/**
 * When an Allow to every principal ({@code *}) is public. S3 User Guide, "The meaning of "public"": a policy is
 * non-public only if its grants to {@code *} are limited by fixed values of these condition keys; any other condition
 * ({@code aws:SecureTransport}, {@code aws:CurrentTime}, a tag) leaves the grant public. The findings and the replay's
 * Block Public Access check read public-ness from this one list.
 */
public final class PublicGrant {
  private PublicGrant() {}

  private static final Set<String> RESTRICTING_KEYS = Set.of("aws:sourceip", "aws:sourcearn", "aws:sourcevpc",
      "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount", "aws:userid", "aws:principalorgid",
      "aws:principalaccount", "aws:principalarn", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
      "s3:x-amz-server-side-encryption-aws-kms-key-id");

  /** Whether a condition on {@code key} can keep a grant to {@code *} from being public. */
  public static boolean restricts(String key) {
    return key != null && RESTRICTING_KEYS.contains(key.toLowerCase(Locale.ROOT));
  }
}
