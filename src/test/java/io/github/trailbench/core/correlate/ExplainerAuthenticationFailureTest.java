package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call refused for its credentials (unknown or expired key, bad signature) never reached
 * authorization: the replay compares nothing with it, where it used to say CloudTrail had recorded
 * the request as allowed.
 */
class ExplainerAuthenticationFailureTest {
  private static EventReplay replay(String errorCode) throws Exception {
    SyntheticIam iam = new SyntheticIam().user("alice", List.of(), List.of(),
        SyntheticIam.doc(SyntheticIam.statement("Allow", "s3:ListAllMyBuckets", "*", null)));
    ObjectNode r = TestEvents.base();
    r.put("eventSource", "s3.amazonaws.com");
    r.put("eventName", "ListBuckets");
    r.put("errorCode", errorCode);
    return new Explainer(iam.snapshot(), key -> List.of()).replay(TestEvents.of(r));
  }

  @ParameterizedTest
  @ValueSource(strings = {"InvalidClientTokenId", "ExpiredToken", "SignatureDoesNotMatch", "Client.AuthFailure", "InvalidAccessKeyId"})
  void aCallRefusedForItsCredentialsHasNoDecisionToCompare(String errorCode) throws Exception {
    EventReplay r = replay(errorCode);
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.NO_DECISION);
    Explainer.Explanation e = r.actions().get(0);
    assertThat(e.recorded()).isEqualTo("Not authenticated");
    assertThat(e.comparison()).contains("authentication failure").doesNotContain("recorded the request as allowed");
  }

  @Test
  void aFailedConsoleSignInHasNoDecisionToCompare() throws Exception {
    SyntheticIam iam = new SyntheticIam().user("alice", List.of(), List.of(), SyntheticIam.doc(SyntheticIam.statement("Allow", "*", "*", null)));
    ObjectNode r = TestEvents.base();
    r.put("eventSource", "signin.amazonaws.com");
    r.put("eventName", "ConsoleLogin");
    r.put("errorCode", "No username found in supplied account"); // as the reader gives a failed sign-in's error
    EventReplay replay = new Explainer(iam.snapshot(), key -> List.of()).replay(TestEvents.of(r));
    assertThat(replay.verdict()).as("not 'not deniable, recorded as allowed'").isEqualTo(ReplayVerdict.NO_DECISION);
  }

  @Test
  void anAccessDeniedIsStillADenialToCompare() throws Exception {
    EventReplay r = replay("AccessDenied");
    assertThat(r.actions().get(0).recorded()).isEqualTo("Denied");
    assertThat(r.verdict()).as("the policy allows what CloudTrail recorded as denied").isEqualTo(ReplayVerdict.DISAGREES);
  }
}
