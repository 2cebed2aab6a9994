package io.github.trailbench.core.findings.leastprivilege;

import io.github.trailbench.core.model.iam.NamedPolicy;
import io.github.trailbench.core.model.iam.PolicyKind;
import java.util.Optional;

/**
 * The size AWS lets a policy document have, in characters not counting whitespace (IAM and AWS
 * STS quotas; SCPs: AWS Organizations quotas). A document in a case beyond its cap cannot be in
 * force as it stands: the export was edited, generated, or is not what AWS holds.
 *
 * @param policy the policy's name and origin, as shown in the output
 * @param characters its non-whitespace characters
 * @param cap the quota for its kind
 */
record PolicySizeQuota(String policy, long characters, int cap) {
  /** Documents beyond this many times their cap are not expanded: the analysis would be slow and the document is not real. */
  static final int SKIP_FACTOR = 10;

  static final int MANAGED = 6_144;
  static final int ROLE_INLINE = 10_240;
  static final int USER_INLINE = 2_048;
  static final int GROUP_INLINE = 5_120;
  static final int SCP = 5_120;

  /** The quota a policy breaks, if it breaks one. */
  static Optional<PolicySizeQuota> exceeded(NamedPolicy p) {
    Integer cap = cap(p.origin().kind());
    if (cap == null) {
      return Optional.empty();
    }
    long characters = p.document().json().codePoints().filter(c -> !Character.isWhitespace(c)).count();
    return characters > cap
        ? Optional.of(new PolicySizeQuota(p.name() + " (" + p.origin().describe() + ")", characters, cap))
        : Optional.empty();
  }

  private static Integer cap(PolicyKind kind) {
    return switch (kind) {
      case USER_MANAGED, GROUP_MANAGED, ROLE_MANAGED, PERMISSIONS_BOUNDARY -> MANAGED;
      case USER_INLINE -> USER_INLINE;
      case GROUP_INLINE -> GROUP_INLINE;
      case ROLE_INLINE -> ROLE_INLINE;
      case SERVICE_CONTROL_POLICY -> SCP;
      default -> null;
    };
  }

  /** Whether the policy is so far beyond its cap that it is left out of the analysis. */
  boolean skipped() {
    return characters > (long) cap * SKIP_FACTOR;
  }

  /** One line for the caveat: which policy, its size and the cap, and whether it was left out. */
  String describe() {
    return String.format(java.util.Locale.ROOT, "%s: %,d characters, cap %,d%s", policy, characters, cap,
        skipped() ? "; over " + SKIP_FACTOR + "x the cap, not analysed" : "");
  }
}
