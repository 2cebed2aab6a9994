package io.github.trailbench.store;

import io.github.trailbench.core.enrich.IpInfo;
import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.findings.IpClassifier;
import io.github.trailbench.core.findings.KnownAddresses;
import java.util.HashMap;
import java.util.Map;
import io.github.trailbench.core.correlate.Explainer;
import io.github.trailbench.core.findings.AccessKeyLifetimes;
import io.github.trailbench.core.findings.AdminGrantsInForce;
import io.github.trailbench.core.findings.PassedRoleEscalations;
import io.github.trailbench.core.findings.TrustOpenedThenAssumed;
import io.github.trailbench.core.findings.DenialExplainer;
import io.github.trailbench.core.findings.DetectionEngine;
import io.github.trailbench.core.findings.EngineDenials;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.OpenFederatedTrusts;
import io.github.trailbench.core.findings.RoleEscalations;
import io.github.trailbench.core.findings.TrailBucketPolicies;
import io.github.trailbench.core.findings.hygiene.LoggedKeyUses;
import io.github.trailbench.core.findings.RoleFirstAssumptions;
import io.github.trailbench.core.findings.UnexplainedOutcomes;
import io.github.trailbench.core.model.graph.GraphNode;
import io.github.trailbench.core.model.graph.PrincipalGraph;
import java.util.HashSet;
import java.util.Set;
import io.github.trailbench.core.correlate.EscalationList;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.findings.DetectionOptions;
import io.github.trailbench.core.findings.DetectionResult;
import io.github.trailbench.core.findings.RulePack;
import io.github.trailbench.core.findings.hygiene.AccessAdvisorHygiene;
import io.github.trailbench.core.findings.hygiene.CredentialHygiene;
import io.github.trailbench.core.iam.AccessAdvisor;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.CredentialReport;
import io.github.trailbench.core.model.iam.IamSourceKind;
import io.github.trailbench.core.query.Expr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a detection rule pack over every event of a case, in time order, the credential
 * hygiene checks over the case's credential report when it has one, and the unused-services
 * check over its IAM Access Advisor reports.
 */
public final class CaseDetections {
  private CaseDetections() {}

  /** A detection run and the stored records that could not be read back (should be none). */
  public record Outcome(DetectionResult result, List<SourceProblem> unreadable) {
    public Outcome {
      unreadable = List.copyOf(unreadable);
    }
  }

  /**
   * Runs the pack with the case's stored IP enrichment as the address classifier (country, AS,
   * AWS ownership), so rules see what the timeline shows, and the analyst's known addresses.
   */
  public static Outcome run(CaseStore store, RulePack pack) {
    return run(store, pack, withCaseDenials(store, withCaseIpEnrichment(store, DetectionOptions.defaults())));
  }

  /** {@code base} (usually the built-in pack) plus the case's enabled rule packs. */
  public static RulePack withCasePacks(CaseStore store, RulePack base) {
    return base.plus(CaseRulePacks.enabledRules(store));
  }

  /**
   * The options with failed calls explained by the policy engine over the case's IAM data (the
   * denying policy and where it is attached), falling back to the log's error message; the log's
   * words alone when the case has no IAM data. The accounts of the case's organization manifests
   * answer {@code accountsInOrganization} conditions; their organization and OU ids tell a share
   * with the case's own organization from a share with another.
   */
  public static DetectionOptions withCaseDenials(CaseStore store, DetectionOptions options) {
    IamSnapshot iam;
    try {
      iam = CaseIam.snapshot(store);
    } catch (SourceFormatException e) {
      return options.withDenials(DenialExplainer.fromLog());
    }
    if (!iam.organizations().isEmpty()) {
      options = options.withOrganizationAccounts(account -> iam.organizationOf(account).isPresent());
      Set<String> organizationIds = new HashSet<>();
      iam.organizations().forEach(o -> {
        organizationIds.add(o.organizationId());
        organizationIds.addAll(o.organizationalUnitIds());
      });
      options = options.withOrganizationIds(organizationIds);
    }
    if (!iam.roles().isEmpty()) {
      options = options.withEc2Roles(io.github.trailbench.core.correlate.Ec2Roles.of(iam.roles()));
    }
    if (iam.users().isEmpty() && iam.roles().isEmpty() && iam.organizations().isEmpty()) {
      return options.withDenials(DenialExplainer.fromLog());
    }
    Explainer explainer = CaseExplainers.forCase(store, iam);
    return options.withDenials(new EngineDenials(explainer).orFromLog());
  }

  /**
   * The options with the case's stored IP enrichment as the address classifier, answering the
   * analyst's known addresses.
   */
  public static DetectionOptions withCaseIpEnrichment(CaseStore store, DetectionOptions options) {
    Map<String, IpInfo> ips = new HashMap<>();
    for (IpInfo i : CaseIpInfo.all(store)) {
      ips.put(i.input(), i);
    }
    return options.withIpClassifier(IpClassifier.enriched(ips::get).withKnown(CaseKnownAddresses.of(store)));
  }

  public static Outcome run(CaseStore store, RulePack pack, DetectionOptions options) {
    DetectionEngine.Run run = new DetectionEngine(pack, options).start();
    RoleEscalations escalations = new RoleEscalations(options.ipClassifier());
    RoleFirstAssumptions firstAssumptions = new RoleFirstAssumptions(options.ipClassifier());
    OpenFederatedTrusts openTrusts = new OpenFederatedTrusts(options.ipClassifier());
    LoggedKeyUses keyUses = new LoggedKeyUses();
    TrailBucketPolicies trailBuckets = new TrailBucketPolicies(options.ipClassifier());
    AccessKeyLifetimes keyLifetimes = new AccessKeyLifetimes(options.ipClassifier());
    IamSnapshot iam = snapshotOrEmpty(store);
    AdminGrantsInForce adminGrants = new AdminGrantsInForce(options.ipClassifier(), options.denials(), iam);
    TrustOpenedThenAssumed trustsOpened = new TrustOpenedThenAssumed(options.ipClassifier());
    PassedRoleEscalations passedRoles = new PassedRoleEscalations(options.ipClassifier(), iam, options.denials());
    List<SourceProblem> problems = new ArrayList<>();
    CaseEvents.forEach(store, new Expr.All(), run.andThen(escalations).andThen(firstAssumptions).andThen(openTrusts)
        .andThen(keyUses).andThen(trailBuckets).andThen(keyLifetimes).andThen(adminGrants).andThen(trustsOpened)
        .andThen(passedRoles), problems::add);
    DetectionResult result = withUnexplainedOutcomes(store, withFindings(withFindings(
        withRoleFindings(store, run.finish(), escalations, firstAssumptions, openTrusts, keyLifetimes,
            new EscalationsTaken(trustsOpened, passedRoles), options),
        trailBuckets.findings(options.clock().instant()), TrailBucketPolicies.RULE_ID),
        adminGrants.findings(options.clock().instant()), AdminGrantsInForce.RULE_ID), options);
    Optional<CredentialReport> report = credentialReport(store, problems);
    DetectionResult withHygiene = CredentialHygiene.addTo(result, report.orElse(null), options, keyUses);
    return new Outcome(withContestedNamed(store, withKnownAddressesNamed(store, AccessAdvisorHygiene.addTo(withHygiene,
        accessAdvisor(store), options))), problems);
  }

  /** The detections of escalations the log shows taken whose severity needs the admin-equivalent principals. */
  private record EscalationsTaken(TrustOpenedThenAssumed trustsOpened, PassedRoleEscalations passedRoles) {}

  /** The case's IAM data; empty when it has none or it cannot be read (the detections then know no documents). */
  private static IamSnapshot snapshotOrEmpty(CaseStore store) {
    try {
      return CaseIam.snapshot(store);
    } catch (SourceFormatException | RuntimeException e) {
      return IamSnapshot.empty();
    }
  }

  /**
   * Adds the privilege escalations by role assumption the trail shows were taken (the principal
   * graph's admin-equivalent roles, decided by the engine over the case's IAM data), a role's trust
   * opened by its caller and then assumed, admin-equivalent roles passed to code, the first-time
   * assumptions of other roles from a new address, and the access keys used outside their life or
   * by two principals. Without IAM data there are no escalation findings by role assumption or
   * passed role, and every role counts as not admin-equivalent.
   */
  private static DetectionResult withRoleFindings(CaseStore store, DetectionResult result, RoleEscalations escalations,
      RoleFirstAssumptions firstAssumptions, OpenFederatedTrusts openTrusts, AccessKeyLifetimes keyLifetimes,
      EscalationsTaken taken, DetectionOptions options) {
    List<Finding> found = new ArrayList<>();
    Set<String> admins = new HashSet<>();
    // only possibly admin-equivalent (policies not in the case): counts as not admin, but for a passed role
    java.util.Map<String, String> possibleAdmins = new java.util.HashMap<>();
    List<String> rules = new ArrayList<>(result.rulesRun());
    try {
      IamSnapshot iam = CaseIam.snapshot(store);
      if (!iam.users().isEmpty() || !iam.roles().isEmpty()) {
        PrincipalGraph graph = CaseGraph.load(store, iam);
        graph.nodes().stream().filter(GraphNode::adminEquivalent).forEach(n -> admins.add(n.id()));
        graph.nodes().stream().filter(GraphNode::possiblyAdmin).forEach(n -> possibleAdmins.put(n.id(), n.adminDependsOn()));
        found.addAll(escalations.findings(EscalationList.of(graph, iam), options.clock().instant()));
        rules.add(RoleEscalations.RULE_ID);
        found.addAll(openTrusts.findings(iam.roles(), options.clock().instant()));
        rules.add(OpenFederatedTrusts.RULE_ID);
      }
    } catch (Exception e) {
      // no graph, no escalation findings; the rule pack's findings stand
    }
    found.addAll(firstAssumptions.findings(admins, options.clock().instant()));
    rules.add(RoleFirstAssumptions.RULE_ID);
    found.addAll(taken.trustsOpened().findings(admins, options.clock().instant()));
    rules.add(TrustOpenedThenAssumed.RULE_ID);
    found.addAll(taken.passedRoles().findings(admins, possibleAdmins, options.clock().instant()));
    rules.add(PassedRoleEscalations.RULE_ID);
    found.addAll(keyLifetimes.findings(options.clock().instant()));
    rules.add(AccessKeyLifetimes.OUTSIDE_LIFE);
    rules.add(AccessKeyLifetimes.TWO_PRINCIPALS);
    List<Finding> all = new ArrayList<>(result.findings());
    all.addAll(found);
    all.sort(Finding.ORDER);
    return new DetectionResult(all, result.eventsScanned(), result.outOfOrderEvents(), result.firstEvent(),
        result.lastEvent(), rules);
  }

  /** The result with {@code found} added (in {@link Finding#ORDER}) and {@code ruleId} among the rules run (once). */
  private static DetectionResult withFindings(DetectionResult result, List<Finding> found, String ruleId) {
    List<Finding> all = new ArrayList<>(result.findings());
    all.addAll(found);
    all.sort(Finding.ORDER);
    List<String> rules = new ArrayList<>(result.rulesRun());
    if (!rules.contains(ruleId)) {
      rules.add(ruleId);
    }
    return new DetectionResult(all, result.eventsScanned(), result.outOfOrderEvents(), result.firstEvent(),
        result.lastEvent(), rules);
  }

  /** Each finding with calls from an analyst's known address says so in its summary. */
  private static DetectionResult withKnownAddressesNamed(CaseStore store, DetectionResult r) {
    KnownAddresses known = CaseKnownAddresses.of(store);
    if (known.isEmpty()) {
      return r;
    }
    return new DetectionResult(r.findings().stream().map(known::annotate).toList(), r.eventsScanned(),
        r.outOfOrderEvents(), r.firstEvent(), r.lastEvent(), r.rulesRun());
  }

  /** Each finding built on an event another copy contradicts names that copy in its summary. */
  private static DetectionResult withContestedNamed(CaseStore store, DetectionResult r) {
    io.github.trailbench.core.findings.ContestedEvidence contested = ContestedCopies.of(store);
    if (contested.isEmpty()) {
      return r;
    }
    return new DetectionResult(r.findings().stream().map(contested::annotate).toList(), r.eventsScanned(),
        r.outOfOrderEvents(), r.firstEvent(), r.lastEvent(), r.rulesRun());
  }

  /** The case's Access Advisor reports; none when its IAM data cannot be read (the other findings stand). */
  private static AccessAdvisor accessAdvisor(CaseStore store) {
    try {
      return CaseIam.snapshot(store).accessAdvisor();
    } catch (SourceFormatException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Adds the outcomes the case's policies do not explain: the events whose replay verdict
   * disagrees with CloudTrail (CaseVerdicts, computed once per case state), grouped by principal,
   * action and recorded outcome. The result unchanged when the case has no IAM data (every call
   * would disagree: nothing to compare with).
   */
  private static DetectionResult withUnexplainedOutcomes(CaseStore store, DetectionResult result, DetectionOptions options) {
    IamSnapshot iam;
    try {
      iam = CaseIam.snapshot(store);
    } catch (SourceFormatException e) {
      return result;
    }
    if (iam.users().isEmpty() && iam.roles().isEmpty()) {
      return result;
    }
    Explainer explainer = CaseExplainers.forCase(store, iam);
    UnexplainedOutcomes outcomes = new UnexplainedOutcomes(options.ipClassifier());
    Expr disagreeing = new Expr.Term(io.github.trailbench.core.query.Field.VERDICT,
        io.github.trailbench.core.correlate.ReplayVerdict.DISAGREES.json(), false, -1);
    CaseEvents.forEach(store, disagreeing, event -> {
      try {
        outcomes.accept(event, explainer.replay(event));
      } catch (SourceFormatException e) {
        // the verdict said it disagrees, so it replayed once; nothing to add if it no longer does
      }
    }, problem -> {});
    List<Finding> all = new ArrayList<>(result.findings());
    all.addAll(outcomes.findings(options.clock().instant()));
    all.sort(Finding.ORDER);
    List<String> rules = new ArrayList<>(result.rulesRun());
    rules.add(UnexplainedOutcomes.RULE_ID);
    return new DetectionResult(all, result.eventsScanned(), result.outOfOrderEvents(), result.firstEvent(),
        result.lastEvent(), rules);
  }

  /**
   * The case's credential report; of several, the newest (latest {@link CredentialHygiene#referenceTime}).
   * Empty when the case has none. A stored report that no longer reads is added to {@code problems}.
   */
  public static Optional<CredentialReport> credentialReport(CaseStore store, List<SourceProblem> problems) {
    CredentialReport newest = null;
    Instant newestTime = null;
    for (IamSource stored : store.queries().iamSources()) {
      if (!"CREDENTIAL_REPORT".equals(stored.kind())) {
        continue;
      }
      try {
        CredentialReport r = (CredentialReport) IamSources.read(IamSourceKind.CREDENTIAL_REPORT, stored.path(),
            stored.content());
        Instant t = CredentialHygiene.referenceTime(r).orElse(Instant.MIN);
        if (newest == null || t.isAfter(newestTime)) {
          newest = r;
          newestTime = t;
        }
      } catch (SourceFormatException e) {
        problems.add(e.problem());
      }
    }
    return Optional.ofNullable(newest);
  }
}
