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
 * Audit of Route 53 and DNS: "who changed which records of our hosted zone, who unlocked or gave away our domain,
 * who removed DNS query logging, and was each allowed?". The records and IAM data of
 * {@code src/test/resources/fixtures/route53} are imported with the CLI, then read back with
 * {@code explain --event ID --json}, {@code events --format json --filter …} and {@code findings --no-save --format json}.
 *
 * <p>The case: account 111122223333, hosted zone Z111EXAMPLE1 (example.com). Users: zone-admin (ChangeResourceRecordSets,
 * DeleteQueryLoggingConfig on hostedzone/Z111EXAMPLE1 and queryloggingconfig/* only), www-editor (ChangeResourceRecordSets
 * on hostedzone/* only for record name www.example.com and type A, AWS's [R53-COND] pattern), no-delete (route53:* but a
 * Deny when route53:ChangeResourceRecordSetsActions has DELETE), vpc-linker (AssociateVPCWithHostedZone on "*" only for
 * route53:VPCs = VPCId=vpc-0a1b2c3d4e5f67890,VPCRegion=us-east-1), domain-admin (route53domains:* and two Resolver actions
 * on "*"), domain-scoped (route53domains:* on a domain ARN only). Records have the shape of [R53-CT]'s examples:
 * requestParameters.hostedZoneId and changeBatch.changes[].action / resourceRecordSet.name, type, tTL, resourceRecords,
 * responseElements.changeInfo, additionalEventData.Note, awsRegion us-east-1. Assumptions (the pages give no example):
 * AssociateVPCWithHostedZone's hostedZoneId and vPC {vPCRegion, vPCId}, DisableDomainTransferLock / TransferDomainToAnotherAwsAccount / UpdateDomainNameservers requestParameters as the API's
 * request members (domainName, accountId, nameservers), DeleteQueryLoggingConfig's {@code id}, the Resolver calls'
 * resolverQueryLogConfigId / resourceId, and the error messages of refused calls.
 *
 * <p>Pages (each case quotes the one it relies on):
 * <ul>
 *   <li>[R53-CT] Route 53 Developer Guide, "Logging Amazon Route 53 API calls with AWS CloudTrail":
 *       https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/logging-using-cloudtrail.html - "For Amazon Route 53,
 *       you must choose US East (N. Virginia) as the region, or you won't get any log entries for Route 53 API requests."
 *       and "All Route 53 actions are logged by CloudTrail"; its examples: ChangeResourceRecordSets with
 *       "hostedZoneId": "Z1PA6795UKMFR9", "additionalEventData": {"Note": "Do not use to reconstruct hosted zone"}, and a
 *       route53domains record whose "eventName": "updateDomainContact" (lower-case first letter) with
 *       "domainName": {"name": "example.com"}.
 *   <li>[SAR-R53] Service Authorization Reference, Amazon Route 53:
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html - ChangeResourceRecordSets
 *       "Write", resource types "hostedzone*", condition keys route53:ChangeResourceRecordSetsActions,
 *       route53:ChangeResourceRecordSetsNormalizedRecordNames, route53:ChangeResourceRecordSetsRecordTypes;
 *       DeleteQueryLoggingConfig "queryloggingconfig*"; resource types "hostedzone arn:${Partition}:route53:::hostedzone/${Id}",
 *       "queryloggingconfig arn:${Partition}:route53:::queryloggingconfig/${Id}".
 *   <li>[R53-CH] Route 53 Developer Guide, "Permissions for Change History":
 *       https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-change-history-permissions.html - "The
 *       hostedzone resource type has the ARN arn:aws:route53:::hostedzone/Id."
 *   <li>[R53-COND] Route 53 Developer Guide, "Using IAM policy conditions for fine-grained access control":
 *       https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-rrset-conditions.html - "Grant permissions to
 *       allow access to a single resource record set." / "Grant permissions to allow users to perform only a subset of the
 *       CREATE | UPSERT | DELETE actions on the Route 53 console, or when using the ChangeResourceRecordSets API." / "For
 *       route53:ChangeResourceRecordSetsNormalizedRecordNames: All letters must be lowercase. The DNS name must be without
 *       the trailing dot." / "Grant permissions to allow users to associate or dissociate private hosted zones from a
 *       particular VPC."; for route53:VPCs the value has the form VPCId=&lt;vpc-id&gt;,VPCRegion=&lt;region&gt;, lower case.
 *   <li>[SAR-DOM] Service Authorization Reference, Amazon Route 53 Domains:
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53domains.html -
 *       DisableDomainTransferLock "Grants permission to remove the transfer lock on the domain (specifically the
 *       clientTransferProhibited status) to allow domain transfers", TransferDomainToAnotherAwsAccount "Grants permission to
 *       transfer a domain from the current AWS account to another AWS account", UpdateDomainNameservers, each with an
 *       empty Resource types column; and the reference's rule for that column
 *       (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html):
 *       "If the column is empty, then the action does not support resource-level permissions and you must specify all
 *       resources ("*") in your policy."
 *   <li>[RSLVR] Route 53 API Reference, DeleteResolverQueryLogConfig:
 *       https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_DeleteResolverQueryLogConfig.html -
 *       "Deletes a query logging configuration. When you delete a configuration, Resolver stops logging DNS queries for
 *       all of the Amazon VPCs that are associated with the configuration."
 *   <li>[DET] docs/detections.md, dns-query-logging-removed: "DeleteResolverQueryLogConfig or
 *       DisassociateResolverQueryLogConfig stopped the logging of the DNS queries a VPC's resources make. [...] Failed
 *       attempts are listed as attempts."; new-region-for-principal: "Global services (IAM, STS global endpoint, sign-in,
 *       Organizations, CloudFront, Route 53) log in us-east-1 and are excluded."
 *   <li>[EVAL] IAM User Guide, "How AWS enforcement code logic evaluates requests to allow or deny access":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html -
 *       "By default, all requests are implicitly denied with the exception of the AWS account root user, which has full
 *       access." and "An explicit deny overrides an explicit allow."
 * </ul>
 */
class Route53AuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/route53");
  static final String ZONE = "arn:aws:route53:::hostedzone/Z111EXAMPLE1";
  static final String OTHER_ZONE = "arn:aws:route53:::hostedzone/Z222EXAMPLE2";

  @TempDir static Path tmp;
  static Path caseDir;
  static CliRun imported;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    imported = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam.json");
    assertThat(imported.out()).contains("6 users").contains("16 added");
  }

  static JsonNode explain(String id) throws Exception {
    return ExplainedEvents.only(caseDir, id);
  }

  static String text(JsonNode f) {
    return f.path("rule").asText() + " [" + f.path("severity").asText() + "] " + f.path("title").asText() + " | "
        + f.path("summary").asText() + " | " + f.path("eventIds");
  }

  static List<JsonNode> findings(String rule) throws Exception {
    return ExplainedEvents.findings(caseDir).stream().filter(f -> rule.equals(f.path("rule").asText())).toList();
  }

  static List<String> ids(List<JsonNode> events) {
    return events.stream().map(e -> e.path("eventId").asText()).toList();
  }

  // ------------------------------------------------------------------ 1. the records are read

  /**
   * Q1. "Did the product read every Route 53, Route 53 Domains and Resolver record and know which IAM action each was?"
   * [R53-CT]: "All Route 53 actions are logged by CloudTrail"; [SAR-R53] and [SAR-DOM] list each call's action.
   */
  @Test
  void everyRecordIsImportedAndMappedToItsAction() {
    assertThat(imported.out()).as("AWS [SAR-R53]/[SAR-DOM] name an IAM action for each call; the product said: " + imported.out())
        .contains("16 records read, 16 added").contains("16 IAM, 0 not deniable, 0 not requests, 0 unknown");
  }

  /**
   * Q2. "Which calls went to Route 53?" The records carry eventSource route53.amazonaws.com in us-east-1 [R53-CT]; the
   * eight of the fixture must be listed, and none of route53domains or Resolver.
   */
  @Test
  void route53CallsAreListedByEventSource() throws Exception {
    List<String> got = ids(ExplainedEvents.events(caseDir, "eventSource:route53.amazonaws.com region:us-east-1"));
    assertThat(got).as("8 records have eventSource route53.amazonaws.com, awsRegion us-east-1 [R53-CT]; the product listed " + got)
        .containsExactlyInAnyOrder("r53-zone-ok", "r53-zone-other-denied", "r53-www-a-ok", "r53-www-mx-denied",
            "r53-nodelete-upsert-ok", "r53-nodelete-delete-denied", "r53-vpc-assoc-denied", "r53-qlog-delete");
  }

  /**
   * Q3. "Who changed records of hosted zone Z111EXAMPLE1?" The record names the zone in requestParameters.hostedZoneId
   * [R53-CT], and the zone's ARN is arn:aws:route53:::hostedzone/Z111EXAMPLE1 [R53-CH]. Filtering on that resource must
   * list the five ChangeResourceRecordSets calls on it (allowed or refused), not the one on Z222EXAMPLE2.
   */
  @Test
  void zoneChangesAreFoundByTheHostedZoneArn() throws Exception {
    List<String> got = ids(ExplainedEvents.events(caseDir, "resource:\"" + ZONE + "\""));
    assertThat(got).as("records with hostedZoneId Z111EXAMPLE1 act on " + ZONE + " [R53-CT], [R53-CH]; the product's"
        + " resource filter listed " + got)
        .containsExactlyInAnyOrder("r53-zone-ok", "r53-www-a-ok", "r53-www-mx-denied", "r53-nodelete-upsert-ok",
            "r53-nodelete-delete-denied");
  }

  // ------------------------------------------------------------------ 2. the replay of zone changes

  /**
   * Q4. "zone-admin may change only Z111EXAMPLE1: was its UPSERT of login.example.com allowed?" ChangeResourceRecordSets
   * is authorized on "hostedzone*" [SAR-R53], whose ARN is arn:aws:route53:::hostedzone/Id [R53-CH]; the record names
   * the zone (hostedZoneId). The policy's Resource is that very ARN, so the replay can decide: Allowed, agrees.
   */
  @Test
  void zoneChangeIsReplayedOnTheHostedZoneArn() throws Exception {
    JsonNode e = explain("r53-zone-ok");
    assertThat(e.path("request").path("resource").asText()).as("AWS authorizes ChangeResourceRecordSets on the hosted zone"
        + " [SAR-R53], " + ZONE + " [R53-CH], named by requestParameters.hostedZoneId; the product: " + ExplainedEvents.why(e))
        .isEqualTo(ZONE);
    assertThat(e.path("decision").asText() + "/" + e.path("verdict").asText())
        .as("zone-admin's policy allows " + ZONE + ": expected Allowed/agrees; the product: " + ExplainedEvents.why(e))
        .isEqualTo("Allowed/agrees");
  }

  /**
   * Q5. "zone-admin's change of another zone (Z222EXAMPLE2) was refused: is that what its policies say?" No statement
   * names that zone's ARN [R53-CH], so the request is implicitly denied [EVAL]: ImplicitDeny, agrees.
   */
  @Test
  void changeInAZoneThePolicyDoesNotNameIsImplicitlyDenied() throws Exception {
    JsonNode e = explain("r53-zone-other-denied");
    assertThat(e.path("request").path("resource").asText() + " " + e.path("decision").asText() + "/" + e.path("verdict").asText())
        .as("hostedZoneId Z222EXAMPLE2 is " + OTHER_ZONE + " [R53-CH]; zone-admin's only Resource is " + ZONE
            + ", so AWS denies implicitly [EVAL]; the product: " + ExplainedEvents.why(e))
        .isEqualTo(OTHER_ZONE + " ImplicitDeny/agrees");
  }

  /**
   * Q6. "Who removed the public hosted zone's query logging, and could they?" DeleteQueryLoggingConfig is authorized on
   * "queryloggingconfig*", arn:${Partition}:route53:::queryloggingconfig/${Id} [SAR-R53]; the record names the id.
   * zone-admin's policy allows queryloggingconfig/*: Allowed, agrees, on that ARN.
   */
  @Test
  void queryLoggingConfigDeletionIsReplayedOnItsArn() throws Exception {
    JsonNode e = explain("r53-qlog-delete");
    String arn = "arn:aws:route53:::queryloggingconfig/87654321-dcba-1234-abcd-1a2b3c4d5e6f";
    assertThat(e.path("request").path("resource").asText() + " " + e.path("decision").asText() + "/" + e.path("verdict").asText())
        .as("AWS authorizes DeleteQueryLoggingConfig on " + arn + " [SAR-R53] and the policy allows queryloggingconfig/*;"
            + " the product: " + ExplainedEvents.why(e))
        .isEqualTo(arn + " Allowed/agrees");
  }

  /** The decision passes only when it is {@code decided} with that verdict, or undetermined naming {@code key}. */
  static void decidedOrUndeterminedOn(JsonNode e, String decided, String key, String aws) {
    String d = e.path("decision").asText() + "/" + e.path("verdict").asText();
    if (!d.equals(decided)) {
      assertThat(e.path("decision").asText()).as(aws + "; expected " + decided + " or Undetermined naming " + key
          + "; the product: " + ExplainedEvents.why(e)).isEqualTo("Undetermined");
      assertThat(ExplainedEvents.missing(e)).as(aws + "; an undetermined decision must name " + key + "; the product: "
          + ExplainedEvents.why(e)).contains(key.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /**
   * Q7. "www-editor may change only the A record of www.example.com [R53-COND]: was its UPSERT of www.example.com. A
   * allowed?" The change batch holds one change, name www.example.com. (normalized "without the trailing dot" [R53-COND])
   * and type A: Allowed/agrees when decided from the batch, or undetermined naming the key - never denied.
   */
  @Test
  void recordNameConditionMatchingTheBatchIsNotDenied() throws Exception {
    JsonNode e = explain("r53-www-a-ok");
    decidedOrUndeterminedOn(e, "Allowed/agrees", "route53:ChangeResourceRecordSetsNormalizedRecordNames",
        "the batch changes only www.example.com (normalized) type A, which the condition allows [R53-COND]");
  }

  /**
   * Q8. "www-editor tried to point mail.example.com's MX elsewhere: refused, and rightly?" The batch's name
   * mail.example.com and type MX are outside ForAllValues:StringEquals [www.example.com] / [A] [R53-COND]: implicit deny
   * [EVAL]. Decided from the batch (ImplicitDeny/agrees), or undetermined naming the key; never Allowed (which an absent
   * key would give under ForAllValues).
   */
  @Test
  void recordNameConditionNotMatchingTheBatchIsNeverAllowed() throws Exception {
    JsonNode e = explain("r53-www-mx-denied");
    decidedOrUndeterminedOn(e, "ImplicitDeny/agrees", "route53:ChangeResourceRecordSetsNormalizedRecordNames",
        "the batch changes mail.example.com type MX, outside the condition's www.example.com / A [R53-COND]");
  }

  /**
   * Q9. "no-delete may not DELETE records [R53-COND]: its refused DELETE of app.example.com - the Deny?" The batch's
   * only action is DELETE, so route53:ChangeResourceRecordSetsActions holds DELETE and the Deny applies: "An explicit deny
   * overrides an explicit allow" [EVAL]. ExplicitDeny/agrees, or undetermined naming the key.
   */
  @Test
  void deleteActionConditionDenyIsAppliedOrNamed() throws Exception {
    JsonNode e = explain("r53-nodelete-delete-denied");
    decidedOrUndeterminedOn(e, "ExplicitDeny/agrees", "route53:ChangeResourceRecordSetsActions",
        "the batch's action is DELETE, which no-delete's Deny names [R53-COND], [EVAL]");
  }

  /**
   * Q10. "no-delete's UPSERT of app.example.com: allowed?" The batch's only action is UPSERT, so the DELETE Deny does
   * not apply [R53-COND] and route53:* on "*" allows: Allowed/agrees, or undetermined naming the key - never denied.
   */
  @Test
  void upsertIsNotCaughtByTheDeleteDeny() throws Exception {
    JsonNode e = explain("r53-nodelete-upsert-ok");
    decidedOrUndeterminedOn(e, "Allowed/agrees", "route53:ChangeResourceRecordSetsActions",
        "the batch's action is UPSERT, outside no-delete's Deny on DELETE [R53-COND]");
  }

  /**
   * Q10b. "vpc-linker tried to attach a foreign VPC (vpc-0fffeeeeddddcccc1, eu-west-1) to private zone Z333PRIVATE3:
   * refused, and rightly?" Its only Allow holds when route53:VPCs is VPCId=vpc-0a1b2c3d4e5f67890,VPCRegion=us-east-1
   * [R53-COND], [SAR-R53] (AssociateVPCWithHostedZone: condition key route53:VPCs); the request names another VPC, so it
   * is implicitly denied [EVAL]. ImplicitDeny/agrees when decided from the record's vPC, or undetermined naming
   * route53:VPCs; never Allowed.
   */
  @Test
  void vpcConditionNotMatchingTheRequestIsNeverAllowed() throws Exception {
    JsonNode e = explain("r53-vpc-assoc-denied");
    decidedOrUndeterminedOn(e, "ImplicitDeny/agrees", "route53:VPCs",
        "the request associates vpc-0fffeeeeddddcccc1 in eu-west-1, not the VPC the condition names [R53-COND]");
  }

  // ------------------------------------------------------------------ 3. domains

  /**
   * Q11. "Who disabled example.com's transfer lock, and was it allowed?" DisableDomainTransferLock has no resource type
   * [SAR-DOM], so it is decided on "*": domain-admin's route53domains:* on "*" allows. Allowed/agrees on "*".
   */
  @Test
  void disablingTheTransferLockIsDecidedOnStar() throws Exception {
    JsonNode e = explain("dom-lock-off");
    assertThat(e.path("request").path("action").asText() + " " + e.path("request").path("resource").asText() + " "
        + e.path("decision").asText() + "/" + e.path("verdict").asText())
        .as("[SAR-DOM]: no resource type, so \"*\"; the product: " + ExplainedEvents.why(e))
        .isEqualTo("route53domains:DisableDomainTransferLock * Allowed/agrees");
  }

  /**
   * Q12. "Who transferred example.com to account 999988887777?" TransferDomainToAnotherAwsAccount, no resource type
   * [SAR-DOM]: domain-admin's route53domains:* on "*" allows it. Allowed/agrees.
   */
  @Test
  void transferToAnotherAccountIsAllowedByDomainsStar() throws Exception {
    JsonNode e = explain("dom-transfer-out");
    assertThat(e.path("request").path("action").asText() + " " + e.path("decision").asText() + "/" + e.path("verdict").asText())
        .as("[SAR-DOM]: decided on \"*\", route53domains:* allows; the product: " + ExplainedEvents.why(e))
        .isEqualTo("route53domains:TransferDomainToAnotherAwsAccount Allowed/agrees");
  }

  /**
   * Q13. "domain-scoped holds route53domains:* on a domain ARN: could it have unlocked the domain?" No: with no resource
   * type "you must specify all
   * resources ("*") in your policy" [SAR-DOM]; a statement on another ARN does not
   * match the request, so it is implicitly denied [EVAL], as CloudTrail logged.
   */
  @Test
  void domainsPermissionOnADomainArnDoesNotAllow() throws Exception {
    JsonNode e = explain("dom-scoped-lock-off");
    assertThat(e.path("decision").asText() + "/" + e.path("verdict").asText())
        .as("[SAR-DOM] requires \"*\" for actions without resource types; the product: " + ExplainedEvents.why(e))
        .isEqualTo("ImplicitDeny/agrees");
  }

  /**
   * Q14. "zone-admin tried to repoint example.com's name servers: refused, and rightly?" No policy of zone-admin names a
   * route53domains action [EVAL]: ImplicitDeny/agrees on "*" [SAR-DOM].
   */
  @Test
  void refusedNameServerChangeIsImplicitDeny() throws Exception {
    JsonNode e = explain("dom-ns-denied");
    assertThat(e.path("request").path("action").asText() + " " + e.path("decision").asText() + "/" + e.path("verdict").asText())
        .as("no statement allows route53domains:UpdateDomainNameservers [EVAL]; the product: " + ExplainedEvents.why(e))
        .isEqualTo("route53domains:UpdateDomainNameservers ImplicitDeny/agrees");
  }

  /**
   * Q15. "AWS's own route53domains example logs eventName updateDomainContact, lower case: is it still a domain change?"
   * [R53-CT] shows that spelling; the action is route53domains:UpdateDomainContact [SAR-DOM] (action names are
   * case-insensitive in IAM). Allowed/agrees by route53domains:*.
   */
  @Test
  void lowerCaseDomainsEventNameFromAwsExampleIsMapped() throws Exception {
    JsonNode e = explain("dom-contact-lower");
    assertThat(e.path("request").path("action").asText() + " " + e.path("decision").asText() + "/" + e.path("verdict").asText())
        .as("[R53-CT]'s eventName updateDomainContact is route53domains:UpdateDomainContact; the product: " + ExplainedEvents.why(e))
        .isEqualTo("route53domains:UpdateDomainContact Allowed/agrees");
  }

  // ------------------------------------------------------------------ 4. findings

  /**
   * Q16. "Who stopped Resolver query logging?" DeleteResolverQueryLogConfig stops logging for every associated VPC
   * [RSLVR]; [DET] reports it (high), naming the principal and the configuration.
   */
  @Test
  void deletedResolverQueryLogConfigIsReported() throws Exception {
    List<JsonNode> f = findings("dns-query-logging-removed");
    assertThat(f).as("[RSLVR]/[DET]: domain-admin's DeleteResolverQueryLogConfig must raise a high finding; the product: "
        + f.stream().map(Route53AuditTest::text).toList())
        .anySatisfy(x -> {
          assertThat(x.path("severity").asText()).isEqualTo("high");
          assertThat(x.path("eventIds").toString()).contains("rslvr-delete");
          assertThat(text(x)).contains("user/domain-admin").contains("rqlc-8ca61fe7c055415a");
        });
  }

  /**
   * Q17. "zone-admin's refused DisassociateResolverQueryLogConfig: did it stop logging?" No, AccessDenied; [DET] "Failed
   * attempts are listed as attempts": the finding holding it must say attempted and not be high.
   */
  @Test
  void refusedDisassociationIsAnAttemptOnly() throws Exception {
    List<JsonNode> f = findings("dns-query-logging-removed").stream()
        .filter(x -> x.path("eventIds").toString().contains("rslvr-disassoc-denied")).toList();
    assertThat(f).as("[DET]: the refused disassociation is listed as an attempt; the product: "
        + f.stream().map(Route53AuditTest::text).toList())
        .isNotEmpty()
        .allSatisfy(x -> {
          assertThat(x.path("severity").asText()).isNotEqualTo("high");
          assertThat(text(x).toLowerCase(java.util.Locale.ROOT)).contains("attempt");
          assertThat(x.path("eventIds").toString()).doesNotContain("rslvr-delete\"");
        });
  }

  /**
   * Q18. "Is the refused attempt kept apart from the real deletion?" The high finding must not hold the refused call
   * (its logging kept running [DET]).
   */
  @Test
  void highResolverFindingHoldsOnlyTheCallThatSucceeded() throws Exception {
    List<JsonNode> high = findings("dns-query-logging-removed").stream()
        .filter(x -> "high".equals(x.path("severity").asText())).toList();
    assertThat(high).as("[DET]: attempts are listed apart; the product: " + high.stream().map(Route53AuditTest::text).toList())
        .isNotEmpty()
        .allSatisfy(x -> assertThat(x.path("eventIds").toString()).doesNotContain("rslvr-disassoc-denied"));
  }

  /**
   * Q19. "domain-admin worked in eu-west-1, then called Route 53 Domains: is us-east-1 a new region for it?" No: Route 53
   * logs in us-east-1 whatever the caller's region [R53-CT], and [DET] excludes it from the new-region rules. No
   * new-region finding may hold a route53 or route53domains event.
   */
  @Test
  void route53CallsInUsEast1DoNotRaiseNewRegionFindings() throws Exception {
    List<JsonNode> f = ExplainedEvents.findings(caseDir).stream()
        .filter(x -> x.path("rule").asText().startsWith("new-region"))
        .filter(x -> x.path("eventIds").toString().matches(".*\"(r53|dom)-.*")).toList();
    assertThat(f).as("[R53-CT] Route 53 logs in us-east-1, [DET] excludes it; the product: "
        + f.stream().map(Route53AuditTest::text).toList()).isEmpty();
  }
}
