package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.policy.NamedPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionSuggestionsTest {
  static final PolicyEngine ENGINE = new PolicyEngine();
  static final DecisionSuggestions SUGGESTIONS = new DecisionSuggestions(ENGINE);
  static final String SESSION = "arn:aws:sts::111122223333:assumed-role/OpsAdminRole/ci-maint";
  static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowAdmin\",\"Effect\":\"Allow\","
      + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
  static final String FULL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

  static NamedPolicy policy(String name, String json) throws Exception {
    return new NamedPolicy(name, PolicyParser.parse(json, name));
  }

  static PolicySet inOrganization(NamedPolicy... identity) throws Exception {
    PolicySet.Builder b = PolicySet.builder()
        .scpLevel(List.of(policy("FullAWSAccess @ Root", FULL)))
        .scpLevel(List.of(policy("FullAWSAccess @ Production", FULL)));
    for (NamedPolicy p : identity) {
      b.identity(p);
    }
    return b.build();
  }

  static Request createUser() {
    return Request.builder(SESSION, "iam:CreateUser", "arn:aws:iam::111122223333:user/svc-backup")
        .context("aws:SourceIp", "198.51.100.23")
        .context("aws:RequestedRegion", "us-east-1")
        .context("aws:MultiFactorAuthPresent", "false")
        .build();
  }

  static List<Suggestion> suggest(Request r, PolicySet set) {
    return SUGGESTIONS.suggest(r, set, ENGINE.evaluate(r, set));
  }

  /** Each suggestion, applied, gives the decision it claims and flips the baseline's. */
  static void assertEachFlips(Request r, PolicySet set, List<Suggestion> suggestions) {
    Decision before = ENGINE.evaluate(r, set).decision();
    for (Suggestion s : suggestions) {
      Decision after = ENGINE.evaluate(r, PolicyChanges.apply(set, s.changes())).decision();
      assertThat(after).as(s.title()).isEqualTo(s.verified().decision());
      if (before == Decision.ALLOWED) {
        assertThat(after).as(s.title()).isIn(Decision.EXPLICIT_DENY, Decision.IMPLICIT_DENY, Decision.UNDETERMINED);
      } else {
        assertThat(after).as(s.title()).isIn(Decision.ALLOWED, Decision.UNDETERMINED);
      }
    }
  }

  static <T extends Suggestion> T only(List<Suggestion> all, Class<T> type) {
    List<T> of = all.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(of).hasSize(1);
    return of.get(0);
  }

  @Test
  void allowedByAdministratorAccessCouldHaveBeenDeniedByAnScpOrAnIdentityDenyForExactlyThisRequest() throws Exception {
    PolicySet set = inOrganization(policy("AdministratorAccess", ADMIN));
    List<Suggestion> all = suggest(createUser(), set);
    List<Suggestion.AddDeny> denies = all.stream().filter(Suggestion.AddDeny.class::isInstance)
        .map(Suggestion.AddDeny.class::cast).toList();
    assertThat(denies).extracting(Suggestion.AddDeny::kind).containsExactly(PolicyKind.SCP, PolicyKind.IDENTITY);
    for (Suggestion.AddDeny d : denies) {
      assertThat(d.verified().decision()).isEqualTo(Decision.EXPLICIT_DENY);
      PolicyChange.Add add = (PolicyChange.Add) d.changes().get(0);
      assertThat(add.policy().document().source()).contains("\"Deny\"", "iam:CreateUser",
          "arn:aws:iam::111122223333:user/svc-backup");
    }
    assertEachFlips(createUser(), set, all);
  }

  @Test
  void aChangeToAStatementThatAllowsMoreThanTheRequestSaysItAppliesToAllOfIt() throws Exception {
    PolicySet set = inOrganization(policy("AdministratorAccess", ADMIN));
    List<Suggestion> all = suggest(createUser(), set);
    // AdministratorAccess's Action "*" statement: a condition on it, or its removal, takes every action away
    assertThat(all).filteredOn(s -> s instanceof Suggestion.ConditionOnAllow || s instanceof Suggestion.RemoveAllow).isNotEmpty()
        .allSatisfy(s -> assertThat(s.reason()).contains("also allows other actions or resources; the change applies to all of"
            + " them, not only to iam:CreateUser"));
    String exact = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Only\",\"Effect\":\"Allow\",\"Action\":"
        + "\"iam:CreateUser\",\"Resource\":\"arn:aws:iam::111122223333:user/svc-backup\"}]}";
    List<Suggestion> narrow = suggest(createUser(), inOrganization(policy("OnlyThis", exact)));
    assertThat(narrow).filteredOn(s -> s instanceof Suggestion.RemoveAllow).isNotEmpty()
        .allSatisfy(s -> assertThat(s.reason()).doesNotContain("also allow"));
  }

  @Test
  void theScpDenyJoinsTheAccountsLevelAndAnotherActionStaysAllowed() throws Exception {
    PolicySet set = inOrganization(policy("AdministratorAccess", ADMIN));
    Suggestion.AddDeny scp = suggest(createUser(), set).stream().filter(Suggestion.AddDeny.class::isInstance)
        .map(Suggestion.AddDeny.class::cast).filter(d -> d.kind() == PolicyKind.SCP).findFirst().orElseThrow();
    PolicySet applied = PolicyChanges.apply(set, scp.changes());
    assertThat(applied.scps().get(1)).extracting(NamedPolicy::name).contains("WhatIfDeny iam:CreateUser (SCP)");
    Request other = Request.builder(SESSION, "iam:CreateRole", "arn:aws:iam::111122223333:role/x").build();
    assertThat(ENGINE.evaluate(other, applied).decision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void noScpSuggestionWhenTheAccountIsInNoOrganization() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("AdministratorAccess", ADMIN)).build();
    assertThat(suggest(createUser(), set)).noneMatch(s -> s instanceof Suggestion.AddDeny d && d.kind() == PolicyKind.SCP);
  }

  @Test
  void mfaAbsentFromTheRequestMeansRequiringMfaOnTheAllowingStatementDeniesIt() throws Exception {
    PolicySet set = inOrganization(policy("AdministratorAccess", ADMIN));
    List<Suggestion> all = suggest(createUser(), set);
    Suggestion.ConditionOnAllow mfa = all.stream().filter(Suggestion.ConditionOnAllow.class::isInstance)
        .map(Suggestion.ConditionOnAllow.class::cast).filter(c -> c.key().equals("aws:MultiFactorAuthPresent"))
        .findFirst().orElseThrow();
    assertThat(mfa.operator()).isEqualTo("Bool");
    assertThat(mfa.values()).containsExactly("true");
    assertThat(mfa.verified().decision()).isEqualTo(Decision.IMPLICIT_DENY);
    PolicyChange.Replace edit = (PolicyChange.Replace) mfa.changes().get(0);
    assertThat(edit.policyName()).isEqualTo("AdministratorAccess");
    assertThat(edit.document().statements().get(0).conditions()).singleElement()
        .satisfies(c -> assertThat(c.key()).isEqualTo("aws:MultiFactorAuthPresent"));
    assertEachFlips(createUser(), set, all);
  }

  @Test
  void noMfaSuggestionWhenTheCallerUsedMfa() throws Exception {
    Request withMfa = Request.builder(SESSION, "iam:CreateUser", "*").context("aws:MultiFactorAuthPresent", "true").build();
    assertThat(suggest(withMfa, inOrganization(policy("AdministratorAccess", ADMIN))))
        .noneMatch(s -> s instanceof Suggestion.ConditionOnAllow c && c.key().equals("aws:MultiFactorAuthPresent"));
  }

  @Test
  void anMfaConditionOnAKeyTheLogCannotCarryIsUndeterminedAndSaysSo() throws Exception {
    Request r = Request.builder(SESSION, "iam:CreateUser", "*").unknown("aws:MultiFactorAuthPresent").build();
    PolicySet set = inOrganization(policy("AdministratorAccess", ADMIN));
    Suggestion.ConditionOnAllow mfa = suggest(r, set).stream().filter(Suggestion.ConditionOnAllow.class::isInstance)
        .map(Suggestion.ConditionOnAllow.class::cast).findFirst().orElseThrow();
    assertThat(mfa.verified().decision()).isEqualTo(Decision.UNDETERMINED);
    assertThat(mfa.verified().dependsOn()).containsExactly("aws:MultiFactorAuthPresent");
    assertThat(mfa.reason()).contains("undetermined", "aws:MultiFactorAuthPresent");
  }

  @Test
  void sourceIpAndRegionConditionsUseValuesTheRequestDoesNotHave() throws Exception {
    PolicySet set = inOrganization(policy("AdministratorAccess", ADMIN));
    List<Suggestion> all = suggest(createUser(), set);
    Suggestion.ConditionOnAllow ip = all.stream().filter(Suggestion.ConditionOnAllow.class::isInstance)
        .map(Suggestion.ConditionOnAllow.class::cast).filter(c -> c.key().equals("aws:SourceIp")).findFirst().orElseThrow();
    assertThat(ip.operator()).isEqualTo("IpAddress");
    assertThat(ip.values()).containsExactly("192.0.2.0/24");
    assertThat(ip.verified().decision()).isEqualTo(Decision.IMPLICIT_DENY);
    Suggestion.ConditionOnAllow region = all.stream().filter(Suggestion.ConditionOnAllow.class::isInstance)
        .map(Suggestion.ConditionOnAllow.class::cast).filter(c -> c.key().equals("aws:RequestedRegion")).findFirst().orElseThrow();
    assertThat(region.values()).doesNotContain("us-east-1");
    assertThat(region.verified().decision()).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void aRequestFromTheDocumentationRangeGetsAnotherRange() throws Exception {
    Request r = Request.builder(SESSION, "iam:CreateUser", "*").context("aws:SourceIp", "192.0.2.10").build();
    Suggestion.ConditionOnAllow ip = suggest(r, inOrganization(policy("AdministratorAccess", ADMIN))).stream()
        .filter(Suggestion.ConditionOnAllow.class::isInstance).map(Suggestion.ConditionOnAllow.class::cast)
        .filter(c -> c.key().equals("aws:SourceIp")).findFirst().orElseThrow();
    assertThat(ip.values()).containsExactly("198.51.100.0/24");
    assertThat(ip.verified().decision()).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void theOnlyAllowingStatementCanBeRemovedButNotOneOfTwo() throws Exception {
    PolicySet one = inOrganization(policy("AdministratorAccess", ADMIN));
    Suggestion.RemoveAllow remove = only(suggest(createUser(), one), Suggestion.RemoveAllow.class);
    assertThat(remove.statement()).isEqualTo("AllowAdmin");
    assertThat(remove.policyName()).isEqualTo("AdministratorAccess");
    assertThat(remove.verified().decision()).isEqualTo(Decision.IMPLICIT_DENY);

    PolicySet two = inOrganization(policy("AdministratorAccess", ADMIN),
        policy("IAMFullAccess", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"));
    List<Suggestion> all = suggest(createUser(), two);
    assertThat(all).noneMatch(Suggestion.RemoveAllow.class::isInstance);
    Suggestion.ConditionOnAllow mfa = all.stream().filter(Suggestion.ConditionOnAllow.class::isInstance)
        .map(Suggestion.ConditionOnAllow.class::cast).filter(c -> c.key().equals("aws:MultiFactorAuthPresent"))
        .findFirst().orElseThrow();
    assertThat(mfa.changes()).hasSize(2);
    assertEachFlips(createUser(), two, all);
  }

  @Test
  void aConditionAlreadyOnTheKeyIsNotSuggestedAgain() throws Exception {
    PolicySet set = inOrganization(policy("AdminFromOffice", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}"));
    assertThat(suggest(createUser(), set)).noneMatch(s -> s instanceof Suggestion.ConditionOnAllow c && c.key().equals("aws:SourceIp"));
  }

  @Test
  void stopLoggingDeniedByTheOuScpWouldHaveBeenAllowedWithoutThatDenyStatement() throws Exception {
    NamedPolicy protect = policy("ProtectSecurityTooling @ Production", "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Sid\":\"ProtectSecurityTooling\",\"Effect\":\"Deny\",\"Action\":[\"cloudtrail:StopLogging\",\"cloudtrail:DeleteTrail\"],"
        + "\"Resource\":\"*\",\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/OrgSecurityAdmin\"}}}]}");
    PolicySet set = PolicySet.builder()
        .identity(policy("AdministratorAccess", ADMIN))
        .scpLevel(List.of(policy("FullAWSAccess @ Root", FULL)))
        .scpLevel(List.of(policy("FullAWSAccess @ Production", FULL), protect))
        .build();
    Request r = Request.builder(SESSION, "cloudtrail:StopLogging", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-prod-trail").build();
    assertThat(ENGINE.evaluate(r, set).decision()).isEqualTo(Decision.EXPLICIT_DENY);
    List<Suggestion> all = suggest(r, set);
    Suggestion.RemoveDeny remove = only(all, Suggestion.RemoveDeny.class);
    assertThat(remove.statements()).containsExactly("ProtectSecurityTooling of ProtectSecurityTooling @ Production");
    assertThat(remove.changes()).singleElement().isInstanceOf(PolicyChange.Replace.class);
    assertThat(remove.verified().decision()).isEqualTo(Decision.ALLOWED);
    assertEachFlips(r, set, all);
  }

  @Test
  void removingADenyThatLeavesNothingAllowingAddsTheMissingAllowToo() throws Exception {
    PolicySet set = inOrganization(policy("NoTrailStop", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoStop\","
        + "\"Effect\":\"Deny\",\"Action\":\"cloudtrail:*\",\"Resource\":\"*\"}]}"));
    Request r = Request.builder(SESSION, "cloudtrail:StopLogging", "*").build();
    Suggestion.RemoveDeny remove = only(suggest(r, set), Suggestion.RemoveDeny.class);
    assertThat(remove.changes()).hasSize(2);
    assertThat(remove.changes().get(1)).isInstanceOf(PolicyChange.Add.class);
    assertThat(remove.reason()).contains("missing allow");
    assertThat(remove.verified().decision()).isEqualTo(Decision.ALLOWED);
    assertEachFlips(r, set, List.of(remove));
  }

  @Test
  void anImplicitDenyWithoutAnIdentityAllowGetsAnIdentityAllowForExactlyThisRequest() throws Exception {
    PolicySet set = inOrganization(policy("ReadOnly", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"iam:Get*\",\"Resource\":\"*\"}]}"));
    List<Suggestion> all = suggest(createUser(), set);
    Suggestion.AddAllow allow = only(all, Suggestion.AddAllow.class);
    assertThat(allow.where()).containsExactly("an identity-based policy");
    PolicyChange.Add add = (PolicyChange.Add) allow.changes().get(0);
    assertThat(add.kind()).isEqualTo(PolicyKind.IDENTITY);
    assertThat(add.policy().document().source()).contains("\"Allow\"", "iam:CreateUser");
    assertThat(allow.verified().decision()).isEqualTo(Decision.ALLOWED);
    assertEachFlips(createUser(), set, all);
  }

  @Test
  void anScpLevelWithoutAllowGetsAnAllowAtThatLevelOnly() throws Exception {
    PolicySet set = PolicySet.builder()
        .identity(policy("AdministratorAccess", ADMIN))
        .scpLevel(List.of(policy("FullAWSAccess @ Root", FULL)))
        .scpLevel(List.of(policy("OnlyS3 @ Sandbox", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")))
        .build();
    List<Suggestion> all = suggest(createUser(), set);
    Suggestion.AddAllow allow = only(all, Suggestion.AddAllow.class);
    assertThat(allow.where()).containsExactly("SCP level 2");
    assertThat(((PolicyChange.Add) allow.changes().get(0)).level()).isEqualTo(1);
    assertEachFlips(createUser(), set, all);
  }

  @Test
  void aCrossAccountRequestGetsAResourcePolicyStatementNamingTheCaller() throws Exception {
    PolicySet set = PolicySet.builder().identity(policy("AdministratorAccess", ADMIN)).build();
    Request r = Request.builder(SESSION, "s3:GetObject", "arn:aws:s3:::partner-bucket/report.csv")
        .resourceAccount("444455556666").build();
    assertThat(ENGINE.evaluate(r, set).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    List<Suggestion> all = suggest(r, set);
    Suggestion.AddAllow allow = only(all, Suggestion.AddAllow.class);
    assertThat(allow.where()).containsExactly("a resource-based policy naming the caller");
    PolicyChange.Add add = (PolicyChange.Add) allow.changes().get(0);
    assertThat(add.policy().document().source()).contains(SESSION);
    assertEachFlips(r, set, all);
  }

  @Test
  void theRootUserInItsAccountGetsOnlyDenySuggestions() throws Exception {
    Request r = Request.builder("arn:aws:iam::111122223333:root", "iam:CreateUser", "*").context("aws:MultiFactorAuthPresent", "false").build();
    List<Suggestion> all = suggest(r, inOrganization());
    assertThat(all).isNotEmpty().allMatch(Suggestion.AddDeny.class::isInstance);
    assertEachFlips(r, inOrganization(), all);
  }

  @Test
  void policyChangesRemoveAnScpFromItsLevelAndRefuseWhatTheyCannotFind() throws Exception {
    PolicySet set = inOrganization(policy("AdministratorAccess", ADMIN));
    PolicySet removed = PolicyChanges.apply(set, List.of(new PolicyChange.Remove(PolicyKind.SCP, "FullAWSAccess @ Production")));
    assertThat(removed.scps().get(1)).isEmpty();
    assertThat(set.scps().get(1)).hasSize(1);
    assertThatThrownBy(() -> PolicyChanges.apply(set, List.of(new PolicyChange.Remove(PolicyKind.IDENTITY, "Nope"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no identity-based policy named Nope");
    PolicySet noOrg = PolicySet.builder().build();
    assertThatThrownBy(() -> PolicyChanges.apply(noOrg, List.of(new PolicyChange.Add(PolicyKind.SCP, -1,
        policy("X", FULL))))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SCP levels");
    assertThatThrownBy(() -> PolicyChanges.apply(set, List.of(new PolicyChange.Add(PolicyKind.IDENTITY, -1,
        policy("AdministratorAccess", FULL))))).hasMessageContaining("already");
  }
}
