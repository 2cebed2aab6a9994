package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit of VPC network changes: "who opened the network (security groups, network ACLs, routes to an internet gateway,
 * VPC peering to another account), who removed the flow logs, and was each call allowed?". Run end to end: the
 * hand-made records and IAM data of {@code src/test/resources/fixtures/network} (written by its make_fixtures.py) are
 * imported with the CLI, then read back with {@code findings --no-save --format json}, {@code explain --event ID --json}
 * and {@code events --format json --filter verdict:…}. RemoteAccessAuditTest already covers ::/0, protocol -1, protocol
 * numbers, port ranges holding 22/3389, a /32, a referenced group, a revoke and a refused opening; these cases do not
 * repeat them.
 *
 * <p>Account 111122223333, us-east-1. netadmin and probe: ec2:* on *; netintern: no statement; routeops: CreateRoute on
 * route-table/rtb-0aaaaaaaaaaaaaaa1, Create/ReplaceNetworkAclEntry on network-acl/acl-0aaaaaaaaaaaaaaa1, DeleteFlowLogs on
 * vpc-flow-log/fl-0aaaaaaaaaaaaaaa1; peerer: the VPC peering guide's policy (any requester VPC of the account; the
 * peering connection only when ec2:AccepterVpc is vpc-0bbbbbbbbbbbbbbb1 of account 444455556666); sgtester: the IAM User
 * Guide's "security groups tagged Department=Test" policy; vpcscoped: AuthorizeSecurityGroupIngress on security-group/*
 * when ec2:Vpc is vpc-0aaaaaaaaaaaaaaa1; defaultsg: AuthorizeSecurityGroupIngress on security-group/sg-0ddddddddddddddd1;
 * sgcreator: the EC2 User Guide's tag-on-create pattern (CreateSecurityGroup on vpc/*, on security-group/* only with
 * aws:RequestTag/team = net, ec2:CreateTags only with ec2:CreateAction = CreateSecurityGroup).
 *
 * <p>Pages (each case quotes the one it relies on):
 *
 * <ul>
 *   <li>[CIDR-CANON] EC2 API Reference, IpRange and Ipv6Range (CidrIp, CidrIpv6):
 *       https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html,
 *       https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Ipv6Range.html - "AWS canonicalizes IPv4 and IPv6
 *       CIDRs. For example, if you specify 100.68.0.18/18 for the CIDR block, AWS canonicalizes the CIDR block to
 *       100.68.0.0/18. Any subsequent DescribeSecurityGroups and DescribeSecurityGroupRules calls will return the
 *       canonicalized form of the CIDR block."
 *   <li>[SG-API] EC2 API Reference, AuthorizeSecurityGroupIngress:
 *       https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html - "An inbound rule
 *       permits instances to receive traffic from the specified IPv4 or IPv6 CIDR address range"; "For TCP and UDP, you
 *       must also specify the destination port or port range. For ICMP/ICMPv6, you must also specify the ICMP/ICMPv6 type
 *       and code. You can use -1 to mean all types or all codes."; GroupName "[Default VPC] The name of the security
 *       group. For security groups for a default VPC you can specify either the ID or the name of the security group.";
 *       response SecurityGroupRules (securityGroupRuleSet) "Information about the inbound (ingress) security group rules
 *       that were added", each with GroupId, IsEgress, IpProtocol, FromPort, ToPort, CidrIpv4, CidrIpv6.
 *   <li>[SG-EGRESS] EC2 API Reference, AuthorizeSecurityGroupEgress:
 *       https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupEgress.html - "Adds the specified
 *       outbound (egress) rules to a security group."
 *   <li>[DRYRUN] EC2 API Reference, DryRun parameter (every EC2 action): "Checks whether you have the required
 *       permissions for the action, without actually making the request, and provides an error response. If you have the
 *       required permissions, the error response is DryRunOperation. Otherwise, it is UnauthorizedOperation."
 *   <li>[RULE] The product's docs/detections.md: security-group-admin-port-open-to-internet "AuthorizeSecurityGroupIngress
 *       added a rule allowing 0.0.0.0/0 or ::/0 on a TCP or UDP port range that includes 22 (SSH) or 3389 (RDP), or on all
 *       traffic (protocol -1) [...] Failed attempts are listed as attempts."; vpc-flow-logs-deleted (high) "DeleteFlowLogs
 *       removed VPC, subnet or network-interface flow logs [...] Failed attempts are listed as attempts."; "Dry runs": a
 *       DryRunOperation finding "keeps the rule's severity, its title ends — dry run, permitted (would have succeeded)".
 *   <li>[SAR-EC2] Service Authorization Reference, Amazon EC2:
 *       https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html - resource types:
 *       CreateRoute route-table*; CreateNetworkAclEntry / ReplaceNetworkAclEntry network-acl*; DeleteFlowLogs
 *       vpc-flow-log*; CreateVpcPeeringConnection vpc*, vpc-peering-connection*; CreateSecurityGroup security-group*, vpc*;
 *       ARNs "arn:${Partition}:ec2:${Region}:${Account}:route-table/${RouteTableId}", "…:network-acl/${NaclId}",
 *       "…:vpc-flow-log/${VpcFlowLogId}", "…:vpc-peering-connection/${VpcPeeringConnectionId}",
 *       "…:security-group/${SecurityGroupId}"; ec2:AccepterVpc "Filters access by the ARN of an accepter VPC in a VPC
 *       peering connection"; ec2:Vpc "Filters access by the ARN of the VPC".
 *   <li>[PEER-IAM] Amazon VPC Peering Guide, "Identity and access management for VPC peering":
 *       https://docs.aws.amazon.com/vpc/latest/peering/security-iam.html - "Note that the VPC resource for the
 *       CreateVpcPeeringConnection action is always the requester VPC."; "The following policy grants users in the
 *       specified AWS account permission to create VPC peering connections using any VPC in the specified Region, but only
 *       if the VPC that accepts the peering connection is a specific VPC in specific account." (vpc/* allowed;
 *       vpc-peering-connection/* with ArnEquals ec2:AccepterVpc).
 *   <li>[PEER-API] EC2 API Reference, CreateVpcPeeringConnection:
 *       https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcPeeringConnection.html - VpcId "The ID of the
 *       requester VPC"; PeerVpcId "The ID of the VPC with which you are creating the VPC peering connection"; PeerOwnerId
 *       "The AWS account ID of the owner of the accepter VPC"; PeerRegion "The Region code for the accepter VPC [...]
 *       Default: The Region in which you make the request."
 *   <li>[SG-TAG] IAM User Guide, "Amazon EC2: Allows managing EC2 security groups with a specific tag key-value pair
 *       programmatically and in the console":
 *       https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_ec2_securitygroups-vpc.html - the
 *       rule actions on "arn:aws:ec2:…:security-group/*" with "StringEquals": {"aws:ResourceTag/Department": "Test"}.
 *   <li>[TAG-CREATE] EC2 User Guide, "Grant permission to tag Amazon EC2 resources during creation":
 *       https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html - "To enable users to tag
 *       resources on creation, they must have permissions to use the action that creates the resource [...] If tags are
 *       specified in the resource-creating action, Amazon performs additional authorization on the ec2:CreateTags action";
 *       "use the Condition element with the ec2:CreateAction condition key".
 *   <li>[CT-EC2] CloudTrail User Guide, "CloudTrail log file examples" (Amazon EC2): requestParameters in camelCase, lists
 *       as {"items": [...]}: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html.
 *       DeleteFlowLogs uses the DeleteFlowLogsRequest/FlowLogId {tag, content} form of Stratus Red Team's
 *       vpc-remove-flow-logs record (as the product's own rule fixture). Assumptions are marked in make_fixtures.py: the
 *       nesting of securityGroupRuleSet in a record, and the network ACL entry fields other than networkAclId.
 * </ul>
 *
 * Not tested, because AWS documents no CloudTrail record of them and the product reads no guessed shape:
 * ModifySecurityGroupRules (decision 163), CreateTrafficMirrorSession and CreateTransitGatewayVpcAttachment (newer EC2
 * APIs, logged with a *Request wrapper whose members AWS does not print). Only the product's own paths are used; src/main
 * is not changed.
 */
class NetworkAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/network");
  static final String SG_RULE = "security-group-admin-port-open-to-internet";
  static final String FL_RULE = "vpc-flow-logs-deleted";
  static final String P = "arn:aws:ec2:us-east-1:111122223333:";

  @TempDir static Path tmp;
  static Path caseDir;
  static List<JsonNode> findings;
  static Map<String, String> verdicts;

  @BeforeAll
  static void importCase() throws Exception {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam.json");
    assertThat(r.out()).contains("23 added").contains("9 users");
    findings = ExplainedEvents.findings(caseDir);
    verdicts = ExplainedEvents.eventVerdicts(caseDir);
  }

  // ------------------------------------------------------------------ helpers

  static List<JsonNode> findingsOf(String eventId, String rule) {
    return ExplainedEvents.holding(findings, eventId, Set.of()).stream().filter(f -> f.path("rule").asText().equals(rule)).toList();
  }

  static String show(String eventId) {
    return ExplainedEvents.holding(findings, eventId, Set.of()).stream()
        .map(f -> f.path("rule").asText() + " [" + f.path("severity").asText() + "] " + f.path("title").asText() + " "
            + f.path("eventIds"))
        .collect(Collectors.joining("; ", "{", "}"));
  }

  static void reported(String eventId, String rule, String aws) {
    assertThat(findingsOf(eventId, rule)).as("%s: AWS documents %s; expected a %s finding holding the event; the product's"
        + " findings holding it: %s", eventId, aws, rule, show(eventId)).isNotEmpty();
  }

  static void notReported(String eventId, String rule, String aws) {
    assertThat(findingsOf(eventId, rule)).as("%s: AWS documents %s; expected no %s finding; the product said: %s", eventId, aws,
        rule, show(eventId)).isEmpty();
  }

  /** The evaluations of an event for one action. */
  static List<JsonNode> evaluationsOf(String eventId, String action) throws Exception {
    return ExplainedEvents.all(caseDir, eventId).stream()
        .filter(e -> e.path("request").path("action").asText().equalsIgnoreCase(action)).toList();
  }

  /**
   * Checks the event's only evaluated action against what AWS documents: its resource, decision and verdict, each
   * message saying what AWS says ({@code aws}) and what the product said.
   */
  static void decided(String eventId, String resource, String decision, String aws) throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, eventId);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("request").path("resource").asText()).as("AWS: %s; so the resource is %s; the product said %s",
        aws, resource, ExplainedEvents.why(e)).isEqualTo(resource);
    soft.assertThat(e.path("decision").asText()).as("AWS: %s; so the decision is %s; the product said %s", aws, decision,
        ExplainedEvents.why(e)).isEqualTo(decision);
    soft.assertThat(e.path("verdict").asText()).as("AWS: %s; CloudTrail recorded the same outcome, so the verdict is agrees;"
        + " the product said %s", aws, ExplainedEvents.why(e)).isEqualTo("agrees");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 1. security groups opened to the internet

  /**
   * Q1. "Did anyone open SSH to the world?" netadmin authorized tcp 22 from 198.51.100.7/0. [CIDR-CANON]: AWS
   * canonicalizes the block, so a /0 prefix of any address is 0.0.0.0/0 (the response's rule says cidrIpv4 0.0.0.0/0):
   * SSH from the whole internet, exactly what [RULE] reports. A finding must hold the event.
   */
  @Test
  void sshOpenedWithAHostAddressSlashZeroIsReported() {
    reported("sg-ssh-v4-slash0", SG_RULE, "[CIDR-CANON] 198.51.100.7/0 is canonicalized to 0.0.0.0/0: tcp 22 open to the"
        + " internet [RULE]");
  }

  /**
   * Q2. The same with IPv6: tcp 3389 from 2001:db8::1/0. [CIDR-CANON] (Ipv6Range: "AWS canonicalizes IPv4 and IPv6
   * CIDRs") makes it ::/0, RDP from every IPv6 address [RULE "0.0.0.0/0 or ::/0"].
   */
  @Test
  void rdpOpenedWithAnIpv6AddressSlashZeroIsReported() {
    reported("sg-rdp-v6-slash0", SG_RULE, "[CIDR-CANON] 2001:db8::1/0 is canonicalized to ::/0: tcp 3389 open to every IPv6"
        + " address [RULE]");
  }

  /**
   * Q3. netintern (no policy) tried tcp 22 from 203.0.113.9/0 and was refused (Client.UnauthorizedOperation). The
   * request asked for the whole internet [CIDR-CANON]; [RULE]: "Failed attempts are listed as attempts" - a finding of
   * the rule holding the refused call, worded as an attempt and lowered.
   */
  @Test
  void refusedSlashZeroOpeningIsListedAsAnAttempt() {
    List<JsonNode> fs = findingsOf("sg-ssh-v4-slash0-refused", SG_RULE);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(fs).as("[CIDR-CANON] 203.0.113.9/0 asks for 0.0.0.0/0; [RULE] failed attempts are listed as attempts;"
        + " expected one %s finding holding the refused call; the product said %s", SG_RULE, show("sg-ssh-v4-slash0-refused"))
        .hasSize(1);
    if (fs.size() == 1) {
      soft.assertThat(fs.get(0).path("title").asText()).as("[RULE] failed attempts are listed as attempts; the product"
          + " titled it: %s", fs.get(0).path("title").asText()).contains("attempted");
      soft.assertThat(fs.get(0).path("severity").asText()).as("[RULE] an attempt ranks below the medium opening; the product"
          + " said %s", fs.get(0).path("severity").asText()).isEqualTo("low");
    }
    soft.assertAll();
  }

  /**
   * Q4. The newer record of the same call: requestParameters.ipPermissions (tcp 3389 from 0.0.0.0/0) and a
   * responseElements.securityGroupRuleSet naming the rule added [SG-API]. The request alone already says RDP to the
   * internet [RULE]: reported.
   */
  @Test
  void newerRecordWithASecurityGroupRuleSetIsReported() {
    reported("sg-rdp-world-ruleset", SG_RULE, "[SG-API] tcp 3389 from 0.0.0.0/0 (request and securityGroupRuleSet agree)");
  }

  /**
   * Q5. One permission, two address ranges: 10.0.0.0/8 and 0.0.0.0/0, tcp 22 [SG-API "An inbound rule permits instances
   * to receive traffic from the specified IPv4 or IPv6 CIDR address range"]: the second range is the internet.
   */
  @Test
  void permissionWhoseSecondRangeIsTheInternetIsReported() {
    reported("sg-ssh-two-ranges", SG_RULE, "[SG-API] one of the permission's ranges is 0.0.0.0/0 on tcp 22");
  }

  /** Q6. UDP 3389 from 0.0.0.0/0: [RULE] covers "a TCP or UDP port range that includes [...] 3389". */
  @Test
  void udpRdpFromTheInternetIsReported() {
    reported("sg-udp-rdp-world", SG_RULE, "[RULE] a UDP port range holding 3389, from 0.0.0.0/0");
  }

  /**
   * Q7. ICMP, all types and codes (-1/-1), from 0.0.0.0/0. [SG-API]: for ICMP the -1 values are "all types or all
   * codes", not ports; [RULE] reports TCP/UDP admin ports or protocol -1 only. Not reported (an honest negative: a product
   * reading fromPort -1..toPort -1 as a port range or ICMP as "all traffic" would fail it).
   */
  @Test
  void icmpFromTheInternetIsNotReported() {
    notReported("sg-icmp-world", SG_RULE, "[SG-API] ICMP -1/-1 is every ICMP type and code, no port; [RULE] reports SSH/RDP/all traffic");
  }

  /**
   * Q8. AuthorizeSecurityGroupEgress of all traffic to 0.0.0.0/0 [SG-EGRESS "outbound (egress) rules"]: the group may
   * send anywhere; nobody can come in through it. [RULE] is about AuthorizeSecurityGroupIngress: not reported as an
   * opening to the internet.
   */
  @Test
  void egressToTheInternetIsNotReportedAsAWayIn() {
    notReported("sg-egress-all-world", SG_RULE, "[SG-EGRESS] an outbound rule; [RULE] reports inbound (ingress) rules");
  }

  /**
   * Q9. probe (ec2:*) opened tcp 22 to 0.0.0.0/0 with DryRun, and EC2 answered DryRunOperation [DRYRUN: "If you have the
   * required permissions, the error response is DryRunOperation"]. [RULE] "Dry runs": a finding of its own, the rule's
   * severity kept (medium), its title "dry run, permitted (would have succeeded)".
   */
  @Test
  void dryRunThatWouldHaveSucceededIsADryRunFinding() {
    List<JsonNode> fs = findingsOf("sg-ssh-world-dryrun", SG_RULE);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(fs).as("[DRYRUN] DryRunOperation: probe holds the permission to open tcp 22 to 0.0.0.0/0; expected one"
        + " %s finding for the dry run; the product said %s", SG_RULE, show("sg-ssh-world-dryrun")).hasSize(1);
    if (fs.size() == 1) {
      soft.assertThat(fs.get(0).path("title").asText()).as("[RULE] a dry run's title ends \"dry run, permitted\"; the product"
          + " titled it: %s", fs.get(0).path("title").asText()).contains("dry run, permitted");
      soft.assertThat(fs.get(0).path("severity").asText()).as("[RULE] a permitted dry run keeps the rule's severity (medium);"
          + " the product said %s", fs.get(0).path("severity").asText()).isEqualTo("medium");
    }
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 2. flow logs deleted

  /**
   * Q10. routeops deleted flow log fl-0aaaaaaaaaaaaaaa1 (and was refused on fl-0bbbbbbbbbbbbbbb2). [RULE]: a high
   * vpc-flow-logs-deleted finding naming the flow log deleted.
   */
  @Test
  void deletedFlowLogIsAHighFindingNamingIt() {
    List<JsonNode> fs = findingsOf("fl-delete-allowed", FL_RULE);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(fs).as("[RULE] DeleteFlowLogs removed flow log fl-0aaaaaaaaaaaaaaa1; expected one %s finding; the product"
        + " said %s", FL_RULE, show("fl-delete-allowed")).hasSize(1);
    if (fs.size() == 1) {
      soft.assertThat(fs.get(0).path("severity").asText()).as("[RULE] vpc-flow-logs-deleted is high; the product said %s",
          fs.get(0).path("severity").asText()).isEqualTo("high");
      soft.assertThat(fs.get(0).path("summary").asText()).as("the finding names the flow log deleted; the product said %s",
          fs.get(0).path("summary").asText()).contains("fl-0aaaaaaaaaaaaaaa1");
    }
    soft.assertAll();
  }

  /**
   * Q11. netintern (no policy) tried DeleteFlowLogs on the same flow log and was refused: nothing was deleted, [RULE]
   * "Failed attempts are listed as attempts" - a low finding of its own, worded as an attempt.
   */
  @Test
  void refusedFlowLogDeletionIsAnAttempt() {
    List<JsonNode> fs = findingsOf("fl-delete-intern-refused", FL_RULE);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(fs).as("[RULE] failed attempts are listed as attempts; expected one %s finding for netintern's refused"
        + " call; the product said %s", FL_RULE, show("fl-delete-intern-refused")).hasSize(1);
    if (fs.size() == 1) {
      soft.assertThat(fs.get(0).path("title").asText()).as("[RULE] worded as an attempt; the product titled it %s",
          fs.get(0).path("title").asText()).contains("attempted");
      soft.assertThat(fs.get(0).path("severity").asText()).as("[RULE] an attempt is lowered from high; the product said %s",
          fs.get(0).path("severity").asText()).isEqualTo("low");
      soft.assertThat(fs.get(0).path("eventIds").toString()).as("only netintern's refused call, not routeops' deletion")
          .doesNotContain("fl-delete-allowed");
    }
    soft.assertAll();
  }

  /**
   * Q12. "Was routeops allowed to delete that flow log?" [SAR-EC2]: DeleteFlowLogs is authorized on vpc-flow-log*, ARN
   * …:vpc-flow-log/${VpcFlowLogId}; the record names the flow log (FlowLogId fl-0aaaaaaaaaaaaaaa1) and routeops' only
   * statement allows exactly that ARN: Allowed on the flow log, as recorded.
   */
  @Test
  void flowLogDeletionIsDecidedOnTheFlowLog() throws Exception {
    decided("fl-delete-allowed", P + "vpc-flow-log/fl-0aaaaaaaaaaaaaaa1", "Allowed",
        "[SAR-EC2] DeleteFlowLogs is authorized on vpc-flow-log*; the record names fl-0aaaaaaaaaaaaaaa1 and the statement allows that ARN");
  }

  /**
   * Q13. routeops was refused DeleteFlowLogs on fl-0bbbbbbbbbbbbbbb2 [SAR-EC2 vpc-flow-log*]: no statement allows that
   * ARN - implicit deny on the flow log, agreeing with CloudTrail, not "undetermined" for a resource the record names.
   */
  @Test
  void refusedDeletionOfAnotherFlowLogIsAnImplicitDeny() throws Exception {
    decided("fl-delete-refused", P + "vpc-flow-log/fl-0bbbbbbbbbbbbbbb2", "ImplicitDeny",
        "[SAR-EC2] DeleteFlowLogs is authorized on vpc-flow-log*; the record names fl-0bbbbbbbbbbbbbbb2 and no statement allows that ARN");
  }

  // ------------------------------------------------------------------ 3. routes and network ACLs (explain)

  /**
   * Q14. routeops added 0.0.0.0/0 → igw-0aaaaaaaaaaaaaaa1 to rtb-0aaaaaaaaaaaaaaa1 (routeTableId in the record).
   * [SAR-EC2]: CreateRoute is authorized on route-table*, …:route-table/${RouteTableId}; the statement allows exactly
   * that table: Allowed on the route table, as recorded.
   */
  @Test
  void routeToTheInternetGatewayIsDecidedOnTheRouteTable() throws Exception {
    decided("rt-igw-allowed", P + "route-table/rtb-0aaaaaaaaaaaaaaa1", "Allowed",
        "[SAR-EC2] CreateRoute is authorized on route-table*; the record names rtb-0aaaaaaaaaaaaaaa1 and the statement allows that ARN");
  }

  /**
   * Q15. routeops tried the same route on rtb-0bbbbbbbbbbbbbbb2 and was refused [SAR-EC2 route-table*]: no statement
   * allows that table - implicit deny, as recorded.
   */
  @Test
  void routeOnAnotherRouteTableIsAnImplicitDeny() throws Exception {
    decided("rt-igw-refused", P + "route-table/rtb-0bbbbbbbbbbbbbbb2", "ImplicitDeny",
        "[SAR-EC2] CreateRoute is authorized on route-table*; the record names rtb-0bbbbbbbbbbbbbbb2 and no statement allows that ARN");
  }

  /**
   * Q16. routeops added a network ACL entry (allow tcp 22 from 0.0.0.0/0) to acl-0aaaaaaaaaaaaaaa1 [SAR-EC2:
   * CreateNetworkAclEntry on network-acl*, …:network-acl/${NaclId}]: Allowed on that ACL, as recorded.
   */
  @Test
  void networkAclEntryIsDecidedOnTheNetworkAcl() throws Exception {
    decided("nacl-ssh-allowed", P + "network-acl/acl-0aaaaaaaaaaaaaaa1", "Allowed",
        "[SAR-EC2] CreateNetworkAclEntry is authorized on network-acl*; the record names acl-0aaaaaaaaaaaaaaa1 and the statement allows that ARN");
  }

  /**
   * Q17. routeops tried ReplaceNetworkAclEntry on acl-0bbbbbbbbbbbbbbb2 (allow all from 0.0.0.0/0) and was refused
   * [SAR-EC2: ReplaceNetworkAclEntry on network-acl*]: implicit deny on that ACL, as recorded.
   */
  @Test
  void replacingAnEntryOfAnotherNetworkAclIsAnImplicitDeny() throws Exception {
    decided("nacl-replace-refused", P + "network-acl/acl-0bbbbbbbbbbbbbbb2", "ImplicitDeny",
        "[SAR-EC2] ReplaceNetworkAclEntry is authorized on network-acl*; the record names acl-0bbbbbbbbbbbbbbb2 and no statement allows that ARN");
  }

  // ------------------------------------------------------------------ 4. VPC peering to another account (explain)

  /**
   * Q18. peerer requested peering of vpc-0aaaaaaaaaaaaaaa1 with vpc-0bbbbbbbbbbbbbbb1 of account 444455556666, the one
   * accepter its policy names, and CloudTrail recorded success. AWS authorizes the call on the requester VPC [PEER-IAM
   * "the VPC resource for the CreateVpcPeeringConnection action is always the requester VPC"] and on the peering
   * connection [SAR-EC2 vpc*, vpc-peering-connection*], with ec2:AccepterVpc the accepter VPC's ARN - which the record
   * carries [PEER-API: PeerVpcId, PeerOwnerId, PeerRegion]. Both statements allow: the call agrees, it is evaluated on
   * the requester VPC, and ec2:AccepterVpc is not reported missing.
   */
  @Test
  void peeringWithTheSanctionedAccepterIsAllowed() throws Exception {
    List<JsonNode> all = evaluationsOf("peer-to-partner", "ec2:CreateVpcPeeringConnection");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(verdicts.get("peer-to-partner")).as("[PEER-IAM] both statements allow; call-level verdict; the product"
        + " said:" + ExplainedEvents.whyAll(all)).isEqualTo("agrees");
    soft.assertThat(all).as("[PEER-IAM] evaluated on the requester VPC vpc/vpc-0aaaaaaaaaaaaaaa1:" + ExplainedEvents.whyAll(all))
        .anySatisfy(e -> assertThat(e.path("request").path("resource").asText()).isEqualTo(P + "vpc/vpc-0aaaaaaaaaaaaaaa1"));
    soft.assertThat(all).as("[PEER-API] the record names the accepter VPC and its owner; ec2:AccepterVpc is known:"
        + ExplainedEvents.whyAll(all)).noneSatisfy(e -> assertThat(ExplainedEvents.missing(e)).contains("ec2:acceptervpc"));
    soft.assertAll();
  }

  /**
   * Q19. "Did anyone peer our VPC with an unknown account?" peerer requested peering with vpc-0eeeeeeeeeeeeeee9 of
   * account 999988887777 and was refused. ec2:AccepterVpc is arn:aws:ec2:us-east-1:999988887777:vpc/vpc-0eeeeeeeeeeeeeee9
   * [PEER-API], not the one the policy names [PEER-IAM]: the peering-connection resource is not allowed - an implicit
   * deny on it, agreeing with CloudTrail, not "undetermined" on a key the record settles.
   */
  @Test
  void peeringWithAnUnknownAccountIsAnImplicitDeny() throws Exception {
    List<JsonNode> all = evaluationsOf("peer-to-stranger", "ec2:CreateVpcPeeringConnection");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(verdicts.get("peer-to-stranger")).as("[PEER-IAM] the accepter is not the sanctioned VPC; call-level"
        + " verdict; the product said:" + ExplainedEvents.whyAll(all)).isEqualTo("agrees");
    soft.assertThat(all).as("[SAR-EC2] an implicit deny on the vpc-peering-connection resource:" + ExplainedEvents.whyAll(all))
        .anySatisfy(e -> {
          assertThat(e.path("request").path("resource").asText()).startsWith(P + "vpc-peering-connection/");
          assertThat(e.path("decision").asText()).isEqualTo("ImplicitDeny");
        });
    soft.assertAll();
  }

  // ------------------------------------------------------------------ 5. security group calls: keys the record lacks or carries

  /**
   * Q20. sgtester (the [SG-TAG] policy) added a rule to sg-0ccccccccccccccc1 and CloudTrail recorded success. The
   * statement needs aws:ResourceTag/Department = Test on the group; a record carries no resource tags. The honest answer
   * is undetermined, naming that key - never "disagrees" (a finding of an unexplained outcome) nor a plain "Allowed".
   */
  @Test
  void taggedGroupPolicyIsUndeterminedOnTheResourceTag() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "sg-tagged-allowed");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("verdict").asText()).as("[SG-TAG] the statement needs aws:ResourceTag/Department = Test, which no"
        + " record carries: undetermined; the product said " + ExplainedEvents.why(e)).isEqualTo("undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as("[SG-TAG] the key the answer depends on; the product said "
        + ExplainedEvents.why(e)).contains("aws:resourcetag/department");
    soft.assertAll();
  }

  /**
   * Q21. vpcscoped may add rules only to groups of vpc-0aaaaaaaaaaaaaaa1 (ec2:Vpc, [SAR-EC2] "the ARN of the VPC", a key
   * of the security-group resource) and was refused on sg-0ccccccccccccccc1. AuthorizeSecurityGroupIngress's record
   * names the group, not its VPC [SG-API]: undetermined on ec2:Vpc, never "agrees" as if the key were absent.
   */
  @Test
  void vpcScopedPolicyIsUndeterminedOnEc2Vpc() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "sg-vpc-refused");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(e.path("verdict").asText()).as("[SAR-EC2] ec2:Vpc is the group's VPC, which the record does not name:"
        + " undetermined; the product said " + ExplainedEvents.why(e)).isEqualTo("undetermined");
    soft.assertThat(ExplainedEvents.missing(e)).as("[SAR-EC2] the key the answer depends on; the product said "
        + ExplainedEvents.why(e)).contains("ec2:vpc");
    soft.assertAll();
  }

  /**
   * Q22. In the default VPC, defaultsg named the group by its name ("default") [SG-API GroupName: "For security groups
   * for a default VPC you can specify either the ID or the name"]; the response's rule names its id,
   * sg-0ddddddddddddddd1 [SG-API securityGroupRuleSet GroupId]. AWS authorizes the call on that group [SAR-EC2
   * security-group*], the one defaultsg's statement allows: Allowed on security-group/sg-0ddddddddddddddd1, as recorded.
   * (The record's nesting of securityGroupRuleSet is an assumption, see make_fixtures.py.)
   */
  @Test
  void groupNamedByNameIsDecidedOnTheGroupIdTheResponseNames() throws Exception {
    decided("sg-by-name-allowed", P + "security-group/sg-0ddddddddddddddd1", "Allowed",
        "[SG-API][SAR-EC2] the call is authorized on the security group, whose id the response's securityGroupRuleSet names (sg-0ddddddddddddddd1), the ARN the statement allows");
  }

  /**
   * Q23. sgcreator created a security group in vpc-0aaaaaaaaaaaaaaa1 tagged team=net, recorded as allowed. [SAR-EC2]:
   * CreateSecurityGroup is authorized on the group and the VPC; [TAG-CREATE]: the tags also ask ec2:CreateTags with
   * ec2:CreateAction. Every statement is satisfied by what the record carries (vpcId, tagSpecificationSet): the call
   * agrees, and CreateSecurityGroup is evaluated on the VPC named.
   */
  @Test
  void taggedSecurityGroupCreationIsAllowedOnTheVpcAndTheGroup() throws Exception {
    List<JsonNode> all = evaluationsOf("sg-create-team-net", "ec2:CreateSecurityGroup");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(verdicts.get("sg-create-team-net")).as("[SAR-EC2][TAG-CREATE] every statement holds; call-level verdict;"
        + " the product said:" + ExplainedEvents.whyAll(ExplainedEvents.all(caseDir, "sg-create-team-net"))).isEqualTo("agrees");
    soft.assertThat(all).as("[SAR-EC2] evaluated on vpc/vpc-0aaaaaaaaaaaaaaa1:" + ExplainedEvents.whyAll(all))
        .anySatisfy(e -> {
          assertThat(e.path("request").path("resource").asText()).isEqualTo(P + "vpc/vpc-0aaaaaaaaaaaaaaa1");
          assertThat(e.path("decision").asText()).isEqualTo("Allowed");
        });
    soft.assertAll();
  }

  /**
   * Q24. sgcreator tried the same with tag team=other and was refused. aws:RequestTag/team is other (the record's
   * tagSpecificationSet); the only statement allowing the security-group resource needs net [TAG-CREATE pattern,
   * SAR-EC2 security-group*]: an implicit deny on the new group, agreeing with CloudTrail.
   */
  @Test
  void securityGroupCreationWithAnotherTeamTagIsAnImplicitDeny() throws Exception {
    List<JsonNode> all = evaluationsOf("sg-create-team-other", "ec2:CreateSecurityGroup");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(verdicts.get("sg-create-team-other")).as("[TAG-CREATE] aws:RequestTag/team = other; call-level verdict;"
        + " the product said:" + ExplainedEvents.whyAll(ExplainedEvents.all(caseDir, "sg-create-team-other"))).isEqualTo("agrees");
    soft.assertThat(all).as("[SAR-EC2] an implicit deny on the security-group resource:" + ExplainedEvents.whyAll(all))
        .anySatisfy(e -> {
          assertThat(e.path("request").path("resource").asText()).startsWith(P + "security-group/");
          assertThat(e.path("decision").asText()).isEqualTo("ImplicitDeny");
        });
    soft.assertAll();
  }
}
