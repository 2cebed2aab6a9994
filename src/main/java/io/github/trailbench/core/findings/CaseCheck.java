package io.github.trailbench.core.findings;

import java.time.Instant;
import java.util.List;

/**
 * Extension point for detections that need more than the event stream: credential hygiene
 * (from the credential report) and least privilege (granted vs used permissions, from the IAM
 * readers and the policy engine). Not implemented here: the IAM readers are written in parallel.
 * An implementation takes whatever input model it needs ({@code T}), returns findings built with
 * the {@link Finding} record (rule id = the check's {@link #id()}, stable finding ids), and the
 * caller merges them with {@link #merge}.
 *
 * @param <T> the case data the check reads (e.g. a credential report, an authorization snapshot)
 */
public interface CaseCheck<T> {
  /** Stable id, used as the findings' rule id, e.g. {@code credential-unused-key}. */
  String id();

  List<Finding> check(T input, Instant createdAt);

  /** Findings of several sources in {@link Finding#ORDER}, duplicates (same id) removed. */
  @SafeVarargs
  static List<Finding> merge(List<Finding>... lists) {
    java.util.Map<String, Finding> byId = new java.util.LinkedHashMap<>();
    for (List<Finding> l : lists) {
      for (Finding f : l) {
        byId.putIfAbsent(f.id(), f);
      }
    }
    return byId.values().stream().sorted(Finding.ORDER).toList();
  }
}
