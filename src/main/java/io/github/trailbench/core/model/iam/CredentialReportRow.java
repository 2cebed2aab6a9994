package io.github.trailbench.core.model.iam;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user of an IAM credential report. {@code row} is the 1-based CSV row (the header is row 1).
 * {@code extraColumns} holds columns AWS may add after the documented ones, by header name.
 */
public record CredentialReportRow(
    int row,
    String user,
    String arn,
    ReportValue<Instant> userCreationTime,
    ReportValue<Boolean> passwordEnabled,
    ReportValue<Instant> passwordLastUsed,
    ReportValue<Instant> passwordLastChanged,
    ReportValue<Instant> passwordNextRotation,
    ReportValue<Boolean> mfaActive,
    AccessKeyStatus accessKey1,
    AccessKeyStatus accessKey2,
    CertificateStatus cert1,
    CertificateStatus cert2,
    Map<String, String> extraColumns) {

  /** The user name AWS writes for the account root user. */
  public static final String ROOT_USER = "<root_account>";

  public CredentialReportRow {
    extraColumns = Collections.unmodifiableMap(new LinkedHashMap<>(extraColumns == null ? Map.of() : extraColumns));
  }

  public boolean isRoot() {
    return ROOT_USER.equals(user);
  }

  /** The access-key slot 1 or 2. */
  public AccessKeyStatus accessKey(int slot) {
    return switch (slot) {
      case 1 -> accessKey1;
      case 2 -> accessKey2;
      default -> throw new IllegalArgumentException("access key slot is 1 or 2, not " + slot);
    };
  }

  /** Number of slots holding an active access key (0 to 2). */
  public int activeAccessKeys() {
    return (accessKey1.isActive() ? 1 : 0) + (accessKey2.isActive() ? 1 : 0);
  }
}
