package io.github.trailbench.core.correlate;

import java.util.List;

/**
 * The resource ARNs a call touched, as far as the log tells.
 *
 * @param arns resource ARNs, de-duplicated, in the order found; empty when unknown or none
 * @param resourceAccount the account owning the resource(s) when the log says so, else null
 * @param unknownReason why {@code arns} is empty (or incomplete), null when complete
 * @param notes assumptions made (e.g. "IAM path assumed to be /")
 */
public record ResourceDerivation(
    List<String> arns, String resourceAccount, String unknownReason, List<String> notes) {
  public ResourceDerivation {
    arns = List.copyOf(arns);
    notes = List.copyOf(notes);
  }

  public boolean known() {
    return !arns.isEmpty();
  }
}
