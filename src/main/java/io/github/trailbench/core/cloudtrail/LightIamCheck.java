package io.github.trailbench.core.cloudtrail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.SourceProblem;
import java.io.IOException;
import java.util.List;

/**
 * Light validation of IAM inputs: well-formed, expected top-level shape, and no spreadsheet
 * formula in a credential report cell. The real readers (core.iam) do the full parse later.
 */
public final class LightIamCheck implements IamSourceCheck {
  public static final LightIamCheck INSTANCE = new LightIamCheck();
  /** Duplicate keys, oversized strings and numbers, deep nesting: refused as in a CloudTrail record. */
  private static final com.fasterxml.jackson.core.JsonFactory STRICT = RecordGuard.strictJson(InputLimits.DEFAULT);
  private static final ObjectMapper MAPPER = new ObjectMapper(STRICT);

  private LightIamCheck() {}

  @Override
  public void check(SourceKind kind, String file, byte[] content) throws SourceFormatException {
    switch (kind) {
      case CREDENTIAL_REPORT -> credentialReport(file, content);
      case IAM_AUTHORIZATION_DETAILS -> json(file, content, kind, "UserDetailList", "RoleDetailList", "GroupDetailList", "Policies");
      case ORGANIZATION_MANIFEST, RESOURCE_POLICY_MANIFEST, ACCESS_ADVISOR -> json(file, content, kind);
      // XML or a JSON envelope: the full reader (core.iam) checks it, DTDs refused
      case S3_ACL -> { }
      default -> throw new IllegalArgumentException(kind + " is not an IAM source");
    }
  }

  private static void json(String file, byte[] content, SourceKind kind, String... arrays) throws SourceFormatException {
    JsonNode root;
    try (JsonParser p = STRICT.createParser(content)) {
      root = MAPPER.readTree(p);
      if (p.nextToken() != null) {
        throw new SourceFormatException(new SourceProblem(file, FormatDetector.location(p), "unexpected content after the top-level object"));
      }
    } catch (JsonProcessingException e) {
      String rule = RecordGuard.reason(e, InputLimits.DEFAULT, at -> "line " + at.getLineNr() + ", column " + at.getColumnNr());
      if (rule != null) {
        throw new SourceFormatException(new SourceProblem(file, FormatDetector.location(e), rule), e);
      }
      throw FormatDetector.notJson(file, e);
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(file, "", "cannot read: " + e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new SourceFormatException(new SourceProblem(file, "top level", "must be a JSON object"));
    }
    for (String a : arrays) {
      JsonNode v = root.get(a);
      if (v != null && !v.isArray()) {
        throw new SourceFormatException(new SourceProblem(file, a, a + " must be an array, found " + v.getNodeType().name().toLowerCase()));
      }
    }
    if (kind == SourceKind.ORGANIZATION_MANIFEST || kind == SourceKind.RESOURCE_POLICY_MANIFEST
        || kind == SourceKind.ACCESS_ADVISOR) {
      if (!root.path("trailbench").isTextual()) {
        throw new SourceFormatException(new SourceProblem(file, "trailbench", "manifest marker must be a string"));
      }
    }
  }

  private static void credentialReport(String file, byte[] content) throws SourceFormatException {
    CsvMapper csv = new CsvMapper();
    csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (var it = csv.readerForListOf(String.class).with(CsvSchema.emptySchema()).readValues(content)) {
      List<?> header = null;
      int row = 0;
      while (it.hasNextValue()) {
        var loc = it.getCurrentLocation();
        List<?> cells = (List<?>) it.nextValue();
        row++;
        if (header == null) {
          header = cells;
          if (header.size() < 3 || !"user".equals(cell(header, 0).replace("\ufeff", "")) || !"arn".equals(cell(header, 1))) {
            throw new SourceFormatException(new SourceProblem(file, "line 1", "credential report header must start with user,arn,user_creation_time"));
          }
          continue;
        }
        if (cells.size() == 1 && cell(cells, 0).isEmpty()) {
          continue;
        }
        if (cells.size() != header.size()) {
          throw new SourceFormatException(new SourceProblem(file, "row " + row + ", line " + loc.getLineNr(),
              "has " + cells.size() + " cells, the header has " + header.size()));
        }
        for (int i = 0; i < cells.size(); i++) {
          String c = cell(cells, i);
          if (isFormula(c)) {
            throw new SourceFormatException(new SourceProblem(file,
                "row " + row + ", line " + loc.getLineNr() + ", column " + (i + 1) + " (" + cell(header, i) + ")",
                "cell starts with a spreadsheet formula character: \"" + FormatDetector.clip(c)
                    + "\"; a genuine credential report never does, so the file was edited or crafted"));
          }
        }
      }
      if (header == null) {
        throw new SourceFormatException(new SourceProblem(file, "line 1", "empty credential report"));
      }
    } catch (RuntimeException e) {
      if (e.getCause() instanceof JsonProcessingException jp) {
        throw new SourceFormatException(new SourceProblem(file, FormatDetector.location(jp), "not valid CSV: " + jp.getOriginalMessage()), jp);
      }
      throw e;
    } catch (JsonProcessingException e) {
      throw new SourceFormatException(new SourceProblem(file, FormatDetector.location(e), "not valid CSV: " + e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new SourceFormatException(new SourceProblem(file, "", "cannot read: " + e.getMessage()), e);
    }
  }

  private static String cell(List<?> cells, int i) {
    Object o = i < cells.size() ? cells.get(i) : null;
    return o == null ? "" : o.toString();
  }

  /** =, +, -, @, tab or CR at the start of a cell (a lone "-" or a negative number is data). */
  static boolean isFormula(String c) {
    if (c.isEmpty()) {
      return false;
    }
    char f = c.charAt(0);
    if (f == '=' || f == '+' || f == '@' || f == '\t' || f == '\r') {
      return true;
    }
    return f == '-' && c.length() > 1 && !c.substring(1).matches("[0-9.]+");
  }
}
