package io.github.trailbench.core.findings;

import io.github.trailbench.core.model.SourceProblem;

/** A rule file cannot be used; says which file, where in it ({@code rules[3].match.eventName}) and why. */
public class RulePackException extends Exception {
  private final SourceProblem problem;

  public RulePackException(SourceProblem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public RulePackException(SourceProblem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problem = problem;
  }

  public SourceProblem problem() {
    return problem;
  }
}
