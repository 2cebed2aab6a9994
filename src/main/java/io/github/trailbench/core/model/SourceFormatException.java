package io.github.trailbench.core.model;

/** A whole input cannot be read; carries the problem with file, position and reason. */
public class SourceFormatException extends Exception {
  private final SourceProblem problem;

  public SourceFormatException(SourceProblem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public SourceFormatException(SourceProblem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problem = problem;
  }

  public SourceProblem problem() {
    return problem;
  }
}
