package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** First-time assumption of a (non-admin) role from a new address, on hand-made events. */
class RoleFirstAssumptionsTest {
  private static final String DEPLOY = "arn:aws:iam::111122223333:role/DeployRole";
  private static final String BOB = "arn:aws:iam::111122223333:user/bob";

  private static CloudTrailEvent call(String id, String time, String name, String ip, String role) {
    String source = name.equals("AssumeRole") || name.equals("GetCallerIdentity") ? "sts.amazonaws.com" : "s3.amazonaws.com";
    return TestEvents.one("{\"eventVersion\":\"1.09\",\"eventID\":\"" + id + "\",\"eventTime\":\"" + time + "\","
        + "\"eventSource\":\"" + source + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\","
        + "\"sourceIPAddress\":\"" + ip + "\",\"recipientAccountId\":\"111122223333\","
        + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"" + BOB + "\",\"accountId\":\"111122223333\","
        + "\"accessKeyId\":\"AKIABPAAXXELU5BN26IS\",\"userName\":\"bob\"}"
        + (role == null ? "" : ",\"requestParameters\":{\"roleArn\":\"" + role + "\",\"roleSessionName\":\"s\"}") + "}");
  }

  /** bob works from the office on the first day, then calls from a new address and assumes DeployRole from it. */
  private static List<CloudTrailEvent> bobMovesIntoDeployRole(String assumeFrom) {
    List<CloudTrailEvent> events = new ArrayList<>();
    events.add(call("d1", "2026-10-01T08:00:00Z", "ListBuckets", "198.51.100.23", null));
    events.add(call("d2", "2026-10-02T14:02:00Z", "GetCallerIdentity", "203.0.113.77", null));
    events.add(call("d3", "2026-10-02T14:06:00Z", "AssumeRole", assumeFrom, DEPLOY));
    return events;
  }

  private static List<Finding> run(List<CloudTrailEvent> events, Set<String> admins, IpClassifier ips) {
    RoleFirstAssumptions r = new RoleFirstAssumptions(ips);
    events.forEach(r);
    return r.findings(admins, Instant.parse("2026-11-01T00:00:00Z"));
  }

  @Test
  void aFirstAssumptionFromAnAddressFirstUsedMinutesBeforeIsAMediumFindingNamingWhoWhatWhereAndWhen() {
    assertThat(run(bobMovesIntoDeployRole("203.0.113.77"), Set.of(), IpClassifier.defaults())).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo(RoleFirstAssumptions.RULE_ID);
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.title()).isEqualTo("Role assumed for the first time from a new address: bob \u2192 DeployRole");
      assertThat(f.summary()).isEqualTo("bob assumed DeployRole for the first time in the case at 2026-10-02 14:06:00 UTC"
          + " from 203.0.113.77, an address it first used 4 minute(s) earlier (" + BOB + " \u2192 " + DEPLOY + ").");
      assertThat(f.eventIds()).containsExactly("d3");
      assertThat(f.principals()).containsExactly(BOB, DEPLOY);
    });
  }

  @Test
  void fromTheUsualAddressItIsNothing() {
    assertThat(run(bobMovesIntoDeployRole("198.51.100.23"), Set.of(), IpClassifier.defaults())).isEmpty();
  }

  @Test
  void aRoleAssumedBeforeIsNotNewEvenFromANewAddress() {
    List<CloudTrailEvent> events = bobMovesIntoDeployRole("203.0.113.77");
    events.add(1, call("d0", "2026-10-01T09:00:00Z", "AssumeRole", "198.51.100.23", DEPLOY));
    assertThat(run(events, Set.of(), IpClassifier.defaults())).isEmpty();
  }

  @Test
  void anAdminEquivalentRoleIsLeftToTheEscalationFinding() {
    assertThat(run(bobMovesIntoDeployRole("203.0.113.77"), Set.of(DEPLOY), IpClassifier.defaults())).isEmpty();
  }

  @Test
  void anAnalystsKnownAddressIsNotNew() {
    IpClassifier known = IpClassifier.defaults().withKnown(new KnownAddresses(List.of(KnownAddresses.entry("203.0.113.0/24", "VPN"))));
    assertThat(run(bobMovesIntoDeployRole("203.0.113.77"), Set.of(), known)).isEmpty();
  }

  @Test
  void theCasesFirstDayOnlyLearns() {
    List<CloudTrailEvent> events = List.of(call("d1", "2026-10-01T08:00:00Z", "ListBuckets", "198.51.100.23", null),
        call("d2", "2026-10-01T14:02:00Z", "GetCallerIdentity", "203.0.113.77", null),
        call("d3", "2026-10-01T14:06:00Z", "AssumeRole", "203.0.113.77", DEPLOY));
    assertThat(run(events, Set.of(), IpClassifier.defaults())).isEmpty();
  }

  @Test
  void anAddressFirstUsedMoreThanADayBeforeIsNoLongerNew() {
    List<CloudTrailEvent> events = bobMovesIntoDeployRole("203.0.113.77");
    events.set(2, call("d3", "2026-10-03T15:00:00Z", "AssumeRole", "203.0.113.77", DEPLOY));
    assertThat(run(events, Set.of(), IpClassifier.defaults())).isEmpty();
  }
}
