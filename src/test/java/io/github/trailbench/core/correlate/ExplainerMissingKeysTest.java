package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** explain's {@code missing} names the concrete keys a decision depended on, not families or every key a log lacks. */
class ExplainerMissingKeysTest {

  static EventReplay replay(String condition, String errorCode) throws Exception {
    SyntheticIam iam = new SyntheticIam().user("alice", List.of(), List.of(),
        SyntheticIam.doc(SyntheticIam.statement("Allow", "ec2:TerminateInstances", "*", condition)));
    ObjectNode r = TestEvents.base();
    r.put("eventSource", "ec2.amazonaws.com");
    r.put("eventName", "TerminateInstances");
    r.set("requestParameters", new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0abc1234\"}]}}"));
    if (errorCode != null) {
      r.put("errorCode", errorCode);
    }
    return new Explainer(iam.snapshot(), key -> List.of()).replay(TestEvents.of(r));
  }

  @Test
  void anUndeterminedDecisionNamesTheConcreteTagKeyItDependedOn() throws Exception {
    EventReplay r = replay("{\"StringEquals\":{\"aws:ResourceTag/team\":\"red\"}}", null);
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.UNDETERMINED);
    Explainer.Explanation e = r.actions().get(0);
    assertThat(e.missing()).extracting(DerivedRequest.KeyNote::key).containsExactly("aws:ResourceTag/team");
    assertThat(e.missing().get(0).reason()).contains("resource tags");
    assertThat(r.undeterminedKeys()).containsExactly("aws:ResourceTag/team");
  }

  @Test
  void aDecisionThatDependedOnNoUnknownValueNamesNoKey() throws Exception {
    EventReplay r = replay(null, null);
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
    assertThat(r.actions().get(0).missing()).isEmpty();
  }

  @Test
  void aRecordedDenialTheCaseCannotExplainDisagreesAndSaysWhatCouldExplainIt() throws Exception {
    EventReplay r = replay(null, "Client.UnauthorizedOperation");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.DISAGREES);
    assertThat(r.actions().get(0).comparison()).contains("DOES NOT AGREE", "policy changed");
  }
}
