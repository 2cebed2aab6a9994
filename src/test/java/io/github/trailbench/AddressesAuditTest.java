package io.github.trailbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.cli.CliRun;
import io.github.trailbench.core.enrich.IpEnricher;
import io.github.trailbench.core.enrich.IpInfo;
import io.github.trailbench.core.enrich.IpKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit: "where did the call come from?" Each form of CloudTrail's {@code sourceIPAddress} (IPv4, compressed IPv6, an
 * AWS service's name, "AWS Internal", a private address logged for a call through a VPC endpoint, a malformed value, an
 * address inside AWS's published EC2 range) must be classified as AWS documents it, filtered accordingly
 * ({@code aws:}, {@code country:}, {@code asn:}), kept out of the new-address/country/network detections when it is not
 * a public address of the caller, and put into (or left out of) {@code aws:SourceIp} when the call is replayed.
 *
 * <p>Sources (quoted in each case):
 * <ul>
 *   <li>[CT-RECORD] CloudTrail record contents,
 *       https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html:
 *       sourceIPAddress "The IP address that the request was made from. ... For services in AWS, only the DNS name is
 *       displayed"; "For events originated by AWS, this field is usually AWS Internal/#, where # is a number used for
 *       internal purposes"; vpcEndpointId "Identifies the VPC endpoint in which requests were made from a VPC to
 *       another AWS service, such as Amazon S3".</li>
 *   <li>[KEYS] IAM global condition keys, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html:
 *       aws:SourceIp "This key is included in the request context, except when the requester uses a VPC endpoint to make
 *       the request"; "If the request comes from a host that uses an Amazon VPC endpoint, then the aws:SourceIp key is not
 *       available. You should instead use a VPC-specific key such as aws:VpcSourceIp".</li>
 *   <li>[DENY-IP] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html:
 *       "The policy does not deny requests made by AWS services using Forward access sessions as the original
 *       requester's IP address is preserved."</li>
 *   <li>[IP-RANGES] https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-syntax.html: ip_prefix "The public IPv4
 *       address range, in CIDR notation"; region "The AWS Region or GLOBAL"; service "The subset of IP address ranges"
 *       (EC2, AMAZON, ...).</li>
 * </ul>
 *
 * <p>Fixtures (src/test/resources/fixtures/addresses): users alice, bob and carol (long-term keys AKIA...), each with
 * one baseline call from 8.8.8.8 on 2026-11-01 (the detections' first day only learns), then on 2026-11-02: alice from
 * 2001:4860:4860::8888, "AWS Internal", "AWS Internal/3", 10.0.5.17 through vpce-0a1b2c3d4e5f60718, "198.51.100.300"
 * and through CloudFormation (invokedBy, sourceIPAddress cloudformation.amazonaws.com); bob from 3.80.12.34 (EC2
 * us-east-1 in the ip-ranges.json fixture); carol from 1.1.1.1; and EC2 itself (AWSService) assuming an instance role
 * from "ec2.amazonaws.com". Their inline policy allows s3:* only with IpAddress aws:SourceIp [8.8.8.0/24,
 * 2001:4860::/32, 3.80.0.0/12, 1.1.1.0/24].
 */
class AddressesAuditTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/addresses");

  @TempDir static Path tmp;
  static Path caseDir;
  static IpEnricher ranges;

  @BeforeAll
  static void importCase() {
    caseDir = tmp.resolve("case");
    CliRun r = ExplainedEvents.importInto(caseDir, FIXTURES, "events.json", "iam-111122223333.json");
    assertThat(r.out()).contains("12 added");
    CliRun e = CliRun.of("enrich", "--case", caseDir.toString(), "--ip-ranges", FIXTURES.resolve("ip-ranges.json").toString());
    assertThat(e.exit()).as(e.out() + e.err()).isZero();
    ranges = IpEnricher.builder().ipRanges(FIXTURES.resolve("ip-ranges.json")).build();
  }

  static IpInfo info(String sourceIp) {
    return ranges.enrich(sourceIp);
  }

  /** Event ids selected by {@code events --filter Q --format json}. */
  static Set<String> filter(String q) throws Exception {
    Set<String> out = new TreeSet<>();
    ExplainedEvents.events(caseDir, q).forEach(e -> out.add(e.path("eventId").asText()));
    return out;
  }

  /** Findings of one rule. */
  static List<JsonNode> findings(String rule) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : ExplainedEvents.findings(caseDir)) {
      if (rule.equals(f.path("rule").asText())) {
        out.add(f);
      }
    }
    return out;
  }

  static Set<String> evidence(String rule) throws Exception {
    Set<String> ids = new TreeSet<>();
    for (JsonNode f : findings(rule)) {
      f.path("eventIds").forEach(i -> ids.add(i.asText()));
    }
    return ids;
  }

  static String show(List<JsonNode> fs) {
    StringBuilder b = new StringBuilder();
    fs.forEach(f -> b.append("\n  ").append(f.path("summary").asText()).append(" ").append(f.path("eventIds")));
    return b.toString();
  }

  static List<String> context(JsonNode e, String key) {
    return ExplainedEvents.contextValues(e, key);
  }

  // ------------------------------------------------------------------ classification of each logged form

  /** Q1. [CT-RECORD] "The IP address that the request was made from": 8.8.8.8 is a public address with a country. */
  @Test
  void publicIpv4IsAPublicAddressWithACountry() {
    IpInfo i = info("8.8.8.8");
    assertThat(i.kind()).as(i.toString()).isEqualTo(IpKind.PUBLIC_IP);
    assertThat(i.countryCode()).as(i.toString()).isEqualTo("US");
    assertThat(i.awsOwned()).as(i.toString()).isFalse();
  }

  /**
   * Q2. [CT-RECORD] the field holds "The IP address"; CloudTrail logs IPv6 callers in the compressed text form. The
   * compressed and the full spelling are one address (RFC 4291 §2.2): same canonical text, same country.
   */
  @Test
  void compressedIpv6IsThePublicAddressItNames() {
    IpInfo c = info("2001:4860:4860::8888");
    IpInfo f = info("2001:4860:4860:0000:0000:0000:0000:8888");
    assertThat(c.kind()).as(c.toString()).isEqualTo(IpKind.PUBLIC_IP);
    assertThat(c.address()).as(c.toString()).isEqualTo("2001:4860:4860::8888");
    assertThat(f.address()).as(f.toString()).isEqualTo(c.address());
    assertThat(c.countryCode()).as(c.toString()).isNotNull().isEqualTo(f.countryCode());
  }

  /** Q3. [CT-RECORD] "For services in AWS, only the DNS name is displayed": ec2.amazonaws.com is AWS, never a country. */
  @Test
  void serviceDnsNameIsAnAwsServiceNotACountry() {
    IpInfo i = info("ec2.amazonaws.com");
    assertThat(i.kind()).as(i.toString()).isEqualTo(IpKind.AWS_SERVICE_NAME);
    assertThat(i.awsOwned()).as(i.toString()).isTrue();
    assertThat(i.countryCode()).as(i.toString()).isNull();
    assertThat(i.asn()).as(i.toString()).isNull();
  }

  /** Q4. [CT-RECORD] "For events originated by AWS, this field is usually AWS Internal/#": "AWS Internal" is AWS. */
  @Test
  void awsInternalIsAws() {
    IpInfo i = info("AWS Internal");
    assertThat(i.kind()).as(i.toString()).isEqualTo(IpKind.AWS_SERVICE_NAME);
    assertThat(i.awsOwned()).as(i.toString()).isTrue();
    assertThat(i.countryCode()).as(i.toString()).isNull();
  }

  /**
   * Q5. [CT-RECORD] "usually AWS Internal/#, where # is a number used for internal purposes": "AWS Internal/3" is the
   * documented form of an AWS-originated event, so it is AWS, like "AWS Internal" — not an invalid value.
   */
  @Test
  void awsInternalWithItsNumberIsAws() {
    IpInfo i = info("AWS Internal/3");
    assertThat(i.kind())
        .as("AWS (CloudTrail record contents): events originated by AWS log \"AWS Internal/#\", # a number; the product"
            + " classified \"AWS Internal/3\" as " + i.kind() + " (" + i.notes() + ")")
        .isEqualTo(IpKind.AWS_SERVICE_NAME);
    assertThat(i.awsOwned()).as(i.toString()).isTrue();
  }

  /**
   * Q6. [CT-RECORD] vpcEndpointId "requests were made from a VPC to another AWS service"; [KEYS] through an endpoint
   * the caller is known by its VPC address (aws:VpcSourceIp): 10.0.5.17 is private, never a country or an AS.
   */
  @Test
  void privateAddressThroughAnEndpointIsPrivate() {
    IpInfo i = info("10.0.5.17");
    assertThat(i.kind()).as(i.toString()).isEqualTo(IpKind.PRIVATE);
    assertThat(i.countryCode()).as(i.toString()).isNull();
    assertThat(i.asn()).as(i.toString()).isNull();
  }

  /** Q7. A malformed value (an octet of 300) is not "The IP address that the request was made from": unknown. */
  @Test
  void malformedValueIsInvalidNotACountry() {
    IpInfo i = info("198.51.100.300");
    assertThat(i.kind()).as(i.toString()).isEqualTo(IpKind.INVALID);
    assertThat(i.countryCode()).as(i.toString()).isNull();
    assertThat(i.awsOwned()).as(i.toString()).isFalse();
  }

  /**
   * Q8. [IP-RANGES] 3.80.0.0/12 is listed for service EC2 in us-east-1: 3.80.12.34 is a public address inside AWS's
   * EC2 range in that region (someone's instance), not an AWS service calling on the user's behalf.
   */
  @Test
  void ec2AddressIsAPublicAwsAddressWithServiceAndRegion() {
    IpInfo i = info("3.80.12.34");
    assertThat(i.kind()).as(i.toString()).isEqualTo(IpKind.PUBLIC_IP);
    assertThat(i.awsOwned()).as(i.toString()).isTrue();
    assertThat(i.awsService()).as(i.toString()).isEqualTo("EC2");
    assertThat(i.awsRegion()).as(i.toString()).isEqualTo("us-east-1");
  }

  // ------------------------------------------------------------------ timeline filters on the stored rows

  /**
   * Q9. aws:true: AWS's own calls (ec2.amazonaws.com, the CloudFormation call, "AWS Internal", "AWS Internal/3") and the
   * call from the EC2 range [CT-RECORD][IP-RANGES]; never the public 8.8.8.8 / IPv6 / 1.1.1.1 calls, the private
   * endpoint address or the malformed value.
   */
  @Test
  void awsTrueSelectsAwsSourcesOnly() throws Exception {
    Set<String> ids = filter("aws:true");
    assertThat(ids).as("aws:true selected " + ids)
        .contains("svc-ec2", "alice-cfn", "alice-internal", "bob-ec2")
        .doesNotContain("alice-base", "bob-base", "carol-base", "alice-v6", "carol-new", "alice-vpce", "alice-bad");
  }

  /** Q10. Same as Q5 through the filter: the "AWS Internal/#" event is AWS's [CT-RECORD]. */
  @Test
  void awsTrueSelectsAwsInternalWithItsNumber() throws Exception {
    Set<String> ids = filter("aws:true");
    assertThat(ids)
        .as("AWS (CloudTrail record contents): \"AWS Internal/#\" marks events originated by AWS; aws:true selected " + ids)
        .contains("alice-internal-n");
  }

  /** Q11. aws:false: the public non-AWS calls, and none of AWS's calls. */
  @Test
  void awsFalseSelectsPublicNonAwsCalls() throws Exception {
    Set<String> ids = filter("aws:false");
    assertThat(ids).as("aws:false selected " + ids)
        .contains("alice-base", "bob-base", "carol-base", "alice-v6", "carol-new")
        .doesNotContain("svc-ec2", "alice-cfn", "alice-internal", "alice-internal-n", "bob-ec2");
  }

  /**
   * Q12. country:US: the 8.8.8.8 / IPv6 Google calls and the EC2 us-east-1 call; never a service name, "AWS Internal",
   * the private endpoint address or the malformed value (none of them is an address with a location).
   */
  @Test
  void countryFilterNeverMatchesNonAddresses() throws Exception {
    Set<String> ids = filter("country:US");
    assertThat(ids).as("country:US selected " + ids)
        .contains("alice-base", "alice-v6", "bob-ec2")
        .doesNotContain("svc-ec2", "alice-cfn", "alice-internal", "alice-internal-n", "alice-vpce", "alice-bad");
  }

  /** Q13. asn:15169 (Google): the IPv4 and the compressed IPv6 Google addresses, nothing else. */
  @Test
  void asnFilterMatchesIpv4AndIpv6OfTheNetwork() throws Exception {
    Set<String> ids = filter("asn:15169");
    assertThat(ids).as("asn:15169 selected " + ids)
        .contains("alice-base", "alice-v6")
        .doesNotContain("svc-ec2", "alice-cfn", "alice-internal", "alice-internal-n", "alice-vpce", "alice-bad", "bob-ec2");
  }

  // ------------------------------------------------------------------ new-address / country / network detections

  /** Q14. alice's key used from a new public address (2001:4860:4860::8888) the day after its baseline: new address. */
  @Test
  void newPublicAddressOfAKeyIsReported() throws Exception {
    Set<String> ids = evidence("long-term-key-new-ip");
    assertThat(ids).as(show(findings("long-term-key-new-ip"))).contains("alice-v6", "carol-new");
  }

  /** Q15. [CT-RECORD] "AWS Internal" is AWS originating the event, not an address of the key's holder: no new address. */
  @Test
  void awsInternalIsNotANewAddress() throws Exception {
    assertThat(evidence("long-term-key-new-ip")).as(show(findings("long-term-key-new-ip"))).doesNotContain("alice-internal");
  }

  /** Q16. Same for the documented "AWS Internal/#" form [CT-RECORD]. */
  @Test
  void awsInternalWithItsNumberIsNotANewAddress() throws Exception {
    assertThat(evidence("long-term-key-new-ip"))
        .as("AWS (CloudTrail record contents): \"AWS Internal/#\" marks events originated by AWS, not the key holder's"
            + " address; the product reported it as a new address:" + show(findings("long-term-key-new-ip")))
        .doesNotContain("alice-internal-n");
  }

  /**
   * Q17. [CT-RECORD] vpcEndpointId present: the call came from inside the VPC through the endpoint, and 10.0.5.17 is the
   * VPC-internal address [KEYS: aws:VpcSourceIp] — not an outside address from which a leaked key is being used.
   */
  @Test
  void privateEndpointAddressIsNotANewAddress() throws Exception {
    assertThat(evidence("long-term-key-new-ip"))
        .as("AWS (CloudTrail record contents, IAM keys): a call with vpcEndpointId was made from the VPC through the"
            + " endpoint and sourceIPAddress is the VPC-private address; the product reported 10.0.5.17 as a new"
            + " address of the key:" + show(findings("long-term-key-new-ip")))
        .doesNotContain("alice-vpce");
  }

  /** Q18. [CT-RECORD] through CloudFormation the field is the service's name: not a new address (invokedBy). */
  @Test
  void serviceNameIsNotANewAddress() throws Exception {
    assertThat(evidence("long-term-key-new-ip")).as(show(findings("long-term-key-new-ip"))).doesNotContain("alice-cfn");
  }

  /**
   * Q19. New country: carol's key from 1.1.1.1 (a country other than US) after 8.8.8.8 (US) is reported; alice's calls
   * (US, then AWS, private and malformed values that have no country) never are.
   */
  @Test
  void newCountryOnlyForPublicAddresses() throws Exception {
    IpInfo cf = info("1.1.1.1");
    Set<String> ids = evidence("long-term-key-new-country");
    String why = "1.1.1.1 -> " + cf.countryCode() + show(findings("long-term-key-new-country"));
    if (cf.countryCode() != null && !"US".equals(cf.countryCode())) {
      assertThat(ids).as(why).contains("carol-new");
    }
    assertThat(ids).as(why).doesNotContain("alice-v6", "alice-internal", "alice-internal-n", "alice-vpce", "alice-bad", "alice-cfn");
  }

  /**
   * Q20. New network: bob's key from the EC2 range (an Amazon AS) after Google's AS is a new network and reported; alice's
   * IPv6 call is in the same AS as her baseline, and her AWS/private/malformed values have no AS: none is reported.
   */
  @Test
  void newNetworkOnlyForPublicAddresses() throws Exception {
    Set<String> ids = evidence("long-term-key-new-asn");
    String why = show(findings("long-term-key-new-asn"));
    assertThat(ids).as(why).contains("bob-ec2")
        .doesNotContain("alice-v6", "alice-internal", "alice-internal-n", "alice-vpce", "alice-bad", "alice-cfn");
  }

  // ------------------------------------------------------------------ explain: aws:SourceIp

  /** Q21. [KEYS] aws:SourceIp is the requester's address: the compressed IPv6 matches 2001:4860::/32, Allowed as logged. */
  @Test
  void ipv6IsTheSourceIpAndMatchesItsPrefix() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "alice-v6");
    assertThat(context(e, "aws:SourceIp")).as(ExplainedEvents.why(e)).containsExactly("2001:4860:4860::8888");
    assertThat(e.path("decision").asText()).as(ExplainedEvents.why(e)).isEqualToIgnoringCase("allowed");
  }

  /** Q22. An address inside AWS's EC2 range is still the requester's public address: aws:SourceIp 3.80.12.34, Allowed. */
  @Test
  void ec2AddressIsTheSourceIp() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "bob-ec2");
    assertThat(context(e, "aws:SourceIp")).as(ExplainedEvents.why(e)).containsExactly("3.80.12.34");
    assertThat(e.path("decision").asText()).as(ExplainedEvents.why(e)).isEqualToIgnoringCase("allowed");
  }

  /**
   * Q23. A malformed sourceIPAddress gives no address: the replay must not put "198.51.100.300" into aws:SourceIp nor
   * decide the IpAddress condition; the decision depends on aws:SourceIp (undetermined).
   */
  @Test
  void malformedValueLeavesSourceIpUndetermined() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "alice-bad");
    assertThat(context(e, "aws:SourceIp")).as(ExplainedEvents.why(e)).doesNotContain("198.51.100.300");
    assertThat(ExplainedEvents.missing(e)).as(ExplainedEvents.why(e)).contains("aws:sourceip");
  }

  /**
   * Q24. [DENY-IP] with a forward access session "the original requester's IP address is preserved", but the record
   * shows only "cloudformation.amazonaws.com" [CT-RECORD]: aws:SourceIp is the user's address, which the log lacks —
   * undetermined, never the service's name and never absent.
   */
  @Test
  void forwardAccessSessionSourceIpIsUndetermined() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "alice-cfn");
    assertThat(context(e, "aws:SourceIp")).as(ExplainedEvents.why(e)).doesNotContain("cloudformation.amazonaws.com");
    assertThat(ExplainedEvents.missing(e))
        .as("AWS (IAM deny-ip example): under a forward access session the original requester's IP is preserved as"
            + " aws:SourceIp; the record does not hold it, so the IpAddress condition is undetermined; product: "
            + ExplainedEvents.why(e))
        .contains("aws:sourceip");
  }

  /**
   * Q25. [CT-RECORD] "AWS Internal" is not "The IP address that the request was made from": the replay must not use it
   * as aws:SourceIp, and the log lacks the address the IpAddress condition needs (undetermined).
   */
  @Test
  void awsInternalIsNeverTheSourceIp() throws Exception {
    JsonNode e = ExplainedEvents.only(caseDir, "alice-internal");
    assertThat(context(e, "aws:SourceIp")).as(ExplainedEvents.why(e)).doesNotContain("AWS Internal");
    assertThat(ExplainedEvents.missing(e))
        .as("\"AWS Internal\" gives no requester address, so the IpAddress aws:SourceIp condition cannot be decided"
            + " from the log; product: " + ExplainedEvents.why(e))
        .contains("aws:sourceip");
  }
}
