package io.github.trailbench.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.policy.ActionElement;
import io.github.trailbench.core.model.policy.ConditionOperator;
import io.github.trailbench.core.model.policy.Effect;
import io.github.trailbench.core.model.policy.PolicyDocument;
import io.github.trailbench.core.model.policy.PrincipalElement;
import io.github.trailbench.core.model.policy.PrincipalType;
import io.github.trailbench.core.model.policy.PrincipalValue;
import io.github.trailbench.core.model.policy.ResourceElement;
import io.github.trailbench.core.model.policy.SetQualifier;
import io.github.trailbench.core.model.policy.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

  static PolicyDocument parse(String json) throws SourceFormatException {
    return PolicyParser.parse(json, "p.json");
  }

  static SourceFormatException error(String json) {
    try {
      parse(json);
    } catch (SourceFormatException e) {
      return e;
    }
    throw new AssertionError("expected an error for " + json);
  }

  @Test
  void readsAFullStatement() throws Exception {
    PolicyDocument d = parse("""
        {"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"S1","Effect":"Deny","NotAction":["iam:*","sts:*"],
          "NotResource":"arn:aws:s3:::b/*","NotPrincipal":{"AWS":["111122223333","*"],"Service":"ec2.amazonaws.com"},
          "Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*",7,true]},"Null":{"aws:x":"true"}}}]}""");
    assertThat(d.version()).isEqualTo("2012-10-17");
    assertThat(d.id()).isEqualTo("x");
    assertThat(d.variablesEnabled()).isTrue();
    Statement s = d.statements().get(0);
    assertThat(s.sid()).isEqualTo("S1");
    assertThat(s.effect()).isEqualTo(Effect.DENY);
    assertThat(s.action()).isInstanceOf(ActionElement.NotAction.class);
    assertThat(s.action().values()).containsExactly("iam:*", "sts:*");
    assertThat(s.resource()).isInstanceOf(ResourceElement.NotResource.class);
    assertThat(s.principal()).isInstanceOf(PrincipalElement.NotPrincipal.class);
    assertThat(s.principal().values()).containsExactly(
        new PrincipalValue(PrincipalType.AWS, "111122223333"), PrincipalValue.ANY,
        new PrincipalValue(PrincipalType.SERVICE, "ec2.amazonaws.com"));
    assertThat(s.conditions()).hasSize(2);
    var c = s.conditions().get(0);
    assertThat(c.operator()).isEqualTo(ConditionOperator.STRING_LIKE);
    assertThat(c.ifExists()).isTrue();
    assertThat(c.qualifier()).isEqualTo(SetQualifier.FOR_ANY_VALUE);
    assertThat(c.values()).containsExactly("a*", "7", "true");
    assertThat(d.source()).contains("NotAction");
  }

  @Test
  void aSingleStatementObjectAndSingleStrings() throws Exception {
    PolicyDocument d = parse("{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Principal\":\"*\"}}");
    assertThat(d.statements()).hasSize(1);
    assertThat(d.variablesEnabled()).isFalse();
    Statement s = d.statements().get(0);
    assertThat(s.displayName()).isEqualTo("#0");
    assertThat(s.principal().values()).containsExactly(PrincipalValue.ANY);
    assertThat(s.resource().values()).containsExactly("*");
  }

  @Test
  void missingVersionDisablesVariables() throws Exception {
    assertThat(parse("{\"Statement\":[]}").variablesEnabled()).isFalse();
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    SourceFormatException e = error("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\", } ]\n}");
    assertThat(e.problem().file()).isEqualTo("p.json");
    assertThat(e.problem().position()).startsWith("line 3, column");
  }

  @Test
  void duplicateKeysAreRejected() {
    SourceFormatException e = error("{\"Statement\":[],\"Statement\":[]}");
    assertThat(e.problem().reason()).contains("Duplicate");
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "{'Statement':[{'Effect':'allow','Action':'*'}]}|Statement[0].Effect|unknown Effect 'allow'",
      "{'Statement':[{'Action':'*'}]}|Statement[0]|missing Effect",
      "{'Statement':[{'Effect':'Allow'}]}|Statement[0]|missing Action and NotAction",
      "{'Statement':[{'Effect':'Allow','Action':'*','NotAction':'*'}]}|Statement[0]|both Action and NotAction",
      "{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*','NotResource':'*'}]}|Statement[0]|both Resource and NotResource",
      "{'Statement':[{'Effect':'Allow','Action':'*','Principal':'*','NotPrincipal':'*'}]}|Statement[0]|both Principal and NotPrincipal",
      "{'Statement':[{'Effect':'Allow','Action':'*'},{'Effect':'Allow','Action':'*'},{'Effect':'Allow','Action':'*','Condition':{'StringEqual':{'a':'b'}}}]}|Statement[2].Condition.StringEqual|unknown condition operator",
      "{'Statement':[{'Effect':'Allow','Action':'*','Condition':{'stringequals':{'a':'b'}}}]}|Statement[0].Condition.stringequals|unknown condition operator",
      "{'Statement':[{'Effect':'Allow','Action':'*','Condition':{'NullIfExists':{'a':'true'}}}]}|Statement[0].Condition.NullIfExists|Null cannot be combined",
      "{'Statement':[{'Effect':'Allow','Action':'*','Condition':{'NumericEquals':{'n':'ten'}}}]}|Statement[0].Condition.NumericEquals.n|not a number",
      "{'Statement':[{'Effect':'Allow','Action':'*','Condition':{'DateLessThan':{'d':'soon'}}}]}|Statement[0].Condition.DateLessThan.d|not an ISO 8601 date",
      "{'Statement':[{'Effect':'Allow','Action':'*','Condition':{'IpAddress':{'aws:SourceIp':['10.0.0.0/8','10.0.0.0/99']}}}]}|Statement[0].Condition.IpAddress.aws:SourceIp[1]|not an IPv4/IPv6",
      "{'Statement':[{'Effect':'Allow','Action':'*','Condition':{'Bool':{'b':'yes'}}}]}|Statement[0].Condition.Bool.b|not true or false",
      "{'Statement':[{'Effect':'Allow','Action':'*','Condition':{'StringEquals':{'k':{'x':1}}}}]}|Statement[0].Condition.StringEquals.k|expected a value",
      "{'Statement':[{'Effect':'Allow','Action':'GetObject'}]}|Statement[0].Action|must be '*' or 'service:action'",
      "{'Statement':[{'Effect':'Allow','Action':['s3:*',3]}]}|Statement[0].Action[1]|expected a string",
      "{'Statement':[{'Effect':'Allow','Action':[]}]}|Statement[0].Action|empty list",
      "{'Statement':[{'Effect':'Allow','action':'*'}]}|Statement[0].action|unknown statement element",
      "{'Statement':[{'Effect':'Allow','Action':'*','Principal':'arn:aws:iam::1:root'}]}|Statement[0].Principal|must be \"*\"",
      "{'Statement':[{'Effect':'Allow','Action':'*','Principal':{'aws':'*'}}]}|Statement[0].Principal.aws|unknown principal type",
      "{'Version':'2012-10-18','Statement':[]}|Version|unsupported Version",
      "{'version':'2012-10-17','Statement':[]}|version|unknown policy element",
      "{'Statement':'x'}|Statement|must be an object or an array",
      "{'Statement':[7]}|Statement[0]|must be a JSON object",
      "[]|(document)|must be a JSON object",
  })
  void semanticErrorsNameTheJsonPath(String json, String path, String reason) {
    SourceFormatException e = error(json.replace('\'', '"'));
    assertThat(e.problem().position()).isEqualTo(path);
    assertThat(e.problem().reason()).contains(reason);
    assertThat(e.getMessage()).startsWith("p.json at " + path);
  }

  @Test
  void conditionKeysKeepTheirSpelling() throws Exception {
    PolicyDocument d = parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Condition\":{\"StringEquals\":{\"AWS:SourceVpc\":\"v\"}}}}");
    assertThat(d.statements().get(0).conditions().get(0).key()).isEqualTo("AWS:SourceVpc");
  }

  @Test
  void variablesInTypedValuesAreCheckedAtEvaluation() throws Exception {
    assertThat(parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Condition\":{\"NumericEquals\":{\"n\":\"${x}\"}}}}").statements()).hasSize(1);
  }

  @Test
  void aPrefixIsPutInFrontOfPaths() throws Exception {
    var node = PolicyParser.MAPPER.readTree("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\"}]}");
    assertThatThrownBy(() -> PolicyParser.parse(node, "in.json", "identityPolicies[1].document"))
        .isInstanceOf(SourceFormatException.class)
        .hasMessageStartingWith("in.json at identityPolicies[1].document.Statement[0].Effect: unknown Effect 'Maybe'");
  }
}
