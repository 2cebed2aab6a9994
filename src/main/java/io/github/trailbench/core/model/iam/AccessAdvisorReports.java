package io.github.trailbench.core.model.iam;

import java.util.List;

/**
 * An Access Advisor file ({@code access-advisor/v1}): service last-accessed reports, each with the
 * principal, group, policy or organizations entity it was generated for.
 */
public record AccessAdvisorReports(String file, List<AccessAdvisorReport> reports) implements IamSource {
  public AccessAdvisorReports {
    reports = Copies.list(reports);
  }

  @Override
  public IamSourceKind kind() {
    return IamSourceKind.ACCESS_ADVISOR;
  }
}
