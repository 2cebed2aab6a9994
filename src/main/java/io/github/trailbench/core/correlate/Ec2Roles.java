package io.github.trailbench.core.correlate;

import io.github.trailbench.core.model.iam.IamRole;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/** The roles the IAM data shows EC2 can deliver to an instance. */
public final class Ec2Roles {
  private Ec2Roles() {}

  /** By ARN: the roles whose trust policy allows ec2.amazonaws.com, or that an instance profile holds. */
  public static Predicate<String> of(Collection<IamRole> roles) {
    Set<String> arns = new HashSet<>();
    for (IamRole r : roles) {
      if (!r.instanceProfiles().isEmpty() || EscalationSearch.trustedServices(r).contains("ec2.amazonaws.com")) {
        arns.add(r.arn());
      }
    }
    return arns::contains;
  }
}
