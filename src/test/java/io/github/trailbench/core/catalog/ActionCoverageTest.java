package io.github.trailbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.correlate.TestEvents;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionCoverageTest {
  private static CloudTrailEvent ev(String source, String name, String type) {
    var r = TestEvents.base();
    r.put("eventSource", source);
    r.put("eventName", name);
    if (type != null) {
      r.put("eventType", type);
    }
    return TestEvents.of(r);
  }

  @Test
  void countsKnownNotDeniableServiceAndUnknown() {
    ActionCoverage.Result r = ActionCoverage.of(List.of(
        ev("s3.amazonaws.com", "ListBuckets", null),
        ev("iam.amazonaws.com", "CreateUser", null),
        ev("sts.amazonaws.com", "GetCallerIdentity", null),
        ev("kms.amazonaws.com", "RotateKey", "AwsServiceEvent"),
        ev("madeup.amazonaws.com", "DoThing", null),
        ev("madeup.amazonaws.com", "DoThing", null),
        ev("s3.amazonaws.com", "NotAnApi", null),
        ev("signin.amazonaws.com", "ConsoleLogin", "AwsConsoleSignIn")));
    assertThat(r.total()).isEqualTo(8);
    assertThat(r.iam()).isEqualTo(2);
    assertThat(r.notDeniable()).isEqualTo(2);
    assertThat(r.notARequest()).isEqualTo(1);
    assertThat(r.unknown()).isEqualTo(3);
    assertThat(r.share()).isEqualTo(5.0 / 8);
    assertThat(r.topUnknown().get(0).getKey()).isEqualTo("madeup.amazonaws.com DoThing");
    assertThat(r.topUnknown().get(0).getValue()).isEqualTo(2L);
    assertThat(r.summary()).startsWith("62.5% of 8 events");
  }

  @Test
  void emptyStreamIsFullyCovered() {
    assertThat(ActionCoverage.of(List.of()).share()).isEqualTo(1.0);
  }
}
