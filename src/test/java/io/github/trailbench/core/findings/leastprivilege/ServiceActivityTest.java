package io.github.trailbench.core.findings.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.correlate.SyntheticIam;
import io.github.trailbench.core.correlate.TestEvents;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.model.CloudTrailEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A principal's services: Access Advisor's last access beside the trail's first and last use. */
class ServiceActivityTest {
  static final String CI = LeastPrivilegeAccessAdvisorTest.CI;

  static CloudTrailEvent call(String time, String source, String name, String error) {
    ObjectNode r = TestEvents.base();
    r.put("eventTime", time).put("eventSource", source).put("eventName", name).put("eventID", "e-" + time);
    if (error != null) {
      r.put("errorCode", error);
    }
    ((ObjectNode) r.get("userIdentity")).put("arn", CI).put("userName", "ci");
    return TestEvents.of(r);
  }

  @Test
  void eachServiceReadsAccessAdvisorsLastAccessBesideTheTrailsFirstAndLastSuccessfulUse() throws Exception {
    IamSnapshot iam = LeastPrivilegeAccessAdvisorTest.iam().snapshot(List.of(LeastPrivilegeAccessAdvisorTest.report()));
    ServiceActivity.Collector c = ServiceActivity.collector(iam, CI).orElseThrow();
    List.of(call("2026-10-02T08:00:00Z", "ec2.amazonaws.com", "DescribeInstances", null),
        call("2026-10-05T08:00:00Z", "ec2.amazonaws.com", "DescribeInstances", null),
        call("2026-10-06T08:00:00Z", "ec2.amazonaws.com", "DescribeInstances", "Client.UnauthorizedOperation"),
        call("2026-10-04T08:00:00Z", "sts.amazonaws.com", "GetCallerIdentity", null),
        call("2026-10-04T09:00:00Z", "sns.amazonaws.com", "Publish", null)).forEach(c);
    assertThat(c.finish()).extracting(ServiceActivity::line).containsExactly(
        "cloudformation — Access Advisor: last 2026-09-21 (report of 2026-10-08) · no use in the trail",
        "ec2 — Access Advisor: last 2026-10-03 (report of 2026-10-08) · trail: 2026-10-02 … 2026-10-05",
        "sns — no Access Advisor report · trail: 2026-10-04",
        "sqs — Access Advisor: not accessed in its tracking period (report of 2026-10-08) · no use in the trail");
  }

  @Test
  void withoutAReportForThePrincipalThereIsNothingToCollect() {
    assertThat(ServiceActivity.collector(LeastPrivilegeAccessAdvisorTest.iam().snapshot(), CI)).isEmpty();
  }
}
