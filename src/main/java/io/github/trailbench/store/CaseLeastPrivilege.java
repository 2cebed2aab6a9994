package io.github.trailbench.store;

import io.github.trailbench.core.findings.leastprivilege.LeastPrivilege;
import io.github.trailbench.core.findings.leastprivilege.LeastPrivilegeResult;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.query.Expr;
import java.util.ArrayList;
import java.util.List;

/** Least privilege of one principal over the case's IAM data and every event of the case. */
public final class CaseLeastPrivilege {
  private CaseLeastPrivilege() {}

  /**
   * @throws IllegalArgumentException when the case's IAM data does not know the principal (the
   *     message names the users and roles it knows)
   * @throws SourceFormatException when the case's IAM data cannot be read
   * @throws StoreException when stored events cannot be read back
   */
  public static LeastPrivilegeResult analyse(CaseStore store, String principalArn) throws SourceFormatException {
    LeastPrivilege.Analysis analysis = new LeastPrivilege(CaseIam.snapshot(store)).start(principalArn);
    List<SourceProblem> problems = new ArrayList<>();
    CaseEvents.forEach(store, new Expr.All(), analysis, problems::add);
    if (!problems.isEmpty()) {
      throw new StoreException("cannot read " + problems.size() + " stored record(s), first: " + problems.get(0));
    }
    return analysis.finish();
  }
}
