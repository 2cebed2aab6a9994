package io.github.trailbench.app.imports;

import java.util.Locale;

/** How the ledger's stored values read in the Imports view: file name, folder, format. */
public final class LedgerLabels {
  private LedgerLabels() {}

  /** The last path element: what tells two files of an {@code AWSLogs/} tree apart. */
  public static String fileName(String path) {
    if (path == null) {
      return "";
    }
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  /** The folder the file was in (empty when the path has none). */
  public static String folder(String path) {
    if (path == null) {
      return "";
    }
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash <= 0 ? "" : path.substring(0, slash);
  }

  /** A detected format as people name it ("CloudTrail log file"); unknown codes in words. */
  public static String formatName(String format) {
    if (format == null || format.isEmpty()) {
      return "not recognised";
    }
    return switch (format) {
      case "CLOUDTRAIL_RECORDS" -> "CloudTrail log file";
      case "CLOUDTRAIL_DIGEST" -> "CloudTrail digest file";
      case "LOOKUP_EVENTS" -> "lookup-events output";
      case "LAKE_QUERY_RESULTS" -> "CloudTrail Lake query results";
      case "EVENT_ARRAY" -> "JSON array of events";
      case "EVENT_JSON_LINES" -> "JSON lines of events";
      case "EVENT_OBJECT_SEQUENCE" -> "JSON events";
      case "CONSOLE_CSV" -> "Console event history (CSV)";
      case "CREDENTIAL_REPORT" -> "IAM credential report";
      case "IAM_AUTHORIZATION_DETAILS" -> "IAM authorization details";
      case "ORGANIZATION_MANIFEST" -> "Organization (SCPs, RCPs)";
      case "RESOURCE_POLICY_MANIFEST" -> "Resource policies";
      case "ACCESS_ADVISOR" -> "IAM Access Advisor";
      case "S3_ACL" -> "S3 ACL";
      case "SLICE_MANIFEST" -> "Slice manifest";
      case "SLICE_OVERVIEW" -> "Slice overview";
      default -> {
        String words = format.replace('_', ' ').toLowerCase(Locale.ROOT);
        yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
      }
    };
  }
}
