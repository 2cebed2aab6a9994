package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePackTest {
  private static final String EVENT = """
      {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/eve",
       "accountId":"111122223333","accessKeyId":"AKIAEXAMPLEEVE","userName":"eve"},"eventTime":"2026-11-21T10:00:00Z",
       "eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.9",
       "userAgent":"aws-cli/2.15.30","requestParameters":{"bucketName":"payroll","policy":{"Statement":[{"Effect":"Allow",
       "Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::payroll/*"}]},"tags":["a","b"]},
       "responseElements":null,"eventID":"ev-1","eventType":"AwsApiCall","recipientAccountId":"111122223333"}
      """;

  private static RulePack pack(String rules) throws RulePackException {
    return RulePack.parse("{\"format\":\"trailbench-rules/1\",\"name\":\"t\",\"rules\":[" + rules + "]}", "custom.json");
  }

  private static int hits(String rule) throws RulePackException {
    List<CloudTrailEvent> events = TestEvents.parse(EVENT);
    return new DetectionEngine(pack(rule)).run(events).findings().size();
  }

  private static String rule(String match) {
    return "{\"id\":\"r\",\"title\":\"T\",\"severity\":\"info\",\"description\":\"d\",\"match\":" + match + "}";
  }

  @Test
  void builtInPackLoadsAndKnowsItsKinds() {
    RulePack p = RulePack.builtIn();
    assertThat(p.rules()).hasSizeGreaterThanOrEqualTo(17);
    assertThat(p.rule("access-denied-burst").orElseThrow().kind())
        .isEqualTo(new RuleKind.Burst(10, Duration.ofMinutes(10), List.of("principal")));
    assertThat(p.rule("recon-after-get-caller-identity").orElseThrow().kind()).isInstanceOf(RuleKind.Sequence.class);
    assertThat(p.rule("long-term-key-new-ip").orElseThrow().kind()).isInstanceOf(RuleKind.FirstSeen.class);
    assertThat(p.rule("root-account-use").orElseThrow().kind().code()).isEqualTo("match");
  }

  @Test
  void fieldOperators() throws Exception {
    assertThat(hits(rule("{\"eventName\":\"Put*Policy\"}"))).isEqualTo(1);
    assertThat(hits(rule("{\"eventName\":[\"GetObject\",\"PutBucket?olicy\"]}"))).isEqualTo(1);
    assertThat(hits(rule("{\"eventName\":\"putbucketpolicy\"}"))).as("case-sensitive").isZero();
    assertThat(hits(rule("{\"requestParameters.bucketName\":{\"startsWith\":\"pay\",\"endsWith\":\"roll\",\"contains\":\"yr\"}}"))).isEqualTo(1);
    assertThat(hits(rule("{\"requestParameters.policy.Statement[0].Principal\":\"*\"}"))).isEqualTo(1);
    assertThat(hits(rule("{\"requestParameters.policy.Statement[0].Principal\":\"\\\\*\"}"))).as("escaped star").isEqualTo(1);
    assertThat(hits(rule("{\"requestParameters.bucketName\":\"\\\\*\"}"))).as("escaped star is literal").isZero();
    assertThat(hits(rule("{\"requestParameters.tags\":\"b\"}"))).as("arrays: any element").isEqualTo(1);
    assertThat(hits(rule("{\"requestParameters.missing\":null}"))).isEqualTo(1);
    assertThat(hits(rule("{\"requestParameters.bucketName\":{\"exists\":false}}"))).isZero();
    assertThat(hits(rule("{\"errorCode\":{\"notEquals\":\"AccessDenied\"}}"))).as("absent is not equal").isEqualTo(1);
    assertThat(hits(rule("{\"userIdentity.userName\":{\"equalsField\":\"requestParameters.bucketName\"}}"))).isZero();
    assertThat(hits(rule("{\"userIdentity.userName\":{\"notEqualsField\":\"requestParameters.bucketName\"}}"))).isEqualTo(1);
    assertThat(hits(rule("{\"sourceIPAddress\":{\"ipClass\":\"public\"}}"))).isEqualTo(1);
    assertThat(hits(rule("{\"sourceIPAddress\":{\"notIpClass\":[\"public\"]}}"))).isZero();
    assertThat(hits(rule("{\"userAgent\":{\"regex\":\"^aws-cli/2\\\\.\"}}"))).isEqualTo(1);
    assertThat(hits(rule("{\"principal\":\"arn:aws:iam::111122223333:user/eve\",\"account\":\"111122223333\",\"outcome\":\"Success\"}"))).isEqualTo(1);
    assertThat(hits(rule("{\"anyOf\":[{\"eventName\":\"X\"},{\"not\":{\"eventName\":\"Y\"}}]}"))).isEqualTo(1);
    assertThat(hits(rule("[{\"eventName\":\"X\"},{\"eventName\":\"Z\"}]"))).isZero();
    assertThat(hits(rule("{\"requestParameters.policy\":{\"policyTrustsOutside\":true}}"))).isEqualTo(1);
    assertThat(hits(rule("{\"requestParameters.policy\":{\"policyAllowsAll\":true}}"))).isZero();
  }

  @Test
  void errorsSayWhereAndWhy() {
    assertProblem("{\"format\":\"trailbench-rules/1\",\"rules\":[" + rule("{\"eventNme\":\"X\"}") + "]}",
        "rules[0](r).match.eventNme", "unknown field 'eventNme'");
    assertProblem("{\"format\":\"trailbench-rules/1\",\"rules\":[" + rule("{\"eventName\":{\"equal\":\"X\"}}") + "]}",
        "rules[0](r).match.eventName.equal", "unknown operator 'equal'");
    assertProblem("{\"format\":\"trailbench-rules/1\",\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"severity\":\"urgent\",\"description\":\"d\",\"match\":{}}]}",
        "rules[0](r).severity", "unknown severity 'urgent'");
    assertProblem("{\"format\":\"trailbench-rules/1\",\"rules\":[{\"id\":\"r\",\"title\":\"T\",\"severity\":\"low\",\"description\":\"d\",\"kind\":\"burst\",\"match\":{\"eventName\":\"X\"},\"threshold\":5,\"window\":\"soon\"}]}",
        "rules[0](r).window", "not a duration");
    assertProblem("{\"format\":\"trailbench-rules/1\",\"rules\":[" + rule("{\"eventName\":\"X\"}") + "," + rule("{\"eventName\":\"Y\"}") + "]}",
        "rules[1].id", "duplicate rule id 'r'");
    assertProblem("{\"rules\":[]}", "format", "expected \"format\"");
    assertProblem("{\"format\":\"trailbench-rules/1\",\"rules\":[{\"id\":\"r\"}]}", "rules[0](r).title", "required");
    assertProblem("{\"format\":\"trailbench-rules/1\",\"rules\":[" + rule("{\"eventName\":\"X\"}").replace("}", ",\"sumary\":\"x\"}") + "]}",
        "rules[0].sumary", "unknown rule property");
    assertProblem("{\"format\":\"trailbench-rules/1\",\"rules\":[" + rule("{\"eventName\":\"X\"}").replace("\"match\"", "\"summary\":\"{field:bogus}\",\"match\"") + "]}",
        "rules[0](r).summary", "unknown field 'bogus'");
    assertThatThrownBy(() -> RulePack.parse("{\"format\": ", "broken.json"))
        .isInstanceOf(RulePackException.class).hasMessageContaining("broken.json at line 1");
  }

  private static void assertProblem(String json, String position, String reason) {
    assertThatThrownBy(() -> RulePack.parse(json, "custom.json"))
        .isInstanceOfSatisfying(RulePackException.class, e -> {
          assertThat(e.problem().file()).isEqualTo("custom.json");
          assertThat(e.problem().position()).isEqualTo(position);
          assertThat(e.problem().reason()).contains(reason);
        });
  }

  @Test
  void userPackExtendsAndOverridesTheBuiltIns(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("10-public-bucket.json"), "{\"format\":\"trailbench-rules/1\",\"name\":\"mine\",\"rules\":["
        + "{\"id\":\"public-bucket-policy\",\"title\":\"Bucket policy opened to everyone\",\"severity\":\"high\","
        + "\"description\":\"d\",\"match\":{\"eventName\":\"PutBucketPolicy\",\"requestParameters.policy\":{\"policyTrustsOutside\":true}},"
        + "\"summary\":\"{principal} opened bucket {field:requestParameters.bucketName} {when}.\"}]}");
    Files.writeString(dir.resolve("20-tune.json"), "{\"format\":\"trailbench-rules/1\",\"rules\":["
        + "{\"id\":\"root-account-use\",\"title\":\"Root\",\"severity\":\"critical\",\"description\":\"d\",\"match\":{\"userIdentity.type\":\"Root\"}}]}");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    RulePack mine = RulePack.load(dir);
    RulePack all = RulePack.builtIn().plus(mine);
    assertThat(all.rules()).hasSize(RulePack.builtIn().rules().size() + 1);
    assertThat(all.rule("root-account-use").orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(all.rules().get(0).id()).isEqualTo("root-account-use");
    List<Finding> fs = new DetectionEngine(all).run(TestEvents.parse(EVENT)).findings();
    assertThat(fs).extracting(Finding::ruleId).contains("public-bucket-policy");
    assertThat(fs.stream().filter(f -> f.ruleId().equals("public-bucket-policy")).findFirst().orElseThrow().summary())
        .isEqualTo("arn:aws:iam::111122223333:user/eve opened bucket payroll at 2026-11-21 10:00:00 UTC.");
    assertThat(all.without("public-bucket-policy").rules()).hasSize(RulePack.builtIn().rules().size());
  }

  @Test
  void durations() {
    assertThat(RuleParser.parseDuration("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(RuleParser.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(RuleParser.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(RuleParser.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
  }
}
