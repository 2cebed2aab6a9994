package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.cli.CliRun;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of what a case answers when the IAM data a decision needs is not in the case, through the
 * CLI (import, then {@code explain --json} and {@code simulate --case --format json}).
 *
 * <p>Product rule: when data the decision needs is missing (a policy document not in the case, a
 * group or boundary not exported, a session policy ARN not held), the answer must be
 * "Undetermined" with the reason, never allowed/denied as if the policy were not there. AWS's
 * evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)
 * needs every policy type that applies: an explicit deny in any of them wins, a boundary or
 * session policy must also allow, and SCPs must allow at every level of the account's path.
 *
 * <p>Fixtures: src/test/resources/iam-audit. Account 111122223333 throughout.
 */
class IamInputAuditStoreTest {
  @TempDir Path tmp;

  static final ObjectMapper M = new ObjectMapper();
  static final String ACCT = "arn:aws:iam::111122223333:";

  // ------------------------------------------------------------------ helpers

  private Path resource(String name) throws Exception {
    Path f = tmp.resolve(name);
    try (InputStream in = IamInputAuditStoreTest.class.getResourceAsStream("/iam-audit/" + name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      Files.write(f, in.readAllBytes());
    }
    return f;
  }

  private Path importCase(String... fixtures) throws Exception {
    Path dir = tmp.resolve("case");
    List<String> args = new ArrayList<>(List.of("import", "--case", dir.toString()));
    for (String f : fixtures) {
      args.add(resource(f).toString());
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return dir;
  }

  private static List<JsonNode> jsonObjects(String text) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (var it = M.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  /** The first evaluated action of {@code explain --event ID --json}. */
  private static JsonNode explain(Path caseDir, String eventId) throws Exception {
    CliRun r = CliRun.of("explain", "--case", caseDir.toString(), "--event", eventId, "--json");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    List<JsonNode> all = jsonObjects(r.out());
    assertThat(all).as(r.out()).isNotEmpty();
    return all.get(0);
  }

  /** {@code simulate --case --principal P --actions A --format json}, one row. */
  private static JsonNode simulate(Path caseDir, String principal, String action) throws Exception {
    CliRun r = CliRun.of("simulate", "--case", caseDir.toString(), "--principal", principal, "--actions", action, "--format", "json");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    List<JsonNode> all = jsonObjects(r.out());
    assertThat(all).as(r.out()).hasSize(1);
    return all.get(0);
  }

  private static String gaps(JsonNode row) {
    List<String> out = new ArrayList<>();
    row.path("gaps").forEach(g -> out.add(g.asText()));
    return String.join("\n", out);
  }

  // ------------------------------------------------------------------ A. policies referenced but not exported

  /**
   * {@code get-account-authorization-details --filter User Role Group LocalManagedPolicy} leaves out
   * AWS-managed policies (Filter: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html).
   * u-managed has an inline Allow ec2:* and the AWS-managed AWSDenyAll attached, not in the file: an explicit
   * deny in any identity policy wins, so ec2:DescribeInstances cannot be called Allowed.
   */
  @Test
  void attachedAwsManagedPolicyNotInFile_explainIsUndeterminedNotAllowed() throws Exception {
    Path c = importCase("auth-missing-references.json", "trail-missing-references.json");
    JsonNode e = explain(c, "e-managed");
    assertSoftly(s -> {
      s.assertThat(gaps(e)).contains("arn:aws:iam::aws:policy/AWSDenyAll");
      s.assertThat(e.path("decision").asText()).as("decision with an attached policy not in the case").isEqualTo("Undetermined");
    });
  }

  /** As above, simulate --case on the same principal. */
  @Test
  void attachedAwsManagedPolicyNotInFile_simulateIsUndeterminedNotAllowed() throws Exception {
    Path c = importCase("auth-missing-references.json");
    JsonNode row = simulate(c, ACCT + "user/u-managed", "ec2:DescribeInstances");
    assertSoftly(s -> {
      s.assertThat(gaps(row)).contains("arn:aws:iam::aws:policy/AWSDenyAll");
      s.assertThat(row.path("decision").asText()).isEqualTo("Undetermined");
    });
  }

  /**
   * u-onlymanaged's only policy is AmazonEC2ReadOnlyAccess (AWS-managed, not in the file). The request was
   * logged as allowed; the case cannot say what the policy allows, so the answer is Undetermined, not an
   * ImplicitDeny that "disagrees" with CloudTrail, and the sentence must not claim the user has no policy.
   */
  @Test
  void onlyAttachedPolicyNotInFile_explainIsUndeterminedAndDoesNotClaimTheUserHasNoPolicy() throws Exception {
    Path c = importCase("auth-missing-references.json", "trail-missing-references.json");
    JsonNode e = explain(c, "e-onlymanaged");
    assertSoftly(s -> {
      s.assertThat(gaps(e)).contains("arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess");
      s.assertThat(e.path("decision").asText()).isEqualTo("Undetermined");
      s.assertThat(e.path("explanation").asText()).doesNotContain("has no identity-based policy");
    });
  }

  /**
   * A permissions boundary sets the maximum permissions (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html):
   * with the boundary's document not in the case, an inline Allow * cannot make ec2:DescribeInstances Allowed.
   */
  @Test
  void permissionsBoundaryNotInFile_explainIsUndeterminedNotAllowed() throws Exception {
    Path c = importCase("auth-missing-references.json", "trail-missing-references.json");
    JsonNode e = explain(c, "e-boundary");
    assertSoftly(s -> {
      s.assertThat(gaps(e)).contains("policy/DevBoundary");
      s.assertThat(e.path("decision").asText()).isEqualTo("Undetermined");
      s.assertThat(e.path("verdict").asText()).as("verdict").isNotEqualTo("agrees");
    });
  }

  @Test
  void permissionsBoundaryNotInFile_simulateIsUndeterminedNotAllowed() throws Exception {
    Path c = importCase("auth-missing-references.json");
    JsonNode row = simulate(c, ACCT + "user/u-boundary", "iam:CreateUser");
    assertSoftly(s -> {
      s.assertThat(gaps(row)).contains("policy/DevBoundary");
      s.assertThat(row.path("decision").asText()).isEqualTo("Undetermined");
    });
  }

  /** u-group is in group Admins, which is not in the file: what the group allows (or denies) is unknown. */
  @Test
  void groupNotInFile_explainIsUndeterminedNotImplicitDeny() throws Exception {
    Path c = importCase("auth-missing-references.json", "trail-missing-references.json");
    JsonNode e = explain(c, "e-group");
    assertSoftly(s -> {
      s.assertThat(gaps(e)).contains("group Admins");
      s.assertThat(e.path("decision").asText()).isEqualTo("Undetermined");
    });
  }

  /** The group could hold a Deny: the inline Allow ec2:* alone cannot make it Allowed. */
  @Test
  void groupNotInFile_simulateIsUndeterminedEvenWhereAnInlinePolicyAllows() throws Exception {
    Path c = importCase("auth-missing-references.json");
    JsonNode row = simulate(c, ACCT + "user/u-group", "ec2:DescribeInstances");
    assertSoftly(s -> {
      s.assertThat(gaps(row)).contains("group Admins");
      s.assertThat(row.path("decision").asText()).isEqualTo("Undetermined");
    });
  }

  /**
   * Guard: only a managed policy's default version is in force ("DefaultVersionId: the identifier for the
   * version of the policy that is set as the default (operative) version", ManagedPolicyDetail,
   * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ManagedPolicyDetail.html). ReadOnlySession's
   * default v2 allows s3:Get*; its non-default v1 allows *.
   */
  @Test
  void nonDefaultPolicyVersionIsNotInForce() throws Exception {
    Path c = importCase("auth-role-with-policy.json");
    assertThat(simulate(c, ACCT + "user/reader", "s3:GetObject").path("decision").asText()).isEqualTo("Allowed");
    assertThat(simulate(c, ACCT + "user/reader", "iam:CreateUser").path("decision").asText()).isEqualTo("ImplicitDeny");
  }

  // ------------------------------------------------------------------ B. AssumeRole policyArns

  /**
   * AssumeRole's PolicyArns are managed session policies; "the resulting session's permissions are the
   * intersection of the role's identity-based policy and the session policies"
   * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). The AssumeRole record names
   * policy/ReadOnlySession, which the case does not hold: the session's iam:CreateUser cannot be Allowed,
   * and the missing session policy must be named.
   */
  @Test
  void sessionPolicyArnNotInCase_explainIsUndeterminedAndNamesThePolicy() throws Exception {
    Path c = importCase("auth-role.json", "trail-session.json");
    JsonNode e = explain(c, "e-session-createuser");
    assertSoftly(s -> {
      s.assertThat(gaps(e)).as("gaps").contains("arn:aws:iam::111122223333:policy/ReadOnlySession");
      s.assertThat(e.path("decision").asText()).isEqualTo("Undetermined");
    });
  }

  /** Guard: with the session policy in the case, it limits the session (ImplicitDeny for iam:CreateUser). */
  @Test
  void sessionPolicyArnInCase_limitsTheSession() throws Exception {
    Path c = importCase("auth-role-with-policy.json", "trail-session.json");
    JsonNode e = explain(c, "e-session-createuser");
    assertThat(e.path("decision").asText()).isEqualTo("ImplicitDeny");
    assertThat(e.path("explanation").asText()).contains("session policy");
  }

  /**
   * The AssumeRole record's inline session policy ({@code requestParameters.policy}) does not parse (here cut
   * short). CaseSessions evaluates the session "without it": the session's iam:CreateUser must not be Allowed
   * as if no session policy had been passed.
   */
  @Test
  void unreadableInlineSessionPolicy_explainIsUndeterminedNotAllowed() throws Exception {
    String text = Files.readString(resource("trail-session.json")).replace(
        "\"policyArns\":[{\"arn\":\"arn:aws:iam::111122223333:policy/ReadOnlySession\"}]",
        "\"policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:Get\"");
    assertThat(text).contains("\"policy\":");
    Path trail = tmp.resolve("trail-session-bad-policy.json");
    Files.writeString(trail, text);
    Path dir = tmp.resolve("case");
    CliRun imp = CliRun.of("import", "--case", dir.toString(), resource("auth-role.json").toString(), trail.toString());
    assertThat(imp.exit()).as(imp.out() + imp.err()).isZero();
    JsonNode e = explain(dir, "e-session-createuser");
    assertThat(e.path("decision").asText()).isEqualTo("Undetermined");
  }

  // ------------------------------------------------------------------ D. organizations

  /**
   * The case has an organization manifest, but 111122223333 is in none of its OUs. Whether the account is
   * outside the organization or the manifest is incomplete is unknown: SCPs "must allow at every level"
   * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html),
   * so an Allowed that skips them is answering as if they were not there.
   */
  @Test
  void accountInNoOuOfTheManifest_simulateIsUndeterminedNotAllowed() throws Exception {
    Path c = importCase("auth-role.json", "org-without-account.json");
    JsonNode row = simulate(c, ACCT + "role/AppRole", "iam:CreateUser");
    assertSoftly(s -> {
      s.assertThat(gaps(row)).contains("111122223333");
      s.assertThat(row.path("decision").asText()).isEqualTo("Undetermined");
    });
  }

  /**
   * The Prod OU has no "policies" key at all. "Every root, OU, and account must have at least one SCP
   * attached" (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html), so a
   * node without any is not a state AWS allows: the manifest left it out. The answer must be Undetermined
   * (or the manifest refused), not an ImplicitDeny blamed on the OU. (docs/iam-formats.md documents "a level
   * with none denies everything"; this test holds the product rule and AWS's invariant against that.)
   */
  @Test
  void ouWithoutItsPoliciesListed_isUndeterminedOrRefusedNotDenied() throws Exception {
    Path dir = tmp.resolve("case");
    CliRun imp = CliRun.of("import", "--case", dir.toString(), resource("auth-role.json").toString(),
        resource("org-ou-no-policies-key.json").toString());
    if (imp.exit() != 0) {
      assertThat(imp.out() + imp.err()).contains("org-ou-no-policies-key.json").contains("ou-7k2p-pr0dpr0d");
      return;
    }
    JsonNode row = simulate(dir, ACCT + "role/AppRole", "ec2:DescribeInstances");
    assertThat(row.path("decision").asText()).isEqualTo("Undetermined");
  }

  /**
   * Guard: FullAWSAccess replaced at the OU by an ec2-only SCP (the "allow list" strategy): ec2 is allowed,
   * iam:CreateUser is implicitly denied by the OU's SCP.
   */
  @Test
  void fullAwsAccessReplacedAtTheOu_scpAllowListDecides() throws Exception {
    Path c = importCase("auth-role.json", "org-ou-fullaccess-replaced.json");
    assertThat(simulate(c, ACCT + "role/AppRole", "ec2:DescribeInstances").path("decision").asText()).isEqualTo("Allowed");
    JsonNode denied = simulate(c, ACCT + "role/AppRole", "iam:CreateUser");
    assertThat(denied.path("decision").asText()).isEqualTo("ImplicitDeny");
    assertThat(denied.path("sentence").asText()).contains("SCP");
  }

  // ------------------------------------------------------------------ E. malformed input through import

  private static String caseListing(Path caseDir) {
    CliRun r = CliRun.of("simulate", "--case", caseDir.toString(), "--principal", ACCT + "user/u-managed", "--actions",
        "ec2:DescribeInstances", "--format", "json");
    return r.out() + r.err();
  }

  private void assertRejectedWholeWithoutStackTrace(CliRun r, String file) {
    String all = r.out() + r.err();
    assertThat(r.exit()).as(all).isNotZero();
    assertThat(all).contains("REJECTED").contains(file);
    assertThat(all).doesNotContain("Exception:").doesNotContain("\tat ").doesNotContain("at io.github");
  }

  /**
   * A gzip of an authorization-details file cut in half: rejected whole, with the file, a position, and a
   * reason that says the gzip stream is truncated (docs/formats.md: "byte B of the content for gzip
   * problems"), not Java's "Unexpected end of ZLIB input stream" alone; nothing of it is stored.
   */
  @Test
  void truncatedGzipAuthorizationDetails_rejectedWholeSayingTruncated() throws Exception {
    StringBuilder users = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      users.append(i == 0 ? "" : ",").append("{\"UserName\":\"u").append(i).append("\",\"Arn\":\"arn:aws:iam::111122223333:user/u")
          .append(i).append("\",\"UserId\":\"AIDA").append(String.format("%016d", i)).append("\",\"Path\":\"/\",\"GroupList\":[],")
          .append("\"UserPolicyList\":[],\"AttachedManagedPolicies\":[],\"Tags\":[{\"Key\":\"k\",\"Value\":\"")
          .append(Long.toHexString(Double.doubleToLongBits(Math.sin(i)))).append("\"}]}");
    }
    String json = "{\"UserDetailList\":[" + users + "],\"GroupDetailList\":[],\"RoleDetailList\":[],\"Policies\":[]}";
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    Path f = tmp.resolve("auth-trunc.json.gz");
    Files.write(f, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path dir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", dir.toString(), f.toString());
    assertRejectedWholeWithoutStackTrace(r, "auth-trunc.json.gz");
    assertThat(r.out() + r.err()).contains("of the content").containsIgnoringCase("truncated");
    assertThat(caseListing(dir)).contains("unknown principal");
  }

  /** A small truncated gzip: its position must not be "byte 0" when the file ends after its first bytes. */
  @Test
  void smallTruncatedGzip_positionIsWhereTheContentEndsNotByteZero() throws Exception {
    byte[] json = Files.readAllBytes(resource("auth-missing-references.json"));
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json);
    }
    byte[] whole = gz.toByteArray();
    Path f = tmp.resolve("auth-small-trunc.json.gz");
    Files.write(f, java.util.Arrays.copyOf(whole, whole.length / 2));
    CliRun r = CliRun.of("import", "--case", tmp.resolve("case").toString(), f.toString());
    assertRejectedWholeWithoutStackTrace(r, "auth-small-trunc.json.gz");
    assertThat(r.out() + r.err()).containsIgnoringCase("truncated").doesNotContain("at byte 0 of the content");
  }

  /** Guard: a wrong type (UserName a number) is refused whole with its JSON path and line; nothing stored. */
  @Test
  void wrongTypeInAuthorizationDetails_rejectedWholeWithPathAndLine() throws Exception {
    Path good = resource("auth-missing-references.json");
    String text = Files.readString(good).replace("\"UserName\": \"u-group\"", "\"UserName\": 7");
    Path f = tmp.resolve("auth-wrongtype.json");
    Files.writeString(f, text);
    Path dir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", dir.toString(), f.toString());
    assertRejectedWholeWithoutStackTrace(r, "auth-wrongtype.json");
    assertThat(r.out()).contains("UserDetailList[3].UserName").contains("line ").contains("expected a string");
    assertThat(caseListing(dir)).contains("unknown principal");
  }

  /** Guard: a number of 1,200 digits is refused with line and column; nothing stored. */
  @Test
  void hugeNumberInAuthorizationDetails_rejectedWholeWithLineAndColumn() throws Exception {
    String text = Files.readString(resource("auth-missing-references.json"))
        .replaceFirst("\"CreateDate\": \"2024-01-01T00:00:00\\+00:00\"", "\"CreateDate\": 1" + "0".repeat(1200));
    Path f = tmp.resolve("auth-hugenum.json");
    Files.writeString(f, text);
    Path dir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", dir.toString(), f.toString());
    assertRejectedWholeWithoutStackTrace(r, "auth-hugenum.json");
    assertThat(r.out()).containsPattern("line \\d+, column \\d+").contains("1000 digits");
    assertThat(caseListing(dir)).contains("unknown principal");
  }

  /** Guard: a duplicate "Action" in a policy object is refused with line and column; nothing stored. */
  @Test
  void duplicateActionKeyInAuthorizationDetails_rejectedWholeWithLineAndColumn() throws Exception {
    String text = Files.readString(resource("auth-missing-references.json"))
        .replaceFirst("\"Action\": \"ec2:\\*\"", "\"Action\": \"ec2:*\", \"Action\": \"iam:*\"");
    Path f = tmp.resolve("auth-dup.json");
    Files.writeString(f, text);
    Path dir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", dir.toString(), f.toString());
    assertRejectedWholeWithoutStackTrace(r, "auth-dup.json");
    assertThat(r.out()).containsPattern("line \\d+, column \\d+").contains("duplicate key \"Action\"");
    assertThat(caseListing(dir)).contains("unknown principal");
  }

  // ------------------------------------------------------------------ C. credential report through the case

  static final String REPORT_HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
      + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
      + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
      + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
      + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

  /**
   * IAM user names may contain "+=,.@-" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html),
   * so "=1+1", "-2+3" and "@x" are legal. They are imported, their hygiene findings are made, and the CSV
   * report never starts a cell with a formula character.
   */
  @Test
  void formulaLeadingUserNames_importedAndEscapedInTheCsvReport() throws Exception {
    String rows = String.join("\n", REPORT_HEADER,
        "<root_account>,arn:aws:iam::111122223333:root,2019-04-02T09:14:27+00:00,not_supported,2026-11-20T22:41:03+00:00,"
            + "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
        "=1+1,arn:aws:iam::111122223333:user/=1+1,2021-06-15T08:00:12+00:00,true,2026-11-22T19:03:55+00:00,2020-09-01T10:11:12+00:00,"
            + "N/A,false,true,2019-02-10T12:00:00+00:00,2026-11-22T21:17:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
        "-2+3,arn:aws:iam::111122223333:user/-2+3,2021-06-15T08:00:12+00:00,true,no_information,2020-09-01T10:11:12+00:00,N/A,"
            + "false,true,2019-02-10T12:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
        "@x,arn:aws:iam::111122223333:user/@x,2021-06-15T08:00:12+00:00,true,2026-11-22T19:03:55+00:00,2020-09-01T10:11:12+00:00,"
            + "N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A") + "\n";
    Path report = tmp.resolve("credential-report.csv");
    Files.writeString(report, rows);
    Path dir = tmp.resolve("case");
    CliRun imp = CliRun.of("import", "--case", dir.toString(), report.toString(), resource("trail-missing-references.json").toString());
    assertThat(imp.exit()).as(imp.out() + imp.err()).isZero();
    assertThat(imp.out()).contains("CREDENTIAL_REPORT").contains("4 users");
    Path csv = tmp.resolve("report.csv");
    CliRun rep = CliRun.of("report", "--case", dir.toString(), "--out", csv.toString());
    assertThat(rep.exit()).as(rep.out() + rep.err()).isZero();
    String out = Files.readString(csv);
    assertThat(out).contains("=1+1").contains("-2+3").contains("@x");
    for (String cell : csvCells(out)) {
      assertThat(cell).as("CSV cell").doesNotMatch("(?s)^\\s*[=+\\-@\\t\\r].*");
    }
  }

  /** RFC 4180 cells of a CSV text (quotes honoured). */
  private static List<String> csvCells(String text) {
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',' || ch == '\n') {
        cells.add(cur.toString());
        cur.setLength(0);
      } else if (ch != '\r') {
        cur.append(ch);
      }
    }
    cells.add(cur.toString());
    return cells.stream().filter(c -> !c.isEmpty()).collect(Collectors.toList());
  }
}
