package io.github.trailbench.core.correlate;

import java.util.Map;
import java.util.Optional;

/**
 * Hook for IAM data: the tags of an IAM user or role (by ARN), when the case holds
 * {@code get-account-authorization-details}. Empty when not known.
 */
@FunctionalInterface
public interface PrincipalTagSource {
  Optional<Map<String, String>> tagsOf(String userOrRoleArn);

  PrincipalTagSource NONE = arn -> Optional.empty();
}
