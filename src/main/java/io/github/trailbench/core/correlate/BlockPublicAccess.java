package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.policy.AclGrant;
import io.github.trailbench.core.model.policy.AclGrantee;
import io.github.trailbench.core.model.policy.AclGroup;
import io.github.trailbench.core.model.policy.ConditionClause;
import io.github.trailbench.core.model.policy.Effect;
import io.github.trailbench.core.model.policy.NamedPolicy;
import io.github.trailbench.core.model.policy.PrincipalElement;
import io.github.trailbench.core.model.policy.PrincipalType;
import io.github.trailbench.core.model.policy.S3Acl;
import io.github.trailbench.core.model.policy.Statement;
import io.github.trailbench.core.policy.PolicySet;
import io.github.trailbench.core.policy.S3AclInput;
import java.util.Locale;
import java.util.Set;

/**
 * Whether S3 Block Public Access, which the case does not hold, could refuse an S3 request the
 * policies allow (S3 User Guide, "Blocking public access to your Amazon S3 storage"):
 * RestrictPublicBuckets limits a bucket with a public policy to AWS service principals and users
 * of the bucket owner's account; IgnorePublicAcls makes S3 ignore ACL grants to everyone or to any
 * authenticated AWS user. Both are off by default for older buckets and on for buckets created
 * since April 2023, and account-level settings override; a trail does not log them.
 */
final class BlockPublicAccess {
  private BlockPublicAccess() {}

  /** The key that names it among what a decision depends on. */
  static final String KEY = "(S3 Block Public Access)";

  /**
   * Why Block Public Access could have refused an allowed S3 request by {@code principal}
   * (anonymous, or of another account than the bucket owner's), or null when it could not.
   */
  static String couldRefuse(String action, String principal, String principalAccount, String ownerAccount, PolicySet set) {
    if (!action.toLowerCase(Locale.ROOT).startsWith("s3:")) {
      return null;
    }
    boolean anonymous = Principals.ANONYMOUS.equals(principal);
    boolean otherAccount = principalAccount != null && !principalAccount.isEmpty() && ownerAccount != null
        && !ownerAccount.isEmpty() && !principalAccount.equals(ownerAccount);
    if (!anonymous && !otherAccount) {
      return null;
    }
    String who = anonymous ? "an anonymous request" : "a request from account " + principalAccount;
    if (publicPolicy(set.resourcePolicy())) {
      return who + " to a bucket whose policy is public: S3 Block Public Access (RestrictPublicBuckets), which the case"
          + " does not hold, refuses it when on";
    }
    S3AclInput acl = set.s3Acl();
    if (acl != null && (publicAcl(acl.bucketAcl()) || publicAcl(acl.objectAcl()))) {
      return who + " allowed by an ACL grant to everyone or to any AWS user: S3 Block Public Access (IgnorePublicAcls),"
          + " which the case does not hold, ignores that grant when on";
    }
    return null;
  }

  private static boolean publicPolicy(NamedPolicy p) {
    if (p == null || p.document() == null) {
      return false;
    }
    for (Statement st : p.document().statements()) {
      if (st.effect() != Effect.ALLOW || !(st.principal() instanceof PrincipalElement.Principal named)) {
        continue;
      }
      boolean everyone = named.values().stream().anyMatch(v -> v.type() == PrincipalType.ANY || "*".equals(v.value()));
      boolean restricted = st.conditions().stream().map(ConditionClause::key)
          .anyMatch(io.github.trailbench.core.policy.PublicGrant::restricts);
      if (everyone && !restricted) {
        return true;
      }
    }
    return false;
  }

  private static boolean publicAcl(S3Acl acl) {
    if (acl == null) {
      return false;
    }
    for (AclGrant g : acl.grants()) {
      if (g.grantee() instanceof AclGrantee.Group group
          && (group.group() == AclGroup.ALL_USERS || group.group() == AclGroup.AUTHENTICATED_USERS)) {
        return true;
      }
    }
    return false;
  }
}
