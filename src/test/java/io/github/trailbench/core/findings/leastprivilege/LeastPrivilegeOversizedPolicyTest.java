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

    assertThat(oversized(r)).anySatisfy(line -> assertThat(line).contains("bulk-inline-0", "user inline policy",
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
}
