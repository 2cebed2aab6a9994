package io.github.trailbench.core.findings.leastprivilege;

import io.github.trailbench.core.model.iam.NamedPolicy;
import io.github.trailbench.core.model.iam.PolicyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A size quota AWS sets on policy documents, in characters not counting whitespace, broken by the
 * case's IAM data (IAM and AWS STS quotas: a managed policy 6,144 per document; the inline
 * policies of one user 2,048, of one group 5,120, of one role 10,240, all of that entity's inline
 * documents together; SCPs, AWS Organizations quotas: 5,120 per document). Data beyond a quota
 * cannot be what AWS holds in force: the export was edited, generated, or is not AWS's.
 *
 * @param policy what breaks the quota: one policy with its origin, or an entity's inline policies
 * @param characters its non-whitespace characters (for inline policies, their sum)
 * @param cap the quota
 * @param skipped whether a document of it is so far beyond its quota that it is left out of the analysis
 */
record PolicySizeQuota(String policy, long characters, int cap, boolean skipped) {
  /** Documents beyond this many times their cap are not expanded: the analysis would be slow and the document is not real. */
  static final int SKIP_FACTOR = 10;

  static final int MANAGED = 6_144;
  static final int ROLE_INLINE = 10_240;
  static final int USER_INLINE = 2_048;
  static final int GROUP_INLINE = 5_120;
  static final int SCP = 5_120;

  /**
   * The quotas {@code policies} break: managed policies and SCPs one by one, inline policies summed
   * per user, group or role they are embedded in.
   */
  static List<PolicySizeQuota> exceeded(List<NamedPolicy> policies) {
    List<PolicySizeQuota> out = new ArrayList<>();
    Map<String, List<NamedPolicy>> inlineByEntity = new LinkedHashMap<>();
    for (NamedPolicy p : policies) {
      Integer cap = cap(p.origin().kind());
      if (cap == null) {
        continue;
      }
      if (isInline(p.origin().kind())) {
        inlineByEntity.computeIfAbsent(p.origin().kind() + " " + p.origin().attachedTo(), k -> new ArrayList<>()).add(p);
      } else if (characters(p) > cap) {
        out.add(new PolicySizeQuota(p.name() + " (" + p.origin().describe() + ")", characters(p), cap, skip(p)));
      }
    }
    for (List<NamedPolicy> inline : inlineByEntity.values()) {
      NamedPolicy first = inline.get(0);
      int cap = cap(first.origin().kind());
      long total = inline.stream().mapToLong(PolicySizeQuota::characters).sum();
      if (total > cap) {
        String names = String.join(", ", inline.stream().map(NamedPolicy::name).toList());
        out.add(new PolicySizeQuota("the " + first.origin().kind().label().replace("policy", inline.size() > 1 ? "policies" : "policy") + " on "
            + first.origin().attachedTo() + " (" + names + ")", total, cap, inline.stream().anyMatch(PolicySizeQuota::skip)));
      }
    }
    return out;
  }

  /** Whether {@code p} alone is so far beyond its kind's quota that it is left out of the analysis. */
  static boolean skip(NamedPolicy p) {
    Integer cap = cap(p.origin().kind());
    return cap != null && characters(p) > (long) cap * SKIP_FACTOR;
  }

  static long characters(NamedPolicy p) {
    return p.document().json().codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }

  private static boolean isInline(PolicyKind kind) {
    return kind == PolicyKind.USER_INLINE || kind == PolicyKind.GROUP_INLINE || kind == PolicyKind.ROLE_INLINE;
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

  /** One line for the caveat: which policy, its size and the cap, and whether it was left out. */
  String describe() {
    return String.format(java.util.Locale.ROOT, "%s: %,d characters, cap %,d%s", policy, characters, cap,
        skipped ? "; a document over " + SKIP_FACTOR + "x the cap, not analysed" : "");
  }
}
