package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every event of the bundled sample replayed through the engine and compared with CloudTrail. */
class SampleReplayTest {
  static List<EventReplay> replays = new ArrayList<>();

  @BeforeAll
  static void replaySample() throws Exception {
    PoliciesInForceSampleTest.readSample();
    Explainer explainer = new Explainer(PoliciesInForceSampleTest.iam, key -> List.of());
    for (CloudTrailEvent e : SampleEvents.read()) {
      replays.add(explainer.replay(e));
    }
  }

  static EventReplay replay(String eventId) {
    return replays.stream().filter(r -> r.eventId().equals(eventId)).findFirst().orElseThrow();
  }

  @Test
  void everyEventIsReplayed() {
    assertThat(replays).hasSize(3238);
    Map<ReplayVerdict, Integer> counts = new EnumMap<>(ReplayVerdict.class);
    replays.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
    System.out.println("sample replay: " + counts);
  }

  @Test
  void noEventDisagreesUnlessItsExplanationNamesWhatTheCaseLacks() {
    for (EventReplay r : replays) {
      for (Explainer.Explanation e : r.actions()) {
        if (e.verdict() == ReplayVerdict.DISAGREES) {
          assertThat(e.gaps()).as(r.eventId() + " " + e.action() + ": " + e.explanation()).isNotEmpty();
          assertThat(e.comparison()).contains("The case lacks evidence", e.gaps().get(0));
        }
      }
    }
  }

  @Test
  void organizationKeysComeFromTheCaseNotFromTheLog() {
    assertThat(replays).noneMatch(r -> r.undeterminedKeys().contains("aws:PrincipalOrgID"));
  }

  @Test
  void aCallWhoseResourceTheLogDoesNotNameIsUndeterminedOnTheResource() {
    // ssm:GetParametersByPath logs a path, not the parameter ARN the role's policy names
    EventReplay r = replay("cdd80059-54f2-43c7-a3e7-7ae33f5092f6");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.UNDETERMINED);
    assertThat(r.undeterminedKeys()).containsExactly(io.github.trailbench.core.policy.Request.UNKNOWN_RESOURCE);
    assertThat(r.actions().get(0).explanation()).contains("arn:aws:ssm:eu-west-1:111122223333:parameter/acme/prod/*");
  }

  @Test
  void theFirstAttackerCallIsNotDeniableAndAgrees() {
    EventReplay r = replay("d7459477-f97e-4597-b9ab-cfe919740540");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.NOT_DENIABLE);
    assertThat(r.actions().get(0).agrees()).isTrue();
  }

  @Test
  void theStopLoggingAttemptAgreesAsAnExplicitDeny() {
    EventReplay r = replay("df4199c7-7b89-4c87-8698-9cc5d75feab4");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
    assertThat(r.actions().get(0).explanation()).startsWith("Denied by SCP ProtectSecurityTooling on OU Production");
  }
}
