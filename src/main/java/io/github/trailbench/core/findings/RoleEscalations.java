package io.github.trailbench.core.findings;

import io.github.trailbench.core.correlate.EscalationList;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Privilege escalation by role assumption that the trail shows was taken: a user or role became
 * an admin-equivalent role ({@link EscalationList}, decided by the policy engine over the case's
 * IAM data) and every step of the chain appears as a successful AssumeRole. Fed the case's events
 * (it keeps only the successful AssumeRole calls, capped per caller and role), then turned into
 * one critical finding per chain naming the roles and what allowed each step (the wildcard
 * {@code sts:AssumeRole}, the trust without MFA).
 */
public final class RoleEscalations implements Consumer<CloudTrailEvent> {
  public static final String RULE_ID = "privilege-escalation-role-assumption";
  public static final String TITLE = "Privilege escalation by role assumption";
  static final String DESCRIPTION = "A principal assumed a role whose permissions exceed its own: the role is "
      + "admin-equivalent (the policy engine finds it can do anything, or grant itself anything, over the case's IAM "
      + "data) and the principal was not. The finding names the role chain and, for each step, the identity policy that "
      + "allowed sts:AssumeRole and what the role's trust policy trusts (for example the account root without MFA).";
  private static final int MAX_PER_STEP = 50;

  private final IpClassifier ips;
  private final Map<String, List<Evidence.Event>> assumed = new HashMap<>();

  public RoleEscalations(IpClassifier ips) {
    this.ips = ips;
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || !"AssumeRole".equals(e.eventName()) || !"sts.amazonaws.com".equals(e.eventSource()) || e.failed()) {
      return;
    }
    EventView v = new EventView(e, ips);
    String caller = callerArn(e.userIdentity());
    String role = v.resource();
    if (caller == null || role == null) {
      return;
    }
    List<Evidence.Event> list = assumed.computeIfAbsent(caller + "\u001f" + role, k -> new ArrayList<>());
    if (list.size() < MAX_PER_STEP) {
      list.add(v.toEvidence());
    }
  }

  /** The user or role behind a call: a role session's issuing role, else the identity's ARN. */
  static String callerArn(UserIdentity ui) {
    if (ui == null) {
      return null;
    }
    if ("AssumedRole".equals(ui.type()) && ui.sessionContext() != null && ui.sessionContext().sessionIssuer() != null) {
      return ui.sessionContext().sessionIssuer().arn();
    }
    return ui.arn();
  }

  /** One finding per escalation whose every step the trail shows as a successful AssumeRole. */
  public List<Finding> findings(List<EscalationList.Escalation> escalations, Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (EscalationList.Escalation x : escalations) {
      List<Evidence> evidence = new ArrayList<>();
      Set<String> principals = new LinkedHashSet<>();
      List<String> chain = new ArrayList<>(List.of(shortName(x.principal())));
      boolean taken = !x.steps().isEmpty();
      for (EscalationList.Step s : x.steps()) {
        List<Evidence.Event> calls = s.action().equals("sts:AssumeRole") ? assumed.get(s.from() + "\u001f" + s.to()) : null;
        if (calls == null || calls.isEmpty()) {
          taken = false;
          break;
        }
        evidence.addAll(calls);
        principals.add(s.from());
        principals.add(s.to());
        chain.add(shortName(s.to()));
      }
      if (!taken) {
        continue;
      }
      List<Evidence.Event> events = evidence.stream().map(Evidence.Event.class::cast)
          .sorted(java.util.Comparator.comparing(Evidence.Event::time, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
          .toList();
      List<Evidence> all = new ArrayList<>(events);
      principals.forEach(p -> all.add(new Evidence.Principal(p)));
      events.stream().map(Evidence.Event::accessKeyId).filter(k -> k != null).distinct().forEach(k -> all.add(new Evidence.AccessKey(k)));
      // an end only possibly admin-equivalent (its policies not in the case) is reported one level lower, and says so
      String title = TITLE + ": " + String.join(" \u2192 ", chain) + (x.possibleAdmin() ? " (possibly admin)" : " (admin)");
      String summary = String.join(" \u2192 ", chain) + ": " + x.sentence()
          .replaceFirst(" can become ", " became ") + ".";
      out.add(new Finding(Finding.idFor(RULE_ID, x.principal() + "\u001f" + x.admin()), RULE_ID, title,
          x.possibleAdmin() ? Severity.HIGH : Severity.CRITICAL,
          FindingStatus.OPEN, summary, DESCRIPTION, "", all, events.size(), events.get(0).time(),
          events.get(events.size() - 1).time(), createdAt,
          List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html",
              "https://github.com/nccgroup/PMapper")));
    }
    return out;
  }

  private static String shortName(String arn) {
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }
}
