package io.github.trailbench.core.iam;

import static io.github.trailbench.core.iam.IamFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.trailbench.core.model.SourceProblem;
import io.github.trailbench.core.model.iam.AccessAdvisorReport;
import io.github.trailbench.core.model.iam.AccessAdvisorReports;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessAdvisorReaderTest {
  private static final String FILE = "access-advisor.json";
  private static final IamSourceKind KIND = IamSourceKind.ACCESS_ADVISOR;
  private static final String CI = "arn:aws:iam::111122223333:user/ci-deploy";

  /** One get-service-last-accessed-details output with the given job status. */
  private static String output(String status, String extra) {
    return "{\"JobStatus\": \"" + status + "\", \"JobCreationDate\": \"2026-10-08T09:00:00Z\","
        + " \"JobCompletionDate\": \"2026-10-08T09:00:03Z\"" + extra + ","
        + " \"ServicesLastAccessed\": [{\"ServiceName\": \"Amazon S3\", \"ServiceNamespace\": \"s3\","
        + " \"LastAuthenticated\": \"2026-09-30T10:00:00Z\", \"TotalAuthenticatedEntities\": 1}], \"IsTruncated\": false}";
  }

  private static String envelope(String report) {
    return "{\"trailbench\": \"access-advisor/v1\", \"principalArn\": \"" + CI + "\", \"report\": " + report + "}";
  }

  @Test
  void readsTheThreeOutputsEachNamedByItsEntry() throws Exception {
    byte[] bytes = IamFixtures.bytes(FILE);
    assertThat(IamSources.detect(FILE, bytes)).contains(KIND);
    AccessAdvisorReports file = IamFixtures.read(KIND, FILE);
    assertThat(file.reports()).hasSize(3);

    AccessAdvisorReport.Services user = (AccessAdvisorReport.Services) file.reports().get(0);
    assertThat(user.subjectArn()).isEqualTo(CI);
    assertThat(user.actionLevel()).isTrue();
    assertThat(user.completedAt()).isEqualTo(Instant.parse("2026-10-08T09:00:03.551Z"));
    assertThat(user.origin()).isEqualTo(FILE + " reports[0]");
    assertThat(user.services()).extracting(AccessAdvisorReport.ServiceAccess::namespace)
        .containsExactly("ec2", "cloudformation", "sqs");
    AccessAdvisorReport.ServiceAccess ec2 = user.services().get(0);
    assertThat(ec2.lastAuthenticated()).contains(Instant.parse("2026-10-03T14:04:38Z"));
    assertThat(ec2.lastRegion()).contains("us-east-1");
    assertThat(ec2.trackedActions()).extracting(AccessAdvisorReport.ActionAccess::action)
        .as("action names get their service prefix").containsExactly("ec2:DescribeInstances", "ec2:DescribeRegions",
            "ec2:RunInstances");
    assertThat(ec2.trackedActions().get(2).lastAccessed()).as("never accessed").isEmpty();
    assertThat(user.services().get(2).lastAuthenticated()).as("SQS: not accessed in the tracking period").isEmpty();

    AccessAdvisorReport.Entities group = (AccessAdvisorReport.Entities) file.reports().get(1);
    assertThat(group.subjectArn()).endsWith(":group/Developers");
    assertThat(group.serviceNamespace()).isEqualTo("lambda");
    assertThat(group.entities()).extracting(AccessAdvisorReport.EntityAccess::arn)
        .containsExactly("arn:aws:iam::111122223333:user/bob", "arn:aws:iam::111122223333:user/carol");
    assertThat(group.entities().get(1).lastAuthenticated()).isEmpty();

    AccessAdvisorReport.Organizations org = (AccessAdvisorReport.Organizations) file.reports().get(2);
    assertThat(org.entityPath()).endsWith("/111122223333");
    assertThat(org.services()).extracting(AccessAdvisorReport.OrganizationAccess::namespace).containsExactly("iam", "redshift");
    assertThat(org.services().get(1).lastAuthenticated()).isEmpty();
    assertThat(IamSourceSummary.of(file)).isEqualTo("3 Access Advisor reports");
  }

  @Test
  void anEnvelopeAroundOneOutputOrTheOutputWithTheFieldsAddedInPlace() throws Exception {
    AccessAdvisorReports wrapped = (AccessAdvisorReports) IamSources.read(KIND, "one.json",
        envelope(output("COMPLETED", "")).getBytes(StandardCharsets.UTF_8));
    assertThat(wrapped.reports()).singleElement().isInstanceOfSatisfying(AccessAdvisorReport.Services.class, s -> {
      assertThat(s.subjectArn()).isEqualTo(CI);
      assertThat(s.origin()).isEqualTo("one.json");
      assertThat(s.actionLevel()).as("no JobType: service level").isFalse();
    });
    String inPlace = output("COMPLETED", ", \"trailbench\": \"access-advisor/v1\", \"principalArn\": \"" + CI + "\"");
    AccessAdvisorReports merged = (AccessAdvisorReports) IamSources.read(KIND, "in-place.json",
        inPlace.getBytes(StandardCharsets.UTF_8));
    assertThat(((AccessAdvisorReport.Services) merged.reports().get(0)).services()).singleElement()
        .satisfies(s -> assertThat(s.lastAuthenticated()).contains(Instant.parse("2026-09-30T10:00:00Z")));
  }

  @Test
  void pagesGivenAsAnArrayAreJoinedAndATruncatedLastPageIsRefused() throws Exception {
    String page2 = output("COMPLETED", "").replace("\"s3\"", "\"sqs\"");
    AccessAdvisorReports r = (AccessAdvisorReports) IamSources.read(KIND, "pages.json",
        envelope("[" + output("COMPLETED", "").replace("\"IsTruncated\": false", "\"IsTruncated\": true, \"Marker\": \"m1\"")
            + ", " + page2 + "]").getBytes(StandardCharsets.UTF_8));
    assertThat(((AccessAdvisorReport.Services) r.reports().get(0)).services())
        .extracting(AccessAdvisorReport.ServiceAccess::namespace).containsExactly("s3", "sqs");

    SourceProblem p = refused(KIND, "trunc.json", envelope(output("COMPLETED", "")
        .replace("\"IsTruncated\": false", "\"IsTruncated\": true, \"Marker\": \"abc\"")));
    assertThat(p.position()).startsWith("report.IsTruncated");
    assertThat(p.reason()).contains("truncated").contains("\"abc\"").contains("next page is missing");
  }

  @Test
  void aJobThatIsNotCompletedIsRefusedWithItsStatus() {
    SourceProblem running = refused(KIND, "running.json", envelope(output("IN_PROGRESS", "")));
    assertThat(running.position()).startsWith("report.JobStatus");
    assertThat(running.reason()).contains("JobStatus is \"IN_PROGRESS\"").contains("only a COMPLETED report")
        .contains("once the job has completed");
    SourceProblem failed = refused(KIND, "failed.json", envelope(output("FAILED",
        ", \"Error\": {\"Code\": \"Throttling\", \"Message\": \"Rate exceeded\"}")));
    assertThat(failed.reason()).contains("JobStatus is \"FAILED\" (Throttling: Rate exceeded)");
  }

  @Test
  void theSubjectMustBeNamedAndBeAnIamArn() {
    SourceProblem none = refused(KIND, "a.json", "{\"trailbench\": \"access-advisor/v1\", \"report\": "
        + output("COMPLETED", "") + "}");
    assertThat(none.position()).startsWith("principalArn");
    assertThat(none.reason()).contains("does not name it");
    SourceProblem bad = refused(KIND, "b.json", envelope(output("COMPLETED", "")).replace(CI,
        "arn:aws:s3:::bucket"));
    assertThat(bad.reason()).contains("not an IAM user, role, group or policy ARN");
    SourceProblem noService = refused(KIND, "c.json", "{\"trailbench\": \"access-advisor/v1\", \"principalArn\": \""
        + CI + "\", \"report\": {\"JobStatus\": \"COMPLETED\", \"JobCompletionDate\": \"2026-10-08T09:00:03Z\","
        + " \"EntityDetailsList\": []}}");
    assertThat(noService.position()).startsWith("serviceNamespace");
    SourceProblem noPath = refused(KIND, "d.json", "{\"trailbench\": \"access-advisor/v1\", \"report\":"
        + " {\"JobStatus\": \"COMPLETED\", \"JobCompletionDate\": \"2026-10-08T09:00:03Z\", \"AccessDetails\": []}}");
    assertThat(noPath.position()).startsWith("entityPath");
    SourceProblem badPath = refused(KIND, "e.json", "{\"trailbench\": \"access-advisor/v1\", \"entityPath\": \"root/x\","
        + " \"report\": {\"JobStatus\": \"COMPLETED\", \"JobCompletionDate\": \"2026-10-08T09:00:03Z\", \"AccessDetails\": []}}");
    assertThat(badPath.reason()).contains("not an organizations entity path");
  }

  @Test
  void aBareOutputIsRefusedSayingHowToNameItsPrincipal() {
    SourceProblem p = refused(KIND, "bare.json", output("COMPLETED", ""));
    assertThat(p.reason()).contains("names no principal").contains("\"principalArn\"");
    SourceProblem other = refused(KIND, "v2.json", "{\"trailbench\": \"access-advisor/v2\"}");
    assertThat(other.reason()).contains("unsupported file \"access-advisor/v2\"");
  }

  @Test
  void aPrincipalsServicesMergeItsOwnReportGroupReportsAndEntityLists() throws Exception {
    AccessAdvisorReports file = IamFixtures.read(KIND, FILE);
    String extra = "{\"trailbench\": \"access-advisor/v1\", \"principalArn\": \"arn:aws:iam::111122223333:policy/shared\","
        + " \"report\": {\"JobStatus\": \"COMPLETED\", \"JobCompletionDate\": \"2026-10-09T00:00:00Z\","
        + " \"ServicesLastAccessed\": [{\"ServiceNamespace\": \"ec2\", \"LastAuthenticated\": \"2026-10-06T00:00:00Z\","
        + " \"LastAuthenticatedEntity\": \"" + CI + "\"}, {\"ServiceNamespace\": \"sns\","
        + " \"LastAuthenticated\": \"2026-10-06T00:00:00Z\", \"LastAuthenticatedEntity\": \"arn:aws:iam::111122223333:user/bob\"}]}}";
    AccessAdvisorReports policyReport = (AccessAdvisorReports) IamSources.read(KIND, "policy.json",
        extra.getBytes(StandardCharsets.UTF_8));
    AccessAdvisor advisor = IamSnapshot.of(List.of(file, policyReport)).accessAdvisor();

    List<ServiceLastAccess> ci = advisor.forPrincipal(CI);
    assertThat(ci).extracting(ServiceLastAccess::service).as("bob's sns use is not ci-deploy's")
        .containsExactly("cloudformation", "ec2", "sqs");
    ServiceLastAccess ec2 = ci.get(1);
    assertThat(ec2.lastAuthenticated()).as("the policy report's later use by ci-deploy wins")
        .contains(Instant.parse("2026-10-06T00:00:00Z"));
    assertThat(ec2.reportedAt()).isEqualTo(Instant.parse("2026-10-09T00:00:00Z"));
    assertThat(ec2.origins()).containsExactly(FILE + " reports[0]", "policy.json");
    assertThat(ec2.accessedActions()).extracting(ServiceLastAccess.ActionLastAccess::action)
        .containsExactly("ec2:DescribeInstances", "ec2:DescribeRegions");
    assertThat(ci.get(0).lastDay()).isEqualTo("2026-09-21");
    assertThat(ci.get(2).lastDay()).isEqualTo("not in the tracking period");

    assertThat(advisor.forPrincipal("arn:aws:iam::111122223333:user/bob")).extracting(ServiceLastAccess::service)
        .containsExactly("lambda", "sns");
    assertThat(advisor.forPrincipal("arn:aws:iam::111122223333:user/carol", "lambda"))
        .hasValueSatisfying(s -> assertThat(s.lastAuthenticated()).isEqualTo(Optional.empty()));
    assertThat(advisor.principals()).containsExactly(CI, "arn:aws:iam::111122223333:user/bob",
        "arn:aws:iam::111122223333:user/carol");
    assertThat(advisor.organizationsReports()).hasSize(1);
  }
}
