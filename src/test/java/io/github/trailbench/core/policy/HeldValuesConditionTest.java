package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.policy.NamedPolicy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A multivalued key known to be present and to hold one value among others the log does not show:
 * aws:CalledVia of a call CloudFormation made, where CloudTrail logs only the last service
 * (invokedBy). IAM User Guide, "Condition operators" and "Single-valued vs. multivalued context
 * keys": ForAnyValue holds when one value satisfies the operator, ForAllValues fails when one does
 * not, Null false holds on a present key; whatever the unseen values would decide stays undetermined.
 */
class HeldValuesConditionTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
      "ForAnyValue:StringEquals, cloudformation.amazonaws.com, Allowed",
      "ForAnyValue:StringLike, cloudformation.*, Allowed",
      "ForAnyValue:StringEquals, athena.amazonaws.com, Undetermined",
      "ForAnyValue:StringNotEquals, athena.amazonaws.com, Allowed",
      "ForAnyValue:StringNotEquals, cloudformation.amazonaws.com, Undetermined",
      "ForAllValues:StringEquals, athena.amazonaws.com, ImplicitDeny",
      "ForAllValues:StringEquals, cloudformation.amazonaws.com, Undetermined",
      "ForAllValues:StringNotEquals, cloudformation.amazonaws.com, ImplicitDeny",
      "Null, false, Allowed",
      "Null, true, ImplicitDeny",
      "StringEquals, cloudformation.amazonaws.com, Undetermined"})
  void aConditionOnAKeyKnownToHoldTheLoggedService(String operator, String value, String decision) throws Exception {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:CreateTable\","
        + "\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"aws:CalledVia\":\"" + value + "\"}}}]}";
    PolicySet set = PolicySet.builder().identity(new NamedPolicy("p", PolicyParser.parse(json, "p"))).build();
    Request request = Request.builder("arn:aws:iam::111122223333:user/dev", "dynamodb:CreateTable", "arn:aws:dynamodb:us-east-1:111122223333:table/t")
        .openWorld(List.of()).holding("aws:CalledVia", List.of("cloudformation.amazonaws.com")).build();
    assertThat(ENGINE.evaluate(request, set).decision().json()).isEqualTo(decision);
  }

  /**
   * A key known present with no value known (ec2:SourceInstanceARN of an instance's credentials): only Null decides;
   * IAM User Guide, "Condition operators", Null: "true" when the key is absent, "false" when present.
   */
  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
      "Null, false, Allowed",
      "Null, true, ImplicitDeny",
      "StringEquals, arn:aws:ec2:us-east-1:111122223333:instance/i-0abc, Undetermined",
      "StringNotEqualsIfExists, arn:aws:ec2:us-east-1:111122223333:instance/i-0abc, Undetermined"})
  void aKeyPresentWithNoValueKnown(String operator, String value, String decision) throws Exception {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"ec2:SourceInstanceARN\":\"" + value + "\"}}}]}";
    PolicySet set = PolicySet.builder().identity(new NamedPolicy("p", PolicyParser.parse(json, "p"))).build();
    Request request = Request.builder("arn:aws:sts::111122223333:assumed-role/App/i-0abc", "s3:GetObject", "arn:aws:s3:::b/k")
        .openWorld(List.of()).holding("ec2:SourceInstanceARN", List.of()).build();
    assertThat(ENGINE.evaluate(request, set).decision().json()).isEqualTo(decision);
  }

  /**
   * IAM User Guide, "Condition operators": a negated operator on a key absent from the request holds, whatever the
   * policy's values, so a policy variable whose key is unknown does not leave it undetermined.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"StringNotEquals, ExplicitDeny", "StringEquals, Allowed"})
  void aConditionOnAnAbsentKeyNamingAnUnknownVariable(String operator, String decision) throws Exception {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\""
        + operator + "\":{\"aws:Ec2InstanceSourceVpc\":\"${aws:SourceVpc}\"}}}]}";
    PolicySet set = PolicySet.builder().identity(new NamedPolicy("p", PolicyParser.parse(json, "p"))).build();
    Request request = Request.builder("arn:aws:iam::111122223333:user/dev", "s3:GetObject", "arn:aws:s3:::b/k")
        .openWorld(List.of("aws:Ec2InstanceSourceVpc")).unknown("aws:SourceVpc").build();
    assertThat(ENGINE.evaluate(request, set).decision().json()).isEqualTo(decision);
  }
}
