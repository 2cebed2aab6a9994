package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in rule against its fixture: {@code fixtures/<rule-id>.json} holds cases of
 * realistic CloudTrail records, some that must trigger the rule (with the expected evidence
 * event ids and a fragment of the summary) and some that must not. A case may list
 * {@code organizationAccounts}: the accounts of the case's organization manifest, for rules with
 * {@code accountsInOrganization} conditions, and {@code ec2Roles}: the roles the case's IAM data shows
 * EC2 can take ({@code sessionRoleOnEc2}).
 */
class BuiltInRulesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FIXTURES = "/io/github/trailbench/core/findings/fixtures/";
  /** With the bundled IP data, as a case's stored enrichment gives it to the rules. */
  static final DetectionOptions OPTIONS =
      DetectionOptions.defaults().withClock(Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC))
          .withIpClassifier(IpClassifier.enriched(ip -> io.github.trailbench.core.enrich.IpEnricher.bundled().enrich(ip)));

  @TestFactory
  Stream<DynamicNode> eachRuleAgainstItsFixture() {
    return RulePack.builtIn().rules().stream().map(rule -> {
      JsonNode fixture = fixture(rule.id());
      List<DynamicTest> tests = new ArrayList<>();
      for (JsonNode c : fixture.get("cases")) {
        tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> runCase(rule, c)));
      }
      return DynamicContainer.dynamicContainer(rule.id(), tests);
    });
  }

  @Test
  void everyRuleHasTriggeringAndQuietCases() {
    for (Rule rule : RulePack.builtIn().rules()) {
      JsonNode cases = fixture(rule.id()).get("cases");
      boolean triggers = false;
      boolean quiet = false;
      for (JsonNode c : cases) {
        triggers |= c.get("findings").asInt() > 0;
        quiet |= c.get("findings").asInt() == 0;
      }
      assertThat(triggers).as(rule.id() + " has a triggering case").isTrue();
      assertThat(quiet).as(rule.id() + " has a non-triggering case").isTrue();
    }
  }

  @Test
  void everyRuleIsDocumented() {
    for (Rule rule : RulePack.builtIn().rules()) {
      assertThat(rule.description()).as(rule.id()).hasSizeGreaterThan(40);
      assertThat(rule.falsePositives()).as(rule.id()).isNotEmpty();
      assertThat(rule.references()).as(rule.id()).isNotEmpty();
    }
  }

  /** The quiet cases of all rules together raise nothing from any rule meant for them. */
  private static void runCase(Rule rule, JsonNode c) {
    List<CloudTrailEvent> events = TestEvents.parse(c.get("records").toString());
    DetectionOptions options = OPTIONS;
    if (c.has("organizationAccounts")) {
      // the accounts of the case's organization manifest, for accountsInOrganization conditions
      java.util.Set<String> accounts = new java.util.HashSet<>();
      c.get("organizationAccounts").forEach(n -> accounts.add(n.asText()));
      options = OPTIONS.withOrganizationAccounts(accounts::contains);
    }
    if (c.has("ec2Roles")) {
      // the roles the case's IAM data shows EC2 can take (trust ec2.amazonaws.com, or in an instance profile)
      java.util.Set<String> roles = new java.util.HashSet<>();
      c.get("ec2Roles").forEach(n -> roles.add(n.asText()));
      options = options.withEc2Roles(roles::contains);
    }
    DetectionResult result = new DetectionEngine(RulePack.builtIn().only(rule.id()), options).run(events);
    int expected = c.get("findings").asInt();
    assertThat(result.findings()).as(describe(result)).hasSize(expected);
    if (c.has("evidence")) {
      List<String> ids = result.findings().stream().flatMap(f -> f.eventIds().stream()).toList();
      List<String> want = new ArrayList<>();
      c.get("evidence").forEach(n -> want.add(n.asText()));
      assertThat(ids).isEqualTo(want);
    }
    if (c.has("summaryContains")) {
      assertThat(result.findings()).allSatisfy(f -> assertThat(f.summary()).contains(c.get("summaryContains").asText()));
    }
    for (Finding f : result.findings()) {
      assertThat(f.ruleId()).isEqualTo(rule.id());
      // a case may name the severity it expects: a denied attempt's is lowered (docs/detections.md, "Denied attempts")
      assertThat(f.severity()).isEqualTo(c.has("severity")
          ? Severity.valueOf(c.get("severity").asText().toUpperCase(java.util.Locale.ROOT)) : rule.severity());
      assertThat(f.summary()).doesNotContain("{").doesNotContain("(none)");
      assertThat(f.principals()).isNotEmpty();
      assertThat(f.createdAt()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }
  }

  private static String describe(DetectionResult r) {
    StringBuilder sb = new StringBuilder("findings:");
    r.findings().forEach(f -> sb.append("\n  ").append(f.id()).append(" ").append(f.eventIds()).append(" ").append(f.summary()));
    return sb.toString();
  }

  static JsonNode fixture(String ruleId) {
    try {
      return MAPPER.readTree(TestEvents.resource(FIXTURES + ruleId + ".json"));
    } catch (Exception e) {
      throw new AssertionError("no readable fixture for rule " + ruleId, e);
    }
  }
}
