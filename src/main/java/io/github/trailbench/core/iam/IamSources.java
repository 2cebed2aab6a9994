package io.github.trailbench.core.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.trailbench.core.model.SourceFormatException;
import io.github.trailbench.core.model.iam.IamSource;
import io.github.trailbench.core.model.iam.IamSourceKind;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/** Entry point of the IAM readers: recognise a file by its content, and read it whole. */
public final class IamSources {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** The {@code trailbench} marker of the organization manifest. */
  public static final String ORGANIZATION_V1 = "organization/v1";

  /** The {@code trailbench} marker of the resource-policy manifest. */
  public static final String RESOURCE_POLICIES_V1 = "resource-policies/v1";

  /** The {@code trailbench} marker of an S3 ACL file (JSON field or XML processing instruction). */
  public static final String S3_ACL_V1 = "s3-acl/v1";

  /** The {@code trailbench} marker of the Access Advisor file. */
  public static final String ACCESS_ADVISOR_V1 = "access-advisor/v1";

  private IamSources() {}

  /**
   * Recognises an IAM input by its content (the name is only used in messages elsewhere): a CSV
   * whose header starts {@code user,arn,}; JSON whose first object has {@code UserDetailList},
   * {@code GroupDetailList}, {@code RoleDetailList} or {@code Policies}; a manifest whose
   * {@code trailbench} field starts {@code organization/}, {@code resource-policies/} or
   * {@code access-advisor/}; or the
   * output of {@code aws secretsmanager get-resource-policy} (it names its secret's ARN).
   * Only the beginning of the file needs to be well-formed.
   */
  public static Optional<IamSourceKind> detect(String fileName, byte[] content) {
    String text = Texts.decodeLenient(content).stripLeading();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    char first = text.charAt(0);
    if (first == '<') {
      return text.contains("<?trailbench") || text.contains("AccessControlPolicy") ? Optional.of(IamSourceKind.S3_ACL) : Optional.empty();
    }
    if (first != '{' && first != '[') {
      return CredentialReportReader.looksLikeReport(text) ? Optional.of(IamSourceKind.CREDENTIAL_REPORT) : Optional.empty();
    }
    boolean arn = false;
    boolean resourcePolicy = false;
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        t = p.nextToken();
      }
      if (t != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("trailbench") && value == JsonToken.VALUE_STRING) {
          String marker = p.getText();
          if (marker.startsWith("organization/")) {
            return Optional.of(IamSourceKind.ORGANIZATION);
          }
          if (marker.startsWith("resource-policies/")) {
            return Optional.of(IamSourceKind.RESOURCE_POLICIES);
          }
          if (marker.startsWith("s3-acl/")) {
            return Optional.of(IamSourceKind.S3_ACL);
          }
          if (marker.startsWith("access-advisor/")) {
            return Optional.of(IamSourceKind.ACCESS_ADVISOR);
          }
          return Optional.empty();
        }
        if (AuthorizationDetailsReader.LISTS.contains(name)) {
          return Optional.of(IamSourceKind.AUTHORIZATION_DETAILS);
        }
        arn |= name.equals("ARN") && value == JsonToken.VALUE_STRING;
        resourcePolicy |= name.equals("ResourcePolicy") && value == JsonToken.VALUE_STRING;
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      // malformed before anything recognisable: fall through
    }
    return arn && resourcePolicy ? Optional.of(IamSourceKind.RESOURCE_POLICIES) : Optional.empty();
  }

  /**
   * Reads a whole file of the given kind. Throws when anything in it is wrong, naming the file,
   * the position (CSV row and column, or JSON path with line) and the reason; nothing is
   * returned from a bad file.
   */
  public static IamSource read(IamSourceKind kind, String fileName, byte[] content) throws SourceFormatException {
    Objects.requireNonNull(kind, "kind");
    String text = Texts.decode(fileName, content);
    return switch (kind) {
      case CREDENTIAL_REPORT -> CredentialReportReader.read(fileName, text);
      case AUTHORIZATION_DETAILS -> AuthorizationDetailsReader.read(fileName, text);
      case ORGANIZATION -> OrganizationReader.read(fileName, text);
      case RESOURCE_POLICIES -> ResourcePolicyReader.read(fileName, text);
      case S3_ACL -> S3AclFileReader.read(fileName, text);
      case ACCESS_ADVISOR -> AccessAdvisorReader.read(fileName, text);
    };
  }
}
