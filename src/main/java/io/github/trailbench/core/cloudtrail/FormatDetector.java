package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Decides a file's {@link SourceKind} from the first 64 KiB of its (inflated) content. */
public final class FormatDetector {
  static final int HEAD = 64 * 1024;
  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> EVENT_FIELDS =
      Set.of("eventVersion", "eventID", "eventTime", "eventSource", "eventName", "userIdentity", "awsRegion");
  private static final Set<String> DIGEST_FIELDS =
      Set.of("digestStartTime", "digestEndTime", "digestS3Bucket", "digestS3Object", "previousDigestSignature",
          "digestPublicKeyFingerprint", "digestSignatureAlgorithm", "logFiles");
  /** The lists of the Access Advisor outputs, which name no principal (so are not importable bare). */
  private static final Set<String> ACCESS_ADVISOR_FIELDS =
      Set.of("ServicesLastAccessed", "EntityDetailsList", "AccessDetails");
  /** The fields of get-bucket-acl / get-object-acl / get-bucket-ownership-controls output, which name no bucket. */
  private static final Set<String> S3_ACL_FIELDS = Set.of("Grants", "OwnershipControls");
  private static final Set<String> IAM_FIELDS =
      Set.of("UserDetailList", "RoleDetailList", "GroupDetailList", "Policies");

  private FormatDetector() {}

  /** The kind of the file, or a whole-file problem saying why none fits. */
  public static SourceKind detect(Path file, InputLimits limits) throws SourceFormatException {
    byte[] head = SourceFiles.head(file, limits, HEAD);
    return detect(file.toString(), head, head.length < HEAD);
  }

  static SourceKind detect(String file, byte[] head, boolean complete) throws SourceFormatException {
    int i = skipBomAndSpace(head);
    if (i >= head.length) {
      throw new SourceFormatException(new SourceProblem(file, "byte 0",
          head.length == 0 ? "empty file: nothing to import" : "file holds only whitespace: nothing to import"));
    }
    byte first = head[i];
    if (first == '{') {
      return detectObject(file, head, i, complete);
    }
    if (first == '[') {
      return detectArray(file, head, i, complete);
    }
    if (first == '<') {
      String start = new String(head, i, Math.min(head.length - i, 4096), StandardCharsets.UTF_8);
      if (start.contains("<?trailbench") || start.contains("<AccessControlPolicy")) {
        return SourceKind.S3_ACL;
      }
      throw new SourceFormatException(new SourceProblem(file, "line 1, column 1",
          "not a recognised format: XML other than an S3 AccessControlPolicy (starts with \"" + clip(firstLine(head, i)) + "\")"));
    }
    String firstLine = firstLine(head, i);
    String lower = firstLine.toLowerCase(Locale.ROOT);
    if (lower.startsWith("user,arn,user_creation_time")) {
      return SourceKind.CREDENTIAL_REPORT;
    }
    java.util.List<String> columns = java.util.Arrays.stream(lower.split(",")).map(CloudTrailReader::consoleColumn).toList();
    if (columns.contains("eventid") && (columns.contains("eventtime") || columns.contains("time"))) {
      return SourceKind.CONSOLE_CSV;
    }
    throw new SourceFormatException(new SourceProblem(file, "line 1, column 1",
        "not a recognised format: neither JSON nor a known CSV header (starts with \""
            + clip(firstLine) + "\")"));
  }

  private static SourceKind detectObject(String file, byte[] head, int start, boolean complete)
      throws SourceFormatException {
    boolean eventish = false;
    try (JsonParser p = JSON.createParser(head, start, head.length - start)) {
      p.nextToken();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "Records":
            return SourceKind.CLOUDTRAIL_RECORDS;
          case "Events":
            return SourceKind.LOOKUP_EVENTS;
          case "QueryResultRows":
            return SourceKind.LAKE_QUERY_RESULTS;
          case "trailbench": {
            String marker = v == JsonToken.VALUE_STRING ? p.getText() : String.valueOf(v);
            if (marker.equals("organization/v1")) {
              return SourceKind.ORGANIZATION_MANIFEST;
            }
            if (marker.equals("resource-policies/v1")) {
              return SourceKind.RESOURCE_POLICY_MANIFEST;
            }
            if (marker.equals("access-advisor/v1")) {
              return SourceKind.ACCESS_ADVISOR;
            }
            if (marker.equals("s3-acl/v1")) {
              return SourceKind.S3_ACL;
            }
            if (marker.equals("slice-manifest/v1")) {
              return SourceKind.SLICE_MANIFEST;
            }
            if (marker.equals("slice-overview/v1")) {
              return SourceKind.SLICE_OVERVIEW;
            }
            throw new SourceFormatException(new SourceProblem(file, location(p),
                "unknown trailbench manifest \"" + clip(marker) + "\" (expected \"organization/v1\","
                    + " \"resource-policies/v1\", \"access-advisor/v1\", \"s3-acl/v1\", \"slice-manifest/v1\" or \"slice-overview/v1\")"));
          }
          default:
            if (DIGEST_FIELDS.contains(name)) {
              return SourceKind.CLOUDTRAIL_DIGEST;
            }
            if (IAM_FIELDS.contains(name)) {
              return SourceKind.IAM_AUTHORIZATION_DETAILS;
            }
            if (ACCESS_ADVISOR_FIELDS.contains(name)) {
              throw new SourceFormatException(new SourceProblem(file, location(p), "an Access Advisor output ("
                  + name + ") names no principal: AWS's response does not echo the ARN it was generated for; wrap it"
                  + " as {\"trailbench\": \"access-advisor/v1\", \"principalArn\": \"arn:aws:iam::…\", \"report\": <the output>}"
                  + " (see docs/iam-formats.md)"));
            }
            if (S3_ACL_FIELDS.contains(name)) {
              throw new SourceFormatException(new SourceProblem(file, location(p), "an S3 ACL or ownership-controls output ("
                  + name + ") names no bucket: wrap it as {\"trailbench\": \"s3-acl/v1\", \"resourceArn\": \"arn:aws:s3:::BUCKET[/KEY]\","
                  + " \"resourceAccount\": \"ACCOUNT\", \"acl\" or \"ownershipControls\": <the output>} (see docs/iam-formats.md)"));
            }
            if (name.equals("detail-type")) {
              throw new SourceFormatException(new SourceProblem(file, location(p), "an EventBridge event (\"detail-type\"):"
                  + " the CloudTrail record it carries is its \"detail\"; extract those (e.g. jq -c .detail FILE) and"
                  + " import the result, which is one CloudTrail event per line"));
            }
            if (EVENT_FIELDS.contains(name)) {
              eventish = true;
            }
            p.skipChildren();
        }
      }
      if (t == JsonToken.END_OBJECT && eventish) {
        // one object per line, or objects spread over lines?
        int line = p.currentLocation().getLineNr();
        return line == 1 ? SourceKind.EVENT_JSON_LINES : SourceKind.EVENT_OBJECT_SEQUENCE;
      }
      throw new SourceFormatException(new SourceProblem(file, "byte " + start,
          "not a recognised JSON format: the top-level object has none of the fields Records, Events,"
              + " QueryResultRows, digestStartTime, UserDetailList, RoleDetailList, Policies, trailbench,"
              + " and is not a CloudTrail event"));
    } catch (JsonEOFException e) {
      if (!complete) {
        if (eventish) {
          return SourceKind.EVENT_OBJECT_SEQUENCE;
        }
        throw new SourceFormatException(new SourceProblem(file, "byte " + HEAD,
            "not a recognised JSON format: no known top-level field in the first " + HEAD + " bytes"));
      }
      throw notJson(file, e);
    } catch (JsonProcessingException e) {
      throw notJson(file, e);
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(file, "", "cannot read: " + e.getMessage()), e);
    }
  }

  private static SourceKind detectArray(String file, byte[] head, int start, boolean complete)
      throws SourceFormatException {
    try (JsonParser p = JSON.createParser(head, start, head.length - start)) {
      p.nextToken();
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_ARRAY) {
        return SourceKind.EVENT_ARRAY;
      }
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("CloudTrailEvent")) {
            return SourceKind.LOOKUP_EVENTS;
          }
          if (EVENT_FIELDS.contains(name)) {
            return SourceKind.EVENT_ARRAY;
          }
          p.skipChildren();
        }
      }
      throw new SourceFormatException(new SourceProblem(file, "byte " + start,
          "not a recognised JSON format: a top-level array whose first element is not a CloudTrail event"
              + " (found " + EventObjectParser.describe(t) + ")"));
    } catch (JsonEOFException e) {
      if (!complete) {
        return SourceKind.EVENT_ARRAY;
      }
      throw notJson(file, e);
    } catch (JsonProcessingException e) {
      throw notJson(file, e);
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(file, "", "cannot read: " + e.getMessage()), e);
    }
  }

  static SourceFormatException notJson(String file, JsonProcessingException e) {
    return new SourceFormatException(new SourceProblem(file, location(e), "not valid JSON: " + e.getOriginalMessage()), e);
  }

  static String location(JsonProcessingException e) {
    var loc = e.getLocation();
    if (loc == null) {
      return "";
    }
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr()
        + (loc.getByteOffset() >= 0 ? ", byte " + loc.getByteOffset() : "");
  }

  static String location(JsonParser p) {
    var loc = p.currentTokenLocation();
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr()
        + (loc.getByteOffset() >= 0 ? ", byte " + loc.getByteOffset() : "");
  }

  private static int skipBomAndSpace(byte[] b) {
    int i = 0;
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static String firstLine(byte[] b, int from) {
    int end = from;
    while (end < b.length && b[end] != '\n' && b[end] != '\r' && end - from < 400) {
      end++;
    }
    return new String(b, from, end - from, StandardCharsets.UTF_8);
  }

  static String clip(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 60 ? t.substring(0, 60) + "..." : t;
  }
}
