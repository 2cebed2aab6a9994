package io.github.trailbench.core.findings;

import io.github.trailbench.core.correlate.ActionTargets;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A principal that is not admin-equivalent passed an admin-equivalent role to code it controls: a
 * Lambda function created (or reconfigured) with the role as its execution role, or an EC2 instance
 * launched with an instance profile of the role (resolved through the case's IAM data). The code
 * runs with the role's permissions, so the caller acts as an administrator. Successful calls only;
 * the roles' admin-equivalence is the principal graph's, decided once all events are read.
 */
public final class PassedRoleEscalations implements Consumer<CloudTrailEvent> {
  public static final String RULE_ID = "privilege-escalation-passed-role";
  public static final String TITLE = "Privilege escalation through a passed role";
  static final String DESCRIPTION = "A principal that is not admin-equivalent passed an admin-equivalent role (over the "
      + "case's IAM data) to a Lambda function it created or reconfigured, or to an EC2 instance it launched: the "
      + "function's or instance's code runs with the role's credentials, so whoever controls the code holds the role's "
      + "permissions. Later invocations of the function by the same principal are listed with it.";
  private static final int MAX_CALLS = 50;

  /** The calls of one principal that passed one role, and the invocations of functions made with it. */
  private record Passed(String caller, String roleArn, Set<String> functions, List<Evidence.Event> calls) {}

  private final IpClassifier ips;
  private final IamSnapshot iam;
  private final Map<String, Passed> passed = new LinkedHashMap<>();

  public PassedRoleEscalations(IpClassifier ips, IamSnapshot iam) {
    this.ips = ips;
    this.iam = iam == null ? IamSnapshot.empty() : iam;
  }

  @Override
  public void accept(CloudTrailEvent e) {
    if (e == null || e.failed() || e.eventName() == null) {
      return;
    }
    String caller = RoleEscalations.callerArn(e.userIdentity());
    if (caller == null) {
      return;
    }
    String name = e.eventName();
    boolean lambda = "lambda.amazonaws.com".equals(e.eventSource());
    if (lambda && name.matches("Invoke(\\d.*)?")) {
      String function = functionName(ManagedPolicyVersions.text(EventView.parse(e.requestParametersJson()), "functionName"));
      passed.values().stream().filter(p -> p.caller().equals(caller) && p.functions().contains(function))
          .forEach(p -> add(p, e));
      return;
    }
    String role = null;
    String function = null;
    if (lambda && (name.matches("CreateFunction(\\d.*)?") || name.matches("UpdateFunctionConfiguration(\\d.*)?"))) {
      com.fasterxml.jackson.databind.JsonNode req = EventView.parse(e.requestParametersJson());
      role = ManagedPolicyVersions.text(req, "role");
      function = functionName(ManagedPolicyVersions.text(req, "functionName"));
    } else if ("ec2.amazonaws.com".equals(e.eventSource()) && name.equals("RunInstances")) {
      ActionTargets.Target t = ActionTargets.passedRoleFromIam(new ActionTargets.Target("iam:PassRole", List.of(),
          "the instance profile's role"), e, e.recipientAccountId(), iam);
      role = t.resources().isEmpty() ? null : t.resources().get(0);
    }
    if (role == null || !role.startsWith("arn:")) {
      return;
    }
    String roleArn = role;
    Passed p = passed.computeIfAbsent(caller + "\u001f" + roleArn, k -> new Passed(caller, roleArn, new HashSet<>(),
        new ArrayList<>()));
    if (function != null) {
      p.functions().add(function);
    }
    add(p, e);
  }

  private void add(Passed p, CloudTrailEvent e) {
    if (p.calls().size() < MAX_CALLS) {
      p.calls().add(new EventView(e, ips).toEvidence());
    }
  }

  /** A function's name from its name, ARN or partial ARN (a version or alias qualifier dropped). */
  private static String functionName(String nameOrArn) {
    if (nameOrArn == null) {
      return null;
    }
    int at = nameOrArn.indexOf("function:");
    String rest = at < 0 ? nameOrArn : nameOrArn.substring(at + "function:".length());
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  /** One high finding per principal and admin-equivalent role it passed, the principal not admin-equivalent (nor root) itself. */
  public List<Finding> findings(Set<String> adminEquivalent, Instant createdAt) {
    List<Finding> out = new ArrayList<>();
    for (Passed p : passed.values()) {
      if (!adminEquivalent.contains(p.roleArn()) || adminEquivalent.contains(p.caller()) || p.caller().endsWith(":root")) {
        continue;
      }
      List<Evidence> evidence = new ArrayList<>(p.calls());
      evidence.add(new Evidence.Principal(p.caller()));
      evidence.add(new Evidence.Principal(p.roleArn()));
      Evidence.Event first = p.calls().get(0);
      Evidence.Event last = p.calls().get(p.calls().size() - 1);
      String calls = String.join(", ", p.calls().stream().map(c -> c.eventName() + " " + c.eventId()).toList());
      String summary = p.caller() + " passed " + p.roleArn() + ", admin-equivalent in the case's IAM data, to "
          + ("ec2.amazonaws.com".equals(first.eventSource()) ? "an instance it launched" : "a Lambda function it controls")
          + " (" + calls + "), first " + SummaryTemplate.time(first.time()) + " from " + first.sourceIp()
          + ": its code runs with the role's permissions.";
      out.add(new Finding(Finding.idFor(RULE_ID, p.caller() + "\u001f" + p.roleArn()), RULE_ID,
          TITLE + ": " + shortName(p.roleArn()), Severity.HIGH, FindingStatus.OPEN, summary, DESCRIPTION, "", evidence,
          p.calls().size(), first.time(), last.time(), createdAt,
          List.of("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
              "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
              "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html")));
    }
    return out;
  }

  private static String shortName(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }
}
