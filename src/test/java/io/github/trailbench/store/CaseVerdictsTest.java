package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.correlate.ReplayVerdict;
import io.github.trailbench.core.query.FilterParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseVerdictsTest {
  @TempDir Path tmp;

  static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  /** One call by alice, succeeded unless {@code error} is given. */
  static String event(String id, String source, String name, String error) {
    return """
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAQ3EGRX7PALICE0001",
         "arn":"%s","accountId":"111122223333","accessKeyId":"AKIAQ3EGRX7PALICE001","userName":"alice"},
         "eventTime":"2026-10-03T10:00:%02dZ","eventSource":"%s","eventName":"%s","awsRegion":"eu-west-1",
         "sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0","requestParameters":null,"responseElements":null,
         %s"eventID":"%s","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}"""
        .formatted(ALICE, Integer.parseInt(id.substring(id.length() - 2)), source, name,
            error == null ? "" : "\"errorCode\":\"" + error + "\",\"errorMessage\":\"denied\",", id);
  }

  /** alice's calls: ListUsers (allowed), DeleteUser logged as succeeded, GetCallerIdentity, ListRoles denied. */
  static Path events(Path dir) throws Exception {
    Path f = dir.resolve("events.json");
    Files.writeString(f, "{\"Records\":[" + String.join(",",
        event("00000000-0000-0000-0000-000000000001", "iam.amazonaws.com", "ListUsers", null),
        event("00000000-0000-0000-0000-000000000002", "iam.amazonaws.com", "DeleteUser", null),
        event("00000000-0000-0000-0000-000000000003", "sts.amazonaws.com", "GetCallerIdentity", null),
        event("00000000-0000-0000-0000-000000000004", "iam.amazonaws.com", "ListRoles", "AccessDenied")) + "]}");
    return f;
  }

  /** alice's IAM data: she may list users only (or, with {@code everything}, do anything in IAM). */
  static Path iam(Path dir, String name, String actions) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, """
        {"UserDetailList":[{"Path":"/","UserName":"alice","UserId":"AIDAQ3EGRX7PALICE0001","Arn":"%s",
          "CreateDate":"2021-06-15T08:00:12+00:00","GroupList":[],"AttachedManagedPolicies":[],
          "UserPolicyList":[{"PolicyName":"alice-iam","PolicyDocument":{"Version":"2012-10-17",
            "Statement":[{"Effect":"Allow","Action":%s,"Resource":"*"}]}}]}],
         "GroupDetailList":[],"RoleDetailList":[],"Policies":[]}""".formatted(ALICE, actions));
    return f;
  }

  private static long count(CaseStore s, String filter) throws Exception {
    return s.queries().count(FilterParser.parse(filter));
  }

  @Test
  void eachEventGetsTheVerdictOfItsReplayAgainstCloudTrail() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      CaseStoreTest.importInto(s, events(tmp), iam(tmp, "iam.json", "\"iam:ListUsers\""));
      CaseVerdicts.Table t = s.verdicts().get(p -> {});
      assertThat(t.size()).isEqualTo(4);
      assertThat(t.count(ReplayVerdict.AGREES)).isEqualTo(2); // ListUsers allowed, ListRoles denied
      assertThat(t.count(ReplayVerdict.DISAGREES)).isEqualTo(1); // DeleteUser: no policy of alice allows it
      assertThat(t.count(ReplayVerdict.NOT_DENIABLE)).isEqualTo(1);
      assertThat(count(s, "verdict:disagrees")).isEqualTo(1);
      assertThat(count(s, "verdict:agrees")).isEqualTo(2);
      assertThat(count(s, "verdict:not-deniable")).isEqualTo(1);
      assertThat(count(s, "verdict:\"not deniable\"")).isEqualTo(1);
      assertThat(count(s, "NOT verdict:agrees")).isEqualTo(2);
      assertThat(disagreeing(s)).containsExactly("DeleteUser");
    }
  }

  private static List<String> disagreeing(CaseStore s) throws Exception {
    List<String> names = new ArrayList<>();
    s.queries().scan(FilterParser.parse("verdict:disagrees"), EventQueries.Sort.TIME_ASC, 0, -1, r -> names.add(r.eventName()));
    return names;
  }

  @Test
  void aVerdictFilterComputesTheVerdictsWhenNoneAreKept() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      CaseStoreTest.importInto(s, events(tmp), iam(tmp, "iam.json", "\"iam:ListUsers\""));
      assertThat(s.verdicts().ifReady()).isEmpty();
      assertThat(count(s, "verdict:disagrees")).isEqualTo(1);
      assertThat(s.verdicts().ifReady()).isPresent();
    }
  }

  @Test
  void theVerdictsAreKeptInTheCaseAndReadBackWithoutReplaying() throws Exception {
    Path dir = tmp.resolve("c");
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, events(tmp), iam(tmp, "iam.json", "\"iam:ListUsers\""));
      s.verdicts().get(p -> {});
    }
    assertThat(dir.resolve(CaseVerdicts.FILE)).isRegularFile();
    try (CaseStore s = CaseStore.open(dir)) {
      CaseVerdicts.Table kept = s.verdicts().ifReady().orElseThrow();
      assertThat(s.verdicts().readFromFile).isTrue();
      assertThat(kept.count(ReplayVerdict.DISAGREES)).isEqualTo(1);
    }
  }

  @Test
  void anIamImportMakesTheKeptVerdictsStaleAndTheFilterSeesTheNewOnes() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      CaseStoreTest.importInto(s, events(tmp), iam(tmp, "iam.json", "\"iam:ListUsers\""));
      assertThat(disagreeing(s)).containsExactly("DeleteUser");
      // a later export of alice's IAM data, where she may do anything in IAM: DeleteUser is explained,
      // and now the denied ListRoles is not
      CaseStoreTest.importInto(s, iam(tmp, "iam-later.json", "[\"iam:*\"]"));
      assertThat(s.verdicts().ifReady()).isEmpty();
      assertThat(disagreeing(s)).containsExactly("ListRoles");
      assertThat(s.verdicts().ifReady().orElseThrow().count(ReplayVerdict.DISAGREES)).isEqualTo(1);
    }
  }

  @Test
  void anEventsImportMakesTheKeptVerdictsStale() throws Exception {
    try (CaseStore s = CaseStore.open(tmp.resolve("c"))) {
      CaseStoreTest.importInto(s, iam(tmp, "iam.json", "\"iam:ListUsers\""));
      assertThat(s.verdicts().get(p -> {}).size()).isZero();
      CaseStoreTest.importInto(s, events(tmp));
      assertThat(s.verdicts().ifReady()).isEmpty();
      assertThat(s.verdicts().get(p -> {}).size()).isEqualTo(4);
    }
  }

  @Test
  void aDamagedVerdictFileIsIgnoredAndComputedAgain() throws Exception {
    Path dir = tmp.resolve("c");
    try (CaseStore s = CaseStore.open(dir)) {
      CaseStoreTest.importInto(s, events(tmp), iam(tmp, "iam.json", "\"iam:ListUsers\""));
      s.verdicts().get(p -> {});
    }
    Path file = dir.resolve(CaseVerdicts.FILE);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(s.verdicts().ifReady()).isEmpty();
      List<Double> progress = new ArrayList<>();
      assertThat(s.verdicts().get(progress::add).count(ReplayVerdict.DISAGREES)).isEqualTo(1);
      assertThat(progress).isNotEmpty().last().isEqualTo(1.0);
    }
  }

  @Test
  void aVerdictFilterNamesTheWordsItTakes() {
    assertThatThrownBy(() -> FilterParser.parse("verdict:disagree"))
        .hasMessageContaining("verdict takes agrees, disagrees, undetermined, not-deniable or no-decision");
  }
}
