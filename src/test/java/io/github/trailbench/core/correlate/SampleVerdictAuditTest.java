package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's verdicts that were the product's doing rather than a gap the sample means to show
 * (decision 99). Found by the same audit and left: CloudFormation stacks the records name, a role
 * session's aws:CalledVia through CloudFormation, and the MFA of a console role switch.
 */
class SampleVerdictAuditTest {
  static final List<EventReplay> replays = new ArrayList<>();
  static final Map<String, CloudTrailEvent> events = new HashMap<>();

  @BeforeAll
  static void replaySample() throws Exception {
    PoliciesInForceSampleTest.readSample();
    Explainer explainer = new Explainer(PoliciesInForceSampleTest.iam, key -> List.of());
    for (CloudTrailEvent e : SampleEvents.read()) {
      events.put(e.eventId(), e);
      replays.add(explainer.replay(e));
    }
  }

  static EventReplay replay(String eventId) {
    return replays.stream().filter(r -> r.eventId().equals(eventId)).findFirst().orElseThrow();
  }

  static List<EventReplay> replays(String eventSource, String eventName) {
    return replays.stream()
        .filter(r -> events.get(r.eventId()).eventSource().equals(eventSource)
            && events.get(r.eventId()).eventName().equals(eventName))
        .toList();
  }

  // --- 166 DISAGREES: cloudtrail.amazonaws.com kms:GenerateDataKey on the trail's key ---------------

  /**
   * KMS: "Every KMS key must have exactly one key policy"
   * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html). The trail's key has one;
   * the case does not hold it. That is a policy in force the case lacks, which the product otherwise
   * stands in as unknown (docs/policy-engine.md, "Policies in force that the case does not hold"):
   * undetermined, and never "there is none".
   */
  @Test
  void aKeyWhoseKeyPolicyTheCaseLacksIsUndeterminedNotDeniedForWantOfAPolicy() {
    List<EventReplay> trailKey = replays("kms.amazonaws.com", "GenerateDataKey").stream()
        .filter(r -> r.actions().get(0).principal().equals("cloudtrail.amazonaws.com"))
        .toList();
    assertThat(trailKey).hasSize(166);
    for (EventReplay r : trailKey) {
      Explainer.Explanation e = r.actions().get(0);
      assertThat(e.explanation()).as(r.eventId()).doesNotContain("there is none");
      assertThat(r.verdict()).as(r.eventId() + ": " + e.explanation()).isEqualTo(ReplayVerdict.UNDETERMINED);
    }
  }
}
