package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.iam.AccessAdvisorReport;
import io.github.trailbench.core.model.iam.AccessAdvisorReports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The case's Access Advisor reports, and what they say about one principal. A principal's use of
 * a service is known from: a report generated for the principal itself (every service its
 * policies allow, used or not); a group or policy report whose last accessing entity was the
 * principal (used, no more); a with-entities report listing the principal (used or not, for that
 * service). Several facts about one service merge to the latest access and the latest report.
 */
public final class AccessAdvisor {
  private static final AccessAdvisor EMPTY = new AccessAdvisor(List.of());
  private final List<AccessAdvisorReport> reports;

  private AccessAdvisor(List<AccessAdvisorReport> reports) {
    this.reports = List.copyOf(reports);
  }

  static AccessAdvisor of(List<AccessAdvisorReports> files) {
    if (files.isEmpty()) {
      return EMPTY;
    }
    List<AccessAdvisorReport> all = new ArrayList<>();
    files.forEach(f -> all.addAll(f.reports()));
    return new AccessAdvisor(all);
  }

  /** Every report of the case, in file order. */
  public List<AccessAdvisorReport> reports() {
    return reports;
  }

  public boolean isEmpty() {
    return reports.isEmpty();
  }

  /** The organizations access reports (SCP reviews). */
  public List<AccessAdvisorReport.Organizations> organizationsReports() {
    return reports.stream().filter(AccessAdvisorReport.Organizations.class::isInstance)
        .map(AccessAdvisorReport.Organizations.class::cast).toList();
  }

  /** The principals (user and role ARNs) some report covers, in first-seen order. */
  public List<String> principals() {
    Set<String> out = new LinkedHashSet<>();
    for (AccessAdvisorReport r : reports) {
      if (r instanceof AccessAdvisorReport.Services s && isPrincipal(s.subjectArn())) {
        out.add(s.subjectArn());
      } else if (r instanceof AccessAdvisorReport.Entities e) {
        e.entities().forEach(x -> out.add(x.arn()));
      }
    }
    return List.copyOf(out);
  }

  private static boolean isPrincipal(String arn) {
    return arn.contains(":user/") || arn.contains(":role/");
  }

  /** What the reports say about the principal's services, by service namespace; empty when none covers it. */
  public List<ServiceLastAccess> forPrincipal(String principalArn) {
    Map<String, Builder> byService = new TreeMap<>();
    for (AccessAdvisorReport r : reports) {
      if (r instanceof AccessAdvisorReport.Services s) {
        boolean own = s.subjectArn().equals(principalArn);
        for (AccessAdvisorReport.ServiceAccess a : s.services()) {
          boolean lastByPrincipal = a.lastEntity().map(principalArn::equals).orElse(false);
          if (!own && !lastByPrincipal) {
            continue;
          }
          Builder b = byService.computeIfAbsent(a.namespace(), Builder::new);
          b.fact(a.name(), a.lastAuthenticated(), a.lastRegion(), s.completedAt(), s.origin());
          for (AccessAdvisorReport.ActionAccess act : a.trackedActions()) {
            if (own || act.entity().map(principalArn::equals).orElse(false)) {
              b.action(act.action(), act.lastAccessed());
            }
          }
        }
      } else if (r instanceof AccessAdvisorReport.Entities e) {
        for (AccessAdvisorReport.EntityAccess x : e.entities()) {
          if (x.arn().equals(principalArn)) {
            byService.computeIfAbsent(e.serviceNamespace(), Builder::new)
                .fact("", x.lastAuthenticated(), Optional.empty(), e.completedAt(), e.origin());
          }
        }
      }
    }
    return byService.values().stream().map(Builder::build).toList();
  }

  /** The principal's entry for one service, if a report covers it. */
  public Optional<ServiceLastAccess> forPrincipal(String principalArn, String service) {
    return forPrincipal(principalArn).stream().filter(s -> s.service().equals(service)).findFirst();
  }

  private static final class Builder {
    final String service;
    String name = "";
    Instant last;
    Optional<String> region = Optional.empty();
    Instant reportedAt;
    final Map<String, Instant> actions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Set<String> origins = new LinkedHashSet<>();

    Builder(String service) {
      this.service = service;
    }

    void fact(String serviceName, Optional<Instant> lastAuthenticated, Optional<String> lastRegion, Instant completedAt,
        String origin) {
      if (name.isEmpty()) {
        name = serviceName;
      }
      if (lastAuthenticated.isPresent() && (last == null || lastAuthenticated.get().isAfter(last))) {
        last = lastAuthenticated.get();
        region = lastRegion;
      }
      reportedAt = reportedAt == null || completedAt.isAfter(reportedAt) ? completedAt : reportedAt;
      origins.add(origin);
    }

    void action(String action, Optional<Instant> lastAccessed) {
      Instant previous = actions.get(action);
      if (!actions.containsKey(action) || lastAccessed.isPresent() && (previous == null || lastAccessed.get().isAfter(previous))) {
        actions.put(action, lastAccessed.orElse(previous));
      }
    }

    ServiceLastAccess build() {
      List<ServiceLastAccess.ActionLastAccess> a = new ArrayList<>();
      actions.forEach((k, v) -> a.add(new ServiceLastAccess.ActionLastAccess(k, Optional.ofNullable(v))));
      return new ServiceLastAccess(service, name, Optional.ofNullable(last), region, a, reportedAt, List.copyOf(origins));
    }
  }
}
