package io.github.trailbench.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.policy.PolicyDocument;
import io.github.trailbench.core.policy.PolicyParser;
import org.junit.jupiter.api.Test;

/** Which trust statements let every user of a shared OIDC provider in. */
class OpenFederatedTrustsTest {
  static final String GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

  static String openTo(String condition) throws Exception {
    return openTo(GH, "\"sts:AssumeRoleWithWebIdentity\"", condition, "Action");
  }

  static String openTo(String provider, String action, String condition, String actionElement) throws Exception {
    PolicyDocument d = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Federated\":\"" + provider + "\"},\"" + actionElement + "\":" + action
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}", "test");
    return OpenFederatedTrusts.openTo(d.statements().get(0));
  }

  @Test
  void aGitHubTrustWithTheAudienceAloneIsOpen() throws Exception {
    assertThat(openTo("{\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"}}"))
        .isEqualTo("token.actions.githubusercontent.com");
    assertThat(openTo(null)).isEqualTo("token.actions.githubusercontent.com");
  }

  @Test
  void aSubPatternThatAnyRepositoryMatchesIsOpen() throws Exception {
    assertThat(openTo("{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:*\"}}")).isNotNull();
    assertThat(openTo("{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"*\"}}")).isNotNull();
    // one open value among several opens the statement
    assertThat(openTo("{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":[\"repo:org/app:*\",\"repo:*\"]}}"))
        .isNotNull();
    // a negated operator names whom to keep out, not whom to let in
    assertThat(openTo("{\"StringNotEquals\":{\"token.actions.githubusercontent.com:sub\":\"repo:evil/x:ref:refs/heads/main\"}}"))
        .isNotNull();
  }

  @Test
  void aConditionNamingTheRepositoryOrItsOwnerClosesIt() throws Exception {
    assertThat(openTo("{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:org/*\"}}")).isNull();
    assertThat(openTo("{\"StringEquals\":{\"token.actions.githubusercontent.com:sub\":\"repo:org/app:ref:refs/heads/main\"}}"))
        .isNull();
    // condition keys are matched without case
    assertThat(openTo("{\"StringEquals\":{\"Token.Actions.GitHubUserContent.com:Repository_Owner\":\"org\"}}")).isNull();
  }

  @Test
  void otherSharedProvidersAndWhatIsNotAWebIdentityTrust() throws Exception {
    assertThat(openTo("arn:aws:iam::111122223333:oidc-provider/gitlab.com", "\"sts:AssumeRoleWithWebIdentity\"",
        "{\"StringEquals\":{\"gitlab.com:aud\":\"https://gitlab.com\"}}", "Action")).isEqualTo("gitlab.com");
    assertThat(openTo("arn:aws:iam::111122223333:oidc-provider/gitlab.com", "\"sts:AssumeRoleWithWebIdentity\"",
        "{\"StringLike\":{\"gitlab.com:sub\":\"project_path:mygroup/myproject:*\"}}", "Action")).isNull();
    // a provider of one's own (an EKS cluster's issuer) is not shared with strangers
    assertThat(openTo("arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
        "\"sts:AssumeRoleWithWebIdentity\"", null, "Action")).isNull();
    // the statement must allow the web identity call: sts:* does, AssumeRole alone and NotAction of it do not
    assertThat(openTo(GH, "\"sts:*\"", null, "Action")).isNotNull();
    assertThat(openTo(GH, "\"sts:AssumeRole\"", null, "Action")).isNull();
    assertThat(openTo(GH, "\"sts:AssumeRoleWithWebIdentity\"", null, "NotAction")).isNull();
  }
}
