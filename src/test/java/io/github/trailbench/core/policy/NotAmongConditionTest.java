package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.policy.NamedPolicy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A key known only to be none of some values, or absent (the organization id of an account in
 * none of the case's organizations). IAM User Guide, "Condition operators": a negated string
 * operator holds on a missing key, a positive one does not, unless ...IfExists; so a condition on
 * those values is decided either way for StringEquals (fails) and StringNotEquals (holds), and
 * stays undetermined where absent and present-with-another-value would differ.
 */
class NotAmongConditionTest {
  private static final PolicyEngine ENGINE = new PolicyEngine();

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
      "StringEquals, o-ours, ImplicitDeny",
      "StringEqualsIgnoreCase, O-OURS, ImplicitDeny",
      "StringNotEquals, o-ours, Allowed",
      "StringNotEqualsIfExists, o-ours, Allowed",
      "StringEqualsIfExists, o-ours, Undetermined",
      "StringEquals, o-partner, Undetermined",
      "StringNotEquals, o-partner, Undetermined",
      "StringLike, o-*, Undetermined",
      "Null, true, Undetermined"})
  void aConditionOnAKeyKnownToBeNoneOfTheValues(String operator, String value, String decision) throws Exception {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
        + "\"Condition\":{\"" + operator + "\":{\"aws:PrincipalOrgID\":\"" + value + "\"}}}]}";
    PolicySet set = PolicySet.builder().identity(new NamedPolicy("p", PolicyParser.parse(json, "p"))).build();
    Request request = Request.builder("arn:aws:iam::777788889999:user/outsider", "s3:GetObject", "arn:aws:s3:::b/k")
        .openWorld(List.of()).notAmong("aws:PrincipalOrgID", List.of("o-ours", "o-other")).build();
    assertThat(ENGINE.evaluate(request, set).decision().json()).isEqualTo(decision);
  }
}
