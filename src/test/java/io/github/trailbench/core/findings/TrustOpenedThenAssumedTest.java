package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.correlate.TestEvents;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** IAM API Reference, UpdateAssumeRolePolicy: "Updates the policy that grants an IAM entity permission to assume a role." */
class TrustOpenedThenAssumedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private static final String OPS = "arn:aws:iam::111122223333:role/ops/OpsAdmin";

  private static CloudTrailEvent call(String id, String time, String source, String name, String request, String error) throws Exception {
    ObjectNode r = TestEvents.base();
    r.put("eventID", id);
    r.put("eventTime", time);
    r.put("eventSource", source);
    r.put("eventName", name);
    r.set("requestParameters", JSON.readTree(request));
    if (error != null) {
      r.put("errorCode", error);
    }
    return TestEvents.of(r);
  }

  private static CloudTrailEvent trust(String id, String time, String principal, String error) throws Exception {
    String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    return call(id, time, "iam.amazonaws.com", "UpdateAssumeRolePolicy",
        "{\"roleName\":\"OpsAdmin\",\"policyDocument\":" + JSON.writeValueAsString(doc) + "}", error);
  }

  private static CloudTrailEvent assume(String id, String time, String error) throws Exception {
    return call(id, time, "sts.amazonaws.com", "AssumeRole", "{\"roleArn\":\"" + OPS + "\",\"roleSessionName\":\"x\"}", error);
  }

  private static List<Finding> run(Set<String> admins, CloudTrailEvent... events) {
    TrustOpenedThenAssumed check = new TrustOpenedThenAssumed(IpClassifier.defaults());
    for (CloudTrailEvent e : events) {
      check.accept(e);
    }
    return check.findings(admins, Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void trustToSelfThenAssumedIsCriticalOnAnAdminRoleHighOtherwise() throws Exception {
    List<Finding> found = run(Set.of(OPS), trust("t1", "2026-11-20T10:00:00Z", ALICE, null), assume("a1", "2026-11-20T10:01:00Z", null));
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo(TrustOpenedThenAssumed.RULE_ID);
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.title()).isEqualTo("Role trust opened to itself, then assumed: OpsAdmin");
      assertThat(f.summary()).contains("to trust " + ALICE).contains("then assumed it (a1").contains("admin-equivalent");
      assertThat(f.events()).extracting(Evidence.Event::eventId).containsExactly("t1", "a1");
    });
    assertThat(run(Set.of(), trust("t1", "2026-11-20T10:00:00Z", "111122223333", null), assume("a1", "2026-11-20T10:01:00Z", null)))
        .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
  }

  @Test
  void anotherPrincipalRefusedCallsOrTheWrongOrderRaiseNothing() throws Exception {
    assertThat(run(Set.of(OPS), trust("t1", "2026-11-20T10:00:00Z", "arn:aws:iam::111122223333:user/bob", null),
        assume("a1", "2026-11-20T10:01:00Z", null))).isEmpty();
    assertThat(run(Set.of(OPS), trust("t1", "2026-11-20T10:00:00Z", ALICE, "AccessDenied"),
        assume("a1", "2026-11-20T10:01:00Z", null))).isEmpty();
    assertThat(run(Set.of(OPS), trust("t1", "2026-11-20T10:00:00Z", ALICE, null),
        assume("a1", "2026-11-20T10:01:00Z", "AccessDenied"))).isEmpty();
    assertThat(run(Set.of(OPS), assume("a1", "2026-11-20T09:59:00Z", null), trust("t1", "2026-11-20T10:00:00Z", ALICE, null))).isEmpty();
  }
}
