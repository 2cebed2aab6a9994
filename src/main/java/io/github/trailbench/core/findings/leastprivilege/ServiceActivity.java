package io.github.trailbench.core.findings.leastprivilege;

import io.github.trailbench.core.catalog.ActionMapping;
import io.github.trailbench.core.catalog.Authorization;
import io.github.trailbench.core.catalog.EventActionMapper;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.ServiceLastAccess;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One service of a user or role as IAM Access Advisor and the trail each saw it: Access
 * Advisor's last access beside the principal's first and last successful call in the trail
 * (for a role, any of its sessions). What the graph's node details and the timeline show.
 *
 * @param accessAdvisorLast empty when the report shows no access in its tracking period, or when
 *     no report covers the service ({@code reportedAt} empty too)
 */
public record ServiceActivity(String service, Optional<Instant> accessAdvisorLast, Optional<Instant> reportedAt,
    Optional<Instant> trailFirst, Optional<Instant> trailLast) {

  /** "ec2 — Access Advisor: last 2026-10-07 (report of 2026-10-08) · trail: 2026-10-01 … 2026-10-07". */
  public String line() {
    String advisor = reportedAt.isEmpty() ? "no Access Advisor report"
        : "Access Advisor: " + accessAdvisorLast.map(t -> "last " + day(t)).orElse("not accessed in its tracking period")
            + " (report of " + day(reportedAt.get()) + ")";
    String trail = trailFirst.isEmpty() ? "no use in the trail"
        : "trail: " + day(trailFirst.get()) + (day(trailFirst.get()).equals(day(trailLast.get())) ? ""
            : " … " + day(trailLast.get()));
    return service + " — " + advisor + " · " + trail;
  }

  private static String day(Instant t) {
    return t.toString().substring(0, 10);
  }

  /**
   * Starts collecting for the principal; empty when no Access Advisor report covers it (there is
   * then nothing to put beside the trail).
   */
  public static Optional<Collector> collector(IamSnapshot iam, String principalArn) {
    List<ServiceLastAccess> advisor = iam.accessAdvisor().forPrincipal(principalArn);
    return advisor.isEmpty() ? Optional.empty() : Optional.of(new Collector(principalArn, advisor));
  }

  /** Feed it the case's events (any order), then {@link #finish}. Not thread-safe. */
  public static final class Collector implements Consumer<CloudTrailEvent> {
    private final String principal;
    private final String sessionPrefix;
    private final List<ServiceLastAccess> advisor;
    private final EventActionMapper mapper = EventActionMapper.get();
    private final Map<String, Instant[]> trail = new TreeMap<>();

    private Collector(String principal, List<ServiceLastAccess> advisor) {
      this.principal = principal;
      this.advisor = advisor;
      int role = principal.indexOf(":role/");
      this.sessionPrefix = role < 0 ? null : principal.substring(0, role).replace(":iam:", ":sts:") + ":assumed-role/"
          + principal.substring(principal.lastIndexOf('/') + 1) + "/";
    }

    @Override
    public void accept(CloudTrailEvent e) {
      if (e == null || e.eventTime() == null || !isPrincipals(e.userIdentity())) {
        return;
      }
      ActionMapping m = mapper.map(e);
      if (m.authorization() != Authorization.IAM || e.failed() && LeastPrivilege.isDenial(e.errorCode())) {
        return;
      }
      for (String action : m.actions()) {
        Instant[] span = trail.computeIfAbsent(LeastPrivilege.service(action), k -> new Instant[] {e.eventTime(), e.eventTime()});
        span[0] = e.eventTime().isBefore(span[0]) ? e.eventTime() : span[0];
        span[1] = e.eventTime().isAfter(span[1]) ? e.eventTime() : span[1];
      }
    }

    private boolean isPrincipals(UserIdentity id) {
      if (id == null || id.arn() == null) {
        return false;
      }
      if (sessionPrefix == null) {
        return id.arn().equals(principal);
      }
      return id.sessionContext() != null && id.sessionContext().sessionIssuer() != null
          && principal.equals(id.sessionContext().sessionIssuer().arn()) || id.arn().startsWith(sessionPrefix);
    }

    /** Every service Access Advisor reports on or the trail shows used, by name. */
    public List<ServiceActivity> finish() {
      Map<String, ServiceActivity> out = new TreeMap<>();
      for (ServiceLastAccess s : advisor) {
        Instant[] span = trail.get(s.service());
        out.put(s.service(), new ServiceActivity(s.service(), s.lastAuthenticated(), Optional.of(s.reportedAt()),
            Optional.ofNullable(span).map(x -> x[0]), Optional.ofNullable(span).map(x -> x[1])));
      }
      trail.forEach((service, span) -> out.putIfAbsent(service, new ServiceActivity(service, Optional.empty(),
          Optional.empty(), Optional.of(span[0]), Optional.of(span[1]))));
      return new ArrayList<>(out.values());
    }
  }
}
