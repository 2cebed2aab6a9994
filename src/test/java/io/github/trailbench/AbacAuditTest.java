package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of tag-based access control (ABAC) and multivalued condition keys on logged calls: "why was this call allowed?"
 * in an account that uses tags. The records of {@code src/test/resources/fixtures/abac/events.json} (IAM CreateRole /
 * CreateUser / TagRole / TagUser / UntagRole / PutRolePolicy, EC2 RunInstances / CreateTags / StopInstances, S3 GetObject,
 * KMS TagResource), the account's get-account-authorization-details ({@code iam.json}: users with tags and one inline
 * policy each, roles red-app team=red and blue-app team=blue) and a resource-policies/v1 manifest (the KMS key's default
 * key policy) are imported with the CLI and each event is read back with {@code explain --event ID --json}. The fixtures
 * are written by hand in the shapes below (IAM and EC2 requestParameters as CloudTrail logs them: tags [{key, value}],
 * tagKeys, tagSpecificationSet / tagSet items; KMS as [KMS-CT] shows); src/main is not changed.
 *
 * <p>Pages (AWS documentation):
 *
 * <ul>
 *   <li>[MULTI-EX] IAM User Guide, "Multivalued context key examples": "In order for context key aws:TagKeys to match,
 *       every value in the request context must match at least one value in the policy. The ForAllValues set operator
 *       also returns true if there are no context keys in the request."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html
 *   <li>[MULTI] IAM User Guide, "Single-valued vs. multivalued context keys": "aws:TagKeys is a multivalued context key";
 *       ForAllValues: "If there's no context key in the request ... it also returns true"; ForAnyValue: "The context key
 *       returns true if any one of the context key values in the request matches any one of the context key values in the
 *       policy. For no matching context key or a null dataset, the condition returns false." (the accepted re:Post answer
 *       "ForAnyValue:StringEqualsIfExists behaving unexpectedly" repeats it):
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 *   <li>[ADD-TAG] IAM User Guide, "IAM: Add a specific tag with specific values": "The condition returns true if the request
 *       includes the CostCenter tag key with one of the listed tag values" (StringEquals aws:RequestTag/CostCenter); "The
 *       condition returns true if all of the tag keys in the request match the key in the policy" (ForAllValues:StringEquals
 *       aws:TagKeys): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam-add-tag-user-role.html
 *   <li>[IAM-TAGS] IAM User Guide, "Controlling access to and for IAM users and roles using tags": "Resource – Control access
 *       to user or role resources based on their tags. To do this, use the aws:ResourceTag/key-name condition key";
 *       "Request – Control what tags can be passed in an IAM request ... aws:RequestTag/key-name"; "Principal – ...
 *       aws:PrincipalTag/key-name": https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html
 *   <li>[OPS] IAM User Guide, "IAM JSON policy elements: Condition operators": StringEquals "Exact matching, case
 *       sensitive"; StringEqualsIgnoreCase "Exact matching, ignoring case"; Null "Use a Null condition operator to check if a
 *       condition key is absent at the time of authorization ... true (the key doesn't exist — it is null)":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 *   <li>[VARS] IAM User Guide, "IAM policy elements: Variables and tags": "During evaluation of the policy, the policy
 *       variables are replaced with values that come from the conditional context keys passed in the request"; "If AWS
 *       cannot resolve a variable this might cause the entire statement to be invalid"; tags as policy variables
 *       (${aws:PrincipalTag/team} in Resource): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 *   <li>[EC2-TOC] EC2 User Guide, "Grant permission to tag Amazon EC2 resources during creation": "If tags are specified in
 *       the resource-creating action, Amazon performs additional authorization on the ec2:CreateTags action"; the example
 *       policy (ec2:RunInstances on *, ec2:CreateTags with StringEquals ec2:CreateAction = RunInstances) "allows users to
 *       launch instances and apply any tags to instances and volumes during launch. Users are not permitted to tag any
 *       existing resources (they cannot call the ec2:CreateTags action directly).":
 *       https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html
 *   <li>[KMS-CT] KMS Developer Guide, "TagResource" (CloudTrail example): requestParameters {"keyId": ..., "tags":
 *       [{"tagKey": "Department", "tagValue": "IT"}]}: https://docs.aws.amazon.com/kms/latest/developerguide/ct-tagresource.html;
 *       KMS Developer Guide, "ABAC for AWS KMS" / "Controlling access to tags" (kms:TagResource with aws:RequestTag and
 *       aws:TagKeys): https://docs.aws.amazon.com/kms/latest/developerguide/tag-permissions.html
 *   <li>[S3-TAGS] S3 User Guide, "Tagging and access control policies": s3:ExistingObjectTag/&lt;tag-key&gt; "to specify
 *       that the existing object tag has the specific tag key and value":
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-and-policies.html
 * </ul>
 */
class AbacAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/abac");

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = CliRun.of("import", "--case", caseDir.toString(), FIXTURES.resolve("events.json").toString(),
        FIXTURES.resolve("iam.json").toString(), FIXTURES.resolve("resource-policies.json").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("28 added");
  }

  static List<JsonNode> all(String eventId) throws Exception {
    return ExplainedEvents.all(caseDir, eventId);
  }

  static String why(JsonNode e) {
    return ExplainedEvents.why(e);
  }

  /** The evaluated action {@code action} of the event. */
  static JsonNode action(String eventId, String action) throws Exception {
    List<JsonNode> lines = all(eventId);
    return lines.stream().filter(l -> l.path("request").path("action").asText().equalsIgnoreCase(action)).findFirst()
        .orElseThrow(() -> new AssertionError(eventId + ": no evaluated action " + action + " among "
            + lines.stream().map(l -> l.path("request").path("action").asText()).toList()));
  }

  /** Every evaluated action of the event has this decision and verdict. */
  static void everyAction(String eventId, String decision, String verdict, String aws) throws Exception {
    List<JsonNode> lines = all(eventId);
    assertThat(lines).as(eventId + " has evaluated actions").isNotEmpty();
    for (JsonNode e : lines) {
      assertThat(e.path("decision").asText() + " / " + e.path("verdict").asText())
          .as("AWS documents: " + aws + "\nThe product said: " + why(e)).isEqualTo(decision + " / " + verdict);
    }
  }

  /** The trace of the action decided on the condition {@code key} with {@code outcome} (Match / NoMatch). */
  static void decidedOn(JsonNode e, String key, String outcome) {
    assertThat(ExplainedEvents.conditionsOn(e.path("trace"), key)).as("a condition on " + key + " evaluated to " + outcome
        + ": " + why(e)).anySatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo(outcome));
  }

  // ------------------------------------------------------------------ 1. aws:RequestTag and aws:TagKeys on CreateRole / TagRole

  /**
   * Q1. tagger (IAM tag team=red) may create and tag roles when StringEquals aws:RequestTag/team = ${aws:PrincipalTag/team}
   * and ForAllValues:StringEquals aws:TagKeys [team, project] [ADD-TAG], [IAM-TAGS]. CreateRole red-build with tags
   * team=red, project=x (requestParameters.tags) was allowed: both conditions hold on the logged tags; Allowed, agrees.
   */
  @Test
  void createRoleWithPermittedTagsIsAllowedOnTheLoggedTags() throws Exception {
    everyAction("abac-create-ok", "Allowed", "agrees", "both conditions hold: team=red equals the caller's team tag, every"
        + " tag key is in [team, project] [ADD-TAG]");
    JsonNode e = action("abac-create-ok", "iam:CreateRole");
    decidedOn(e, "aws:TagKeys", "Match");
    decidedOn(e, "aws:RequestTag/team", "Match");
  }

  /**
   * Q2. The same user creates a role tagged team=red, cost=c: not every tag key is in [team, project], so ForAllValues
   * fails [MULTI-EX]; AWS refused (AccessDenied). ImplicitDeny, agrees, on aws:TagKeys.
   */
  @Test
  void createRoleWithAnExtraTagKeyIsRefusedByForAllValues() throws Exception {
    everyAction("abac-create-extra-key", "ImplicitDeny", "agrees", "ForAllValues:StringEquals aws:TagKeys [team, project]"
        + " does not hold for [team, cost] [MULTI-EX]");
    decidedOn(action("abac-create-extra-key", "iam:CreateRole"), "aws:TagKeys", "NoMatch");
  }

  /**
   * Q3. tagger (team=red) creates a role tagged team=blue: aws:RequestTag/team = ${aws:PrincipalTag/team} is blue = red,
   * false [VARS], [IAM-TAGS]. The case holds tagger's IAM tags, so the variable resolves: ImplicitDeny, agrees.
   */
  @Test
  void createRoleForAnotherTeamIsRefusedOnThePrincipalTagVariable() throws Exception {
    everyAction("abac-create-other-team", "ImplicitDeny", "agrees", "aws:RequestTag/team (blue) does not equal"
        + " ${aws:PrincipalTag/team} (red, the user's IAM tag) [VARS]");
    decidedOn(action("abac-create-other-team", "iam:CreateRole"), "aws:RequestTag/team", "NoMatch");
  }

  /**
   * Q4. tagger adds only project=y to red-app (TagRole): no team tag in the request, so StringEquals aws:RequestTag/team
   * has no value to match and fails [OPS] ("the condition returns true if the request includes the ... tag key" [ADD-TAG]).
   * AWS refused: ImplicitDeny, agrees.
   */
  @Test
  void tagRoleWithoutTheRequiredTagKeyIsRefused() throws Exception {
    everyAction("abac-tagrole-no-team", "ImplicitDeny", "agrees", "StringEquals aws:RequestTag/team is false when the"
        + " request carries no team tag [ADD-TAG]");
    decidedOn(action("abac-tagrole-no-team", "iam:TagRole"), "aws:RequestTag/team", "NoMatch");
  }

  // ------------------------------------------------------------------ 2. ForAllValues / ForAnyValue with and without tags

  /**
   * Q5, the documented trap. vacuous may create users when ForAllValues:StringEquals aws:TagKeys [team]. CreateUser svc-a
   * with NO tags: "The ForAllValues set operator also returns true if there are no context keys in the request" [MULTI-EX].
   * AWS allowed; the replay must say Allowed (agrees), not undetermined and not denied.
   */
  @Test
  void forAllValuesIsVacuouslyTrueForARequestWithoutTags() throws Exception {
    everyAction("abac-forall-notags", "Allowed", "agrees", "ForAllValues returns true if there are no context keys in the"
        + " request [MULTI-EX]");
  }

  /** Q6. The same policy, CreateUser svc-b tagged team=red: every key is team; Allowed, agrees. */
  @Test
  void forAllValuesHoldsWhenEveryTagKeyIsListed() throws Exception {
    everyAction("abac-forall-team", "Allowed", "agrees", "every tag key in the request ([team]) is in the policy [MULTI-EX]");
  }

  /**
   * Q7. The same policy, CreateUser svc-c tagged Team=red: aws:TagKeys holds "Team" and StringEquals is case sensitive
   * [OPS], so "Team" does not match "team" and ForAllValues fails. AWS refused: ImplicitDeny, agrees.
   */
  @Test
  void tagKeyCaseMattersUnderStringEqualsOnTagKeys() throws Exception {
    everyAction("abac-forall-case", "ImplicitDeny", "agrees", "StringEquals is case sensitive [OPS]: aws:TagKeys [Team]"
        + " does not match [team]");
  }

  /**
   * Q8. anyvalue may create users when ForAnyValue:StringEquals aws:TagKeys [team]. CreateUser svc-d with NO tags: with no
   * context key in the request ForAnyValue returns false [MULTI]; AWS refused: ImplicitDeny, agrees.
   */
  @Test
  void forAnyValueIsFalseForARequestWithoutTags() throws Exception {
    everyAction("abac-anyvalue-notags", "ImplicitDeny", "agrees", "ForAnyValue returns false when the key is not in the"
        + " request [MULTI]");
  }

  /** Q9. The same policy, tags team and cost: at least one key (team) matches [MULTI]; Allowed, agrees. */
  @Test
  void forAnyValueHoldsWhenOneTagKeyMatches() throws Exception {
    everyAction("abac-anyvalue-team-and-more", "Allowed", "agrees", "at least one request value (team) matches [MULTI]");
  }

  // ------------------------------------------------------------------ 3. Null, IgnoreCase, StringLike, untag

  /**
   * Q10. requireteam: Allow iam:CreateRole; Deny iam:CreateRole when Null aws:RequestTag/team = true. CreateRole tagged only
   * project=x: the team key is absent, Null true holds [OPS], the Deny applies: ExplicitDeny, agrees. CreateRole tagged
   * team=red: the Deny does not apply: Allowed, agrees.
   */
  @Test
  void nullOnARequestTagDeniesARoleWithoutTheTag() throws Exception {
    everyAction("abac-null-missing", "ExplicitDeny", "agrees", "Null aws:RequestTag/team true holds when the request has"
        + " no team tag [OPS]");
    decidedOn(action("abac-null-missing", "iam:CreateRole"), "aws:RequestTag/team", "Match");
    everyAction("abac-null-present", "Allowed", "agrees", "with team in the request, Null ... true does not hold [OPS]");
  }

  /**
   * Q11. envtagger: StringEqualsIgnoreCase aws:RequestTag/env = prod; CreateRole tagged env=PROD. "Exact matching,
   * ignoring case" [OPS]: Allowed, agrees.
   */
  @Test
  void stringEqualsIgnoreCaseMatchesTheTagValueInAnyCase() throws Exception {
    everyAction("abac-ignorecase", "Allowed", "agrees", "StringEqualsIgnoreCase prod matches PROD [OPS]");
    decidedOn(action("abac-ignorecase", "iam:CreateRole"), "aws:RequestTag/env", "Match");
  }

  /**
   * Q12. envtagger may TagUser when ForAllValues:StringLike aws:TagKeys [app-*]. Tags app-owner, app-tier: every key
   * matches the pattern: Allowed, agrees. Tags app-owner, team: team does not: ImplicitDeny, agrees [MULTI-EX] (the
   * page's example uses ForAllValues:StringNotLike aws:TagKeys "key1*").
   */
  @Test
  void forAllValuesStringLikeChecksEveryTagKeyAgainstThePattern() throws Exception {
    everyAction("abac-like-ok", "Allowed", "agrees", "every key matches app-* [MULTI-EX]");
    everyAction("abac-like-extra", "ImplicitDeny", "agrees", "team does not match app-*, so ForAllValues fails [MULTI-EX]");
    decidedOn(action("abac-like-extra", "iam:TagUser"), "aws:TagKeys", "NoMatch");
  }

  /**
   * Q13. untagger: Allow iam:UntagRole; Deny when ForAnyValue:StringEquals aws:TagKeys [team]. An untag request's
   * aws:TagKeys are the keys it removes (UntagRole requestParameters.tagKeys). Removing team: ExplicitDeny, agrees;
   * removing project: Allowed, agrees [MULTI], [IAM-TAGS].
   */
  @Test
  void untagOfAProtectedKeyIsDeniedOnTheLoggedTagKeys() throws Exception {
    everyAction("abac-untag-team", "ExplicitDeny", "agrees", "aws:TagKeys [team] matches ForAnyValue [team] [MULTI]");
    everyAction("abac-untag-other", "Allowed", "agrees", "aws:TagKeys [project] does not match [team]; the Deny does not"
        + " apply [MULTI]");
  }

  // ------------------------------------------------------------------ 4. ec2:CreateAction

  /**
   * Q14. launcher has exactly the EC2 User Guide's example policy: ec2:RunInstances on *, ec2:CreateTags on
   * arn:aws:ec2:REGION:ACCOUNT:*&#47;* when StringEquals ec2:CreateAction = RunInstances [EC2-TOC]. A RunInstances with a
   * tagSpecificationSet (instance tagged team=red) succeeded: AWS authorized ec2:CreateTags as part of RunInstances, so
   * ec2:CreateAction is RunInstances, which the record carries (eventName). The replay must decide the CreateTags step
   * Allowed on the ec2:CreateAction condition and agree, not leave it undetermined.
   */
  @Test
  void tagOnLaunchIsAllowedByTheCreateActionCondition() throws Exception {
    JsonNode tags = action("abac-run-tagged", "ec2:CreateTags");
    assertThat(tags.path("decision").asText() + " / " + tags.path("verdict").asText())
        .as("AWS documents [EC2-TOC]: ec2:CreateTags during RunInstances is authorized with ec2:CreateAction = RunInstances"
            + " (the example policy allows it). The product said: " + why(tags))
        .isEqualTo("Allowed / agrees");
    decidedOn(tags, "ec2:CreateAction", "Match");
    everyAction("abac-run-tagged", "Allowed", "agrees", "the EC2 example policy allows launching with tags [EC2-TOC]");
  }

  /**
   * Q15. The same user calls CreateTags directly on the instance: "Users are not permitted to tag any existing resources
   * (they cannot call the ec2:CreateTags action directly)" [EC2-TOC]; CloudTrail recorded Client.UnauthorizedOperation.
   * A direct CreateTags is no resource-creating action, so ec2:CreateAction is not in the request and the only statement
   * granting ec2:CreateTags cannot match: ImplicitDeny, agrees. Not undetermined: the record says which API was called.
   */
  @Test
  void directCreateTagsIsRefusedBecauseItIsNoCreateAction() throws Exception {
    everyAction("abac-createtags-direct", "ImplicitDeny", "agrees", "with the example policy users \"cannot call the"
        + " ec2:CreateTags action directly\" [EC2-TOC]");
  }

  // ------------------------------------------------------------------ 5. aws:ResourceTag

  /**
   * Q16. roleadmin (team=red) may PutRolePolicy on roles whose aws:ResourceTag/team = ${aws:PrincipalTag/team} [IAM-TAGS].
   * It put a policy on red-app, which the case's authorization details tag team=red: the role's tags are in the case, so
   * the condition is decided: Allowed, agrees, on aws:ResourceTag/team. Not undetermined.
   */
  @Test
  void resourceTagOfAnIamRoleHeldByTheCaseDecides() throws Exception {
    everyAction("abac-restag-own", "Allowed", "agrees", "aws:ResourceTag/team of red-app is red (its IAM tag, in the case's"
        + " authorization details) = the caller's team tag [IAM-TAGS]");
    decidedOn(action("abac-restag-own", "iam:PutRolePolicy"), "aws:ResourceTag/team", "Match");
  }

  /** Q17. The same on blue-app (team=blue in the case): the condition fails; AWS refused: ImplicitDeny, agrees. */
  @Test
  void resourceTagOfAnotherTeamsRoleRefuses() throws Exception {
    everyAction("abac-restag-other", "ImplicitDeny", "agrees", "aws:ResourceTag/team of blue-app is blue, not red"
        + " [IAM-TAGS]");
  }

  /**
   * Q18. The same on ghost-app, a role the case does not hold: its tags are in neither the record nor the case, so the
   * decision depends on a value nobody has: undetermined, naming aws:ResourceTag.
   */
  @Test
  void resourceTagOfARoleOutsideTheCaseIsUndetermined() throws Exception {
    JsonNode e = action("abac-restag-unknown", "iam:PutRolePolicy");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    assertThat(ExplainedEvents.missing(e)).as(why(e)).anySatisfy(m -> assertThat(m).startsWith("aws:resourcetag/"));
  }

  /**
   * Q19. operator may StopInstances on instances tagged team=red (aws:ResourceTag/team). The record of a StopInstances
   * does not carry the instance's tags and the case holds no EC2 tags: undetermined on aws:ResourceTag, never a guess.
   */
  @Test
  void resourceTagOfAnEc2InstanceIsUndetermined() throws Exception {
    JsonNode e = action("abac-stop-instance", "ec2:StopInstances");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    assertThat(ExplainedEvents.missing(e)).as(why(e)).anySatisfy(m -> assertThat(m).startsWith("aws:resourcetag/"));
  }

  /**
   * Q20. objreader may GetObject when s3:ExistingObjectTag/classification = public [S3-TAGS]; the data event does not
   * carry the object's tags: undetermined on s3:ExistingObjectTag.
   */
  @Test
  void existingObjectTagIsUndetermined() throws Exception {
    JsonNode e = action("abac-objtag", "s3:GetObject");
    assertThat(e.path("verdict").asText()).as(why(e)).isEqualTo("undetermined");
    assertThat(ExplainedEvents.missing(e)).as(why(e)).anySatisfy(m -> assertThat(m).startsWith("s3:existingobjecttag/"));
  }

  // ------------------------------------------------------------------ 6. ${aws:PrincipalTag/team} in Resource

  /**
   * Q21. dev (IAM tag team=red) may GetObject on arn:aws:s3:::team-data/${aws:PrincipalTag/team}/* [VARS]. red/report.csv:
   * Allowed, agrees; blue/report.csv: ImplicitDeny, agrees (AWS refused).
   */
  @Test
  void principalTagVariableInTheResourceLimitsToTheTeamsPrefix() throws Exception {
    everyAction("abac-var-own", "Allowed", "agrees", "the Resource resolves to team-data/red/* with dev's tag [VARS]");
    everyAction("abac-var-other", "ImplicitDeny", "agrees", "blue/report.csv is outside team-data/red/* [VARS]");
  }

  /**
   * Q22. notag has the same policy and no team tag (the case holds the user and its empty tag list): the variable has no
   * value, the statement cannot match [VARS] ("might cause the entire statement to be invalid"); AWS refused:
   * ImplicitDeny, agrees. Not undetermined: the case knows the user has no such tag.
   */
  @Test
  void principalTagVariableWithoutTheTagMatchesNothing() throws Exception {
    everyAction("abac-var-untagged", "ImplicitDeny", "agrees", "${aws:PrincipalTag/team} cannot be resolved for a user"
        + " without the tag; the statement does not apply [VARS]");
  }

  // ------------------------------------------------------------------ 7. KMS TagResource (tagKey / tagValue)

  /**
   * Q23. kmsadmin may kms:TagResource when StringEquals aws:RequestTag/Project = alpha and ForAllValues:StringEquals
   * aws:TagKeys [Project] [KMS-CT]. The record carries the tags as KMS logs them: [{"tagKey": "Project", "tagValue":
   * "alpha"}] [KMS-CT]. Both conditions hold: Allowed, agrees, decided on aws:RequestTag/Project.
   */
  @Test
  void kmsTagResourceIsDecidedOnItsLoggedTags() throws Exception {
    JsonNode e = action("abac-kms-tag-ok", "kms:TagResource");
    assertThat(e.path("decision").asText() + " / " + e.path("verdict").asText()).as("AWS documents [KMS-CT]: the request"
        + " carries tags [{tagKey: Project, tagValue: alpha}], so aws:RequestTag/Project = alpha and aws:TagKeys = [Project]."
        + " The product said: " + why(e)).isEqualTo("Allowed / agrees");
    decidedOn(e, "aws:RequestTag/Project", "Match");
  }

  /**
   * Q24. The same user tags the key Department=IT (the KMS guide's own example record): Department is not in [Project] and
   * aws:RequestTag/Project is absent, so no statement allows; AWS refused (AccessDeniedException): ImplicitDeny, agrees.
   * A replay that does not read tagKey/tagValue sees a request with no tags, where ForAllValues is vacuously true [MULTI-EX].
   */
  @Test
  void kmsTagResourceWithAnotherKeyIsRefused() throws Exception {
    JsonNode e = action("abac-kms-tag-other-key", "kms:TagResource");
    assertThat(e.path("decision").asText() + " / " + e.path("verdict").asText()).as("AWS documents [KMS-CT], [MULTI-EX]:"
        + " aws:TagKeys = [Department] fails ForAllValues [Project]. The product said: " + why(e))
        .isEqualTo("ImplicitDeny / agrees");
    decidedOn(e, "aws:TagKeys", "NoMatch");
  }
}
