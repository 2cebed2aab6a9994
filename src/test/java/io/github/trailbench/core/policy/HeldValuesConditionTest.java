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
}
