package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.policy.PolicyKind;
import org.junit.jupiter.api.Test;

/**
 * The policy type AWS's access denied messages name (IAM User Guide, "Troubleshoot access denied
 * error messages", https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html:
 * "with an explicit deny in a type policy" and "because no type policy allows the action action").
 */
class LoggedRefusalTest {
  @Test
  void eachPolicyTypeAwsNamesIsRead() {
    assertThat(LoggedRefusal.of("User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform:"
        + " codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action"))
        .isEqualTo(new LoggedRefusal(PolicyKind.IDENTITY, false, "codecommit:ListRepositories",
            "because no identity-based policy allows it"));
    LoggedRefusal scp = LoggedRefusal.of("User: arn:aws:iam::111122223333:user/dev is not authorized to perform:"
        + " cloudtrail:StopLogging on resource: arn:aws:cloudtrail:us-east-1:111122223333:trail/main with an explicit deny"
        + " in a service control policy");
    assertThat(scp.kind()).isEqualTo(PolicyKind.SCP);
    assertThat(scp.explicit()).isTrue();
    assertThat(scp.action()).isEqualTo("cloudtrail:StopLogging");
    assertThat(LoggedRefusal.of("... with an explicit deny in a resource control policy").kind()).isEqualTo(PolicyKind.RCP);
    assertThat(LoggedRefusal.of("... with an explicit deny in a resource-based policy").kind()).isEqualTo(PolicyKind.RESOURCE);
    assertThat(LoggedRefusal.of("... because no permissions boundary allows the s3:ListAllMyBuckets action").kind())
        .isEqualTo(PolicyKind.BOUNDARY);
    assertThat(LoggedRefusal.of("... because no session policy allows the s3:GetObject action").kind()).isEqualTo(PolicyKind.SESSION);
    assertThat(LoggedRefusal.of("... due to an explicit deny in a Service Control Policy").kind()).isEqualTo(PolicyKind.SCP);
  }

  @Test
  void aVpcEndpointPolicyIsNamedWithoutAKindTheCaseHolds() {
    LoggedRefusal vpce = LoggedRefusal.of("... because no VPC endpoint policy allows the s3:GetObject action");
    assertThat(vpce).isNotNull();
    assertThat(vpce.kind()).isNull();
  }

  @Test
  void messagesThatNameNoPolicyTypeGiveNothing() {
    assertThat(LoggedRefusal.of("Access Denied")).isNull();
    assertThat(LoggedRefusal.of("User: arn:aws:iam::111122223333:user/x is not authorized to perform: iam:ListUsers")).isNull();
    assertThat(LoggedRefusal.of(null)).isNull();
  }

  @Test
  void aMessageAboutAnotherActionDoesNotConcernThisOne() {
    LoggedRefusal r = LoggedRefusal.of("User: u is not authorized to perform: iam:TagUser on resource: x with an explicit"
        + " deny in a service control policy");
    assertThat(r.concerns("iam:CreateUser")).isFalse();
    assertThat(r.concerns("IAM:TagUser")).isTrue();
  }
}
