package io.github.trailbench.core.findings;

import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A user or role assumed a role for the first time in the case, from an address it had first
 * used less than a day before: the pattern of stolen credentials moving sideways into a role
 * the principal does not normally use. Admin-equivalent roles are left out (their assumption
 * is the critical {@link RoleEscalations} finding when the case has IAM data).
 *
 * <p>Fed every event in time order. The case's first day, and each caller's first call, only
 * learn (as the built-in new-address rules); AWS service callers, AWS service addresses and the
 * analyst's known addresses never count as new. Memory: per caller, its roles and addresses
 * (capped at {@value #MAX_ADDRESSES}).
 */
public final class RoleFirstAssumptions implements Consumer<CloudTrailEvent> {
  public static final String RULE_ID = "role-first-assumption-new-address";
  public static final String TITLE = "Role assumed for the first time from a new address";
  static final String DESCRIPTION = "A user or role assumed a role it had not assumed before in the case, from a "
      + "source address it had first used less than a day earlier (after the case's first day, which only learns). "
      + "Stolen keys are used to move into other roles from the attacker's address; a principal's first use of a role "
      + "from a place it never called from deserves a look. Roles the policy engine finds admin-equivalent are reported "
      + "as privilege escalation instead.";
  static final Duration LEARNING = Duration.ofDays(1);
  static final Duration NEW_FOR = Duration.ofDays(1);
  private static final int MAX_ADDRESSES = 1000;
  /** Marks an address of a caller's baseline (seen while learning). */
  private static final Instant BASELINE = Instant.MIN;

  private final IpClassifier ips;
  private Instant start;
  private final Map<String, Map<String, Instant>> addresses = new HashMap<>();
  private final Map<String, Set<String>> roles = new HashMap<>();
  private final Map<String, Candidate> candidates = new LinkedHashMap<>();

  private record Candidate(String caller, String role, Evidence.Event event, Instant addressSince) {}

  public RoleFirstAssumptions(IpClassifier ips) {
    this.ips = ips;
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || e.eventTime() == null) {
      return;
    }
    UserIdentity ui = e.userIdentity();
    String caller = RoleEscalations.callerArn(ui);
    if (caller == null || ui == null || "AWSService".equals(ui.type()) || ui.invokedBy() != null) {
      return;
    }
    Instant t = e.eventTime();
    start = start == null ? t : start;
    boolean learning = t.isBefore(start.plus(LEARNING));
    boolean firstCall = !addresses.containsKey(caller);
    Map<String, Instant> seen = addresses.computeIfAbsent(caller, k -> new HashMap<>());
    String ip = e.sourceIpAddress();
    boolean counts = ip != null && ips.classify(ip) != IpClass.AWS_SERVICE && ips.known(ip) == null;
    if (counts && seen.size() < MAX_ADDRESSES) {
      seen.putIfAbsent(ip, learning || firstCall ? BASELINE : t);
    }
    if (!"AssumeRole".equals(e.eventName()) || !"sts.amazonaws.com".equals(e.eventSource()) || e.failed()) {
      return;
    }
    EventView v = new EventView(e, ips);
    String role = v.resource();
    if (role == null || !roles.computeIfAbsent(caller, k -> new HashSet<>()).add(role) || learning || firstCall || !counts) {
      return;
    }
    Instant since = seen.get(ip);
    if (since != null && since != BASELINE && !t.isAfter(since.plus(NEW_FOR))) {
      candidates.putIfAbsent(caller + "\u001f" + role, new Candidate(caller, role, v.toEvidence(), since));
    }
  }

  /** One medium finding per caller and role, leaving out the {@code adminRoles} (ARNs). */
  public List<Finding> findings(Set<String> adminRoles, Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (Candidate c : candidates.values()) {
      if (adminRoles.contains(c.role())) {
        continue;
      }
      Evidence.Event ev = c.event();
      List<Evidence> evidence = new ArrayList<>(List.of(ev, new Evidence.Principal(c.caller()), new Evidence.Principal(c.role())));
      if (ev.accessKeyId() != null) {
        evidence.add(new Evidence.AccessKey(ev.accessKeyId()));
      }
      long minutes = Duration.between(c.addressSince(), ev.time()).toMinutes();
      String summary = shortName(c.caller()) + " assumed " + shortName(c.role()) + " for the first time in the case at "
          + SummaryTemplate.time(ev.time()) + " from " + ev.sourceIp() + ", an address it first used "
          + (minutes < 1 ? "in that minute" : minutes < 120 ? minutes + " minute(s) earlier" : (minutes / 60) + " hour(s) earlier")
          + " (" + c.caller() + " \u2192 " + c.role() + ").";
      out.add(new Finding(Finding.idFor(RULE_ID, c.caller() + "\u001f" + c.role()), RULE_ID,
          TITLE + ": " + shortName(c.caller()) + " \u2192 " + shortName(c.role()), Severity.MEDIUM, FindingStatus.OPEN,
          summary, DESCRIPTION, "", evidence, 1, ev.time(), ev.time(), createdAt,
          List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html",
              "https://attack.mitre.org/techniques/T1078/004/")));
    }
    return out;
  }

  private static String shortName(String arn) {
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }
}
