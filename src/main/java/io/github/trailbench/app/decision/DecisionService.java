package io.github.trailbench.app.decision;

/** Evaluates a request against the policies in force (the case's, or edited ones). */
@FunctionalInterface
public interface DecisionService {
  DecisionResult evaluate(DecisionRequest request) throws Exception;
}
