package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessKeyActivityTest {
  @Test
  void aggregatesPerKey() {
    AccessKeyActivity a = new AccessKeyActivity().addAll(SessionGraphTest.roleChain());
    assertThat(a.size()).isEqualTo(3);
    AccessKeyUsage akia = a.usage(SessionGraphTest.AKIA).orElseThrow();
    assertThat(akia.kind()).isEqualTo(KeyKind.LONG_TERM);
    assertThat(akia.ownerArn()).isEqualTo(SessionGraphTest.ALICE);
    assertThat(akia.eventCount()).isEqualTo(2);
    assertThat(akia.firstSeen()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(akia.lastSeen()).isEqualTo(Instant.parse("2026-11-20T10:01:00Z"));
    assertThat(akia.sourceIps()).containsExactly("198.51.100.23");
    assertThat(akia.userAgents()).containsExactly("aws-cli/2.15.0");
    assertThat(akia.regions()).containsExactly("us-east-1");

    AccessKeyUsage asia = a.usage(SessionGraphTest.ASIA2).orElseThrow();
    assertThat(asia.kind()).isEqualTo(KeyKind.TEMPORARY);
    assertThat(asia.ownerArn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/Audit/hop2");
    assertThat(asia.sourceIps()).containsExactly("203.0.113.99");
    assertThat(a.usages()).extracting(AccessKeyUsage::accessKeyId)
        .containsExactly(SessionGraphTest.AKIA, SessionGraphTest.ASIA1, SessionGraphTest.ASIA2);
  }

  @Test
  void keyKinds() {
    assertThat(KeyKind.of("AKIAIOSFODNN7EXAMPLE")).isEqualTo(KeyKind.LONG_TERM);
    assertThat(KeyKind.of("ASIAIOSFODNN7EXAMPLE")).isEqualTo(KeyKind.TEMPORARY);
    assertThat(KeyKind.of("HIDDEN_DUE_TO_SECURITY_REASONS")).isEqualTo(KeyKind.UNKNOWN);
    assertThat(KeyKind.of(null)).isEqualTo(KeyKind.UNKNOWN);
  }

  @Test
  void ipLiterals() {
    assertThat(IpOwnership.isIpLiteral("203.0.113.7")).isTrue();
    assertThat(IpOwnership.isIpLiteral("2001:db8::1")).isTrue();
    assertThat(IpOwnership.isIpLiteral("ec2.amazonaws.com")).isFalse();
    assertThat(IpOwnership.isIpLiteral("AWS Internal")).isFalse();
    assertThat(IpOwnership.isIpLiteral("999.1.1.1")).isFalse();
  }
}
