package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of the policy grammar at its edges, as an analyst meets it: "does this policy really allow or deny this
 * call?". Set operators on missing keys, ...IfExists and Null, policy variables (role sessions, absent tags, defaults,
 * escapes, Version 2008-10-17), wildcards and case, NotAction / NotResource / NotPrincipal, IPv6, Date values in epoch
 * and ISO form, OR within a key and AND across keys, ArnEquals against StringEquals. Run end to end: the records and
 * IAM data of {@code src/test/resources/fixtures/grammar} (written by {@code make.py} there: one account's
 * get-account-authorization-details, a resource-policies/v1 manifest of bucket policies, CloudTrail records of S3
 * GetObject data events, IAM CreateRole / CreateUser and one STS AssumeRole) are imported with the CLI and each event
 * is read back with {@code explain --event ID --json}. Every record's outcome is the one AWS documents, so a
 * product that answers as AWS does says "agrees".
 *
 * <p>Account 111122223333. Each IAM user (and role) holds one inline policy made for one question; every bucket has a
 * bucket policy (a Deny on aws:SecureTransport false that never applies to these TLS calls, or the policy under test),
 * so no decision waits on a bucket policy the case lacks.
 *
 * <p>Pages (IAM User Guide unless said otherwise):
 *
 * <ul>
 *   <li>[SETS] "Creating a condition with multiple keys or values" / "Single-valued vs. multivalued context keys":
 *       ForAllValues "also returns true if there are no keys in the request, or if the key values resolve to a null
 *       data set"; ForAnyValue "For no matching key or a null dataset, the condition returns false"; "Using condition
 *       set operators with single-valued condition keys can lead to overly permissive policies".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 *   <li>[OPS] "IAM JSON policy elements: Condition operators": "If the key that you specify in a policy condition is
 *       not present in the request context, the values do not match and the condition is false. If the policy
 *       condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not
 *       present, the condition is true." ...IfExists: "If the key is not present, evaluate the condition element as
 *       true" and "If you are using an "Effect": "Deny" element with a negated condition operator like
 *       StringNotEqualsIfExists, the request is still denied even if the tag is missing." Null: "use either true (the
 *       key doesn't exist — it is null) or false (the key exists and its value is not null)". IP: "an IPv4 or IPv6
 *       address or range ... (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64)". Date: "You must specify
 *       date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time."
 *       ARN: "Each of the six colon-delimited components of the ARN is checked separately and each can include
 *       multi-character match wildcards (*) ... The ArnEquals and ArnLike condition operators behave identically."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 *   <li>[VARS] "IAM policy elements: Variables and tags": aws:username and aws:userid for a role: "not present means
 *       that the value is not in the current request information, and any attempt to match it fails"; "If you don't
 *       include the Version element and set it to an appropriate version date, variables like ${aws:username} are
 *       treated as literal strings"; "${?} - use where you need a ? (question mark) character"; default values:
 *       "surround the default value with single quotes (' '), and separate the variable text and the default value
 *       with a comma and space"; section "Policy variables with no value": "If a variable that has no value in the
 *       authorization context is used as part of the Resource or NotResource element of a policy, the resource that
 *       includes a policy variable with no value will not match any resource", and in a Condition "the value is
 *       effectively null. There is no equal or like value ... Inverted condition operators like StringNotEquals or
 *       StringNotLike do match against a null value".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 *   <li>[USERID] "Amazon S3: Allows federated users access to their S3 home directory, programmatically and in the
 *       console": "The ${aws:userid} variable in this policy resolves to role-id:specified-name. The role-id part ... is
 *       a unique identifier assigned to the federated user's role during creation ... The specified-name is the
 *       RoleSessionName parameter".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_federated-home-directory-console.html
 *   <li>[COND] "IAM JSON policy elements: Condition": "Context key names are not case-sensitive ... Case-sensitivity
 *       of context key values depends on the condition operator ... StringEquals ... Users named JohnDoe are denied
 *       access"; StringEqualsIgnoreCase matches either spelling.
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 *   <li>[ACTION] "IAM JSON policy elements: Action": "The prefix and the action name are case insensitive. For
 *       example, iam:ListAccessKeys is the same as IAM:listaccesskeys"; "You can also use wildcards (*) as part of the
 *       action name". https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 *   <li>[RES] "IAM JSON policy elements: Resource": "The asterisk (*) character can expand to replace everything
 *       within a segment, including characters like a forward slash (/) that may otherwise appear to be a
 *       delimiter within a given service namespace".
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 *   <li>[MULTI] "Creating a condition with multiple keys or values": "If your policy has multiple condition operators
 *       or multiple keys attached to a single condition operator, the conditions are evaluated using a logical AND.
 *       If a single condition operator includes multiple values for one key, that condition operator is evaluated
 *       using a logical OR." https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 *   <li>[NOTACTION] "IAM JSON policy elements: NotAction": "The following example allows users to access every action
 *       in every AWS service except for IAM" ("NotAction": "iam:*", "Resource": "*").
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 *   <li>[NOTPRINCIPAL] "IAM JSON policy elements: NotPrincipal": the NotPrincipal element "contains the ARN of the
 *       assumed-role user (cross-account-audit-app), the role (cross-account-read-only-role), and the AWS account";
 *       "When you specify an assumed-role session in a NotPrincipal element, you cannot use a wildcard (*) to mean
 *       "all sessions". Principals must always name a specific session."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 *   <li>[PARN] "AWS global condition context keys", aws:PrincipalArn: "For IAM roles, the request context returns the
 *       ARN of the role, not the ARN of the user that assumed the role."
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
 * </ul>
 *
 * Tests that show a wrong answer fail with what AWS documents and what the product said; they are not disabled.
 * Only the product's own paths are used (import, explain --json); src/main is not changed.
 */
class GrammarAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/grammar");
  static final String DATA = "arn:aws:s3:::grammar-data/reports/a.csv";

  @TempDir static Path tmp;
  static Path caseDir;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam.json", "resource-policies.json");
    assertThat(r.out()).contains("11 resource policies").contains("37 added");
  }

  static JsonNode explain(String eventId) throws Exception {
    return ExplainedEvents.only(caseDir, eventId);
  }

  /** The event's only action has this resource (when not null), decision and verdict; the message says what AWS documents. */
  static JsonNode check(SoftAssertions soft, String eventId, String resource, String decision, String verdict, String aws)
      throws Exception {
    JsonNode e = explain(eventId);
    String said = "\nThe product said: " + ExplainedEvents.why(e);
    if (resource != null) {
      soft.assertThat(e.path("request").path("resource").asText()).as("resource of " + eventId + said).isEqualTo(resource);
    }
    soft.assertThat(e.path("decision").asText() + " / " + e.path("verdict").asText())
        .as("AWS documents: " + aws + said).isEqualTo(decision + " / " + verdict);
    return e;
  }

  // ------------------------------------------------------------------ set operators

  /**
   * Q1. fav-deny may create roles, but a Deny applies with ForAllValues:StringEquals aws:TagKeys [team, project]. It
   * creates a role with no tags at all (aws:TagKeys absent). [SETS]: ForAllValues "also returns true if there are no
   * keys in the request", so the Deny applies: ExplicitDeny (CloudTrail recorded AccessDenied).
   */
  @Test
  void forAllValuesInADenyAppliesWhenTheKeyIsMissing() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    JsonNode e = check(soft, "g-fav-deny-untagged", "arn:aws:iam::111122223333:role/untagged-1", "ExplicitDeny", "agrees",
        "[SETS] ForAllValues is true when the request has no aws:TagKeys, so the Deny applies");
    soft.assertThat(ExplainedEvents.conditionsOn(e.path("trace"), "aws:TagKeys")).as(ExplainedEvents.why(e))
        .anySatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("Match"));
    soft.assertAll();
  }

  /**
   * Q2. fany-deny: a Deny with ForAnyValue:StringEquals aws:TagKeys [owner]; it creates a role with no tags. [SETS]:
   * ForAnyValue on a missing key is false, the Deny does not apply and the Allow stands: Allowed.
   */
  @Test
  void forAnyValueInADenyDoesNotApplyWhenTheKeyIsMissing() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-fany-deny-untagged", "arn:aws:iam::111122223333:role/untagged-2", "Allowed", "agrees",
        "[SETS] ForAnyValue returns false for no matching key, so the Deny does not apply");
    soft.assertAll();
  }

  /**
   * Q3. fav-vpce is allowed s3:GetObject only with ForAllValues:StringEquals aws:SourceVpce [vpce-1a2b3c4d] — a set
   * operator on a single-valued key. The call comes over the internet (no vpcEndpointId, aws:SourceVpce absent).
   * [SETS]: ForAllValues is true when the key is absent, the "overly permissive" case: Allowed.
   */
  @Test
  void forAllValuesOnAnAbsentSingleValuedKeyAllows() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-fav-vpce-public", DATA, "Allowed", "agrees",
        "[SETS] ForAllValues returns true if there are no keys in the request (aws:SourceVpce absent off an endpoint)");
    soft.assertAll();
  }

  /**
   * Q4. fany-region: Allow with ForAnyValue:StringEquals aws:RequestedRegion [eu-west-1, eu-central-1] (a set operator
   * on a single-valued key); the call is in us-east-1. [SETS]: the one request value matches no policy value, false:
   * ImplicitDeny.
   */
  @Test
  void forAnyValueOnASingleValuedKeyComparesItsOneValue() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-fany-region-us", DATA, "ImplicitDeny", "agrees",
        "[SETS] ForAnyValue is true only if a request value (us-east-1) matches a policy value");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ ...IfExists and Null

  /**
   * Q5. mfa-deny: Deny s3:GetObject with BoolIfExists aws:MultiFactorAuthPresent false; the call is signed with a
   * long-term access key (AKIA…), so the key is absent. [OPS]: IfExists on a missing key is true: the Deny applies.
   */
  @Test
  void ifExistsDenyAppliesToALongTermKeyWithoutTheMfaKey() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-ifexists-deny-longterm", DATA, "ExplicitDeny", "agrees",
        "[OPS] If the key is not present, ...IfExists evaluates the condition element as true");
    soft.assertAll();
  }

  /**
   * Q6. vpce-ifexists: Allow with StringEqualsIfExists aws:SourceVpce vpce-1a2b3c4d; the call is not through an
   * endpoint. [OPS]: the key is absent, IfExists holds: Allowed.
   */
  @Test
  void ifExistsAllowHoldsWhenTheKeyIsAbsent() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-ifexists-allow-public", DATA, "Allowed", "agrees",
        "[OPS] If the key is not present, ...IfExists evaluates the condition element as true");
    soft.assertAll();
  }

  /**
   * Q7. Null aws:TokenIssueTime "true" (long-term credentials only): a user's access-key call is allowed; the same
   * policy on role NullRole does not allow its session (temporary credentials carry aws:TokenIssueTime). Null "false"
   * on TempOnlyRole allows its session. [OPS] Null: true = the key doesn't exist, false = it exists.
   */
  @Test
  void nullTrueAndFalse() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-null-true-user", DATA, "Allowed", "agrees", "[OPS] Null true holds when aws:TokenIssueTime is absent (access key)");
    check(soft, "g-null-true-session", DATA, "ImplicitDeny", "agrees",
        "[OPS] Null true fails for a role session, whose request carries aws:TokenIssueTime");
    check(soft, "g-null-false-session", DATA, "Allowed", "agrees", "[OPS] Null false holds when the key exists (role session)");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ policy variables

  /**
   * Q8. HomeRole allows s3:GetObject on home-bucket/${aws:username}/*. Its session "alice" reads home-bucket/alice/….
   * [VARS]: aws:username is not present for a role ("any attempt to match it fails"); the session name is not a user
   * name: ImplicitDeny.
   */
  @Test
  void usernameVariableMatchesNothingForARoleSession() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-username-session", "arn:aws:s3:::home-bucket/alice/notes.txt", "ImplicitDeny", "agrees",
        "[VARS] aws:username is not present for a role session, so ${aws:username} matches nothing");
    soft.assertAll();
  }

  /**
   * Q9. HomeRole allows shared-bucket/${aws:username, 'common'}/*; the session reads shared-bucket/common/…. [VARS]:
   * the default value stands in for the key that has no value: Allowed.
   */
  @Test
  void defaultValueStandsInForTheMissingUsername() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-default-session", "arn:aws:s3:::shared-bucket/common/notes.txt", "Allowed", "agrees",
        "[VARS] ${aws:username, 'common'} resolves to the default 'common' for a role session");
    soft.assertAll();
  }

  /**
   * Q10. HomeRole allows id-bucket/${aws:userid}/*; session alice (principalId AROAHOMEROLEEXAMPLE1:alice) reads
   * id-bucket/AROAHOMEROLEEXAMPLE1:alice/…. [USERID]: aws:userid of a role session is role-id:session-name: Allowed.
   */
  @Test
  void useridVariableOfARoleSessionIsRoleIdColonSessionName() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-userid-session", "arn:aws:s3:::id-bucket/AROAHOMEROLEEXAMPLE1:alice/notes.txt", "Allowed", "agrees",
        "[USERID] ${aws:userid} resolves to role-id:specified-name");
    soft.assertAll();
  }

  /**
   * Q11. FenceRole allows every GetObject but denies with NotResource fence-bucket/${aws:username}/* ("everything
   * outside your home"). Its session alice reads fence-bucket/alice/…. [VARS], "Policy variables with no value": in a
   * NotResource the entry with a variable without value "will not match any resource", so it excludes nothing and the
   * Deny covers the object: ExplicitDeny.
   */
  @Test
  void unresolvedVariableInNotResourceExcludesNothing() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-notresource-session", "arn:aws:s3:::fence-bucket/alice/notes.txt", "ExplicitDeny", "agrees",
        "[VARS] a NotResource entry whose variable has no value matches no resource, so the Deny covers it");
    soft.assertAll();
  }

  /**
   * Q12. tagless (IAM tags: dept only) is allowed team-bucket/${aws:PrincipalTag/team}/*; it reads team-bucket/red/….
   * The case's IAM data lists the user's tags, so the team tag is known to be absent. [VARS]: a Resource with a
   * variable without value matches no resource: ImplicitDeny, decided (not undetermined).
   */
  @Test
  void absentPrincipalTagInResourceMatchesNothing() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-tag-absent-resource", "arn:aws:s3:::team-bucket/red/plan.txt", "ImplicitDeny", "agrees",
        "[VARS] ${aws:PrincipalTag/team} has no value (the user's tags are known), the Resource matches nothing");
    soft.assertAll();
  }

  /**
   * Q13 (ABAC deny with an inverted operator, the request key present). tagless-dev (no team tag) may create roles but
   * a Deny applies on StringNotEquals aws:RequestTag/team = ${aws:PrincipalTag/team}; it creates a role tagged
   * team=red. TagOwnerRole: Deny on StringNotEquals aws:RequestTag/owner = ${aws:username}; its session alice (the
   * AssumeRole is in the case, no session policy) creates a role tagged owner=alice — aws:username is not present for
   * a role session. [VARS] "Policy variables with no value": the value "is effectively null. There is no equal or like
   * value ... Inverted condition operators like StringNotEquals or StringNotLike do match against a null value": the
   * Deny applies, ExplicitDeny, as CloudTrail recorded.
   */
  @Test
  void invertedOperatorMatchesAVariableWithNoValue() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-tag-absent-notequals", "arn:aws:iam::111122223333:role/red-worker", "ExplicitDeny", "agrees",
        "[VARS] StringNotEquals matches against the null value of ${aws:PrincipalTag/team} (the user has no team tag),"
            + " so the Deny applies");
    check(soft, "g-var-username-notequals-session", "arn:aws:iam::111122223333:role/alice-worker", "ExplicitDeny", "agrees",
        "[VARS] StringNotEquals matches against the null value of ${aws:username} (not present for a role session),"
            + " so the Deny applies");
    soft.assertAll();
  }

  /**
   * Q14 (the same Deny, the request key missing). tagless-ops (no team tag) has Deny StringNotEquals
   * aws:RequestTag/team = ${aws:PrincipalTag/team} and creates a role without tags. [OPS]: a negated operator on a key
   * that is not present is true ("If the policy condition requires that the key is not matched ... and the right key
   * is not present, the condition is true"), whatever the policy value; [VARS] says the same of the null value. The
   * Deny applies: ExplicitDeny.
   */
  @Test
  void negatedOperatorOnAMissingKeyHoldsEvenWhenItsVariableHasNoValue() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-tag-absent-notequals-untagged", "arn:aws:iam::111122223333:role/ops-worker", "ExplicitDeny", "agrees",
        "[OPS] StringNotEquals on a key that is not present (no aws:RequestTag/team) is true, so the Deny applies");
    soft.assertAll();
  }

  /**
   * Q15 (...IfExists in a Deny, the request key missing). tagless-ifexists has Deny StringNotEqualsIfExists
   * aws:RequestTag/team = ${aws:PrincipalTag/team} and creates a role without tags. [OPS]: "If the key is not present,
   * evaluate the condition element as true" and "If you are using an "Effect": "Deny" element with a negated condition
   * operator like StringNotEqualsIfExists, the request is still denied even if the tag is missing": ExplicitDeny.
   * The same rule in an Allow: tagless-allow may create roles on StringEqualsIfExists aws:RequestTag/team =
   * ${aws:PrincipalTag/team} ("untagged, or tagged with my team") and creates an untagged role: the key is missing,
   * the condition is true, Allowed (CloudTrail recorded success).
   */
  @Test
  void ifExistsDenyOnAMissingKeyHoldsEvenWhenItsVariableHasNoValue() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-tag-absent-ifexists-untagged", "arn:aws:iam::111122223333:role/ops-worker-2", "ExplicitDeny", "agrees",
        "[OPS] StringNotEqualsIfExists on a missing key evaluates as true; with Deny \"the request is still denied even if"
            + " the tag is missing\"");
    check(soft, "g-var-tag-absent-ifexists-allow", "arn:aws:iam::111122223333:role/ops-worker-3", "Allowed", "agrees",
        "[OPS] StringEqualsIfExists on a missing key (the role is untagged) evaluates as true, so the Allow grants");
    soft.assertAll();
  }

  /**
   * Q16. oldver's policy has Version 2008-10-17 and allows home-bucket/${aws:username}/*; it reads home-bucket/oldver/….
   * [VARS]: without Version 2012-10-17 variables are literal strings: ImplicitDeny.
   */
  @Test
  void variablesAreLiteralTextInA2008Policy() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-2008-literal", "arn:aws:s3:::home-bucket/oldver/notes.txt", "ImplicitDeny", "agrees",
        "[VARS] in a 2008-10-17 policy ${aws:username} is the literal text, which the key oldver/… does not contain");
    soft.assertAll();
  }

  /**
   * Q17. faq-reader is allowed grammar-data/faq/what${?}.txt. [VARS]: ${?} is a literal question mark: the object
   * "faq/what?.txt" is allowed, "faq/whats.txt" is not (it would be, were ? a wildcard).
   */
  @Test
  void questionMarkEscapeIsLiteral() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-var-escape-literal", "arn:aws:s3:::grammar-data/faq/what?.txt", "Allowed", "agrees",
        "[VARS] ${?} stands for a literal ?");
    check(soft, "g-var-escape-other", "arn:aws:s3:::grammar-data/faq/whats.txt", "ImplicitDeny", "agrees",
        "[VARS] ${?} is not a wildcard, so 's' does not match it");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ wildcards and case

  /**
   * Q18. wild: Action "S3:get*CT" (upper/lower case mixed, a wildcard inside the name), Resource "arn:aws:s3:::*",
   * condition key spelled "AWS:SOURCEIP". The user reads grammar-data/deep/path/to/a.csv from 198.51.100.20. [ACTION]
   * action names are not case-sensitive and take wildcards; [RES] the * in the resource part spans "/" (so
   * arn:aws:s3:::* covers objects, not only buckets); [COND] key names are not case-sensitive: Allowed.
   */
  @Test
  void actionWildcardCaseAndResourceStarAcrossSlashes() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-wild-action-case", "arn:aws:s3:::grammar-data/deep/path/to/a.csv", "Allowed", "agrees",
        "[ACTION] S3:get*CT covers s3:GetObject; [RES] arn:aws:s3:::* spans '/'; [COND] AWS:SOURCEIP is aws:SourceIp");
    soft.assertAll();
  }

  /**
   * Q19. User "Dana": StringEquals aws:username "dana" on exact-bucket, StringEqualsIgnoreCase aws:username "dana" on
   * anycase-bucket. [COND]: values are case-sensitive under StringEquals (ImplicitDeny on exact-bucket), not under
   * StringEqualsIgnoreCase (Allowed on anycase-bucket).
   */
  @Test
  void stringEqualsIsCaseSensitiveOnValuesIgnoreCaseIsNot() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-case-stringequals", "arn:aws:s3:::exact-bucket/a.txt", "ImplicitDeny", "agrees",
        "[COND] StringEquals is case-sensitive: 'Dana' is not 'dana'");
    check(soft, "g-case-ignorecase", "arn:aws:s3:::anycase-bucket/a.txt", "Allowed", "agrees",
        "[COND] StringEqualsIgnoreCase matches 'Dana' to 'dana'");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ NotAction, NotPrincipal

  /**
   * Q20. notaction: Allow NotAction iam:* on Resource *. [NOTACTION]: every action of every service except IAM:
   * s3:GetObject allowed; iam:CreateUser (a backdoor user) not allowed by it: ImplicitDeny.
   */
  @Test
  void notActionAllowGrantsEverythingButIam() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-notaction-s3", DATA, "Allowed", "agrees", "[NOTACTION] NotAction iam:* with Allow covers s3:GetObject");
    check(soft, "g-notaction-iam", "arn:aws:iam::111122223333:user/backdoor", "ImplicitDeny", "agrees",
        "[NOTACTION] NotAction iam:* with Allow does not grant iam:CreateUser");
    soft.assertAll();
  }

  /**
   * Q21. audit-bucket's policy: Deny s3:* with NotPrincipal [the session ARN AuditRole/audit-app, the role ARN, the
   * account root]. [NOTPRINCIPAL]: the session named with its role and account is not denied (AuditRole's identity
   * policy allows: Allowed); another session of the same role (other-app) is not named — "Principals must always name
   * a specific session" — and is denied: ExplicitDeny.
   */
  @Test
  void notPrincipalExemptsOnlyTheNamedSession() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-notprincipal-listed", "arn:aws:s3:::audit-bucket/2026/ledger.csv", "Allowed", "agrees",
        "[NOTPRINCIPAL] session, role and account all listed: the Deny does not apply");
    check(soft, "g-notprincipal-other-session", "arn:aws:s3:::audit-bucket/2026/ledger.csv", "ExplicitDeny", "agrees",
        "[NOTPRINCIPAL] another session of the role is not listed: the Deny applies");
    soft.assertAll();
  }

  /**
   * Q22. ops-bucket: Deny s3:* to Principal * with ArnNotEquals aws:PrincipalArn arn:aws:iam::111122223333:role/ops-*;
   * ops2-bucket: the same with StringNotEquals. The session ops-admin/maint reads both. [PARN]: its aws:PrincipalArn is
   * the role ARN …:role/ops-admin; [OPS]: ArnEquals "behave[s] identically" to ArnLike (wildcards apply), so it is not
   * denied on ops-bucket (Allowed); StringNotEquals compares literally, the role ARN is not the text "…role/ops-*",
   * so it is denied on ops2-bucket: ExplicitDeny.
   */
  @Test
  void arnEqualsTakesWildcardsStringEqualsDoesNot() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-arnequals-wildcard", "arn:aws:s3:::ops-bucket/runbook.md", "Allowed", "agrees",
        "[OPS] ArnNotEquals with role/ops-* does not hold for role/ops-admin (ArnEquals behaves as ArnLike)");
    check(soft, "g-stringequals-wildcard", "arn:aws:s3:::ops2-bucket/runbook.md", "ExplicitDeny", "agrees",
        "[OPS] StringNotEquals compares role/ops-admin with the literal text role/ops-*: not equal, the Deny applies");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ IP, Date, AND / OR

  /**
   * Q23. v6: IpAddress aws:SourceIp [203.0.113.0/24, 2001:DB8:1234:5678::/64] (the page's own IPv6 example, upper
   * case). [OPS]: 2001:db8:1234:5678:0:0:0:42 is in the IPv6 range (Allowed); 2001:db8:1234:9999::42 is in neither
   * (ImplicitDeny).
   */
  @Test
  void ipv6RangeInIpAddress() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-ipv6-inside", DATA, "Allowed", "agrees", "[OPS] 2001:db8:1234:5678::42 is in 2001:DB8:1234:5678::/64");
    check(soft, "g-ipv6-outside", DATA, "ImplicitDeny", "agrees", "[OPS] 2001:db8:1234:9999::42 is in neither range");
    soft.assertAll();
  }

  /**
   * Q24. window: DateGreaterThan aws:CurrentTime 1796083200 (epoch of 2026-12-01T00:00:00Z) and DateLessThan
   * aws:EpochTime 2026-12-31T23:59:59Z (ISO 8601); the call is at 2026-12-01T10:00:00Z. [OPS]: dates are given in ISO
   * 8601 or epoch time, each comparable with the other: both hold, Allowed.
   */
  @Test
  void dateOperatorsCompareEpochAndIsoValues() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-date-epoch-iso", DATA, "Allowed", "agrees",
        "[OPS] 2026-12-01T10:00:00Z is after epoch 1796083200 and before 2026-12-31T23:59:59Z");
    soft.assertAll();
  }

  /**
   * Q25. andor: StringEquals {aws:RequestedRegion: [eu-west-1, us-east-1], aws:username: andor} and IpAddress
   * aws:SourceIp 203.0.113.0/24. [MULTI]: two values of one key OR-ed (us-east-1 matches the second), keys and
   * operators AND-ed: from 203.0.113.9 everything holds (Allowed); from 198.51.100.9 the IpAddress fails
   * (ImplicitDeny).
   */
  @Test
  void valuesAreOredKeysAndOperatorsAreAnded() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    check(soft, "g-andor-all-hold", DATA, "Allowed", "agrees", "[MULTI] every key holds (region OR-ed, AND across keys)");
    check(soft, "g-andor-ip-fails", DATA, "ImplicitDeny", "agrees", "[MULTI] the IpAddress operator fails, and all must hold");
    soft.assertAll();
  }

  /** The fixture's own consistency: the issuing AssumeRole of TagOwnerRole/alice agrees, so Q13's session is in the case. */
  @Test
  void theIssuingAssumeRoleIsInTheCase() throws Exception {
    List<JsonNode> l = ExplainedEvents.all(caseDir, "g-assume-tagowner");
    assertThat(l).as(ExplainedEvents.whyAll(l)).isNotEmpty()
        .allSatisfy(e -> assertThat(e.path("verdict").asText()).as(ExplainedEvents.why(e)).isEqualTo("agrees"));
  }
}
