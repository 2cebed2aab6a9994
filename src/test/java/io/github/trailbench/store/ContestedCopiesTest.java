package io.github.trailbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.findings.ContestedEvidence;
import io.github.trailbench.core.findings.Evidence;
import io.github.trailbench.core.findings.Finding;
import io.github.trailbench.core.findings.FindingStatus;
import io.github.trailbench.core.findings.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContestedCopiesTest {

  @Test
  void theLedgerReasonReadsBackAsTheCopyItDescribes() {
    String reason = ContestedCopies.reason("id with spaces (odd)", "111122223333",
        List.of("errorCode AccessDenied here, none in the case", "eventTime 2026-01-01T00:00:01Z here, 2026-01-01T00:00:00Z in the case"));
    ContestedEvidence.Copy c = ContestedCopies.parse("b.json", "record 3", reason);
    assertThat(c.eventId()).isEqualTo("id with spaces (odd)");
    assertThat(c.accountId()).isEqualTo("111122223333");
    assertThat(c.differs()).containsExactly("errorCode AccessDenied in that copy, none in the case",
        "eventTime 2026-01-01T00:00:01Z in that copy, 2026-01-01T00:00:00Z in the case");
    assertThat(c.describe()).isEqualTo("b.json (record 3): errorCode AccessDenied in that copy, none in the case; "
        + "eventTime 2026-01-01T00:00:01Z in that copy, 2026-01-01T00:00:00Z in the case");
  }

  @Test
  void aRecordWithoutAccountAndOtherRejectionsAreTellApart() {
    ContestedEvidence.Copy c = ContestedCopies.parse("a.json", "record 0",
        ContestedCopies.reason("e-1", "", List.of("eventName DeleteTrail here, StopLogging in the case")));
    assertThat(c.eventId()).isEqualTo("e-1");
    assertThat(c.accountId()).isEmpty();
    assertThat(ContestedCopies.parse("a.json", "record 0", "missing field eventTime")).isNull();
    assertThat(ContestedCopies.parse("a.json", "record 0", "eventID e-1 is not valid")).isNull();
  }

  @Test
  void onlyFindingsHoldingAContestedEventOfThatAccountAreAnnotated() {
    ContestedEvidence contested = new ContestedEvidence(List.of(
        new ContestedEvidence.Copy("e-1", "111122223333", "org.json", "record 4", List.of("errorCode AccessDenied in that copy, none in the case"))));
    Finding onIt = finding("e-1", "111122223333");
    Finding otherAccount = finding("e-1", "444455556666");
    Finding otherEvent = finding("e-2", "111122223333");
    assertThat(contested.annotate(onIt).summary()).isEqualTo("Flow logs deleted. Contested evidence: event e-1, another copy"
        + " in org.json (record 4): errorCode AccessDenied in that copy, none in the case. The case keeps its first copy and"
        + " this finding is built on it: compare the files before relying on it.");
    assertThat(contested.annotate(otherAccount)).isEqualTo(otherAccount);
    assertThat(contested.annotate(otherEvent)).isEqualTo(otherEvent);
    assertThat(ContestedEvidence.NONE.annotate(onIt)).isEqualTo(onIt);
  }

  private static Finding finding(String eventId, String account) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Evidence.Event e = new Evidence.Event(eventId, account, t, "ec2.amazonaws.com", "DeleteFlowLogs", "us-east-1",
        "arn:aws:iam::" + account + ":user/a", null, "198.51.100.1", "cli", "Success");
    return new Finding("f-1", "vpc-flow-logs-deleted", "VPC flow logs deleted", Severity.HIGH, FindingStatus.OPEN,
        "Flow logs deleted.", "", "", List.of(e), 1, t, t, t, List.of(), null);
  }
}
