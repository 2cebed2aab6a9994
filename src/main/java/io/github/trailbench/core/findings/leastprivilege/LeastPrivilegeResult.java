package io.github.trailbench.core.findings.leastprivilege;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Granted versus used permissions of one principal.
 *
 * @param principal the analysed user or role ARN
 * @param principalKind {@code user} or {@code role}
 * @param window what the trail covers
 * @param granted every catalog action the identity policies grant, in catalog name order
 * @param used actions the principal's successful (or not-denied) calls needed, by name
 * @param unusedByService granted actions no logged call needed, per service prefix (sorted)
 * @param denied actions the principal tried and was refused (AccessDenied and the like)
 * @param notDeniable calls made that IAM cannot deny (sts:GetCallerIdentity…), which need no permission
 * @param policy the minimal policy for {@code used}
 * @param caveats what the trail cannot show
 * @param accessAdvisor granted services Access Advisor reports on, beside the trail's use (empty
 *     when the case has no Access Advisor report for the principal)
 */
public record LeastPrivilegeResult(
    String principal,
    String principalKind,
    TrailWindow window,
    List<GrantedAction> granted,
    List<UsedAction> used,
    SortedMap<String, List<String>> unusedByService,
    List<UsedAction> denied,
    Map<String, Long> notDeniable,
    GeneratedPolicy policy,
    List<Caveat> caveats,
    List<AdvisorService> accessAdvisor) {
  public LeastPrivilegeResult {
    granted = List.copyOf(granted);
    used = List.copyOf(used);
    unusedByService = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(unusedByService));
    denied = List.copyOf(denied);
    notDeniable = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notDeniable));
    caveats = List.copyOf(caveats);
    accessAdvisor = List.copyOf(accessAdvisor);
  }

  /** The number of granted actions that were not used. */
  public int unusedCount() {
    return unusedByService.values().stream().mapToInt(List::size).sum();
  }
}
