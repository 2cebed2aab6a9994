package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst pastes a role's ARN from the IAM data into the filter: CloudTrail names the caller by its session's ARN
 * ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}, without the role's path: IAM User Guide, "IAM
 * identifiers"), so {@code principal:ROLE-ARN} must find the role's sessions rather than nothing. And a pattern in
 * quotes is a pattern. Case: the stslimits IAM data and the unread-expiration records (ChainA's session dev-u signs two
 * ListBuckets; its AssumeRole is dev's call).
 */
class RoleArnPrincipalFilterTest {
  @TempDir static Path caseDir;

  @BeforeAll
  static void importCase() {
    ExplainedEvents.importInto(caseDir, Path.of("src/test/resources/fixtures"), "unread-expiration");
  }

  private static List<String> ids(String filter) throws Exception {
    return ExplainedEvents.events(caseDir, filter).stream().map(e -> e.path("eventId").asText()).sorted().toList();
  }

  @Test
  void aRoleArnFindsTheRolesSessionsQuotedOrNotWithOrWithoutItsPath() throws Exception {
    List<String> sessions = List.of("unread-s3-later", "unread-s3-within-shortest");
    assertThat(ids("principal:\"arn:aws:iam::111122223333:role/ChainA\"")).isEqualTo(sessions);
    assertThat(ids("principal:arn:aws:iam::111122223333:role/ChainA")).isEqualTo(sessions);
    assertThat(ids("principal:\"arn:aws:iam::111122223333:role/team/ChainA\"")).as("session ARNs carry no path")
        .isEqualTo(sessions);
    assertThat(ids("principal:\"arn:aws:iam::444455556666:role/ChainA\"")).as("another account's role of that name")
        .isEmpty();
    assertThat(ids("principal:\"arn:aws:iam::111122223333:role/Chain\"")).as("another role").isEmpty();
  }

  @Test
  void aWildcardInQuotesIsAWildcardAndAnEscapedOneIsNot() throws Exception {
    assertThat(ids("principal:\"arn:aws:sts::111122223333:assumed-role/ChainA/*\"")).hasSize(2);
    assertThat(ids("principal:\"arn:aws:sts::111122223333:assumed-role/ChainA/\\*\"")).isEmpty();
    assertThat(ids("userAgent:\"aws-cli/2.15.0\"")).hasSize(3);
    assertThat(ids("userAgent:\"aws-cli/2.15*\"")).hasSize(3);
  }

  @Test
  void theIssuingCallIsDevsNotTheRoles() throws Exception {
    JsonNode issue = ExplainedEvents.events(caseDir, "eventName:AssumeRole").get(0);
    assertThat(issue.path("principalArn").asText()).endsWith(":user/dev");
    assertThat(ids("principal:\"arn:aws:iam::111122223333:role/ChainA\" AND eventName:AssumeRole")).isEmpty();
  }
}
