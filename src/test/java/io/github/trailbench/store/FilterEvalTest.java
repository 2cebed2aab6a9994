package io.github.trailbench.store;

import static io.github.trailbench.store.StoreRecords.ACCOUNT_B;
import static io.github.trailbench.store.StoreRecords.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.cloudtrail.Fixtures;
import io.github.trailbench.core.query.Expr;
import io.github.trailbench.core.query.FilterParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter language evaluated over the in-memory columns, on seven hand-made events:
 *
 * <pre>
 * #  time      source / name                 principal  key/session   ip             userAgent                             error                         readOnly account facts
 * 1  10:00:00  iam CreateUser                alice      AKIAALICE..   203.0.113.7    aws-cli/2.15.30                       -                             false    A       iam:CreateUser, user/bob
 * 2  10:01:00  cognito-idp CreateUserPool    alice      AKIAALICE..   203.0.113.7    Mozilla/5.0 (Windows NT 10.0; Win64)  -                             false    A       cognito-idp:CreateUserPool
 * 3  10:02:00  s3 GetObject                  mallory    AKIAMALLORY.. 198.51.100.9   Boto3/1.34.69                         AccessDenied                  true     A       s3:GetObject, secret-bucket, secret-bucket/x.csv
 * 4  10:02:00  s3 ListBuckets                bob        AKIABOB..     198.51.100.10  aws-cli/2.15.30                       -                             true     A       s3:ListAllMyBuckets
 * 5  10:03:30  ec2 RunInstances              bob (B)    AKIABOB..     198.51.100.10  Boto3/1.34.69                         Client.UnauthorizedOperation  false    B       ec2:RunInstances
 * 6  10:05:00  sts GetCallerIdentity         -          -             192.0.2.44     -                                     -                             -        A       -
 * 7  10:06:00  s3 GetObject                  ci-deploy  AKIACIDEPLOY.. 203.0.113.8   aws-cli/2.15.30                       AccessDeniedException         true     B       s3:GetObject, public-bucket, public-bucket/a.txt
 * </pre>
 */
class FilterEvalTest {
  @TempDir static Path tmp;
  static CaseStore store;

  @BeforeAll
  static void importCase() {
    List<StoreRecords.Rec> events = List.of(
        rec("evt-0001", "2026-10-03T10:00:00Z", "iam.amazonaws.com", "CreateUser").user("alice", "AKIAALICE00000000001")
            .ip("203.0.113.7").userAgent("aws-cli/2.15.30").readOnly(false).params("{\"userName\":\"bob\"}"),
        rec("evt-0002", "2026-10-03T10:01:00Z", "cognito-idp.amazonaws.com", "CreateUserPool")
            .user("alice", "AKIAALICE00000000001").ip("203.0.113.7").userAgent("Mozilla/5.0 (Windows NT 10.0; Win64)")
            .readOnly(false),
        rec("evt-0003", "2026-10-03T10:02:00Z", "s3.amazonaws.com", "GetObject").user("mallory", "AKIAMALLORY000000001")
            .ip("198.51.100.9").userAgent("Boto3/1.34.69").error("AccessDenied").readOnly(true)
            .params("{\"bucketName\":\"secret-bucket\",\"key\":\"x.csv\"}")
            .resource("arn:aws:s3:::secret-bucket/x.csv").resource("arn:aws:s3:::secret-bucket"),
        rec("evt-0004", "2026-10-03T10:02:00Z", "s3.amazonaws.com", "ListBuckets").user("bob", "AKIABOB0000000000001")
            .ip("198.51.100.10").userAgent("aws-cli/2.15.30").readOnly(true),
        rec("evt-0005", "2026-10-03T10:03:30Z", "ec2.amazonaws.com", "RunInstances").user("bob", "AKIABOB0000000000001")
            .ip("198.51.100.10").userAgent("Boto3/1.34.69").error("Client.UnauthorizedOperation").readOnly(false)
            .account(ACCOUNT_B),
        rec("evt-0006", "2026-10-03T10:05:00Z", "sts.amazonaws.com", "GetCallerIdentity").ip("192.0.2.44"),
        rec("evt-0007", "2026-10-03T10:06:00Z", "s3.amazonaws.com", "GetObject").user("ci-deploy", "AKIACIDEPLOY00000001")
            .ip("203.0.113.8").userAgent("aws-cli/2.15.30").error("AccessDeniedException").readOnly(true).account(ACCOUNT_B)
            .params("{\"bucketName\":\"public-bucket\",\"key\":\"a.txt\"}")
            .resource("arn:aws:s3:::public-bucket/a.txt").resource("arn:aws:s3:::public-bucket"));
    Path f = Fixtures.write(tmp.resolve("in/events.json"), StoreRecords.records(events));
    store = CaseStore.open(tmp.resolve("case"));
    ImportReport r = store.importer(io.github.trailbench.core.correlate.DefaultEventFacts.deriver(),
        CaseStore.ImportOptions.defaults().withIpEnricher(null)).importPaths(List.of(f), ImportListener.NONE);
    assertThat(r.added()).isEqualTo(7);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  /**
   * The events matching {@code filter}: asserts that count() and the listing agree and that the
   * matches are exactly events {@code #numbers} of the table above.
   */
  static void matches(String filter, int... numbers) throws Exception {
    Expr e = FilterParser.parse(filter);
    List<String> ids = store.queries().page(e, EventQueries.Sort.TIME_ASC, 0, 100).stream().map(EventRow::eventId).toList();
    List<String> want = Arrays.stream(numbers).mapToObj(n -> String.format("evt-%04d", n)).toList();
    assertThat(ids).as("events matching [%s]", filter).containsExactlyElementsOf(want);
    assertThat(store.queries().count(e)).as("count of [%s]", filter).isEqualTo(numbers.length);
  }

  @Test
  void theFixtureIsAsTheTableSays() throws Exception {
    matches("", 1, 2, 3, 4, 5, 6, 7);
    EventRow six = store.queries().page(new Expr.All(), EventQueries.Sort.TIME_ASC, 5, 1).get(0);
    assertThat(six.principalArn()).isNull();
    assertThat(six.readOnly()).isNull();
    assertThat(six.userAgent()).isNull();
    assertThat(six.actions()).isEmpty();
    EventRow three = store.queries().page(new Expr.All(), EventQueries.Sort.TIME_ASC, 2, 1).get(0);
    assertThat(three.resources()).containsExactly("arn:aws:s3:::secret-bucket", "arn:aws:s3:::secret-bucket/x.csv");
  }

  @Test
  void starMatchesAnyRunAndQuestionMarkExactlyOneCharacter() throws Exception {
    matches("eventName:Create*", 1, 2);
    matches("eventName:Get*", 3, 6, 7);
    matches("eventName:*Instances", 5);
    matches("eventName:?etObject", 3, 7);
    matches("eventName:G?tCallerIdentity", 6);
    matches("eventName:??tObject", 3, 7);
    matches("eventName:?tObject");
    matches("eventName:???tObject");
    matches("ip:198.51.100.?", 3);
    matches("ip:198.51.100.??", 4, 5);
    matches("ip:198.51.100.*", 3, 4, 5);
  }

  @Test
  void aFieldValueWithoutWildcardsMatchesTheWholeValueOnly() throws Exception {
    matches("eventName:Get");
    matches("eventName:CreateUser", 1);
    matches("error:AccessDenied", 3);
    matches("principal:\"alice\"");
  }

  @Test
  void aBarePrincipalValueIsContainedInTheArnAQuotedOneIsTheWholeArn() throws Exception {
    matches("principal:alice", 1, 2);
    matches("principal:ci-deploy", 7);
    matches("principal:CI-DEPLOY", 7);
    matches("userName:ci-deploy", 7);
    matches("userIdentity.arn:*ci-deploy", 7);
    matches("principal:" + FilterEvalTest.quotedArnOf(3), 3);
    matches("principal:\"mallory\"");
  }

  static String quotedArnOf(int n) throws Exception {
    Expr e = FilterParser.parse(String.format("eventId:evt-%04d", n));
    return "\"" + store.queries().page(e, EventQueries.Sort.TIME_ASC, 0, 1).get(0).principalArn() + "\"";
  }

  @Test
  void cloudTrailNamesAndCommonDateFormatsFilterLikeTheirOwnNames() throws Exception {
    matches("sourceIPAddress:198.51.100.10", 4, 5);
    matches("eventSource:s3.amazonaws.com errorCode:AccessDenied*", 3, 7);
    matches("time>=2026-10-03 10:05", 6, 7);
    matches("time<\"2026-10-03 10:01:00\"", 1);
    matches("time>=2026/10/03 12:04+02:00", 6, 7);
  }

  @Test
  void matchingIgnoresCaseInValuesAndFieldNames() throws Exception {
    matches("eventName:createuser", 1);
    matches("EVENTNAME:CREATEUSER", 1);
    matches("eventName:CREATEUSER*", 1, 2);
    matches("eventSource:S3.AMAZONAWS.COM", 3, 4, 7);
    matches("principal:*MALLORY", 3);
    matches("error:accessdenied*", 3, 7);
    matches("accessKey:akiabob0000000000001", 4, 5);
  }

  @Test
  void aQuotedValueKeepsItsSpacesAndItsWildcardsUnlessEscaped() throws Exception {
    matches("userAgent:\"Mozilla/5.0 (Windows NT 10.0; Win64)\"", 2);
    matches("userAgent:\"mozilla/5.0 (windows nt 10.0; win64)\"", 2);
    matches("userAgent:\"Mozilla/5.0 (Windows NT 10.0;\"");
    matches("userAgent:\"Mozilla/5.0 (Windows NT 10.0;*\"", 2);
    matches("userAgent:\"aws-cli*\"", 1, 4, 7);
    matches("userAgent:aws-cli*", 1, 4, 7);
    matches("userAgent:\"aws-cli\\*\"");
  }

  @Test
  void aBareWordIsContainedInNameSourcePrincipalIpUserAgentKeyOrSession() throws Exception {
    matches("createuser", 1, 2);
    matches("cognito", 2);
    matches("mallory", 3);
    matches("198.51.100", 3, 4, 5);
    matches("win64", 2);
    matches("boto3", 3, 5);
    matches("AKIACIDEPLOY", 7);
    matches("get*object", 3, 7);
    // "iam" is in iam.amazonaws.com and in every IAM user's ARN; #6 has neither
    matches("iam", 1, 2, 3, 4, 5, 7);
    matches("us-east-1");
  }

  @Test
  void aBareWordMatchesTheEventIdExactly() throws Exception {
    matches("evt-0003", 3);
    matches("evt-000");
    matches("eventId:evt-0003", 3);
    matches("eventId:evt-000*", 1, 2, 3, 4, 5, 6, 7);
    // an id pasted in capitals from a ticket or another tool (text matching is case-insensitive)
    matches("eventId:EVT-0003", 3);
    matches("eventId:EVT-000*", 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void notMatchesEventsWithoutTheValue() throws Exception {
    matches("NOT error:AccessDenied", 1, 2, 4, 5, 6, 7);
    matches("NOT principal:*bob", 1, 2, 3, 6, 7);
    matches("NOT userAgent:aws-cli*", 2, 3, 5, 6);
    matches("NOT action:*", 6);
  }

  @Test
  void errorNoneIsNoErrorAndErrorStarIsAnyError() throws Exception {
    matches("error:none", 1, 2, 4, 6);
    matches("error:NONE", 1, 2, 4, 6);
    matches("error:*", 3, 5, 7);
    matches("NOT error:*", 1, 2, 4, 6);
    matches("NOT error:none", 3, 5, 7);
  }

  @Test
  void readOnlyTrueAndFalseLeaveOutEventsWithoutTheFlag() throws Exception {
    matches("readOnly:true", 3, 4, 7);
    matches("readOnly:false", 1, 2, 5);
    matches("readOnly:TRUE", 3, 4, 7);
    matches("NOT readOnly:true", 1, 2, 5, 6);
  }

  @Test
  void actionsAndResourcesMatchAnyOfAnEventsValues() throws Exception {
    matches("action:s3:GetObject", 3, 7);
    matches("action:S3:*", 3, 4, 7);
    matches("action:iam:CreateUser", 1);
    matches("resource:arn:aws:s3:::secret-bucket", 3);
    matches("resource:arn:aws:s3:::secret-bucket/x.csv", 3);
    matches("resource:arn:aws:s3:::*", 3, 7);
    matches("resource:*", 1, 3, 7);
    matches("resource:arn:aws:s3:::secret-bucket resource:arn:aws:s3:::secret-bucket/x.csv", 3);
    matches("resource:arn:aws:s3:::secret-bucket resource:arn:aws:s3:::public-bucket");
    matches("resource:arn:aws:iam::111122223333:user/bob", 1);
    // actions and resources are separate fields although events keep them in one list
    matches("action:arn:aws:s3:::secret-bucket");
    matches("resource:s3:GetObject");
  }

  @Test
  void timeComparisonsIncludeOrExcludeTheBoundaryAsWritten() throws Exception {
    matches("time>=2026-10-03T10:02Z", 3, 4, 5, 6, 7);
    matches("time>2026-10-03T10:02Z", 5, 6, 7);
    matches("time<2026-10-03T10:02Z", 1, 2);
    matches("time<=2026-10-03T10:02Z", 1, 2, 3, 4);
    matches("time=2026-10-03T10:02Z", 3, 4);
    // = (and :) is the span the value writes: that minute, that second, that day
    matches("time=2026-10-03T10:03Z", 5);
    matches("time=2026-10-03T10:03:00Z");
    matches("time:2026-10-03", 1, 2, 3, 4, 5, 6, 7);
    matches("time:2026-10-03T10:03:30.000Z", 5);
    matches("time>=2026-10-03T10:03:30Z time<2026-10-03T10:06Z", 5, 6);
    matches("time<2026-10-03");
    matches("time>=2026-10-03", 1, 2, 3, 4, 5, 6, 7);
    matches("time>=2026-10-03T12:01+02:00 time<=2026-10-03T10:01:00.001Z", 2);
  }

  @Test
  void andBindsTighterThanOrAndParenthesesGroup() throws Exception {
    matches("principal:*bob OR principal:*alice readOnly:true", 4, 5);
    matches("(principal:*bob OR principal:*alice) readOnly:true", 4);
    matches("(principal:*bob OR principal:*alice) AND readOnly:false", 1, 2, 5);
    matches("NOT (eventSource:s3.amazonaws.com OR eventSource:ec2.amazonaws.com)", 1, 2, 6);
    matches("eventSource:s3.amazonaws.com and not error:* or eventName:CreateUser", 1, 4);
    matches("account:444455556666 AND (error:AccessDenied* OR readOnly:false)", 5, 7);
    matches("account:444455556666 AND NOT (error:AccessDenied* OR readOnly:false)");
  }
}
