package io.github.trailbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  static final String ALLOW = "{\"request\":{\"principal\":\"arn:aws:iam::111122223333:user/alice\",\"action\":\"s3:GetObject\","
      + "\"resource\":\"arn:aws:s3:::bucket/key.txt\",\"resourceAccount\":\"111122223333\",\"context\":{\"aws:SourceIp\":\"203.0.113.7\"}},"
      + "\"identityPolicies\":[{\"name\":\"inline-1\",\"document\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}}],\"permissionsBoundary\":null,\"sessionPolicy\":null,"
      + "\"resourcePolicy\":null,\"scps\":[],\"rcps\":[]}";
  static final String DENY = ALLOW.replace("\"Statement\":[{", "\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"},{");
  static final String IMPLICIT = ALLOW.replace("s3:Get*", "ec2:*");
  static final String UNKNOWN = ALLOW.replace("\"context\":{", "\"unknownKeys\":[\"aws:ResourceTag/team\"],\"context\":{")
      .replace("\"Resource\":\"arn:aws:s3:::bucket/*\"", "\"Resource\":\"arn:aws:s3:::bucket/*\",\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"red\"}}");

  @TempDir Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void oneCaseReadableTree() throws Exception {
    CliTest.Run r = CliTest.run("simulate", write("one.json", ALLOW).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Allowed: statement #0 of policy inline-1").contains("[Allow] 0 Decision: Allowed")
        .contains("  [Allow] 7 Identity-based policies").contains("[Match] 7.1.1.1 Action — Action s3:GetObject matches s3:Get*.");
  }

  @Test
  void jsonArrayPrintsOneLinePerCaseInOrder() throws Exception {
    Path f = write("many.json", "[" + ALLOW + ",\n" + DENY + ",\n" + IMPLICIT + ",\n" + UNKNOWN + "]");
    CliTest.Run r = CliTest.run("simulate", f.toString(), "--json");
    assertThat(r.exit()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(4);
    ObjectMapper m = new ObjectMapper();
    String[] want = {"Allowed", "ExplicitDeny", "ImplicitDeny", "Undetermined"};
    for (int i = 0; i < 4; i++) {
      JsonNode j = m.readTree(lines[i]);
      assertThat(j.get("decision").asText()).isEqualTo(want[i]);
      assertThat(j.get("trace").get("id").asText()).isEqualTo("0");
      assertThat(j.get("trace").get("children")).hasSize(7);
    }
    assertThat(m.readTree(lines[3]).get("dependsOn").get(0).asText()).isEqualTo("aws:ResourceTag/team");
  }

  @Test
  void theSamplesAclCaseIsAllowedByTheObjectAclAndDeniedOnceBucketOwnerEnforcedDisablesIt() throws Exception {
    CliTest.Run r = CliTest.run("simulate", "samples/simulate/06-s3-getobject-via-object-acl.json", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    var allowed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[0]);
    assertThat(allowed.path("decision").asText()).isEqualTo("Allowed");
    assertThat(allowed.path("explanation").asText()).startsWith("Allowed: the object ACL of arn:aws:s3:::acme-prod-artifacts/");
    var enforced = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[1]);
    assertThat(enforced.path("decision").asText()).isEqualTo("ImplicitDeny");
    assertThat(enforced.path("explanation").asText()).contains("ACLs are disabled (Object Ownership BucketOwnerEnforced)");
  }

  @Test
  void aBadAclInSimulateInputNamesCaseAndPath() throws Exception {
    Path f = write("acl.json", ALLOW.replaceFirst("\\{", "{\"acl\": {\"Grants\": [{\"Grantee\": {\"Type\": \"Group\", \"URI\": \"http://x\"}, \"Permission\": \"READ\"}]},"));
    CliTest.Run r = CliTest.run("simulate", f.toString(), "--json");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.err()).contains(f.toString()).contains("acl.Grants[0].Grantee.URI").contains("unknown group URI").doesNotContain("\tat ");
  }

  @Test
  void jsonLinesInput() throws Exception {
    Path f = write("many.jsonl", ALLOW + "\n" + DENY + "\n");
    CliTest.Run r = CliTest.run("simulate", f.toString(), "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.out().strip().split("\n")).hasSize(2);
    CliTest.Run text = CliTest.run("simulate", f.toString());
    assertThat(text.out()).contains("Case 0 (line 1)").contains("Case 1 (line 2)");
  }

  @Test
  void badInputNamesFileCaseLineAndPath() throws Exception {
    Path f = write("bad.json", "[\n" + ALLOW + ",\n" + ALLOW.replace("\"Effect\":\"Allow\"", "\"Effect\":\"allow\"") + "\n]");
    CliTest.Run r = CliTest.run("simulate", f.toString(), "--json");
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(f.toString() + " at case[1] (line 3) at identityPolicies[0].document.Statement[0].Effect: unknown Effect 'allow'");
  }

  @Test
  void malformedJsonAndMissingFileAreBadInput() throws Exception {
    CliTest.Run r = CliTest.run("simulate", write("broken.json", "{\"request\": [").toString());
    assertThat(r.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(r.err()).contains("broken.json at line 1, column");
    CliTest.Run missing = CliTest.run("simulate", dir.resolve("nope.json").toString());
    assertThat(missing.exit()).isEqualTo(TrailbenchCommand.EXIT_BAD_INPUT);
    assertThat(missing.err()).contains("nope.json: no such file");
  }

  @Test
  void missingFileArgumentIsUsage() {
    assertThat(CliTest.run("simulate").exit()).isEqualTo(TrailbenchCommand.EXIT_USAGE);
  }

  @Test
  void getCallerIdentityIsAllowedAgainstAnExplicitDenyWithAStepSayingWhy() throws Exception {
    String gci = DENY.replace("\"action\":\"s3:GetObject\"", "\"action\":\"sts:GetCallerIdentity\"")
        .replace("\"resource\":\"arn:aws:s3:::bucket/key.txt\"", "\"resource\":\"*\"").replace("\"Action\":\"s3:*\"", "\"Action\":\"*\"");
    CliTest.Run r = CliTest.run("simulate", write("gci.json", gci).toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Allowed: sts:GetCallerIdentity cannot be denied by any policy")
        .contains("[Deny] 1 Explicit deny check", "[Allow] 8 Calls no policy can deny", "No permissions are required to perform this operation");
  }
}
