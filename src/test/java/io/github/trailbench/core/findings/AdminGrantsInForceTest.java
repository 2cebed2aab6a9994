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
import org.junit.jupiter.api.Test;

/**
 * IAM API Reference, AttachUserPolicy, SetDefaultPolicyVersion ("Sets the specified version of the specified policy as
 * the policy's default (operative) version"), AddUserToGroup; IAM User Guide, NotAction.
 */
class AdminGrantsInForceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String P = "arn:aws:iam::111122223333:policy/";
  private static final String STAR = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
  private static final String READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}";

  /** Customer policies: Star (one version, *:*), Mixed (v1 *:*, v2 read-only and default), Read; group Admins (Star). */
  static IamSnapshot iam() throws Exception {
    String details = """
        {"UserDetailList":[],"RoleDetailList":[],
         "GroupDetailList":[{"Path":"/","GroupName":"Admins","GroupId":"AGPA1","Arn":"arn:aws:iam::111122223333:group/Admins",
           "GroupPolicyList":[],"AttachedManagedPolicies":[{"PolicyName":"Star","PolicyArn":"%1$sStar"}]},
          {"Path":"/","GroupName":"Dev","GroupId":"AGPA2","Arn":"arn:aws:iam::111122223333:group/Dev",
           "GroupPolicyList":[],"AttachedManagedPolicies":[{"PolicyName":"Read","PolicyArn":"%1$sRead"}]}],
         "Policies":[%2$s,%3$s,%4$s]}
        """.formatted(P, policy("Star", "v1", version("v1", true, STAR)),
        policy("Mixed", "v2", version("v1", false, STAR) + "," + version("v2", true, READ)), policy("Read", "v1", version("v1", true, READ)));
    byte[] bytes = details.getBytes(StandardCharsets.UTF_8);
    return IamSnapshot.of(List.of(IamSources.read(IamSourceKind.AUTHORIZATION_DETAILS, "iam.json", bytes)));
  }

  private static String policy(String name, String defaultVersion, String versions) {
    return "{\"PolicyName\":\"" + name + "\",\"PolicyId\":\"ANPA" + name + "\",\"Arn\":\"" + P + name + "\",\"Path\":\"/\","
        + "\"DefaultVersionId\":\"" + defaultVersion + "\",\"PolicyVersionList\":[" + versions + "]}";
  }

  private static String version(String id, boolean isDefault, String document) {
    return "{\"VersionId\":\"" + id + "\",\"IsDefaultVersion\":" + isDefault + ",\"CreateDate\":\"2026-01-10T10:00:00Z\",\"Document\":"
        + document + "}";
  }

  static CloudTrailEvent iamCall(String id, String name, String request, String response, String error) throws Exception {
    ObjectNode r = TestEvents.base();
    r.put("eventID", id);
    r.put("eventSource", "iam.amazonaws.com");
    r.put("eventName", name);
    r.set("requestParameters", JSON.readTree(request));
    if (response != null) {
      r.set("responseElements", JSON.readTree(response));
    }
    if (error != null) {
      r.put("errorCode", error);
      r.put("errorMessage", "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:" + name);
    }
    return TestEvents.of(r);
  }

  private static List<Finding> run(CloudTrailEvent... events) throws Exception {
    AdminGrantsInForce check = new AdminGrantsInForce(IpClassifier.defaults(), e -> "denied: no policy allows iam:" + e.eventName(),
        iam());
    for (CloudTrailEvent e : events) {
      check.accept(e);
    }
    return check.findings(Instant.parse("2026-12-01T00:00:00Z"));
  }

  private static String attach(String policy) {
    return "{\"userName\":\"alice\",\"policyArn\":\"" + policy + "\"}";
  }

  @Test
  void attachingACustomerPolicyWhoseDefaultVersionAllowsEverythingIsAGrant() throws Exception {
    List<Finding> found = run(iamCall("a1", "AttachUserPolicy", attach(P + "Star"), null, null));
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("admin-policy-granted");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.attemptsOnly()).isFalse();
      assertThat(f.summary()).contains("attached Star to user/alice").contains("v1, from the case's IAM data");
    });
  }

  @Test
  void unknownOrUndecidedDocumentsAndAdministratorAccessRaiseNothingHere() throws Exception {
    assertThat(run(iamCall("a1", "AttachUserPolicy", attach(P + "Unknown"), null, null))).isEmpty();
    assertThat(run(iamCall("a2", "AttachUserPolicy", attach(P + "Read"), null, null))).isEmpty();
    // two versions existed at the call's time, one *:*: which was the default then, IAM does not record
    assertThat(run(iamCall("a3", "AttachUserPolicy", attach(P + "Mixed"), null, null))).isEmpty();
    // the admin-policy-granted rule reports it from the call itself
    assertThat(run(iamCall("a4", "AttachUserPolicy", attach("arn:aws:iam::aws:policy/AdministratorAccess"), null, null))).isEmpty();
  }

  @Test
  void theLogsOwnVersionsAndDefaultsDecide() throws Exception {
    String cpv = "{\"policyArn\":\"" + P + "Read\",\"policyDocument\":" + JSON.writeValueAsString(STAR) + "}";
    List<Finding> found = run(iamCall("c1", "CreatePolicyVersion", cpv, "{\"policyVersion\":{\"versionId\":\"v2\",\"isDefaultVersion\":false}}", null),
        iamCall("s1", "SetDefaultPolicyVersion", "{\"policyArn\":\"" + P + "Read\",\"versionId\":\"v2\"}", null, null),
        iamCall("s2", "SetDefaultPolicyVersion", "{\"policyArn\":\"" + P + "Mixed\",\"versionId\":\"v1\"}", null, null),
        iamCall("a1", "AttachUserPolicy", attach(P + "Mixed"), null, null),
        iamCall("s3", "SetDefaultPolicyVersion", "{\"policyArn\":\"" + P + "Mixed\",\"versionId\":\"v2\"}", null, null),
        iamCall("a2", "AttachUserPolicy", attach(P + "Mixed"), null, null));
    assertThat(found).extracting(f -> f.evidence().get(0)).extracting(e -> ((Evidence.Event) e).eventId())
        .containsExactly("s1", "s2", "a1");
    assertThat(found.get(0).summary()).contains("made v2 the default version of Read").contains("CreatePolicyVersion c1");
  }

  @Test
  void aPolicyCreatedInTheLogThenAttachedIsAGrant() throws Exception {
    String create = "{\"policyName\":\"Shadow\",\"policyDocument\":" + JSON.writeValueAsString(STAR) + "}";
    List<Finding> found = run(iamCall("c1", "CreatePolicy", create, "{\"policy\":{\"arn\":\"" + P + "Shadow\",\"defaultVersionId\":\"v1\"}}", null),
        iamCall("a1", "AttachRolePolicy", "{\"roleName\":\"Ops\",\"policyArn\":\"" + P + "Shadow\"}", null, null));
    assertThat(found).singleElement().satisfies(f -> assertThat(f.summary()).contains("attached Shadow to role/Ops")
        .contains("CreatePolicy c1"));
  }

  @Test
  void joiningAGroupThatAllowsEverythingIsAGrantAndARefusedJoinAnAttempt() throws Exception {
    String join = "{\"groupName\":\"admins\",\"userName\":\"alice\"}";
    List<Finding> found = run(iamCall("j1", "AddUserToGroup", join, null, null), iamCall("j2", "AddUserToGroup", join, null, "AccessDenied"),
        iamCall("j3", "AddUserToGroup", "{\"groupName\":\"Dev\",\"userName\":\"alice\"}", null, null));
    assertThat(found).hasSize(2);
    assertThat(found.get(0).severity()).isEqualTo(Severity.HIGH);
    assertThat(found.get(0).summary()).contains("to group admins, whose policy Star allows every action");
    assertThat(found.get(1).severity()).isEqualTo(Severity.LOW);
    assertThat(found.get(1).attemptsOnly()).isTrue();
    assertThat(found.get(1).title()).isEqualTo("AddUserToGroup attempted \u2014 denied: no policy allows iam:AddUserToGroup");
  }

  @Test
  void aGroupsPoliciesFollowTheLog() throws Exception {
    List<Finding> found = run(iamCall("d1", "DetachGroupPolicy", "{\"groupName\":\"Admins\",\"policyArn\":\"" + P + "Star\"}", null, null),
        iamCall("j1", "AddUserToGroup", "{\"groupName\":\"Admins\",\"userName\":\"alice\"}", null, null),
        iamCall("p1", "PutGroupPolicy", "{\"groupName\":\"Dev\",\"policyName\":\"all\",\"policyDocument\":"
            + JSON.writeValueAsString(STAR) + "}", null, null),
        iamCall("j2", "AddUserToGroup", "{\"groupName\":\"Dev\",\"userName\":\"alice\"}", null, null));
    assertThat(found).singleElement().satisfies(f -> assertThat(f.summary()).contains("group Dev, whose inline policy all"));
  }

  @Test
  void notActionCountsWhenItHoldsBackNoSelfGrant() throws Exception {
    assertThat(Policies.allowsAll(JSON.readTree(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"organizations:*\",\"Resource\":\"*\"}]}"))).isTrue();
    // PowerUserAccess's first statement
    assertThat(Policies.allowsAll(JSON.readTree(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\",\"account:*\"],\"Resource\":\"*\"}]}"))).isFalse();
    assertThat(Policies.allowsAll(JSON.readTree(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"IAM:Attach*\",\"Resource\":\"*\"}]}"))).isFalse();
    assertThat(Policies.allowsAll(JSON.readTree(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\"}]}"))).isFalse();
  }
}
