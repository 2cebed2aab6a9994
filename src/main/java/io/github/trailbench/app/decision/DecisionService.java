package io.github.trailbench.app.decision;

import io.github.trailbench.core.policy.PolicyChange;
import java.util.List;

/** Evaluates a request against the policies in force (the case's, or edited ones). */
@FunctionalInterface
public interface DecisionService {
  DecisionResult evaluate(DecisionRequest request) throws Exception;

  /**
   * Evaluates with what-if changes applied, in order, to the policies in force. A service that
   * cannot edit policies ({@link #editsPolicies()} false) refuses any change.
   */
  default DecisionResult evaluate(DecisionRequest request, List<PolicyChange> changes) throws Exception {
    if (changes.isEmpty()) {
      return evaluate(request);
    }
    throw new UnsupportedOperationException("this decision service cannot evaluate edited policies");
  }

  /** Whether {@link #evaluate(DecisionRequest, List)} accepts policy changes. */
  default boolean editsPolicies() {
    return false;
  }

  /**
   * Whether the policies in force are gathered for each request's own principal, so a what-if
   * principal is evaluated with that principal's identity policies, boundary and SCP path.
   */
  default boolean gathersPoliciesPerPrincipal() {
    return false;
  }

  /**
   * The simulator: every action of the query decided for its principal, in the order asked. Bad
   * input (an unknown principal, service or action) is an {@link IllegalArgumentException} whose
   * message is for the analyst.
   */
  default List<SimulationRow> simulate(SimulationQuery query) throws Exception {
    throw new UnsupportedOperationException("this decision service cannot simulate a principal");
  }

  /** Users and roles the simulator can take (the case's IAM data); empty when the service cannot say. */
  default List<String> simulatablePrincipals() throws Exception {
    return List.of();
  }

  /** Principal ARNs the evidence knows, for completion; empty when the service cannot say. */
  default List<String> knownPrincipals() throws Exception {
    return List.of();
  }
}
