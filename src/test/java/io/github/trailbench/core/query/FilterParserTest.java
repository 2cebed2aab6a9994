package io.github.trailbench.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {
  static Expr p(String s) throws FilterSyntaxException {
    return FilterParser.parse(s);
  }

  static Expr.Term term(Field f, String v, boolean wild, int pos) {
    return new Expr.Term(f, v, wild, pos);
  }

  @Test
  void blankIsEverything() throws Exception {
    assertThat(p("")).isEqualTo(new Expr.All());
    assertThat(p("   ")).isEqualTo(new Expr.All());
    assertThat(p(null)).isEqualTo(new Expr.All());
  }

  @Test
  void verdictTakesTheReplayVerdictWordsASpaceReadAsAHyphen() throws Exception {
    assertThat(p("verdict:disagrees")).isEqualTo(term(Field.VERDICT, "disagrees", false, 0));
    assertThat(p("verdict:Agrees")).isEqualTo(term(Field.VERDICT, "agrees", false, 0));
    assertThat(p("verdict:not-deniable")).isEqualTo(term(Field.VERDICT, "not-deniable", false, 0));
    assertThat(p("verdict:\"not deniable\"")).isEqualTo(new Expr.Term(Field.VERDICT, "not-deniable", false, 0, true));
    assertThat(p("verdict:\"no decision\"")).isEqualTo(new Expr.Term(Field.VERDICT, "no-decision", false, 0, true));
    assertThat(p("NOT verdict:undetermined")).isEqualTo(new Expr.Not(term(Field.VERDICT, "undetermined", false, 4)));
  }

  @Test
  void aVerdictWordOutsideTheSetIsAnErrorAtItsValueListingTheWords() {
    assertThatThrownBy(() -> p("eventName:X verdict:disagree"))
        .isInstanceOfSatisfying(FilterSyntaxException.class, e -> assertThat(e.position()).isEqualTo(20))
        .hasMessageContaining("verdict takes agrees, disagrees, undetermined, not-deniable or no-decision, not 'disagree'");
    assertThatThrownBy(() -> p("verdict:disagree*")).hasMessageContaining("verdict takes");
  }

  @Test
  void termsQuotesAndWildcards() throws Exception {
    assertThat(p("eventName:GetObject")).isEqualTo(term(Field.EVENT_NAME, "GetObject", false, 0));
    assertThat(p("eventname:Get*")).isEqualTo(term(Field.EVENT_NAME, "Get*", true, 0));
    assertThat(p("ip:10.0.0.?")).isEqualTo(term(Field.IP, "10.0.0.?", true, 0));
    // a wildcard in quotes is a wildcard (the only way to write one in a value with spaces); an escaped one makes the
    // whole value literal
    assertThat(p("userAgent:\"aws-cli/2 Python*\"")).isEqualTo(new Expr.Term(Field.USER_AGENT, "aws-cli/2 Python*", true, 0, true));
    assertThat(p("userAgent:\"aws-cli/2 Python\\*\"")).isEqualTo(new Expr.Term(Field.USER_AGENT, "aws-cli/2 Python*", false, 0, true));
    assertThat(p("resource:\"arn:aws:s3:::b/*\"")).isEqualTo(new Expr.Term(Field.RESOURCE, "arn:aws:s3:::b/*", true, 0, true));
    assertThat(p("principal:\"a \\\"q\\\" b\"")).isEqualTo(new Expr.Term(Field.PRINCIPAL, "a \"q\" b", false, 0, true));
    assertThat(p("action:s3:GetObject")).isEqualTo(term(Field.ACTION, "s3:GetObject", false, 0));
    assertThat(p("resource:arn:aws:s3:::b/*")).isEqualTo(term(Field.RESOURCE, "arn:aws:s3:::b/*", true, 0));
    assertThat(p("alice")).isEqualTo(term(null, "alice", false, 0));
    assertThat(p("error:*")).isEqualTo(term(Field.ERROR, "*", true, 0));
    assertThat(p("readOnly:false")).isEqualTo(term(Field.READ_ONLY, "false", false, 0));
  }

  @Test
  void aZoneAfterASpaceBelongsToTheTime() throws Exception {
    // read as a search word, "UTC" matched no event and the filter silently returned none
    assertThat(p("time>=2026-10-03 UTC")).isEqualTo(new Expr.TimeCompare(Expr.Op.GE, Instant.parse("2026-10-03T00:00:00Z"), 0));
    assertThat(p("time>=2026-10-03 +02:00")).isEqualTo(new Expr.TimeCompare(Expr.Op.GE, Instant.parse("2026-10-02T22:00:00Z"), 0));
    assertThat(p("time>=2026-10-03T14:00 +0200")).isEqualTo(new Expr.TimeCompare(Expr.Op.GE, Instant.parse("2026-10-03T12:00:00Z"), 0));
    assertThat(p("time>=2026-10-03 14:00 utc")).isEqualTo(new Expr.TimeCompare(Expr.Op.GE, Instant.parse("2026-10-03T14:00:00Z"), 0));
    assertThat(p("time>=2026-10-03 UTC eventName:X")).isEqualTo(new Expr.And(List.of(
        new Expr.TimeCompare(Expr.Op.GE, Instant.parse("2026-10-03T00:00:00Z"), 0), term(Field.EVENT_NAME, "X", false, 21))));
  }

  @Test
  void emptyQuotedValuesAndDashNegationAreErrorsNotSilentAnswers() {
    assertThatThrownBy(() -> p("\"\"")).isInstanceOf(FilterSyntaxException.class).hasMessageContaining("empty search word");
    // principal:none would be a search for "none" in the ARN: only error:none means "no value"
    assertThatThrownBy(() -> p("principal:\"\"")).hasMessageContaining("write NOT principal:* for events without one")
        .hasMessageNotContaining("principal:none");
    assertThatThrownBy(() -> p("error:\"\"")).hasMessageContaining("write error:none for events without one");
    assertThatThrownBy(() -> p("-principal:ci-deploy")).hasMessageContaining("write NOT before the field");
    assertThatThrownBy(() -> p("eventName:X !error:none")).isInstanceOfSatisfying(FilterSyntaxException.class,
        e -> assertThat(e.position()).isEqualTo(12));
  }

  @Test
  void aZoneNameAfterATimeIsAnErrorNotASearchWord() throws Exception {
    // read as a search word, EST narrowed the filter to the events holding "EST"
    assertError("time>=2026-10-03 EST", "time zone names are not read ('EST')", 17);
    assertError("time>=2026-10-03 14:00 CET AND ip:1", "time zone names are not read ('CET')", 23);
    assertThat(p("time>=2026-10-03 est")).isInstanceOf(Expr.And.class);
  }

  @Test
  void booleanStructureAndPrecedence() throws Exception {
    Expr e = p("a:1 b:2 OR NOT c:3 AND (d:4 OR e:5)".replace("a:", "region:").replace("b:", "ip:").replace("c:", "error:")
        .replace("d:", "session:").replace("e:", "account:"));
    // implicit AND binds tighter than OR
    assertThat(e).isInstanceOf(Expr.Or.class);
    Expr.Or or = (Expr.Or) e;
    assertThat(or.parts()).hasSize(2);
    assertThat(or.parts().get(0)).isInstanceOf(Expr.And.class);
    Expr.And right = (Expr.And) or.parts().get(1);
    assertThat(right.parts().get(0)).isInstanceOf(Expr.Not.class);
    assertThat(right.parts().get(1)).isInstanceOf(Expr.Or.class);
    assertThat(p("not region:x and ip:y")).isEqualTo(new Expr.And(List.of(
        new Expr.Not(term(Field.REGION, "x", false, 4)), term(Field.IP, "y", false, 17))));
  }

  @Test
  void timeComparisons() throws Exception {
    assertThat(p("time>=2026-10-03T10:00Z")).isEqualTo(
        new Expr.TimeCompare(Expr.Op.GE, Instant.parse("2026-10-03T10:00:00Z"), 0));
    assertThat(p("time<2026-10-04")).isEqualTo(new Expr.TimeCompare(Expr.Op.LT, Instant.parse("2026-10-04T00:00:00Z"), 0));
    assertThat(p("time>2026-10-03T12:00:00+02:00")).isEqualTo(
        new Expr.TimeCompare(Expr.Op.GT, Instant.parse("2026-10-03T10:00:00Z"), 0));
    assertThat(p("time<=2026-10-03T10:00:30.5Z")).isInstanceOf(Expr.TimeCompare.class);
  }

  @Test
  void timeTakesTheDateFormatsPeopleWrite() throws Exception {
    Instant twoPm = Instant.parse("2026-10-03T14:00:00Z");
    for (String written : List.of("2026-10-03 14:00", "2026-10-03 14:00:00", "2026-10-03T14:00", "2026-10-03T14:00Z",
        "2026/10/03 14:00", "2026-10-03 14:00 UTC", "2026-10-03 16:00+02:00", "2026-10-03T16:00:00+0200",
        "\"2026-10-03 14:00\"")) {
      assertThat(p("time>=" + written)).as(written).isEqualTo(new Expr.TimeCompare(Expr.Op.GE, twoPm, 0));
    }
    assertThat(p("time>=2026-10-03 14:00 AND error:*")).isEqualTo(new Expr.And(List.of(
        new Expr.TimeCompare(Expr.Op.GE, twoPm, 0), term(Field.ERROR, "*", true, 27))));
    assertThat(p("time>=2026-10-03 eventName:X")).isEqualTo(new Expr.And(List.of(
        new Expr.TimeCompare(Expr.Op.GE, Instant.parse("2026-10-03T00:00:00Z"), 0), term(Field.EVENT_NAME, "X", false, 17))));
    assertThat(FilterParser.instant("2026-10-03 14:00:05.25")).isEqualTo(Instant.parse("2026-10-03T14:00:05.250Z"));
    assertThat(FilterParser.instant("2026-13-03")).isNull();
    assertThat(FilterParser.instant("03/10/2026")).isNull();
  }

  @Test
  void cloudTrailFieldNamesAreAliases() throws Exception {
    assertThat(p("sourceIPAddress:203.0.113.7")).isEqualTo(term(Field.IP, "203.0.113.7", false, 0));
    assertThat(p("userIdentity.arn:*ci-deploy*")).isEqualTo(term(Field.PRINCIPAL, "*ci-deploy*", true, 0));
    assertThat(p("userName:ci-deploy")).isEqualTo(term(Field.PRINCIPAL, "ci-deploy", false, 0));
    assertThat(p("eventName:StopLogging")).isEqualTo(term(Field.EVENT_NAME, "StopLogging", false, 0));
    assertThat(p("awsRegion:eu-west-1 errorCode:AccessDenied")).isEqualTo(new Expr.And(List.of(
        term(Field.REGION, "eu-west-1", false, 0), term(Field.ERROR, "AccessDenied", false, 20))));
    assertThat(Field.IP.aliases()).contains("sourceIPAddress");
    assertError("userIdentity.colour:x", "unknown field 'userIdentity.colour'", 0);
  }

  @Test
  void aBarePrincipalValueIsContainedAQuotedOneIsWhole() throws Exception {
    assertThat(((Expr.Term) p("principal:ci-deploy")).contained()).isTrue();
    assertThat(((Expr.Term) p("principal:\"arn:aws:iam::1:user/bob\"")).contained()).isFalse();
    assertThat(((Expr.Term) p("principal:*bob")).contained()).isFalse();
    assertThat(((Expr.Term) p("eventName:Get")).contained()).isFalse();
  }

  @Test
  void balancedParenthesesInsideAValueArePartOfIt() throws Exception {
    // read as a group, userAgent:*(linux)* became userAgent:* AND linux AND *, and matched other events
    assertThat(p("userAgent:*(linux)*")).isEqualTo(term(Field.USER_AGENT, "*(linux)*", true, 0));
    assertThat(p("(userAgent:x(y) OR ip:1)")).isEqualTo(new Expr.Or(List.of(term(Field.USER_AGENT, "x(y)", false, 1),
        term(Field.IP, "1", false, 19))));
    assertError("userAgent:x(y", "'(' inside a value is never closed", 11);
  }

  @Test
  void syntaxErrorsCarryTheirPosition() {
    assertError("eventName:", "missing value after 'eventName:'", 10);
    assertError("colour:red", "unknown field 'colour'", 0);
    assertError("ip:1 AND (region:x", "'(' is never closed", 9);
    assertError("ip:1)", "unbalanced ')'", 4);
    assertError("time>=yesterday", "not a time: 'yesterday'", 6);
    assertError("time>= ip:1", "missing time after '>='", 6);
    assertError("region>x", "field 'region' takes ':'", 6);
    assertError("principal:\"open", "unterminated quoted value", 10);
    assertError("readOnly:maybe", "readOnly takes true or false", 9);
    assertError("ip:1 AND", "expected a term, found the end of the filter", 8);
    assertError("()", "empty parentheses", 0);
  }

  private static void assertError(String filter, String reason, int position) {
    assertThatThrownBy(() -> FilterParser.parse(filter))
        .isInstanceOf(FilterSyntaxException.class)
        .satisfies(e -> {
          FilterSyntaxException f = (FilterSyntaxException) e;
          assertThat(f.reason()).startsWith(reason);
          assertThat(f.position()).as(filter).isEqualTo(position);
        });
  }
}
