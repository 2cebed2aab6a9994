package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {
  private static String call(String id, String time, String user, String key, String source, String name, String ip) {
    return """
        {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA%s","arn":"arn:aws:iam::111122223333:user/%s",
         "accountId":"111122223333","accessKeyId":"%s","userName":"%s"},"eventTime":"%s","eventSource":"%s","eventName":"%s",
         "awsRegion":"eu-west-1","sourceIPAddress":"%s","userAgent":"aws-cli/2.15.30","requestParameters":null,"responseElements":null,
         "eventID":"%s","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333"}
        """.formatted(user.toUpperCase(), user, key, user, time, source, name, ip, id);
  }

  private static CloudTrailEvent stop(String id, String time, String user) {
    return TestEvents.one(call(id, time, user, "AKIAEXAMPLE" + user.toUpperCase(), "cloudtrail.amazonaws.com", "StopLogging",
        "198.51.100.7"));
  }

  @Test
  void oneFindingPerRulePerPrincipalWithAllItsEvents() {
    List<CloudTrailEvent> events = List.of(
        stop("e1", "2026-11-21T10:00:00Z", "mallory"),
        stop("e2", "2026-11-21T10:01:00Z", "eve"),
        stop("e3", "2026-11-21T10:02:00Z", "mallory"),
        stop("e4", "2026-11-21T10:03:00Z", "mallory"));
    DetectionResult r = new DetectionEngine(RulePack.builtIn().only("cloudtrail-logging-stopped"), BuiltInRulesTest.OPTIONS)
        .run(events);
    assertThat(r.findings()).hasSize(2);
    Finding mallory = r.findings().stream().filter(f -> f.principals().contains("arn:aws:iam::111122223333:user/mallory"))
        .findFirst().orElseThrow();
    assertThat(mallory.eventIds()).containsExactly("e1", "e3", "e4");
    assertThat(mallory.eventCount()).isEqualTo(3);
    assertThat(mallory.accessKeys()).containsExactly("AKIAEXAMPLEMALLORY");
    assertThat(mallory.firstEventTime()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    assertThat(mallory.lastEventTime()).isEqualTo(Instant.parse("2026-11-21T10:03:00Z"));
    assertThat(mallory.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(mallory.summary()).contains("user/mallory").contains("StopLogging")
        .contains("between 2026-11-21 10:00:00 UTC and 2026-11-21 10:03:00 UTC");
    assertThat(r.eventsScanned()).isEqualTo(4);
    assertThat(r.outOfOrderEvents()).isZero();
  }

  @Test
  void findingIdsAreStableAcrossRuns() {
    List<CloudTrailEvent> events = List.of(stop("e1", "2026-11-21T10:00:00Z", "mallory"));
    DetectionEngine engine = new DetectionEngine(RulePack.builtIn());
    assertThat(engine.run(events).findings().get(0).id())
        .isEqualTo(engine.run(events).findings().get(0).id())
        .startsWith("cloudtrail-logging-stopped-");
  }

  @Test
  void findingsAreOrderedBySeverityThenTime() {
    List<CloudTrailEvent> events = List.of(
        TestEvents.one(call("a", "2026-11-21T09:00:00Z", "eve", "AKIAEXAMPLEEVE", "config.amazonaws.com",
            "StopConfigurationRecorder", "198.51.100.7")),
        TestEvents.one(call("b", "2026-11-21T09:30:00Z", "eve", "AKIAEXAMPLEEVE", "cloudtrail.amazonaws.com",
            "PutEventSelectors", "198.51.100.7")),
        stop("c", "2026-11-21T10:00:00Z", "eve"));
    List<Finding> fs = new DetectionEngine(RulePack.builtIn(), BuiltInRulesTest.OPTIONS).run(events).findings();
    assertThat(fs).extracting(Finding::ruleId)
        .containsExactly("cloudtrail-logging-stopped", "config-disabled", "cloudtrail-trail-modified");
  }

  @Test
  void evidenceIsCappedButCounted() {
    List<CloudTrailEvent> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(stop("e" + i, Instant.parse("2026-11-21T10:00:00Z").plusSeconds(i).toString(), "mallory"));
    }
    DetectionResult r = new DetectionEngine(RulePack.builtIn().only("cloudtrail-logging-stopped"),
        DetectionOptions.defaults().withMaxEventsPerFinding(10)).run(events);
    Finding f = r.findings().get(0);
    assertThat(f.events()).hasSize(10);
    assertThat(f.eventCount()).isEqualTo(50);
    assertThat(f.lastEventTime()).isEqualTo(Instant.parse("2026-11-21T10:00:49Z"));
    assertThat(f.summary()).contains("50 call(s)");
    Finding referenced = f.withAddedEvidence(new Evidence.Reference(Evidence.ReferenceKind.GRAPH_PATH, "p1", "role chain"));
    assertThat(referenced.eventCount()).isEqualTo(50);
    assertThat(referenced.lastEventTime()).isEqualTo(Instant.parse("2026-11-21T10:00:49Z"));
    assertThat(referenced.referencesToCase()).hasSize(1);
  }

  /** Streams generated events without holding them: memory stays bounded by keys. */
  @Test
  void streamsWithoutHoldingEvents() {
    Iterable<CloudTrailEvent> many = () -> new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < 20_000;
      }

      @Override
      public CloudTrailEvent next() {
        int n = i++;
        String user = "u" + (n % 50);
        return TestEvents.one(call("g" + n, Instant.parse("2026-11-21T00:00:00Z").plusMillis(n * 100L).toString(), user,
            "AKIAEXAMPLE" + (n % 50), "s3.amazonaws.com", "ListBuckets", "198.51.100." + (n % 50)));
      }
    };
    DetectionResult r = new DetectionEngine(RulePack.builtIn()).run(many);
    assertThat(r.eventsScanned()).isEqualTo(20_000);
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void pushStyleRunAndOutOfOrderEventsAreCounted() {
    DetectionEngine.Run run = new DetectionEngine(RulePack.builtIn()).start();
    run.accept(stop("e2", "2026-11-21T10:05:00Z", "mallory"));
    run.accept(stop("e1", "2026-11-21T10:00:00Z", "mallory"));
    DetectionResult r = run.finish();
    assertThat(r.outOfOrderEvents()).isEqualTo(1);
    assertThat(r.firstEvent()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    assertThatThrownBy(() -> run.accept(stop("e3", "2026-11-21T10:06:00Z", "mallory")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void disabledRulesDoNotRun() {
    Rule rule = RulePack.builtIn().rule("cloudtrail-logging-stopped").orElseThrow().withEnabled(false);
    DetectionResult r = new DetectionEngine(new RulePack("t", List.of(rule))).run(List.of(stop("e1", "2026-11-21T10:00:00Z", "m")));
    assertThat(r.findings()).isEmpty();
    assertThat(r.rulesRun()).isEmpty();
  }

  @Test
  void burstNeedsThresholdWithinWindowPerPrincipal() throws Exception {
    RulePack pack = RulePack.parse("""
        {"format":"trailbench-rules/1","rules":[{"id":"b","title":"B","severity":"low","description":"d",
         "kind":"burst","match":{"errorCode":"AccessDenied"},"threshold":3,"window":"1m","by":["userIdentity.accessKeyId"]}]}
        """, "t.json");
    List<CloudTrailEvent> events = new ArrayList<>();
    String[] times = {"10:00:00", "10:00:30", "10:01:10", "10:05:00", "10:05:10", "10:05:20", "10:05:30"};
    for (int i = 0; i < times.length; i++) {
      String json = call("d" + i, "2026-11-21T" + times[i] + "Z", "eve", "AKIAEXAMPLEEVE", "iam.amazonaws.com", "ListUsers",
          "198.51.100.7").replace("\"eventID\"", "\"errorCode\":\"AccessDenied\",\"eventID\"");
      events.add(TestEvents.one(json));
    }
    Finding f = new DetectionEngine(pack).run(events).findings().get(0);
    // 10:00:00, 10:00:30, 10:01:10 never have 3 within one minute; the 10:05 run does.
    assertThat(f.eventIds()).containsExactly("d3", "d4", "d5", "d6");
    assertThat(f.summary()).contains("user/eve").contains("4 call(s)").doesNotContain("{");
  }

  @Test
  void findingCopiesForEditing() {
    Finding f = Finding.manual("m-1", "Suspicious Lambda", Severity.MEDIUM, "eve created a function", Instant.EPOCH);
    Finding edited = f.withStatus(FindingStatus.CONFIRMED).withNotes("confirmed with the owner").withSeverity(Severity.HIGH)
        .withAddedEvidence(new Evidence.Event("e1", "111122223333", Instant.parse("2026-11-21T10:00:00Z"),
                "lambda.amazonaws.com", "CreateFunction20150331", "eu-west-1", "arn:aws:iam::111122223333:user/eve",
                null, "198.51.100.7", "aws-cli", "Success"),
            new Evidence.Reference(Evidence.ReferenceKind.DECISION_TRACE, "e1/lambda:CreateFunction", "Why allowed"),
            new Evidence.Principal("arn:aws:iam::111122223333:user/eve"));
    assertThat(f.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(f.isManual()).isTrue();
    assertThat(edited.status()).isEqualTo(FindingStatus.CONFIRMED);
    assertThat(edited.notes()).isEqualTo("confirmed with the owner");
    assertThat(edited.severity()).isEqualTo(Severity.HIGH);
    assertThat(edited.eventIds()).containsExactly("e1");
    assertThat(edited.eventCount()).isEqualTo(1);
    assertThat(edited.firstEventTime()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    assertThat(edited.referencesToCase()).extracting(Evidence.Reference::label).containsExactly("Why allowed");
    assertThat(edited.principals()).containsExactly("arn:aws:iam::111122223333:user/eve");
    assertThat(FindingStatus.parse("false-positive")).isEqualTo(FindingStatus.FALSE_POSITIVE);
    assertThat(FindingStatus.FALSE_POSITIVE.code()).isEqualTo("false-positive");
    assertThat(Severity.parse("Critical")).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void jsonLineHasTheDocumentedFields() throws Exception {
    Finding f = new DetectionEngine(RulePack.builtIn()).run(List.of(stop("e1", "2026-11-21T10:00:00Z", "mallory")))
        .findings().get(0);
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(FindingsJson.line(f));
    assertThat(node.get("rule").asText()).isEqualTo("cloudtrail-logging-stopped");
    assertThat(node.get("severity").asText()).isEqualTo("critical");
    assertThat(node.get("principals").get(0).asText()).isEqualTo("arn:aws:iam::111122223333:user/mallory");
    assertThat(node.get("eventIds").get(0).asText()).isEqualTo("e1");
    assertThat(node.get("title").asText()).isNotEmpty();
    assertThat(node.get("summary").asText()).isEqualTo(f.summary());
    assertThat(FindingsJson.line(f)).doesNotContain("\n");
  }

  @Test
  void caseChecksMergeInOrder() {
    Finding a = Finding.manual("a", "A", Severity.LOW, "", Instant.EPOCH);
    Finding b = Finding.manual("b", "B", Severity.CRITICAL, "", Instant.EPOCH);
    assertThat(CaseCheck.merge(List.of(a), List.of(b, a))).extracting(Finding::id).containsExactly("b", "a");
  }
}
