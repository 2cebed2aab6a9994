package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.iam.AttachedPolicy;
import io.github.trailbench.core.model.iam.IamGroup;
import io.github.trailbench.core.model.iam.IamPrincipal;
import io.github.trailbench.core.model.iam.IamRole;
import io.github.trailbench.core.model.iam.IamUser;
import io.github.trailbench.core.model.iam.ManagedPolicy;
import io.github.trailbench.core.model.iam.NamedPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Privilege-escalation routes decided by the policy engine (docs/correlation.md lists them): a
 * principal gets an edge to what it can take over, with each allowing decision as evidence.
 */
final class EscalationSearch {

  /** One way from a principal to something whose permissions it can take: the target and why. */
  record Escalation(String from, String to, List<String> evidence) {
    Escalation {
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * Passing a role to a service that then runs the caller's code with it. {@code actionSets} are
   * alternatives; every action of one set must be allowed.
   */
  record PassRoleRoute(String service, List<List<String>> actionSets) {
    PassRoleRoute {
      actionSets = List.copyOf(actionSets);
    }
  }

  /**
   * Taking over another user: credentials of its own for the caller. Writing another user's
   * policies (AttachUserPolicy, PutUserPolicy) changes what that user may do, not what the caller
   * may: it is no way to become the user.
   */
  static final List<String> USER_TAKEOVER = List.of("iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile");
  /** Taking over another role: trusting the caller in its trust policy. */
  static final List<String> ROLE_TAKEOVER = List.of("iam:UpdateAssumeRolePolicy");
  /** Raising a role the caller can already assume: writing that role's policies (then acting as it). */
  static final List<String> ASSUMABLE_ROLE_RAISE = List.of("iam:AttachRolePolicy", "iam:PutRolePolicy");
  static final List<String> OWN_GROUP_TAKEOVER = List.of("iam:AttachGroupPolicy", "iam:PutGroupPolicy");

  static final List<PassRoleRoute> PASS_ROLE_ROUTES = List.of(
      new PassRoleRoute("ec2.amazonaws.com", List.of(List.of("ec2:RunInstances"))),
      new PassRoleRoute("lambda.amazonaws.com", List.of(List.of("lambda:CreateFunction", "lambda:InvokeFunction"),
          List.of("lambda:CreateFunction", "lambda:CreateEventSourceMapping"))),
      new PassRoleRoute("glue.amazonaws.com", List.of(List.of("glue:CreateDevEndpoint"), List.of("glue:CreateJob", "glue:StartJobRun"))),
      new PassRoleRoute("cloudformation.amazonaws.com", List.of(List.of("cloudformation:CreateStack"))),
      new PassRoleRoute("ecs-tasks.amazonaws.com", List.of(List.of("ecs:RegisterTaskDefinition", "ecs:RunTask"))),
      new PassRoleRoute("datapipeline.amazonaws.com", List.of(List.of("datapipeline:CreatePipeline",
          "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"))),
      new PassRoleRoute("sagemaker.amazonaws.com", List.of(List.of("sagemaker:CreateNotebookInstance",
          "sagemaker:CreatePresignedNotebookInstanceUrl"))),
      new PassRoleRoute("codebuild.amazonaws.com", List.of(List.of("codebuild:CreateProject", "codebuild:StartBuild"))));

  /** Resources tried for an action that creates something the caller names: "*" and this many from its own policies. */
  private static final int NAMED_RESOURCE_CANDIDATES = 5;

  private final IamSnapshot iam;
  private final EngineQuestions questions;

  EscalationSearch(IamSnapshot iam, EngineQuestions questions) {
    this.iam = iam;
    this.questions = questions;
  }

  /**
   * @param canAssume for each principal, the roles the engine lets it assume (their managed
   *     policies count as the principal's own for CreatePolicyVersion)
   */
  List<Escalation> search(List<IamPrincipal> principals, Map<String, List<String>> canAssume) {
    List<Escalation> out = new ArrayList<>();
    for (IamPrincipal p : principals) {
      if (p instanceof IamRole role && iam.isServiceLinkedRole(role.arn())) {
        continue;
      }
      takeOverUsersAndRoles(p, canAssume.getOrDefault(p.arn(), List.of()), out);
      rewriteManagedPolicies(p, canAssume.getOrDefault(p.arn(), List.of()), out);
      if (p instanceof IamUser user) {
        groups(user, out);
      }
      passRole(p, out);
    }
    return out;
  }

  private void takeOverUsersAndRoles(IamPrincipal p, List<String> assumable, List<Escalation> out) {
    for (IamUser target : iam.users()) {
      if (!target.arn().equals(p.arn())) {
        firstAllowed(p.arn(), USER_TAKEOVER, target.arn()).ifPresent(e -> out.add(new Escalation(p.arn(), target.arn(), List.of(e))));
      }
    }
    for (IamRole target : iam.roles()) {
      if (!target.arn().equals(p.arn()) && !iam.isServiceLinkedRole(target.arn())) {
        if (assumable.contains(target.arn())) {
          firstAllowed(p.arn(), ASSUMABLE_ROLE_RAISE, target.arn())
              .ifPresent(e -> out.add(new Escalation(p.arn(), target.arn(), List.of(e))));
          continue;
        }
        // rewriting the trust policy helps only if the caller may then call sts:AssumeRole (an SCP may deny it)
        firstAllowed(p.arn(), ROLE_TAKEOVER, target.arn()).ifPresent(e -> questions.askOnceTrusted(p.arn(), target.arn())
            .ifPresent(assume -> out.add(new Escalation(p.arn(), target.arn(), List.of(e, "then " + assume)))));
      }
    }
  }

  /**
   * iam:CreatePolicyVersion (with setAsDefault, which needs no SetDefaultPolicyVersion permission)
   * on a customer-managed policy attached to the principal, its groups or a role it can assume;
   * or iam:SetDefaultPolicyVersion alone when the policy keeps another version to roll back to.
   */
  private void rewriteManagedPolicies(IamPrincipal p, List<String> assumable, List<Escalation> out) {
    Map<String, Set<String>> holders = new LinkedHashMap<>();
    attached(p.arn(), p.attachedPolicies(), holders);
    if (p instanceof IamUser u) {
      for (String groupName : u.groups()) {
        iam.group(groupName).ifPresent(g -> attached(g.arn(), g.attachedPolicies(), holders));
      }
    }
    for (String roleArn : assumable) {
      iam.role(roleArn).ifPresent(r -> attached(r.arn(), r.attachedPolicies(), holders));
    }
    for (Map.Entry<String, Set<String>> h : holders.entrySet()) {
      Optional<ManagedPolicy> policy = iam.managedPolicy(h.getKey());
      if (policy.isEmpty() || policy.get().awsManaged()) {
        continue;
      }
      String heldBy = "the policy is attached to " + String.join(", ", h.getValue())
          + ": a new default version rewrites their permissions";
      Optional<String> create = questions.ask(p.arn(), "iam:CreatePolicyVersion", h.getKey(), Map.of());
      if (create.isPresent()) {
        out.add(new Escalation(p.arn(), h.getKey(), List.of(create.get(), heldBy)));
      } else if (policy.get().versions().size() > 1) {
        questions.ask(p.arn(), "iam:SetDefaultPolicyVersion", h.getKey(), Map.of()).ifPresent(e -> out.add(new Escalation(
            p.arn(), h.getKey(), List.of(e, "the policy has " + policy.get().versions().size()
                + " versions; another one can be made the default. Attached to " + String.join(", ", h.getValue())))));
      }
    }
  }

  private static void attached(String holder, List<AttachedPolicy> policies, Map<String, Set<String>> holders) {
    policies.forEach(a -> holders.computeIfAbsent(a.arn(), k -> new LinkedHashSet<>()).add(holder));
  }

  /** A user joins a group (iam:AddUserToGroup) or rewrites the policies of one it is in (Attach/PutGroupPolicy). */
  private void groups(IamUser user, List<Escalation> out) {
    Set<String> member = new LinkedHashSet<>();
    user.groups().forEach(name -> iam.group(name).ifPresent(g -> member.add(g.arn())));
    for (IamGroup g : iam.groups()) {
      Optional<String> allowed = member.contains(g.arn())
          ? firstAllowed(user.arn(), OWN_GROUP_TAKEOVER, g.arn())
          : questions.ask(user.arn(), "iam:AddUserToGroup", g.arn(), Map.of());
      allowed.ifPresent(e -> out.add(new Escalation(user.arn(), g.arn(), List.of(e))));
    }
  }

  /** iam:PassRole of a role the service may assume, plus one allowed action set of a route that runs code with it. */
  private void passRole(IamPrincipal p, List<Escalation> out) {
    for (IamRole role : iam.roles()) {
      if (role.arn().equals(p.arn()) || iam.isServiceLinkedRole(role.arn())) {
        continue;
      }
      Set<String> trusted = trustedServices(role);
      for (PassRoleRoute route : PASS_ROLE_ROUTES) {
        if (!trusted.contains(route.service())) {
          continue;
        }
        Optional<String> pass = questions.ask(p.arn(), "iam:PassRole", role.arn(), Map.of("iam:PassedToService", route.service()));
        if (pass.isEmpty()) {
          continue;
        }
        // an EC2 instance gets a role through an instance profile: the role's, or one the caller makes
        List<String> profile = new ArrayList<>();
        if (route.service().equals("ec2.amazonaws.com")) {
          if (!role.instanceProfiles().isEmpty()) {
            profile.add(role.name() + " is in instance profile " + role.instanceProfiles().get(0).name());
          } else {
            Optional<String> create = questions.ask(p.arn(), "iam:CreateInstanceProfile", "*", Map.of());
            Optional<String> add = create.isEmpty() ? Optional.empty()
                : questions.ask(p.arn(), "iam:AddRoleToInstanceProfile", "*", Map.of());
            if (create.isEmpty() || add.isEmpty()) {
              continue; // no instance profile holds the role, and the caller cannot make one
            }
            profile.add(create.get());
            profile.add(add.get());
          }
        }
        for (List<String> actions : route.actionSets()) {
          List<String> evidence = new ArrayList<>(List.of(pass.get()));
          evidence.addAll(profile);
          for (String action : actions) {
            Optional<String> allowed = onAnyNamedResource(p, action);
            if (allowed.isEmpty()) {
              evidence = null;
              break;
            }
            evidence.add(allowed.get());
          }
          if (evidence != null) {
            evidence.add("trust policy of " + role.name() + " lets " + route.service() + " assume it: code run by the service gets its permissions");
            out.add(new Escalation(p.arn(), role.arn(), evidence));
            break;
          }
        }
      }
    }
  }

  /**
   * The caller names what it creates (function, stack, job…), so an action counts when allowed on
   * "*" or on a name matching one of the resource patterns of the principal's own Allow statements
   * for that service (a pattern's wildcards filled in).
   */
  private Optional<String> onAnyNamedResource(IamPrincipal p, String action) {
    for (String resource : namedResources(p, action)) {
      Optional<String> allowed = questions.ask(p.arn(), action, resource, Map.of());
      if (allowed.isPresent()) {
        return allowed;
      }
    }
    return Optional.empty();
  }

  private List<String> namedResources(IamPrincipal p, String action) {
    String prefix = action.substring(0, action.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    Set<String> out = new LinkedHashSet<>(List.of("*"));
    for (NamedPolicy policy : iam.identityPolicies(p).policies()) {
      for (JsonNode st : PrincipalGraphBuilder.statements(policy.document().json())) {
        if (!"Allow".equals(st.path("Effect").asText()) || PrincipalGraphBuilder.values(st.path("Action")).stream()
            .noneMatch(a -> a.equals("*") || a.toLowerCase(Locale.ROOT).startsWith(prefix))) {
          continue;
        }
        for (String r : PrincipalGraphBuilder.values(st.path("Resource"))) {
          if (r.startsWith("arn:") && !r.contains("${") && out.size() <= NAMED_RESOURCE_CANDIDATES) {
            out.add(r.replace('*', 'x').replace('?', 'x'));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** Services the role's trust policy allows (Allow statements naming Principal.Service). */
  static Set<String> trustedServices(IamRole role) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode st : PrincipalGraphBuilder.statements(role.trustPolicy().json())) {
      if ("Allow".equals(st.path("Effect").asText())) {
        out.addAll(PrincipalGraphBuilder.values(st.path("Principal").path("Service")));
      }
    }
    return out;
  }

  private Optional<String> firstAllowed(String principal, List<String> actions, String target) {
    for (String action : actions) {
      Optional<String> allowed = questions.ask(principal, action, target, Map.of());
      if (allowed.isPresent()) {
        return allowed;
      }
    }
    return Optional.empty();
  }
}
