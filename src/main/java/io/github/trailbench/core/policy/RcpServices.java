package io.github.trailbench.core.policy;

import java.util.Locale;
import java.util.Set;

/**
 * The services whose requests resource control policies (RCPs) govern. AWS applies RCPs only to
 * the services it lists ("List of AWS services that support RCPs", AWS Organizations User Guide);
 * a request to any other service passes the RCP step whatever the RCPs say, an RCP {@code Deny}
 * on {@code *} included. The list grows, so this is AWS's list as of {@value #AS_OF}: S3, STS,
 * KMS, SQS and Secrets Manager since RCPs were launched (November 2024), ECR and OpenSearch
 * Serverless since June 2025, Cognito user pools and CloudWatch Logs since January 2026. A service
 * added later is treated as not governed: the engine then reports more access, not less, than
 * AWS grants, the safer error for an investigation.
 */
public final class RcpServices {
  /** When the list below was last checked against AWS's. */
  public static final String AS_OF = "January 2026";

  private static final Set<String> PREFIXES = Set.of("s3", "sts", "kms", "sqs", "secretsmanager", "ecr", "aoss", "cognito-idp", "logs");

  private RcpServices() {}

  /** Whether RCPs govern {@code action} ({@code service:Name}), by its service prefix. */
  public static boolean govern(String action) {
    int colon = action.indexOf(':');
    return colon > 0 && PREFIXES.contains(action.substring(0, colon).toLowerCase(Locale.ROOT));
  }

  /** The services, as a sentence names them. */
  public static String names() {
    return "S3, STS, KMS, SQS, Secrets Manager, ECR, OpenSearch Serverless, Cognito user pools and CloudWatch Logs";
  }
}
