package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `trailbench simulate --case`: the IAM policy simulator over a principal of the sample case's IAM data. */
class SimulateCaseCommandTest {
  @TempDir static Path caseDir;
  static final String OPS = "arn:aws:iam::111122223333:role/OpsAdminRole";
  static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";
  static final String REGION = "aws:RequestedRegion=eu-west-1";

  @BeforeAll
  static void importSampleIam() {
    assertThat(CliTest.run("import", "--case", caseDir.toString(), "samples/case/iam", "samples/case/org", "samples/case/policies",
        "--json").exit()).isZero();
  }

  private static CliTest.Run simulate(String... args) {
    List<String> all = new ArrayList<>(List.of("simulate", "--case", caseDir.toString()));
    all.addAll(List.of(args));
    return CliTest.run(all.toArray(String[]::new));
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      rows.add(new ObjectMapper().readTree(line));
    }
    return rows;
  }

  @Test
  void theAdminRoleMayDoAnythingButStopLoggingWhichTheProductionScpDenies() throws Exception {
    CliTest.Run r = simulate("--principal", OPS, "--actions", "cloudtrail:StopLogging,iam:CreateUser", "--context", REGION,
        "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> rows = lines(r.out());
    assertThat(rows).hasSize(2);
    JsonNode stop = rows.get(0);
    assertThat(stop.get("principal").asText()).isEqualTo(OPS);
    assertThat(stop.get("action").asText()).isEqualTo("cloudtrail:StopLogging");
    assertThat(stop.get("resource").asText()).isEqualTo("*");
    assertThat(stop.get("decision").asText()).isEqualTo("ExplicitDeny");
    assertThat(stop.get("policy").asText()).startsWith("ProtectSecurityTooling @ Production");
    assertThat(stop.get("statement").asText()).isEqualTo("ProtectSecurityTooling");
    assertThat(stop.get("sentence").asText()).isEqualTo(
        "Denied by SCP ProtectSecurityTooling on OU Production: the caller's role OpsAdminRole is not OrgSecurityAdmin.");
    JsonNode create = rows.get(1);
    assertThat(create.get("decision").asText()).isEqualTo("Allowed");
    assertThat(create.get("policy").asText()).isEqualTo("AdministratorAccess");
    assertThat(create.get("dependsOn")).isEmpty();
  }

  @Test
  void aServiceListsEveryActionOfTheCatalogInATableWithTheDecidingPolicyAndTheSentence() {
    CliTest.Run r = simulate("--principal", OPS, "--service", "cloudtrail", "--context", REGION);
    assertThat(r.exit()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    int actions = io.github.trailbench.core.catalog.ActionCatalog.get().service("cloudtrail").orElseThrow().actions().size();
    // the sample's SCP denies StopLogging, DeleteTrail, UpdateTrail and PutEventSelectors to all but OrgSecurityAdmin
    assertThat(lines[0]).startsWith(OPS + " on *: " + actions + " action(s): " + (actions - 4) + " Allowed, 4 ExplicitDeny");
    assertThat(lines[1]).startsWith("ACTION").contains("DECISION", "POLICY", "STATEMENT", "WHY");
    assertThat(lines).hasSize(actions + 2);
    assertThat(lines).filteredOn(l -> l.startsWith("cloudtrail:") && l.contains(" ExplicitDeny ")).extracting(l -> l.substring(0, l.indexOf(' ')))
        .containsExactlyInAnyOrder("cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors", "cloudtrail:StopLogging",
            "cloudtrail:UpdateTrail");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("cloudtrail:StopLogging ").contains("ExplicitDeny",
        "Denied by SCP ProtectSecurityTooling on OU Production"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("cloudtrail:DescribeTrails ").contains("Allowed",
        "AdministratorAccess", "Allowed by AdministratorAccess"));
  }

  @Test
  void wildcardsExpandThroughTheCatalogAndAnImplicitDenyNamesNoStatement() throws Exception {
    CliTest.Run r = simulate("--principal", CI, "--actions", "s3:GetObject*", "--resource", "arn:aws:s3:::acme-customer-data/x",
        "--context", REGION, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> rows = lines(r.out());
    List<String> expected = io.github.trailbench.core.catalog.ActionCatalog.get().expand("s3:GetObject*");
    assertThat(rows).extracting(j -> j.get("action").asText()).containsExactlyElementsOf(expected).contains("s3:GetObjectAcl");
    assertThat(rows).allSatisfy(j -> {
      assertThat(j.get("resource").asText()).isEqualTo("arn:aws:s3:::acme-customer-data/x");
      assertThat(j.get("decision").asText()).isEqualTo("ImplicitDeny");
      assertThat(j.get("policy").isNull()).isTrue();
      assertThat(j.get("sentence").asText()).startsWith("Denied implicitly: ").doesNotEndWith("..");
    });
  }

  @Test
  void contextGivenOnTheCommandLineDecides() throws Exception {
    String action = "cloudtrail:DescribeTrails";
    CliTest.Run outside = simulate("--principal", OPS, "--actions", action, "--context", "aws:RequestedRegion=ap-south-1",
        "--format", "json");
    CliTest.Run inside = simulate("--principal", OPS, "--actions", action, "--context", REGION, "--format", "json");
    assertThat(lines(outside.out()).get(0).get("decision").asText()).isEqualTo("ExplicitDeny");
    assertThat(lines(outside.out()).get(0).get("statement").asText()).isEqualTo("DenyOutsideApprovedRegions");
    assertThat(lines(inside.out()).get(0).get("decision").asText()).isEqualTo("Allowed");
  }

  @Test
  void anUnknownPrincipalIsBadInputNamingIt() {
    CliTest.Run r = simulate("--principal", "arn:aws:iam::111122223333:user/nobody", "--service", "s3");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).isEqualTo("trailbench: --principal: unknown principal arn:aws:iam::111122223333:user/nobody:"
        + " not a user or role in the case's IAM data");
  }

  @Test
  void bothServiceAndActionsOrNeitherIsAUsageError() {
    CliTest.Run both = simulate("--principal", OPS, "--service", "s3", "--actions", "s3:GetObject");
    assertThat(both.exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
    assertThat(both.err()).startsWith("give --service or --actions, not both");
    CliTest.Run neither = simulate("--principal", OPS);
    assertThat(neither.exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
    assertThat(neither.err()).startsWith("give --service PREFIX or --actions A,B,…");
    CliTest.Run noPrincipal = simulate("--service", "s3");
    assertThat(noPrincipal.exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
    CliTest.Run fileAndCase = simulate("--principal", OPS, "--service", "s3", "samples/simulate/05-batch.json");
    assertThat(fileAndCase.exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
    assertThat(fileAndCase.err()).startsWith("give FILE.json or --case, not both");
  }

  @Test
  void unknownServicesActionsPatternsAndMalformedContextAreBadInputInOneLine() {
    assertThat(simulate("--principal", OPS, "--service", "s4").err().strip())
        .isEqualTo("trailbench: --service: no service 's4' in the action catalog");
    assertThat(simulate("--principal", OPS, "--actions", "s3:Gett*").err().strip())
        .isEqualTo("trailbench: --actions: s3:Gett* matches no action in the action catalog");
    assertThat(simulate("--principal", OPS, "--actions", "s3:GetObjekt").err().strip())
        .isEqualTo("trailbench: --actions: s3:GetObjekt is not an action in the action catalog");
    CliTest.Run ctx = simulate("--principal", OPS, "--actions", "s3:GetObject", "--context", "novalue");
    assertThat(ctx.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(ctx.err().strip()).startsWith("trailbench: --context: 'novalue' is not KEY=VALUE");
  }

  @Test
  void theFileFormStillWorksAndTakesNoCaseOptions() {
    assertThat(CliTest.run("simulate", "samples/simulate/05-batch.json", "--json").exit()).isZero();
    CliTest.Run r = CliTest.run("simulate", "samples/simulate/05-batch.json", "--principal", OPS);
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
    assertThat(r.err()).startsWith("--principal, --service, --actions, --resource and --context need --case");
  }
}
