package io.github.trailbench.core.correlate;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.ResourcePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * A Secrets Manager call that names its secret by name ({@code prod/orders/db}) or partial ARN
 * logs no full ARN: AWS appends six random characters to the name in the ARN
 * ({@code secret:prod/orders/db-Xq7LmB}), and a policy may name that full ARN. When the case's
 * resource policies hold exactly one secret of that name in that account and region, it is the
 * one; otherwise the resource stays unknown (ResourceArns says why).
 */
final class SecretNames {
  private SecretNames() {}

  /** The request with the secret's full ARN when the case knows it; {@code d} unchanged otherwise. */
  static DerivedRequest resolve(DerivedRequest d, CloudTrailEvent event, IamSnapshot iam) {
    if (!d.resourceArns().isEmpty()) {
      return d;
    }
    String partial = ResourceArns.partialSecretArn(new EventDocs(event));
    if (partial == null) {
      return d;
    }
    List<String> found = new ArrayList<>();
    for (ResourcePolicy p : iam.resourcePolicies()) {
      String arn = p.resourceArn();
      if (arn != null && arn.length() == partial.length() + 7 && arn.startsWith(partial) && arn.charAt(partial.length()) == '-') {
        found.add(arn);
      }
    }
    if (found.size() != 1) {
      return d;
    }
    List<String> notes = new ArrayList<>(d.notes());
    notes.add("secret " + partial.substring(partial.indexOf(":secret:") + 8) + " is " + found.get(0)
        + " in the case's resource policies (the log names it without the random suffix of its ARN)");
    return new DerivedRequest(d.eventId(), d.principalArn(), d.actions(), List.of(found.get(0)),
        d.resourceAccount() != null ? d.resourceAccount() : io.github.trailbench.core.model.Arn.accountOf(found.get(0)),
        d.context(), d.missing(), d.absent(), null, notes, d.authorization());
  }
}
