package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.UserIdentity;
import io.github.trailbench.core.policy.Glob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A principal rewrote a role's trust policy so that it trusts the principal (its ARN, its account,
 * or everyone) and then assumed the role: both calls successful, the assumption after the change.
 * The log alone shows the escalation, whatever the IAM data says the trust was before.
 *
 * <p>Fed every event in time order.
 */
public final class TrustOpenedThenAssumed implements Consumer<CloudTrailEvent> {
  public static final String RULE_ID = "role-trust-opened-then-assumed";
  public static final String TITLE = "Role trust opened to itself, then assumed";
  static final String DESCRIPTION = "UpdateAssumeRolePolicy wrote a trust policy that lets the caller in (its own ARN, "
      + "its account or everyone) and the same caller then assumed the role: it gave itself the role's permissions. "
      + "Critical when the role is admin-equivalent over the case's IAM data and the caller was not.";
  private static final int MAX_PAIRS = 50;

  /** A trust change that let its caller in, waiting for the caller's AssumeRole. */
  private record Opened(String caller, String account, String roleName, String trusted, Evidence.Event event) {}

  /** The change and the assumptions that followed it. */
  private record Taken(Opened opened, String roleArn, List<Evidence.Event> assumptions) {}

  private final IpClassifier ips;
  private final List<Opened> opened = new ArrayList<>();
  private final Map<String, Taken> taken = new LinkedHashMap<>();

  public TrustOpenedThenAssumed(IpClassifier ips) {
    this.ips = ips;
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || e.failed() || e.eventName() == null) {
      return;
    }
    if ("iam.amazonaws.com".equals(e.eventSource()) && e.eventName().equals("UpdateAssumeRolePolicy")) {
      JsonNode req = EventView.parse(e.requestParametersJson());
      String roleName = ManagedPolicyVersions.text(req, "roleName");
      String caller = RoleEscalations.callerArn(e.userIdentity());
      String trusted = roleName == null || caller == null ? null
          : trustedAs(Policies.document(req.get("policyDocument")), e.userIdentity(), caller);
      if (trusted != null && opened.size() < MAX_PAIRS) {
        opened.add(new Opened(caller, e.recipientAccountId(), roleName, trusted, new EventView(e, ips).toEvidence()));
      }
    } else if ("sts.amazonaws.com".equals(e.eventSource()) && e.eventName().equals("AssumeRole")) {
      String caller = RoleEscalations.callerArn(e.userIdentity());
      String roleArn = ManagedPolicyVersions.text(EventView.parse(e.requestParametersJson()), "roleArn");
      if (caller == null || roleArn == null) {
        return;
      }
      for (Opened o : opened) {
        if (o.caller().equals(caller) && names(roleArn, o.account(), o.roleName())) {
          Taken t = taken.computeIfAbsent(o.event().eventId(), k -> new Taken(o, roleArn, new ArrayList<>()));
          if (t.assumptions().size() < MAX_PAIRS) {
            t.assumptions().add(new EventView(e, ips).toEvidence());
          }
        }
      }
    }
  }

  /**
   * How an Allow of sts:AssumeRole in the trust names the caller (its ARN, session ARN, account or
   * {@code *}), or null when it does not.
   */
  static String trustedAs(JsonNode trust, UserIdentity ui, String caller) {
    String account = Policies.accountOf(caller);
    Set<String> names = new java.util.HashSet<>();
    names.add(caller);
    if (ui.arn() != null) {
      names.add(ui.arn());
    }
    if (account != null) {
      names.add(account);
      names.add(caller.substring(0, caller.indexOf(':', "arn:".length())) + ":iam::" + account + ":root");
    }
    for (JsonNode st : Policies.allowStatements(trust)) {
      boolean assume = Policies.strings(st.get("Action")).stream().anyMatch(a -> Glob.match(a, "sts:AssumeRole", true));
      JsonNode principal = st.get("Principal");
      List<String> aws = principal == null ? List.of()
          : principal.isTextual() ? List.of(principal.asText()) : Policies.strings(principal.get("AWS"));
      for (String p : aws) {
        if (assume && (p.equals("*") || names.contains(p))) {
          return p;
        }
      }
    }
    return null;
  }

  /** Whether a role ARN is the role of that name in that account (names are not case-sensitive). */
  private static boolean names(String roleArn, String account, String roleName) {
    String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    return name.toLowerCase(Locale.ROOT).equals(roleName.toLowerCase(Locale.ROOT))
        && (account == null || account.equals(Policies.accountOf(roleArn)));
  }

  /** One finding per trust change followed by its caller's assumption of the role. */
  public List<Finding> findings(Set<String> adminEquivalent, Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (Taken t : taken.values()) {
      Opened o = t.opened();
      boolean adminRole = adminEquivalent.contains(t.roleArn());
      boolean adminCaller = adminEquivalent.contains(o.caller()) || o.caller().endsWith(":root");
      Severity severity = adminRole && !adminCaller ? Severity.CRITICAL : Severity.HIGH;
      List<Evidence> evidence = new ArrayList<>();
      evidence.add(o.event());
      evidence.addAll(t.assumptions());
      evidence.add(new Evidence.Principal(o.caller()));
      evidence.add(new Evidence.Principal(t.roleArn()));
      Evidence.Event first = t.assumptions().get(0);
      Evidence.Event last = t.assumptions().get(t.assumptions().size() - 1);
      String summary = o.caller() + " rewrote the trust policy of role " + o.roleName() + " to trust " + o.trusted() + " ("
          + o.event().eventId() + ", " + SummaryTemplate.time(o.event().time()) + " from " + o.event().sourceIp()
          + "), then assumed it (" + first.eventId() + ", " + SummaryTemplate.time(first.time()) + " from " + first.sourceIp()
          + (t.assumptions().size() > 1 ? ", and " + (t.assumptions().size() - 1) + " more time(s)" : "") + ")"
          + (adminRole ? "; " + o.roleName() + " is admin-equivalent in the case's IAM data." : ".");
      out.add(new Finding(Finding.idFor(RULE_ID, o.event().eventId()), RULE_ID, TITLE + ": " + o.roleName(), severity,
          FindingStatus.OPEN, summary, DESCRIPTION, "", evidence, 1 + t.assumptions().size(), o.event().time(), last.time(),
          createdAt, List.of("https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html",
              "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html")));
    }
    return out;
  }
}
