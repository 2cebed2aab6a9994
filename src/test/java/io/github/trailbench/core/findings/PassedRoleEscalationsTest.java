package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.trailbench.core.correlate.TestEvents;
import io.github.trailbench.core.iam.IamSnapshot;
import io.github.trailbench.core.iam.IamSources;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * IAM User Guide, "Grant a user permissions to pass a role to an AWS service"; Lambda execution role; "Use an IAM role
 * to grant permissions to applications running on Amazon EC2 instances".
 */
class PassedRoleEscalationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private static final String ADMIN_ROLE = "arn:aws:iam::111122223333:role/AdminRole";
  private static final String PROFILE = "arn:aws:iam::111122223333:instance-profile/AdminProfile";

  private static IamSnapshot iam() throws Exception {
    String details = """
        {"UserDetailList":[],"GroupDetailList":[],"Policies":[],
         "RoleDetailList":[{"Path":"/","RoleName":"AdminRole","RoleId":"AROA1","Arn":"%s",
           "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[]},
           "InstanceProfileList":[{"Path":"/","InstanceProfileName":"AdminProfile","InstanceProfileId":"AIPA1","Arn":"%s",
             "Roles":[{"Path":"/","RoleName":"AdminRole","RoleId":"AROA1","Arn":"%1$s"}]}],
           "RolePolicyList":[],"AttachedManagedPolicies":[]}]}
        """.formatted(ADMIN_ROLE, PROFILE);
    return IamSnapshot.of(List.of(IamSources.read(IamSourceKind.AUTHORIZATION_DETAILS, "iam.json",
        details.getBytes(StandardCharsets.UTF_8))));
  }

  private static CloudTrailEvent call(String id, String source, String name, String request, String error) throws Exception {
    ObjectNode r = TestEvents.base();
    r.put("eventID", id);
    r.put("eventSource", source);
    r.put("eventName", name);
    r.set("requestParameters", JSON.readTree(request));
    if (error != null) {
      r.put("errorCode", error);
    }
    return TestEvents.of(r);
  }

  private static List<Finding> run(Set<String> admins, CloudTrailEvent... events) throws Exception {
    PassedRoleEscalations check = new PassedRoleEscalations(IpClassifier.defaults(), iam());
    for (CloudTrailEvent e : events) {
      check.accept(e);
    }
    return check.findings(admins, Instant.parse("2026-12-01T00:00:00Z"));
  }

  private static CloudTrailEvent createFunction(String id, String error) throws Exception {
    return call(id, "lambda.amazonaws.com", "CreateFunction20150331", "{\"functionName\":\"helper\",\"role\":\"" + ADMIN_ROLE + "\"}",
        error);
  }

  @Test
  void anAdminRolePassedToAFunctionThenInvokedIsHigh() throws Exception {
    List<Finding> found = run(Set.of(ADMIN_ROLE), createFunction("c1", null),
        call("i1", "lambda.amazonaws.com", "Invoke", "{\"functionName\":\"arn:aws:lambda:us-east-1:111122223333:function:helper:1\"}", null),
        call("i2", "lambda.amazonaws.com", "Invoke", "{\"functionName\":\"other\"}", null));
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo(PassedRoleEscalations.RULE_ID);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.title()).isEqualTo("Privilege escalation through a passed role: AdminRole");
      assertThat(f.events()).extracting(Evidence.Event::eventId).containsExactly("c1", "i1");
    });
  }

  @Test
  void anInstanceLaunchedWithTheAdminRolesProfileIsHigh() throws Exception {
    assertThat(run(Set.of(ADMIN_ROLE), call("r1", "ec2.amazonaws.com", "RunInstances", "{\"iamInstanceProfile\":{\"arn\":\"" + PROFILE
        + "\"}}", null))).singleElement().satisfies(f -> assertThat(f.summary()).contains("to an instance it launched (RunInstances r1)"));
  }

  @Test
  void aRefusedCallIsALoweredAttempt() throws Exception {
    assertThat(run(Set.of(ADMIN_ROLE), createFunction("c1", "AccessDeniedException"))).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.attemptsOnly()).isTrue();
      assertThat(f.title()).startsWith("CreateFunction20150331 attempted");
    });
  }

  @Test
  void notAdminRolesAndAdminCallersRaiseNothing() throws Exception {
    assertThat(run(Set.of(), createFunction("c1", null))).isEmpty();
    assertThat(run(Set.of(ADMIN_ROLE, ALICE), createFunction("c1", null))).isEmpty();
    assertThat(run(Set.of(ADMIN_ROLE), call("r1", "ec2.amazonaws.com", "RunInstances",
        "{\"iamInstanceProfile\":{\"arn\":\"arn:aws:iam::111122223333:instance-profile/Unknown\"}}", null))).isEmpty();
  }
}
