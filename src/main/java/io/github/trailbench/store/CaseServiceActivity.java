package io.github.trailbench.store;

import io.github.trailbench.core.findings.leastprivilege.ServiceActivity;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A user's or role's services as IAM Access Advisor and the case's trail each saw them. */
public final class CaseServiceActivity {
  private CaseServiceActivity() {}

  /**
   * Empty when no Access Advisor report of the case covers the principal (a user or role ARN, or
   * a role session's ARN, which stands for its role).
   *
   * @throws SourceFormatException when the case's IAM data cannot be read
   */
  public static List<ServiceActivity> of(CaseStore store, String principalArn) throws SourceFormatException {
    IamSnapshot iam = CaseIam.snapshot(store);
    String principal = iam.principal(principalArn).map(p -> p.arn()).orElse(principalArn); // a session: its role
    Optional<ServiceActivity.Collector> collector = ServiceActivity.collector(iam, principal);
    if (collector.isEmpty()) {
      return List.of();
    }
    List<SourceProblem> problems = new ArrayList<>();
    CaseEvents.forEach(store, new Expr.All(), collector.get(), problems::add);
    if (!problems.isEmpty()) {
      throw new StoreException("cannot read " + problems.size() + " stored record(s), first: " + problems.get(0));
    }
    return collector.get().finish();
  }
}
