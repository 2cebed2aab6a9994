package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.policy.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SSM authorizes GetParameters (and DeleteParameters) on every name the call lists and refuses the
 * whole call when one name is refused: the replay decides on each name, not on the first only.
 */
class ExplainerEachNamedResourceTest {
  private static final String APP_ONLY = "arn:aws:ssm:us-east-1:111122223333:parameter/app/*";

  static EventReplay replay(String names, String errorCode) throws Exception {
    SyntheticIam iam = new SyntheticIam().user("alice", List.of(), List.of(),
        SyntheticIam.doc(SyntheticIam.statement("Allow", "ssm:GetParameters", APP_ONLY, null)));
    ObjectNode r = TestEvents.base();
    r.put("eventSource", "ssm.amazonaws.com");
    r.put("eventName", "GetParameters");
    r.put("awsRegion", "us-east-1");
    r.set("requestParameters", new ObjectMapper().readTree("{\"names\":" + names + ",\"withDecryption\":true}"));
    if (errorCode != null) {
      r.put("errorCode", errorCode);
    }
    return new Explainer(iam.snapshot(), key -> List.of()).replay(TestEvents.of(r));
  }

  @Test
  void aNameOutsideThePolicyDeniesTheWholeCallEvenWhenTheFirstNameIsAllowed() throws Exception {
    EventReplay r = replay("[\"/app/db-url\",\"/billing/key\",\"/app/region\"]", null);
    Explainer.Explanation e = r.actions().get(0);
    assertThat(e.result().decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(e.resource()).isEqualTo("arn:aws:ssm:us-east-1:111122223333:parameter/billing/key");
    assertThat(r.verdict()).as("CloudTrail recorded success, the case's policies refuse a name").isEqualTo(ReplayVerdict.DISAGREES);
    assertThat(e.gaps()).anySatisfy(g -> assertThat(g).contains("authorized on each of the call's 3 resources"));
  }

  @Test
  void aRecordedDenialOfAListWithOneRefusedNameAgrees() throws Exception {
    EventReplay r = replay("[\"/app/db-url\",\"/billing/key\"]", "AccessDeniedException");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
  }

  @Test
  void everyNameAllowedIsAllowed() throws Exception {
    EventReplay r = replay("[\"/app/db-url\",\"/app/region\"]", null);
    assertThat(r.actions().get(0).result().decision()).isEqualTo(Decision.ALLOWED);
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
    assertThat(r.actions().get(0).gaps()).anySatisfy(g -> assertThat(g).contains("all are allowed"));
  }
}
