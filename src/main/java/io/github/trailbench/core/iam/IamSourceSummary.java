package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.iam.AccessAdvisorReports;
import io.github.trailbench.core.model.iam.AuthorizationDetails;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.OrgUnit;
import io.github.trailbench.core.model.iam.Organization;
import io.github.trailbench.core.model.iam.ResourcePolicies;
import io.github.trailbench.core.model.iam.S3AccessControl;
import io.github.trailbench.core.model.iam.S3AccessControls;

/** What an IAM input holds, in a few words for an import summary ("12 users", "3 roles, 5 policies"). */
public final class IamSourceSummary {
  private IamSourceSummary() {}

  public static String of(IamSource source) {
    if (source instanceof CredentialReport r) {
      return count(r.rows().size(), "user");
    }
    if (source instanceof AuthorizationDetails d) {
      return count(d.users().size(), "user") + ", " + count(d.groups().size(), "group") + ", "
          + count(d.roles().size(), "role") + ", " + count(d.policies().size(), "managed policy", "managed policies");
    }
    if (source instanceof Organization o) {
      return count(accounts(o.root()), "account") + ", " + count(o.policies().size(), "policy", "policies");
    }
    if (source instanceof AccessAdvisorReports a) {
      return count(a.reports().size(), "Access Advisor report");
    }
    if (source instanceof S3AccessControls a) {
      S3AccessControl e = a.entries().get(0);
      return (e.acl().isPresent() ? "ACL" + (e.ownership().isPresent() ? " and ownership controls" : "") : "ownership controls")
          + " of " + e.resourceArn();
    }
    ResourcePolicies p = (ResourcePolicies) source;
    return count(p.policies().size(), "resource policy", "resource policies")
        + (p.accessControls().isEmpty() ? "" : ", " + count(p.accessControls().size(), "S3 ACL entry", "S3 ACL entries"));
  }

  private static int accounts(OrgUnit unit) {
    int n = unit.accounts().size();
    for (OrgUnit child : unit.organizationalUnits()) {
      n += accounts(child);
    }
    return n;
  }

  private static String count(int n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(int n, String one, String many) {
    return String.format("%,d %s", n, n == 1 ? one : many);
  }
}
