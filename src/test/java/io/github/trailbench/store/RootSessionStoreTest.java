package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.correlate.DefaultEventFacts;
import io.github.trailbench.core.correlate.Session;
import io.github.trailbench.core.correlate.SessionGraph;
import io.github.trailbench.core.correlate.SessionGraphBuilder;
import io.github.trailbench.core.correlate.SessionOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short-term root session (centralized root access): the management account's role session calls
 * sts:AssumeRoot for member account 222222222222 with the S3UnlockBucketPolicy task policy, and the
 * member account's trail logs the root session deleting a bucket policy, as the IAM User Guide's "Track
 * privileged tasks in AWS CloudTrail" shows both records ({@code fixtures/cloudtrail/assume-root}).
 */
class RootSessionStoreTest {
  @TempDir Path tmp;

  static final Path BOTH = Path.of("src/test/resources/fixtures/cloudtrail/assume-root/both-accounts.json");
  static final String CALLER_KEY = "ASIAMGMTEXAMPLE00001";
  static final String ROOT_KEY = "ASIAROOTEXAMPLE00002";
  static final String DELETE = "a1b2c3d4-0000-0000-0000-0000000000e2";

  /** The member account's trail alone: the root session's record without the AssumeRoot call. */
  private Path memberOnly() throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonNode all = m.readTree(BOTH.toFile());
    ArrayNode records = m.createArrayNode().add(all.get("Records").get(1));
    Path f = tmp.resolve("member.json");
    Files.writeString(f, m.createObjectNode().set("Records", records).toString());
    return f;
  }

  private Path imported(Path file) {
    Path dir = tmp.resolve("case-" + file.getFileName());
    try (CaseStore s = CaseStore.open(dir)) {
      s.importer(DefaultEventFacts.deriver()).importPaths(List.of(file), ImportListener.NONE);
    }
    return dir;
  }

  private static SessionGraph sessions(Path dir) {
    SessionGraphBuilder b = new SessionGraphBuilder();
    try (CaseStore s = CaseStore.open(dir)) {
      CaseEvents.forEachCorrelatedAlike(s, new io.github.trailbench.core.query.Expr.All(), b, problem -> {});
    }
    return b.build();
  }

  @Test
  void theRootSessionIsLinkedToTheManagementAccountsRoleSessionThatOpenedIt() {
    Path dir = imported(BOTH);
    Session root = sessions(dir).session(ROOT_KEY).orElseThrow();
    assertThat(root.origin()).isEqualTo(SessionOrigin.ASSUME_ROOT);
    assertThat(root.principalArn()).isEqualTo("arn:aws:iam::222222222222:root");
    assertThat(root.parentKey()).isEqualTo(CALLER_KEY);
    assertThat(root.parentPrincipal()).isEqualTo("arn:aws:sts::111111111111:assumed-role/John/JohnRole1");
    assertThat(root.crossAccount()).isTrue();
    // the chain runs up through the caller's session to its role (whose own issuing call is not in the case)
    assertThat(sessions(dir).chain(ROOT_KEY)).extracting(Session::accessKeyId).containsExactly(ROOT_KEY, CALLER_KEY);
    assertThat(sessions(dir).rootOf(ROOT_KEY).identity()).isEqualTo("arn:aws:iam::111111111111:role/John");
    try (CaseStore s = CaseStore.open(dir)) {
      assertThat(CaseSessionLinks.parents(s)).containsEntry(ROOT_KEY, CALLER_KEY);
    }
  }

  @Test
  void withoutTheAssumeRootCallTheSessionIsStillARootSessionWhoseOpenerIsUnknown() throws Exception {
    Path dir = imported(memberOnly());
    Session root = sessions(dir).session(ROOT_KEY).orElseThrow();
    assertThat(root.origin()).isEqualTo(SessionOrigin.ASSUME_ROOT);
    assertThat(sessions(dir).rootOf(ROOT_KEY).complete()).isFalse();
  }

  /** Rule: the task policy scopes the session; S3UnlockBucketPolicy lets it delete a bucket policy. */
  @Test
  void explainNamesTheTaskPolicyNotTheRootUsersFullPermissions() {
    CliRun r = CliRun.of("explain", "--case", imported(BOTH).toString(), "--event", DELETE);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("short-term root session (sts:AssumeRoot)").contains("task policy S3UnlockBucketPolicy")
        .contains("CloudTrail recorded Allowed: agrees").doesNotContain("the account root user has full permissions");
  }

  /** Never guess: without the AssumeRoot call the task policy is unknown, so the decision is too. */
  @Test
  void withoutTheAssumeRootCallTheDecisionIsUndeterminedAndSaysWhy() throws Exception {
    CliRun r = CliRun.of("explain", "--case", imported(memberOnly()).toString(), "--event", DELETE);
    assertThat(r.out()).contains("Engine Undetermined").contains("limited by the task policy its AssumeRoot call named");
  }

  @Test
  void findingsNameWhoOpenedTheSessionAndDoNotReportRootUserActivity() {
    CliRun r = CliRun.of("findings", "--case", imported(BOTH).toString());
    assertThat(r.out()).contains("root-session-opened").contains("assumed-role/John/JohnRole1 opened 1 short-term root session(s)"
        + " in account 222222222222 with task policy arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy")
        .contains("root-session-activity").doesNotContain("root-account-use");
  }
}
