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
    events = SampleEvents.read();
    Map<String, String> stacks = new java.util.HashMap<>();
    events.forEach(e -> ChangeSetStacks.madeBy(e).ifPresent(m -> stacks.put(m.changeSetArn(), m.stackArn())));
    Explainer explainer = new Explainer(PoliciesInForceSampleTest.iam, key -> List.of(), null,
        changeSet -> java.util.Optional.ofNullable(stacks.get(changeSet)));
    for (CloudTrailEvent e : events) {
      replays.add(explainer.replay(e));
    }
  }

  static List<CloudTrailEvent> events;

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
  void aCallWhoseResourceTheLogDoesNotNameIsUndeterminedOnTheResource() throws Exception {
    // cloudformation:ExecuteChangeSet naming only its change set's ARN acts on a stack its log does not name: without the
    // case's CreateChangeSet of it, the stack is unknown
    CloudTrailEvent execute = events.stream().filter(e -> e.eventId().equals("3e2cb9f0-91da-409a-92a2-6e7f447687dc"))
        .findFirst().orElseThrow();
    EventReplay r = new Explainer(PoliciesInForceSampleTest.iam, key -> List.of()).replay(execute);
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.UNDETERMINED);
    assertThat(r.undeterminedKeys()).containsExactly(io.github.trailbench.core.policy.Request.UNKNOWN_RESOURCE);
  }

  @Test
  void aChangeSetNamedByItsArnIsDecidedOnTheStackItsCreateChangeSetReturned() {
    EventReplay r = replay("3e2cb9f0-91da-409a-92a2-6e7f447687dc");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
    assertThat(r.actions().get(0).resource())
        .isEqualTo("arn:aws:cloudformation:eu-west-1:111122223333:stack/acme-monitoring/0b6e2f40-7a1c-11ef-9c3d-0a8b5c2e1f77");
  }

  @Test
  void aStackNamedWithoutItsIdIsDecidedWhenThePolicyCoversEveryStackOfThatName() {
    // DescribeStacks on stackName acme-monitoring; the role's policy allows stack/acme-*/*
    EventReplay r = replay("b3153037-a327-4fe5-aa1d-183e21104b59");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
    assertThat(r.actions().get(0).resource()).isEqualTo("arn:aws:cloudformation:eu-west-1:111122223333:stack/acme-monitoring/*");
  }

  @Test
  void getParametersByPathIsDecidedOnThePathAsAParameterArn() {
    // the role's policy allows parameter/acme/prod/*; the call asks for the path /acme/prod/app/
    EventReplay r = replay("cdd80059-54f2-43c7-a3e7-7ae33f5092f6");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
    assertThat(r.actions().get(0).resource()).isEqualTo("arn:aws:ssm:eu-west-1:111122223333:parameter/acme/prod/app");
  }

  @Test
  void aSecretNamedWithoutItsSuffixIsTheCasesSecretOfThatName() {
    // GetSecretValue on 'prod/orders/db'; the policy and the case's resource policies name ...:secret:prod/orders/db-Xq7LmB
    EventReplay r = replay("4bcc7634-494b-4e79-a68c-a458435b1f74");
    assertThat(r.actions().get(0).resource()).isEqualTo("arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders/db-Xq7LmB");
    assertThat(r.verdict()).isEqualTo(ReplayVerdict.AGREES);
  }

  @Test
  void aConsoleSwitchRoleIsDecidedOnTheRoleSwitchedTo() {
    EventReplay r = replay("b76206fb-1fe4-4611-aae5-907ad19a1fa5");
    assertThat(r.actions()).extracting(Explainer.Explanation::resource).containsOnly("arn:aws:iam::111122223333:role/OrgSecurityAdmin");
    // the role's trust asks for MFA, which the SwitchRole record does not carry: undetermined on that, not on the resource
    assertThat(r.undeterminedKeys()).containsExactly("aws:MultiFactorAuthPresent");
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
