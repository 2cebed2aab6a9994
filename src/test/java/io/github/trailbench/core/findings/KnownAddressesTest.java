package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses the analyst lists as known are never "new" for the detections, and findings name them. */
class KnownAddressesTest {
  private static final String BOB = "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/bob\","
      + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIABPAAXXELU5BN26IS\",\"userName\":\"bob\"}";

  private static CloudTrailEvent call(String id, String time, String name, String ip) {
    return TestEvents.one("{\"eventVersion\":\"1.09\",\"eventID\":\"" + id + "\",\"eventTime\":\"" + time + "\","
        + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"" + name + "\",\"awsRegion\":\"eu-west-1\","
        + "\"sourceIPAddress\":\"" + ip + "\",\"recipientAccountId\":\"111122223333\"," + BOB + "}");
  }

  /** bob's key calls from the office for two days, then from a new address in the office's other range. */
  private static List<CloudTrailEvent> bobFromANewAddress() {
    List<CloudTrailEvent> events = new ArrayList<>();
    events.add(call("e1", "2026-10-01T08:00:00Z", "ListBuckets", "198.51.100.23"));
    events.add(call("e2", "2026-10-02T09:00:00Z", "ListBuckets", "198.51.100.23"));
    events.add(call("e3", "2026-10-02T10:00:00Z", "ListBuckets", "192.0.2.44"));
    return events;
  }

  private static List<Finding> run(List<CloudTrailEvent> events, KnownAddresses known) {
    DetectionOptions options = DetectionOptions.defaults().withIpClassifier(IpClassifier.defaults().withKnown(known));
    return new DetectionEngine(RulePack.builtIn().only("long-term-key-new-ip"), options).run(events).findings()
        .stream().map(known::annotate).toList();
  }

  @Test
  void aNewAddressFindingDisappearsOnceTheAddressIsListedAsKnown() {
    assertThat(run(bobFromANewAddress(), KnownAddresses.NONE)).singleElement()
        .satisfies(f -> assertThat(f.summary()).contains("192.0.2.44"));
    KnownAddresses known = new KnownAddresses(List.of(KnownAddresses.entry("192.0.2.0/24", "bob's home VPN")));
    assertThat(run(bobFromANewAddress(), known)).isEmpty();
  }

  @Test
  void aKnownAddressIsLearnedSoItsNeighboursStillAlert() {
    List<CloudTrailEvent> events = bobFromANewAddress();
    events.add(call("e4", "2026-10-02T11:00:00Z", "ListBuckets", "203.0.113.77"));
    KnownAddresses known = new KnownAddresses(List.of(KnownAddresses.entry("192.0.2.44", "")));
    assertThat(run(events, known)).singleElement().satisfies(f -> assertThat(f.eventIds()).containsExactly("e4"));
  }

  @Test
  void aFindingWithCallsFromAKnownAddressSaysSo() {
    KnownAddresses known = new KnownAddresses(List.of(KnownAddresses.entry("198.51.100.0/24", "office")));
    Finding f = Finding.manual("m", "t", Severity.LOW, "Bob did things.", null)
        .withAddedEvidence(new Evidence.Event("e1", "111122223333", null, "s3.amazonaws.com", "ListBuckets", "eu-west-1",
            "arn:aws:iam::111122223333:user/bob", null, "198.51.100.23", null, "Success", null));
    assertThat(known.annotate(f).summary())
        .isEqualTo("Bob did things. Known address (listed by the analyst): 198.51.100.23 in 198.51.100.0/24 (office).");
  }

  @Test
  void theReconAfterGetCallerIdentityRuleTreatsAKnownAddressAsSeen() {
    List<CloudTrailEvent> events = new ArrayList<>();
    String ip = "192.0.2.44";
    events.add(TestEvents.one("{\"eventVersion\":\"1.09\",\"eventID\":\"g\",\"eventTime\":\"2026-10-02T10:00:00Z\","
        + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"awsRegion\":\"us-east-1\","
        + "\"sourceIPAddress\":\"" + ip + "\",\"recipientAccountId\":\"111122223333\"," + BOB + "}"));
    for (int i = 0; i < 6; i++) {
      events.add(call("l" + i, "2026-10-02T10:0" + (i + 1) + ":00Z", "ListBuckets", ip));
    }
    DetectionEngine engine = new DetectionEngine(RulePack.builtIn().only("recon-after-get-caller-identity"),
        DetectionOptions.defaults().withIpClassifier(IpClassifier.defaults()
            .withKnown(new KnownAddresses(List.of(KnownAddresses.entry(ip, "CI"))))));
    assertThat(engine.run(events).findings()).isEmpty();
    assertThat(new DetectionEngine(RulePack.builtIn().only("recon-after-get-caller-identity")).run(events).findings()).hasSize(1);
  }

  @Test
  void anEntryIsAnAddressOrACidrRangeAndBadOnesAreNamed() {
    assertThat(KnownAddresses.entry(" 198.51.100.77/24 ", " office ").range()).isEqualTo("198.51.100.0/24");
    assertThat(KnownAddresses.entry("2001:db8::1", "").range()).isEqualTo("2001:db8::1");
    assertThat(new KnownAddresses(List.of(KnownAddresses.entry("2001:db8::/32", ""))).match("2001:db8:1::5")).isNotNull();
    assertThat(new KnownAddresses(List.of(KnownAddresses.entry("10.0.0.0/8", ""))).match("s3.amazonaws.com")).isNull();
    assertThatThrownBy(() -> KnownAddresses.entry("198.51.100.0/33", "")).hasMessage("'198.51.100.0/33' has a prefix longer than 32");
    assertThatThrownBy(() -> KnownAddresses.entry("office", "")).hasMessageContaining("is not an IPv4 or IPv6 address");
  }
}
