package io.github.trailbench.core.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.IamGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Administrator grants the {@code admin-policy-granted} rule cannot see in the call alone, because
 * the document put in force is elsewhere: an Attach*Policy of a customer managed policy (its default
 * version), a SetDefaultPolicyVersion (the version made the default), an AddUserToGroup (the group's
 * policies). The document comes from the case's IAM data or an earlier call of the log
 * ({@link ManagedPolicyVersions}); when the case holds none, nothing is reported. Attaching
 * AdministratorAccess itself is the rule's, and is left to it.
 *
 * <p>Fed every event in time order: each call is judged on what the case knew before it.
 */
public final class AdminGrantsInForce implements Consumer<CloudTrailEvent> {
  public static final String RULE_ID = "admin-policy-granted";
  static final String TITLE = "Administrator (*:*) permissions granted";
  static final String DESCRIPTION = "A policy granting every action on every resource was put in effect by a call whose "
      + "document is not in the call itself: a customer managed policy attached to a user, role or group, a policy version "
      + "made the default, or a user added to a group whose policies allow everything. The document is the case's (its IAM "
      + "data, or the CreatePolicy or CreatePolicyVersion that wrote it). This is how a foothold becomes full control of "
      + "the account.";
  private static final String ADMINISTRATOR_ACCESS = "arn:aws*:iam::aws:policy/AdministratorAccess";
  private static final Set<String> ATTACH = Set.of("AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy");

  /** A call that put (or tried to put) an administrator document in force, with what it granted, in words. */
  private record Grant(Evidence.Event event, String principal, String what, String denial) {}

  /** A group's policies as the case knows them: attached ARNs and inline documents by name. */
  private record GroupPolicies(Set<String> attached, Map<String, JsonNode> inline) {}

  private final IpClassifier ips;
  private final DenialExplainer denials;
  private final IamSnapshot iam;
  private final ManagedPolicyVersions versions;
  private final Map<String, GroupPolicies> groups = new HashMap<>();
  private final List<Grant> grants = new ArrayList<>();

  public AdminGrantsInForce(IpClassifier ips, DenialExplainer denials, IamSnapshot iam) {
    this.ips = ips;
    this.denials = denials;
    this.iam = iam == null ? IamSnapshot.empty() : iam;
    this.versions = new ManagedPolicyVersions(this.iam);
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || !"iam.amazonaws.com".equals(e.eventSource()) || e.eventName() == null) {
      return;
    }
    JsonNode req = EventView.parse(e.requestParametersJson());
    String what = granted(e, req);
    if (what != null) {
      EventView v = new EventView(e, ips);
      grants.add(new Grant(v.toEvidence(), v.principal(), what, e.failed() ? denials.whyDenied(e) : null));
    }
    versions.learn(e);
    learnGroup(e, req);
  }

  /** What the call puts in force that allows everything, in words; null when nothing (or nothing the case knows). */
  private String granted(CloudTrailEvent e, JsonNode req) {
    String policyArn = ManagedPolicyVersions.text(req, "policyArn");
    if (ATTACH.contains(e.eventName()) && policyArn != null && !io.github.trailbench.core.policy.Glob.match(ADMINISTRATOR_ACCESS,
        policyArn, false)) {
      List<ManagedPolicyVersions.KnownDocument> docs = versions.defaultCandidates(policyArn, e.eventTime());
      if (!docs.isEmpty() && docs.stream().allMatch(d -> Policies.allowsAll(d.document()))) {
        return "attached " + name(policyArn) + " to " + target(req) + ": its default version (" + sources(docs)
            + ") allows every action on every resource";
      }
    }
    if (e.eventName().equals("SetDefaultPolicyVersion") && policyArn != null) {
      String versionId = ManagedPolicyVersions.text(req, "versionId");
      Optional<ManagedPolicyVersions.KnownDocument> doc = versionId == null ? Optional.empty() : versions.version(policyArn, versionId);
      if (doc.isPresent() && Policies.allowsAll(doc.get().document())) {
        return "made " + versionId + " the default version of " + name(policyArn) + ": that version (" + doc.get().source()
            + ") allows every action on every resource, in force for every user, group and role the policy is attached to";
      }
    }
    if (e.eventName().equals("AddUserToGroup")) {
      String group = ManagedPolicyVersions.text(req, "groupName");
      String why = group == null ? null : groupAllowsAll(group, e.eventTime());
      if (why != null) {
        return "added " + Optional.ofNullable(ManagedPolicyVersions.text(req, "userName")).map(u -> "user/" + u).orElse("a user")
            + " to group " + group + ", whose " + why + " allows every action on every resource";
      }
    }
    return null;
  }

  /** Which of the group's policies allows everything ("policy AdministratorAccess"), or null. */
  private String groupAllowsAll(String group, Instant time) {
    GroupPolicies g = group(group);
    for (String arn : g.attached()) {
      List<ManagedPolicyVersions.KnownDocument> docs = versions.defaultCandidates(arn, time);
      boolean admin = io.github.trailbench.core.policy.Glob.match(ADMINISTRATOR_ACCESS, arn, false)
          || !docs.isEmpty() && docs.stream().allMatch(d -> Policies.allowsAll(d.document()));
      if (admin) {
        return "policy " + name(arn);
      }
    }
    for (Map.Entry<String, JsonNode> inline : g.inline().entrySet()) {
      if (Policies.allowsAll(inline.getValue())) {
        return "inline policy " + inline.getKey();
      }
    }
    return null;
  }

  /** The group's policies: the IAM data's (group names are not case-sensitive), changed by the calls learnt so far. */
  private GroupPolicies group(String name) {
    return groups.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> {
      Optional<IamGroup> g = iam.groups().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst();
      Set<String> attached = new LinkedHashSet<>();
      Map<String, JsonNode> inline = new LinkedHashMap<>();
      g.ifPresent(x -> x.attachedPolicies().forEach(a -> attached.add(a.arn())));
      g.ifPresent(x -> x.inlinePolicies().forEach(i -> {
        JsonNode doc = Policies.document(EventView.parse(i.document().json()));
        if (doc != null) {
          inline.put(i.name(), doc);
        }
      }));
      return new GroupPolicies(attached, inline);
    });
  }

  private void learnGroup(CloudTrailEvent e, JsonNode req) {
    String group = ManagedPolicyVersions.text(req, "groupName");
    if (e.failed() || group == null) {
      return;
    }
    String arn = ManagedPolicyVersions.text(req, "policyArn");
    String policyName = ManagedPolicyVersions.text(req, "policyName");
    switch (e.eventName()) {
      case "AttachGroupPolicy" -> {
        if (arn != null) {
          group(group).attached().add(arn);
        }
      }
      case "DetachGroupPolicy" -> group(group).attached().remove(arn);
      case "PutGroupPolicy" -> {
        JsonNode doc = Policies.document(req.get("policyDocument"));
        if (policyName != null && doc != null) {
          group(group).inline().put(policyName, doc);
        }
      }
      case "DeleteGroupPolicy" -> group(group).inline().remove(policyName);
      case "DeleteGroup", "CreateGroup" -> {
        group(group).attached().clear();
        group(group).inline().clear();
      }
      default -> { }
    }
  }

  /** One finding per call: high when it succeeded; a refused one is an attempt, lowered (docs/detections.md). */
  public List<Finding> findings(Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (Grant g : grants) {
      Evidence.Event ev = g.event();
      List<Evidence> evidence = new ArrayList<>(List.of(ev));
      if (g.principal() != null) {
        evidence.add(new Evidence.Principal(g.principal()));
      }
      String summary = (g.principal() == null ? "Someone" : g.principal()) + " " + g.what() + " (" + ev.eventName() + " "
          + ev.eventId() + ") at " + SummaryTemplate.time(ev.time()) + " from " + ev.sourceIp() + ".";
      String title = TITLE;
      Severity severity = Severity.HIGH;
      if (!ev.succeeded()) {
        String why = g.denial() == null ? "failed" : g.denial();
        title = ev.eventName() + RuleRunner.ATTEMPTED + why;
        severity = RuleRunner.attemptSeverity(severity);
        summary = RuleRunner.ATTEMPTED_ONLY + summary + " The call failed: " + why + ".";
      }
      out.add(new Finding(Finding.idFor(RULE_ID, "in force\u001f" + ev.eventId()), RULE_ID, title, severity,
          FindingStatus.OPEN, summary, DESCRIPTION, "", evidence, 1, ev.time(), ev.time(), createdAt,
          List.of("https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html",
              "https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html",
              "https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html")));
    }
    return out;
  }

  private static String target(JsonNode req) {
    for (String[] f : new String[][] {{"userName", "user/"}, {"roleName", "role/"}, {"groupName", "group/"}}) {
      String v = ManagedPolicyVersions.text(req, f[0]);
      if (v != null) {
        return f[1] + v;
      }
    }
    return "a principal";
  }

  private static String name(String policyArn) {
    return policyArn.substring(policyArn.lastIndexOf('/') + 1);
  }

  private static String sources(List<ManagedPolicyVersions.KnownDocument> docs) {
    if (docs.size() == 1) {
      return docs.get(0).versionId() + ", from " + docs.get(0).source();
    }
    return "whichever of " + String.join(", ", docs.stream().map(ManagedPolicyVersions.KnownDocument::versionId).toList())
        + " it was, from " + docs.get(0).source();
  }
}
