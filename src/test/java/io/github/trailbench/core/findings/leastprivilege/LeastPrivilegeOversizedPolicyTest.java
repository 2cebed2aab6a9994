package io.github.trailbench.core.findings.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.correlate.SyntheticIam;
import io.github.trailbench.core.iam.IamSnapshot;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Policy documents beyond AWS's size quotas are flagged, and those far beyond are left out rather than expanded. */
class LeastPrivilegeOversizedPolicyTest {
  static final String USER = SyntheticIam.arn("user", "bulk");

  /** One Allow statement naming {@code n} resources, about 45 characters each. */
  static String allowOn(String action, String bucket, int n) {
    String resources = IntStream.range(0, n).mapToObj(i -> "\"arn:aws:s3:::" + bucket + "/objects/part-" + i + ".bin\"")
        .collect(Collectors.joining(","));
    return SyntheticIam.doc("{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":[" + resources + "]}");
  }

  static IamSnapshot iam(String inline) {
    return new SyntheticIam()
        .policy("SlightlyTooBig", allowOn("s3:PutObject", "managed-bucket", 170))
        .user("bulk", List.of(), List.of("SlightlyTooBig"), inline, SyntheticIam.doc(SyntheticIam.allow("sqs:SendMessage", "*")))
        .snapshot();
  }

  static List<String> oversized(LeastPrivilegeResult r) {
    return r.caveats().stream().filter(c -> c.kind() == Caveat.Kind.OVERSIZED_POLICIES).flatMap(c -> c.items().stream()).toList();
  }

  @Test
  void aPolicyTenTimesOverItsCapIsFlaggedWithSizeAndCapAndLeftOut() throws Exception {
    String huge = allowOn("s3:GetObject", "huge-bucket", 1_000);
    assertThat(huge.length()).isGreaterThan(10 * PolicySizeQuota.USER_INLINE);

    LeastPrivilegeResult r = new LeastPrivilege(iam(huge)).analyze(USER, List.of());

    assertThat(oversized(r)).anySatisfy(line -> assertThat(line).contains("bulk-inline-0", "user inline policies",
        "cap 2,048", "not analysed").containsPattern("\\d{2},\\d{3} characters"));
    assertThat(r.granted()).extracting(GrantedAction::action).doesNotContain("s3:GetObject").contains("sqs:SendMessage");
  }

  @Test
  void aPolicyOverItsCapButNotTenTimesIsFlaggedAndStillAnalysed() throws Exception {
    LeastPrivilegeResult r = new LeastPrivilege(iam(allowOn("s3:GetObject", "b", 1))).analyze(USER, List.of());

    assertThat(oversized(r)).singleElement().satisfies(line -> assertThat(line)
        .contains("SlightlyTooBig", "managed policy attached to the user", "cap 6,144").doesNotContain("not analysed"));
    assertThat(r.granted()).extracting(GrantedAction::action).contains("s3:PutObject", "s3:GetObject", "sqs:SendMessage");
  }

  @Test
  void policiesWithinTheirCapsAreNotFlagged() throws Exception {
    IamSnapshot iam = new SyntheticIam()
        .user("bulk", List.of(), List.of(), allowOn("s3:GetObject", "b", 10)).snapshot();
    LeastPrivilegeResult r = new LeastPrivilege(iam).analyze(USER, List.of());
    assertThat(r.caveats()).extracting(Caveat::kind).doesNotContain(Caveat.Kind.OVERSIZED_POLICIES);
  }

  @Test
  void theTextOutputNamesTheOversizedPolicy() throws Exception {
    LeastPrivilegeResult r = new LeastPrivilege(iam(allowOn("s3:GetObject", "huge-bucket", 1_000))).analyze(USER, List.of());
    assertThat(LeastPrivilegeText.render(r)).contains("[OVERSIZED_POLICIES]", "bulk-inline-0", "cap 2,048");
  }

  /** An inline document of exactly {@code characters} non-whitespace characters, allowing {@code action}. */
  static String docOf(int characters, String action) {
    String empty = SyntheticIam.doc("{\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}");
    String doc = empty.replace("\"Sid\":\"\"", "\"Sid\":\"" + "S".repeat(characters - empty.length()) + "\"");
    assertThat(doc).hasSize(characters).doesNotContainPattern("\\s");
    return doc;
  }

  @Test
  void userInlinePoliciesAreCappedTogetherNotOneByOne() throws Exception {
    // two documents of 1,100 characters: each within 2,048, together 2,200
    IamSnapshot iam = new SyntheticIam()
        .user("bulk", List.of(), List.of(), docOf(1_100, "s3:GetObject"), docOf(1_100, "sqs:SendMessage")).snapshot();
    LeastPrivilegeResult r = new LeastPrivilege(iam).analyze(USER, List.of());
    assertThat(oversized(r)).singleElement().satisfies(line -> assertThat(line)
        .contains("user inline policies on " + USER, "bulk-inline-0", "bulk-inline-1", "2,200 characters", "cap 2,048")
        .doesNotContain("not analysed"));
    assertThat(r.granted()).extracting(GrantedAction::action).contains("s3:GetObject", "sqs:SendMessage");
  }

  @Test
  void userInlinePoliciesExactlyAtTheCapTogetherAreNotFlaggedAndOneCharacterMoreIs() throws Exception {
    IamSnapshot at = new SyntheticIam()
        .user("bulk", List.of(), List.of(), docOf(1_024, "s3:GetObject"), docOf(1_024, "sqs:SendMessage")).snapshot();
    assertThat(oversized(new LeastPrivilege(at).analyze(USER, List.of()))).isEmpty();
    IamSnapshot over = new SyntheticIam()
        .user("bulk", List.of(), List.of(), docOf(1_024, "s3:GetObject"), docOf(1_025, "sqs:SendMessage")).snapshot();
    assertThat(oversized(new LeastPrivilege(over).analyze(USER, List.of()))).singleElement()
        .satisfies(line -> assertThat(line).contains("2,049 characters, cap 2,048"));
  }

  @Test
  void roleInlinePoliciesAreCappedAt10240TogetherAndGroupInlineAt5120() throws Exception {
    String role = SyntheticIam.arn("role", "worker");
    IamSnapshot roleAt = new SyntheticIam()
        .role("worker", SyntheticIam.trust("AWS", "arn:aws:iam::111122223333:root"), List.of(), docOf(5_120, "s3:GetObject"), docOf(5_120, "sqs:SendMessage")).snapshot();
    assertThat(oversized(new LeastPrivilege(roleAt).analyze(role, List.of()))).isEmpty();
    IamSnapshot roleOver = new SyntheticIam()
        .role("worker", SyntheticIam.trust("AWS", "arn:aws:iam::111122223333:root"), List.of(), docOf(5_120, "s3:GetObject"), docOf(5_121, "sqs:SendMessage")).snapshot();
    assertThat(oversized(new LeastPrivilege(roleOver).analyze(role, List.of()))).singleElement()
        .satisfies(line -> assertThat(line).contains("role inline policies on " + role, "10,241 characters, cap 10,240"));

    IamSnapshot groupOver = new SyntheticIam()
        .group("ops", List.of(), docOf(2_560, "s3:GetObject"), docOf(2_561, "sqs:SendMessage"))
        .user("bulk", List.of("ops"), List.of()).snapshot();
    assertThat(oversized(new LeastPrivilege(groupOver).analyze(USER, List.of()))).singleElement()
        .satisfies(line -> assertThat(line).contains("group inline policies on", "5,121 characters, cap 5,120"));
  }

  @Test
  void managedPoliciesAreCappedOneByOne() throws Exception {
    IamSnapshot iam = new SyntheticIam()
        .policy("A", docOf(4_000, "s3:GetObject")).policy("B", docOf(4_000, "sqs:SendMessage"))
        .user("bulk", List.of(), List.of("A", "B")).snapshot();
    assertThat(oversized(new LeastPrivilege(iam).analyze(USER, List.of()))).isEmpty();
  }
}
