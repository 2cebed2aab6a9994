package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpClassifierAndPoliciesTest {
  private final IpClassifier ips = IpClassifier.defaults();

  @Test
  void defaultClassifierKnowsServiceNamesAndPrivateRanges() {
    assertThat(ips.classify("ec2.amazonaws.com")).isEqualTo(IpClass.AWS_SERVICE);
    assertThat(ips.classify("AWS Internal")).isEqualTo(IpClass.AWS_SERVICE);
    assertThat(ips.classify("10.1.2.3")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("172.16.0.1")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("172.32.0.1")).isEqualTo(IpClass.PUBLIC);
    assertThat(ips.classify("192.168.10.1")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("100.64.0.1")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("127.0.0.1")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("169.254.169.254")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("203.0.113.9")).isEqualTo(IpClass.PUBLIC);
    assertThat(ips.classify("2001:db8::1")).isEqualTo(IpClass.PUBLIC);
    assertThat(ips.classify("fd12:3456:789a::1")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("fe80::1%eth0")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("::1")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("::ffff:10.0.0.1")).isEqualTo(IpClass.PRIVATE);
    assertThat(ips.classify("256.1.1.1")).isEqualTo(IpClass.UNKNOWN);
    assertThat(ips.classify("example.com")).isEqualTo(IpClass.UNKNOWN);
    assertThat(ips.classify("1:2:3")).isEqualTo(IpClass.UNKNOWN);
    assertThat(ips.classify(null)).isEqualTo(IpClass.UNKNOWN);
    assertThat(IpClass.AWS_SERVICE.code()).isEqualTo("awsService");
    assertThat(IpClass.parse("awsNetwork")).isEqualTo(IpClass.AWS_NETWORK);
  }

  @Test
  void aPluggedClassifierChangesTheInstanceRule() throws Exception {
    String json = TestEvents.resource("/io/github/trailbench/core/findings/fixtures/instance-credentials-used-outside.json");
    var records = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("cases").get(0).get("records");
    IpClassifier enriched = ip -> "198.51.100.77".equals(ip) ? IpClass.AWS_NETWORK : IpClassifier.defaults().classify(ip);
    var r = new DetectionEngine(RulePack.builtIn().only("instance-credentials-used-outside"),
        DetectionOptions.defaults().withIpClassifier(enriched)).run(TestEvents.parse(records.toString()));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void policyDocuments() {
    var doc = Policies.document(com.fasterxml.jackson.databind.node.TextNode.valueOf(
        "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D"));
    assertThat(Policies.allowsAll(doc)).isTrue();
    var trust = Policies.document(com.fasterxml.jackson.databind.node.TextNode.valueOf(
        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::444455556666:role/x\"]}}}"));
    assertThat(Policies.outsidePrincipals(trust, "111122223333")).containsExactly("arn:aws:iam::444455556666:role/x");
    assertThat(Policies.document(com.fasterxml.jackson.databind.node.TextNode.valueOf("not json"))).isNull();
  }
}
