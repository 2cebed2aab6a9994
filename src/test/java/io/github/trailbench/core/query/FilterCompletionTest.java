package io.github.trailbench.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.query.FilterCompletion.Completed;
import io.github.trailbench.core.query.FilterCompletion.FieldName;
import io.github.trailbench.core.query.FilterCompletion.FieldValue;
import io.github.trailbench.core.query.FilterCompletion.Nothing;
import org.junit.jupiter.api.Test;

class FilterCompletionTest {

  @Test
  void aWordBeingTypedIsAFieldNameAndTheNamesComeFromTheFieldList() {
    assertThat(FilterCompletion.at("eventN", 6)).isEqualTo(new FieldName("eventN", 0, 6));
    assertThat(FilterCompletion.fieldNames("eventN")).containsExactly("eventName:");
    assertThat(FilterCompletion.fieldNames("event")).containsExactly("eventName:", "eventSource:", "eventType:", "eventId:");
    assertThat(FilterCompletion.fieldNames("TI")).containsExactly("time>=");
    assertThat(FilterCompletion.fieldNames("")).hasSize(Field.values().length);
    assertThat(FilterCompletion.fieldNames("NOT")).isEmpty();
  }

  @Test
  void afterFieldColonTheValueIsCompleted() {
    String text = "error:none AND (principal:arn:aws:iam";
    assertThat(FilterCompletion.at(text, text.length()))
        .isEqualTo(new FieldValue(Field.PRINCIPAL, "arn:aws:iam", 26, text.length()));
    assertThat(FilterCompletion.at("ip:\"10.0", 8)).isEqualTo(new FieldValue(Field.IP, "10.0", 3, 8));
    assertThat(FilterCompletion.at("eventName:", 10)).isEqualTo(new FieldValue(Field.EVENT_NAME, "", 10, 10));
  }

  @Test
  void timeComparisonsUnknownFieldsAndClosedQuotesOfferNothing() {
    assertThat(FilterCompletion.at("time>=2026", 10)).isEqualTo(new Nothing());
    assertThat(FilterCompletion.at("color:red", 9)).isEqualTo(new Nothing());
    assertThat(FilterCompletion.at("ip:\"1.2.3.4\"", 12)).isEqualTo(new Nothing());
  }

  @Test
  void acceptingReplacesTheTokenAndPlacesTheCaret() {
    Completed name = FilterCompletion.accept("NOT eventN AND x", new FieldName("eventN", 4, 10), "eventName:");
    assertThat(name).isEqualTo(new Completed("NOT eventName: AND x", 14));
    Completed value = FilterCompletion.accept("eventName:Lis", new FieldValue(Field.EVENT_NAME, "Lis", 10, 13), "ListUsers");
    assertThat(value).isEqualTo(new Completed("eventName:ListUsers ", 20));
    Completed inParens = FilterCompletion.accept("(ip:1)", new FieldValue(Field.IP, "1", 4, 5), "10.0.0.1");
    assertThat(inParens).isEqualTo(new Completed("(ip:10.0.0.1)", 12));
  }

  @Test
  void valuesThatAreNotPlainWordsAreQuotedSoTheyParseBack() throws Exception {
    assertThat(FilterCompletion.valueText("arn:aws:iam::1:user/bob")).isEqualTo("arn:aws:iam::1:user/bob");
    assertThat(FilterCompletion.valueText("Mozilla/5.0 (X11)")).isEqualTo("\"Mozilla/5.0 (X11)\"");
    assertThat(FilterCompletion.valueText("a*b")).as("a star in a value is not a wildcard").isEqualTo("\"a\\*b\"");
    assertThat(FilterParser.parse(FilterCompletion.valueText("a*b"))).as("and parses back literal")
        .isEqualTo(new Expr.Term(null, "a*b", false, 0, true));
    String filter = "userAgent:" + FilterCompletion.valueText("say \"hi\" \\o/");
    assertThat(FilterParser.parse(filter)).isEqualTo(new Expr.Term(Field.USER_AGENT, "say \"hi\" \\o/", false, 0, true));
  }

  @Test
  void anAcceptedPrincipalIsQuotedSoItMatchesThatArnOnly() {
    Completed done = FilterCompletion.accept("principal:arn", new FieldValue(Field.PRINCIPAL, "arn", 10, 13), "arn:aws:iam::1:user/bob");
    assertThat(done.text()).isEqualTo("principal:\"arn:aws:iam::1:user/bob\" ");
  }

  @Test
  void verdictOffersItsFiveWordsAndNoCaseValues() {
    assertThat(FilterCompletion.fieldNames("verd")).containsExactly("verdict:");
    assertThat(Field.VERDICT.fixedValues()).containsExactly("agrees", "disagrees", "undetermined", "not-deniable", "no-decision");
    assertThat(Field.VERDICT.hasCaseValues()).isFalse();
  }

  @Test
  void theVerdictWordsAreTheReplayVerdictsAsExplainWritesThem() {
    assertThat(Field.VERDICT_WORDS).containsExactlyElementsOf(java.util.Arrays.stream(
        io.github.trailbench.core.correlate.ReplayVerdict.values()).map(v -> v.json().replace(' ', '-')).toList());
  }
}
