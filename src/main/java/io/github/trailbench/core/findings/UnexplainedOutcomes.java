package io.github.trailbench.core.findings;

import io.github.trailbench.core.correlate.EventReplay;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.correlate.ReplayVerdict;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Outcomes the case's policies do not explain: logged calls whose replay through the policy
 * engine, over the case's IAM data, decides otherwise than CloudTrail recorded
 * ({@link ReplayVerdict#DISAGREES}). Fed the disagreeing replays with their events, it groups them
 * by principal, action and recorded outcome, and makes one finding per group with the count, the
 * time span and what the case lacks that could explain them (the replay's gaps).
 *
 * <p>Severity, as an analyst weighs it (docs/detections.md): a call CloudTrail recorded as allowed
 * that the case's policies deny is {@link Severity#MEDIUM}: the case's IAM data is incomplete, or a
 * policy was changed during the incident and changed back. When the caller is an AWS service
 * acting for the account (no identity policies of its own; only the resource's policy, which the
 * case often lacks, can grant it) it is {@link Severity#LOW}, as is a call recorded as denied that
 * the policies allow (a deny the case does not hold: a missing SCP, boundary or resource policy).
 */
public final class UnexplainedOutcomes {
  public static final String RULE_ID = "outcome-not-explained-by-policies";
  public static final String TITLE = "Outcome not explained by the case's policies";
  static final String DESCRIPTION = "The policy engine replayed these logged calls over the case's IAM data and decides"
      + " otherwise than CloudTrail recorded. Either the case lacks policies that took part (a resource or key policy, an"
      + " SCP, a permissions boundary, a session policy), or a policy was different when the calls were made than in the"
      + " IAM export (changed during the incident and changed back). Compare the export time with the events, and look"
      + " for policy changes (Put*Policy, Attach*, CreatePolicyVersion, SetDefaultPolicyVersion) around them.";
  /** Evidence events kept per finding; the count and time span cover all. */
  static final int MAX_EVIDENCE = 50;
  /** Principals named in the summary of the finding for callers the IAM data lacks. */
  static final int MAX_NAMED_PRINCIPALS = 5;
  /** How the replay says the case's IAM data does not hold the caller (PoliciesInForce). */
  static final String ABSENT_PRINCIPAL_GAP = "the case's IAM data has no ";
  /** What-the-case-lacks lines named in a finding's summary. */
  static final int MAX_GAPS = 3;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final IpClassifier ips;
  private final Map<String, Group> groups = new LinkedHashMap<>();

  public UnexplainedOutcomes(IpClassifier ips) {
    this.ips = ips;
  }

  /** One (principal, action, recorded outcome) and its calls. */
  private static final class Group {
    final String principal;
    final String action;
    final String recorded;
    final String decision;
    final boolean awsService;
    /** Callers the case's IAM data does not hold: one group for all of them (per recorded outcome). */
    final boolean absentPrincipals;
    final Set<String> principals = new LinkedHashSet<>();
    final List<Evidence.Event> events = new ArrayList<>();
    final Set<String> gaps = new LinkedHashSet<>();
    /** Why AWS would not have given the recorded outcome whatever the policies say; null for a policy question. */
    String impossible;
    long count;
    Instant first;
    Instant last;

    Group(String principal, String action, String recorded, String decision, boolean awsService, boolean absentPrincipals) {
      this.principal = principal;
      this.action = action;
      this.recorded = recorded;
      this.decision = decision;
      this.awsService = awsService;
      this.absentPrincipals = absentPrincipals;
    }
  }

  /** Takes a replayed event; only its disagreeing actions count. */
  public void accept(CloudTrailEvent event, EventReplay replay) {
    if (replay.verdict() != ReplayVerdict.DISAGREES) {
      return;
    }
    boolean awsService = event.userIdentity() != null && "AWSService".equals(event.userIdentity().type());
    Evidence.Event evidence = null;
    for (Explainer.Explanation e : replay.actions()) {
      if (e.verdict() != ReplayVerdict.DISAGREES) {
        continue;
      }
      String principal = e.principal() == null ? "(unknown principal)" : e.principal();
      // a caller the IAM export does not hold explains itself: one finding for all such callers,
      // not one per caller and action (a case with a partial export would drown in them)
      String impossible = impossible(e);
      boolean absent = impossible == null && e.gaps().stream().anyMatch(gap -> gap.startsWith(ABSENT_PRINCIPAL_GAP));
      String key = absent ? "\u001fabsent\u001f" + e.recorded() : principal + "\u001f" + e.action() + "\u001f" + e.recorded()
          + (impossible == null ? "" : "\u001fimpossible");
      Group g = groups.computeIfAbsent(key, k -> new Group(absent ? k : principal, absent ? "*" : e.action(), e.recorded(),
          e.result().decision().json(), awsService, absent));
      g.principals.add(principal);
      if (g.impossible == null) {
        g.impossible = impossible;
      }
      g.count++;
      g.gaps.addAll(e.gaps());
      if (evidence == null) {
        evidence = new EventView(event, ips).toEvidence();
      }
      if (g.events.size() < MAX_EVIDENCE) {
        g.events.add(evidence);
      }
      Instant t = evidence.time();
      if (t != null) {
        g.first = g.first == null || t.isBefore(g.first) ? t : g.first;
        g.last = g.last == null || t.isAfter(g.last) ? t : g.last;
      }
    }
  }

  /**
   * Why AWS would not have given a disagreeing action's recorded outcome whatever the policies say:
   * what its credentials cannot do (the replay's refusal), or credentials that had expired; null when
   * the disagreement is the policies'.
   */
  private static String impossible(Explainer.Explanation e) {
    if (e.result().trace().detail().containsKey(Explainer.REFUSED_WHATEVER)) {
      return e.result().explanation();
    }
    return e.gaps().stream().filter(g -> g.contains("whose credentials expired at")).findFirst().orElse(null);
  }

  /** One finding per group, in the order the groups were first seen. */
  public List<Finding> findings(Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (Group g : groups.values()) {
      if (g.absentPrincipals) {
        out.add(absentPrincipalsFinding(g, createdAt));
        continue;
      }
      boolean recordedAllowed = g.recorded.equals("Allowed");
      Severity severity = recordedAllowed && !g.awsService ? Severity.MEDIUM : Severity.LOW;
      String calls = g.count == 1 ? "1 " + g.action + " call" : g.count + " " + g.action + " calls";
      String span = g.first == null ? "" : g.first.equals(g.last) ? " at " + WHEN.format(g.first)
          : " from " + WHEN.format(g.first) + " to " + WHEN.format(g.last);
      List<String> lacks = new ArrayList<>(g.gaps);
      String lacking = lacks.isEmpty() ? "a policy may have changed between the calls and the IAM export"
          : String.join("; ", lacks.subList(0, Math.min(MAX_GAPS, lacks.size())))
              + (lacks.size() > MAX_GAPS ? "; and " + (lacks.size() - MAX_GAPS) + " more" : "");
      String summary = g.impossible != null
          ? "CloudTrail recorded " + calls + " by " + g.principal + span + " as " + g.recorded.toLowerCase(Locale.ROOT)
              + ", which AWS would not have done whatever the policies say: " + g.impossible + ". The record itself is in"
              + " doubt: edited, or attributed to the wrong key."
          : !recordedAllowed && g.decision.endsWith("Deny")
          // refused as recorded, but AWS's error message names another refusing policy than the replay finds
          ? "CloudTrail recorded " + calls + " by " + g.principal + span + " as denied, and the case's policies refuse it"
              + " too (" + g.decision + "), but not for the reason AWS gave. What the case lacks: " + lacking + "."
          : "CloudTrail recorded " + calls + " by " + g.principal + span + " as " + g.recorded.toLowerCase(Locale.ROOT)
              + ", but the case's policies give " + g.decision + ". What the case lacks: " + lacking + ".";
      String title = TITLE + ": " + g.action + " by " + shortName(g.principal) + " " + (recordedAllowed ? "allowed" : "denied");
      List<Evidence> evidence = new ArrayList<>(g.events);
      evidence.add(new Evidence.Principal(g.principal));
      g.events.stream().map(Evidence.Event::accessKeyId).filter(k -> k != null && !k.isEmpty()).distinct()
          .forEach(k -> evidence.add(new Evidence.AccessKey(k)));
      out.add(new Finding(Finding.idFor(RULE_ID, g.principal + "\u001f" + g.action + "\u001f" + g.recorded), RULE_ID, title,
          severity, FindingStatus.OPEN, summary, DESCRIPTION, "", evidence, g.count, g.first, g.last, createdAt,
          List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html")));
    }
    return out;
  }

  /**
   * Calls by principals the case's IAM data does not hold: LOW, since the case says why it cannot
   * explain them (the export lacks those principals or their accounts), with the principals named
   * and the way to close the gap.
   */
  private static Finding absentPrincipalsFinding(Group g, Instant createdAt) {
    List<String> named = new ArrayList<>(g.principals);
    String who = g.principals.size() == 1 ? named.get(0)
        : g.principals.size() + " principals (" + String.join(", ", named.subList(0, Math.min(MAX_NAMED_PRINCIPALS, named.size())))
            + (named.size() > MAX_NAMED_PRINCIPALS ? " and " + (named.size() - MAX_NAMED_PRINCIPALS) + " more" : "") + ")";
    String span = g.first == null ? "" : g.first.equals(g.last) ? " at " + WHEN.format(g.first)
        : " from " + WHEN.format(g.first) + " to " + WHEN.format(g.last);
    String summary = "CloudTrail recorded " + g.count + (g.count == 1 ? " call" : " calls") + " by " + who + span + " as "
        + g.recorded.toLowerCase(Locale.ROOT) + " that the case cannot replay: its IAM data does not hold "
        + (g.principals.size() == 1 ? "that principal" : "those principals")
        + ", so their identity policies and permissions boundaries are unknown. Import the IAM export"
        + " (get-account-authorization-details) of their accounts to replay them.";
    String title = TITLE + ": " + g.count + (g.count == 1 ? " call" : " calls") + " by "
        + (g.principals.size() == 1 ? shortName(named.get(0)) : g.principals.size() + " principals")
        + " the IAM data does not hold, " + (g.recorded.equals("Allowed") ? "allowed" : "denied");
    List<Evidence> evidence = new ArrayList<>(g.events);
    named.stream().limit(MAX_EVIDENCE).forEach(p -> evidence.add(new Evidence.Principal(p)));
    return new Finding(Finding.idFor(RULE_ID, "absent\u001f" + g.recorded), RULE_ID, title, Severity.LOW, FindingStatus.OPEN,
        summary, DESCRIPTION, "", evidence, g.count, g.first, g.last, createdAt,
        List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"));
  }

  private static String shortName(String arn) {
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }
}
