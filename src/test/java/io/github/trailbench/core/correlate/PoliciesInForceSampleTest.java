package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.policy.Decision;
import io.github.trailbench.core.policy.EvaluationResult;
import io.github.trailbench.core.policy.PolicyEngine;
import io.github.trailbench.core.policy.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled sample's IAM data gathered into policy sets and decided by the engine (samples/README.md). */
class PoliciesInForceSampleTest {
  static final Path CASE = Path.of("samples/case");
  static final String SESSION = "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint";
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static IamSnapshot iam;

  @BeforeAll
  public static void readSample() throws Exception {
    List<IamSource> sources = new ArrayList<>();
    for (String f : List.of("iam/credential-report.csv", "iam/account-authorization-details.json", "org/organization.json",
        "policies/resource-policies.json")) {
      byte[] bytes = Files.readAllBytes(CASE.resolve(f));
      sources.add(IamSources.read(IamSources.detect(f, bytes).orElseThrow(), f, bytes));
    }
    iam = IamSnapshot.of(sources);
  }

  static EvaluationResult decide(String principal, String action, String resource, String region) throws Exception {
    PoliciesInForce p = PoliciesInForce.gather(iam, principal, action, resource, null, List.of());
    Request r = Request.builder(principal, action, resource)
        .context("aws:RequestedRegion", region)
        .context("aws:SourceIp", "203.0.113.77")
        .build();
    return new PolicyEngine().evaluate(r, p.set());
  }

  @Test
  void theBackdoorUserIsAllowedThroughTheAssumedAdminRole() throws Exception {
    EvaluationResult r = decide(SESSION, "iam:CreateUser", "arn:aws:iam::111122223333:user/svc-backup", "us-east-1");
    assertThat(r.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(r.explanation()).contains("AdministratorAccess");
  }

  @Test
  void stopLoggingIsDeniedByTheScpAtTheProductionOu() throws Exception {
    EvaluationResult r = decide(SESSION, "cloudtrail:StopLogging",
        "arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-prod-trail", "eu-west-1");
    assertThat(r.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(r.explanation()).contains("ProtectSecurityTooling").contains("ou-7k2p-prod0001");
  }

  @Test
  void theLeakedKeyCannotListUsers() throws Exception {
    EvaluationResult r = decide(CI, "iam:ListUsers", "arn:aws:iam::111122223333:user/", "us-east-1");
    assertThat(r.decision()).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void theLeakedKeyMayAssumeTheAdminRoleBecauseBothSidesAllowIt() throws Exception {
    EvaluationResult r = decide(CI, "sts:AssumeRole", "arn:aws:iam::111122223333:role/OpsAdminRole", "us-east-1");
    assertThat(r.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(r.explanation()).contains("ci-deploy-policy");
  }

  @Test
  void describeInstancesOutsideTheApprovedRegionsIsDeniedByRegionGuard() throws Exception {
    EvaluationResult r = decide(CI, "ec2:DescribeInstances", "*", "ap-southeast-1");
    assertThat(r.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(r.explanation()).contains("RegionGuard");
  }

  @Test
  void gapsAreListedForPrincipalsTheCaseDoesNotKnow() throws Exception {
    PoliciesInForce p = PoliciesInForce.gather(iam, "arn:aws:iam::777788889999:user/mallory", "s3:GetObject",
        "arn:aws:s3:::acme-prod-customer-data/x", null, List.of());
    assertThat(p.gaps()).anyMatch(g -> g.contains("777788889999:user/mallory"));
    assertThat(p.set().resourcePolicy()).isNotNull();
    assertThat(p.sources().keySet()).anyMatch(k -> k.contains("acme-prod-customer-data") || !k.isEmpty());
    assertThat(Set.copyOf(p.set().rcps().get(0)).stream().map(n -> n.name())).anyMatch(n -> n.contains("OrgDataPerimeter"));
  }
}
