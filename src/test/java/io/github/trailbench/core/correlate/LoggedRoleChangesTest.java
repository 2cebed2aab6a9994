package io.github.trailbench.core.correlate;

import static io.github.trailbench.core.correlate.TestEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.CloudTrailEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggedRoleChangesTest {
  static CloudTrailEvent update(String id, String time, String role, String document, String error) {
    return record("{'eventVersion':'1.09','eventID':'" + id + "','eventTime':'" + time + "','eventSource':'iam.amazonaws.com',"
        + "'eventName':'UpdateAssumeRolePolicy','awsRegion':'us-east-1','recipientAccountId':'111122223333',"
        + (error == null ? "" : "'errorCode':'" + error + "',")
        + "'userIdentity':{'type':'IAMUser','arn':'arn:aws:iam::111122223333:user/dev','accountId':'111122223333'},"
        + "'requestParameters':{'roleName':'" + role + "','policyDocument':'" + document + "'}}");
  }

  @Test
  void aSuccessfulUpdateGivesTheRoleAndItsWholeDocumentAnEncodedOneDecoded() {
    var c = LoggedRoleChanges.madeBy(update("u1", "2026-11-20T10:00:00Z", "OpsAdmin", "{\\\"Version\\\":\\\"2012-10-17\\\"}", null))
        .orElseThrow();
    assertThat(c.roleName()).isEqualTo("OpsAdmin");
    assertThat(c.account()).isEqualTo("111122223333");
    assertThat(c.document()).isEqualTo("{\"Version\":\"2012-10-17\"}");
    assertThat(LoggedRoleChanges.madeBy(update("u2", "2026-11-20T10:00:00Z", "OpsAdmin", "%7B%22Version%22%3A%222012-10-17%22%7D", null))
        .orElseThrow().document()).isEqualTo("{\"Version\":\"2012-10-17\"}");
    assertThat(LoggedRoleChanges.madeBy(update("u3", "2026-11-20T10:00:00Z", "OpsAdmin", "{}", "AccessDenied"))).isEmpty();
    assertThat(LoggedRoleChanges.keyOf("arn:aws:iam::111122223333:role/team/OpsAdmin"))
        .isEqualTo(LoggedRoleChanges.key(c.account(), c.roleName()));
    assertThat(LoggedRoleChanges.keyOf("arn:aws:iam::111122223333:user/OpsAdmin")).isNull();
  }

  @Test
  void theTrustInForceIsTheLastChangeBeforeTheCallAndOneInItsSecondIsUndecided() {
    var early = new LoggedRoleChanges.Change("1", "R", Instant.parse("2026-11-20T10:00:00Z"), "a", "{}");
    var later = new LoggedRoleChanges.Change("1", "R", Instant.parse("2026-11-20T10:05:00Z"), "b", "{}");
    var after = new LoggedRoleChanges.Change("1", "R", Instant.parse("2026-11-20T10:09:00Z"), "c", "{}");
    List<LoggedRoleChanges.Change> all = List.of(later, early, after);
    var at = LoggedRoleChanges.inForceAt(all, Instant.parse("2026-11-20T10:06:00Z"));
    assertThat(at.before()).isEqualTo(later);
    assertThat(at.sameSecond()).isNull();
    var same = LoggedRoleChanges.inForceAt(all, Instant.parse("2026-11-20T10:05:00Z"));
    assertThat(same.before()).isEqualTo(early);
    assertThat(same.sameSecond()).isEqualTo(later);
    assertThat(LoggedRoleChanges.inForceAt(all, Instant.parse("2026-11-20T09:00:00Z")).any()).isFalse();
  }
}
