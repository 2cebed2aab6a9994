package io.github.trailbench.core.iam;

import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.AccessAdvisorReport;
import io.github.trailbench.core.model.iam.AccessAdvisorReport.ActionAccess;
import io.github.trailbench.core.model.iam.AccessAdvisorReport.EntityAccess;
import io.github.trailbench.core.model.iam.AccessAdvisorReport.OrganizationAccess;
import io.github.trailbench.core.model.iam.AccessAdvisorReport.ServiceAccess;
import io.github.trailbench.core.model.iam.AccessAdvisorReports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the Trailbench Access Advisor file ({@code "trailbench": "access-advisor/v1"}). AWS's
 * outputs do not say whom they describe (the request named it), so each is pasted as the
 * {@code report} of an entry that does: {@code principalArn} (a user, role, group or managed
 * policy ARN; with {@code serviceNamespace} for the {@code …-with-entities} output) or
 * {@code entityPath} (organizations report). The entry may be the file's top level (an envelope
 * around one output) or an element of {@code reports}. Only completed jobs are read.
 */
final class AccessAdvisorReader {
  /** IAM ARNs an Access Advisor report can be generated for. */
  private static final Pattern SUBJECT_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}|aws):(user|role|group|policy)/.+");
  private static final Pattern ENTITY_PATH =
      Pattern.compile("o-[a-z0-9]{10,32}/r-[0-9a-z]{4,32}(/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})*(/\\d{12})?");
  private static final Pattern NAMESPACE = Pattern.compile("[\\w-]{1,64}");
  private static final List<String> OUTPUT_LISTS = List.of("ServicesLastAccessed", "EntityDetailsList", "AccessDetails");

  private AccessAdvisorReader() {}

  static AccessAdvisorReports read(String file, String text) throws SourceFormatException {
    Json json = Json.parse(file, text);
    if (json.roots().size() != 1) {
      throw json.roots().get(1).error("an Access Advisor file holds one JSON object; found " + json.roots().size() + " values");
    }
    Json.At top = json.roots().get(0).object();
    if (!top.field("trailbench").exists()) {
      throw top.error(bareOutput(top) ? "an Access Advisor output names no principal (AWS's response does not echo"
          + " the ARN the report was generated for): wrap it as {\"trailbench\": \"" + IamSources.ACCESS_ADVISOR_V1
          + "\", \"principalArn\": \"arn:aws:iam::…\", \"report\": <the output>}"
          : "not an Access Advisor file: no \"trailbench\": \"" + IamSources.ACCESS_ADVISOR_V1 + "\" marker");
    }
    String marker = top.field("trailbench").text();
    if (!marker.equals(IamSources.ACCESS_ADVISOR_V1)) {
      throw top.field("trailbench").error("unsupported file \"" + marker + "\"; this version reads \""
          + IamSources.ACCESS_ADVISOR_V1 + "\"");
    }
    List<AccessAdvisorReport> out = new ArrayList<>();
    if (top.field("reports").exists()) {
      for (Json.At e : top.field("reports").requiredElements()) {
        out.add(entry(e.object()));
      }
      if (out.isEmpty()) {
        throw top.field("reports").error("holds no report");
      }
    } else {
      out.add(entry(top));
    }
    return new AccessAdvisorReports(file, out);
  }

  /** True when the object is an AWS output itself rather than an entry naming its subject. */
  static boolean bareOutput(Json.At at) {
    return at.field("JobStatus").exists() && OUTPUT_LISTS.stream().anyMatch(n -> at.field(n).exists());
  }

  private static AccessAdvisorReport entry(Json.At e) throws SourceFormatException {
    // The output is the entry's "report", or the entry itself when the output was given the
    // "trailbench"/"principalArn" fields in place.
    Json.At report = e.field("report").exists() ? e.field("report") : e;
    List<Json.At> pages = new ArrayList<>();
    if (report.exists() && report.node.isArray()) {
      pages.addAll(report.requiredElements());
      if (pages.isEmpty()) {
        throw report.error("holds no page");
      }
    } else {
      pages.add(report.object());
    }
    for (Json.At page : pages) {
      page.object();
      completed(page);
    }
    Json.At last = pages.get(pages.size() - 1);
    if (last.field("IsTruncated").optBool().orElse(false)) {
      throw last.field("IsTruncated").error("the report is truncated (IsTruncated true" + last.field("Marker").optText()
          .map(m -> ", Marker " + PolicyDocuments.quote(m)).orElse("") + "): the next page is missing; call again with"
          + " --starting-token and give the pages as an array in \"report\"");
    }
    Json.At first = pages.get(0);
    Instant completedAt = first.field("JobCompletionDate").optTime()
        .orElseThrow(() -> first.field("JobCompletionDate").error("required time is missing"));
    String origin = e.json().file() + (e.path.isEmpty() ? "" : " " + e.path);
    if (first.field("ServicesLastAccessed").exists()) {
      String subject = subject(e);
      boolean actionLevel = first.field("JobType").optText().map("ACTION_LEVEL"::equals).orElse(false);
      List<ServiceAccess> services = new ArrayList<>();
      for (Json.At page : pages) {
        for (Json.At s : page.field("ServicesLastAccessed").requiredElements()) {
          services.add(service(s.object()));
        }
      }
      return new AccessAdvisorReport.Services(subject, completedAt, actionLevel, services, origin);
    }
    if (first.field("EntityDetailsList").exists()) {
      String subject = subject(e);
      Json.At ns = e.field("serviceNamespace");
      if (!ns.exists()) {
        throw ns.error("the with-entities output is for one service and does not name it: give \"serviceNamespace\""
            + " (the --service-namespace it was called with)");
      }
      String namespace = namespace(ns);
      List<EntityAccess> entities = new ArrayList<>();
      for (Json.At page : pages) {
        for (Json.At d : page.field("EntityDetailsList").requiredElements()) {
          entities.add(entity(d.object()));
        }
      }
      return new AccessAdvisorReport.Entities(subject, namespace, completedAt, entities, origin);
    }
    if (first.field("AccessDetails").exists()
        || first.field("NumberOfServicesAccessible").exists() || e.field("entityPath").exists()) {
      Json.At pathAt = e.field("entityPath");
      if (!pathAt.exists()) {
        throw pathAt.error("the organizations access report does not name its entity: give \"entityPath\""
            + " (o-…/r-…/ou-…/account, as given to generate-organizations-access-report)");
      }
      String path = pathAt.nonEmptyText();
      if (!ENTITY_PATH.matcher(path).matches()) {
        throw pathAt.error("not an organizations entity path (o-…/r-…[/ou-……][/12-digit account]): "
            + PolicyDocuments.quote(path));
      }
      Optional<String> policy = e.field("organizationsPolicyId").optText();
      List<OrganizationAccess> services = new ArrayList<>();
      for (Json.At page : pages) {
        for (Json.At d : page.field("AccessDetails").elements()) {
          d.object();
          services.add(new OrganizationAccess(namespace(d.field("ServiceNamespace")), d.field("ServiceName").optText()
              .orElse(""), d.field("LastAuthenticatedTime").optTime(), d.field("EntityPath").optText(),
              d.field("Region").optText(), d.field("TotalAuthenticatedEntities").optInt().orElse(0)));
        }
      }
      return new AccessAdvisorReport.Organizations(path, policy, completedAt, services, origin);
    }
    throw report.error("not an Access Advisor output: none of ServicesLastAccessed (get-service-last-accessed-details),"
        + " EntityDetailsList (…-with-entities), AccessDetails (get-organizations-access-report)");
  }

  /** Only a finished job describes anything: IN_PROGRESS holds nothing yet, FAILED says why. */
  private static void completed(Json.At page) throws SourceFormatException {
    Json.At status = page.field("JobStatus");
    String s = status.nonEmptyText();
    if (s.equals("COMPLETED")) {
      return;
    }
    Json.At error = page.fieldAny("Error", "ErrorDetails");
    String why = error.exists() && error.node.isObject()
        ? " (" + error.field("Code").optText().orElse("") + ": " + error.field("Message").optText().orElse("") + ")" : "";
    throw status.error("JobStatus is " + PolicyDocuments.quote(s) + why + ": only a COMPLETED report says when services"
        + " were last accessed" + (s.equals("IN_PROGRESS") ? "; fetch it again once the job has completed" : ""));
  }

  private static String subject(Json.At e) throws SourceFormatException {
    Json.At at = e.field("principalArn");
    if (!at.exists()) {
      throw at.error("required: the ARN of the user, role, group or policy the report was generated for"
          + " (AWS's output does not name it)");
    }
    String arn = at.nonEmptyText();
    if (!SUBJECT_ARN.matcher(arn).matches()) {
      throw at.error("not an IAM user, role, group or policy ARN: " + PolicyDocuments.quote(arn));
    }
    return arn;
  }

  private static String namespace(Json.At at) throws SourceFormatException {
    String ns = at.nonEmptyText();
    if (!NAMESPACE.matcher(ns).matches()) {
      throw at.error("not a service namespace (letters, digits, - and _): " + PolicyDocuments.quote(ns));
    }
    return ns;
  }

  private static ServiceAccess service(Json.At s) throws SourceFormatException {
    String namespace = namespace(s.field("ServiceNamespace"));
    List<ActionAccess> actions = new ArrayList<>();
    for (Json.At a : s.field("TrackedActionsLastAccessed").elements()) {
      a.object();
      String name = a.field("ActionName").nonEmptyText();
      actions.add(new ActionAccess(name.contains(":") ? name : namespace + ":" + name, a.field("LastAccessedTime").optTime(),
          a.field("LastAccessedEntity").optText(), a.field("LastAccessedRegion").optText()));
    }
    return new ServiceAccess(namespace, s.field("ServiceName").optText().orElse(""), s.field("LastAuthenticated").optTime(),
        s.field("LastAuthenticatedEntity").optText(), s.field("LastAuthenticatedRegion").optText(),
        s.field("TotalAuthenticatedEntities").optInt().orElse(0), actions);
  }

  private static EntityAccess entity(Json.At d) throws SourceFormatException {
    Json.At info = d.field("EntityInfo").object();
    String arn = info.field("Arn").nonEmptyText();
    return new EntityAccess(arn, info.field("Name").optText().orElse(""), info.field("Type").optText().orElse(""),
        d.field("LastAuthenticated").optTime());
  }
}
