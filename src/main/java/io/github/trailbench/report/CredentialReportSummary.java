package io.github.trailbench.report;

import io.github.trailbench.core.findings.hygiene.CredentialHygiene;
import io.github.trailbench.core.model.iam.CredentialReport;
import java.time.Duration;
import java.time.Instant;

/**
 * What the report's "Credential hygiene" section says about the credential report it checked.
 *
 * @param file the report's file name as imported
 * @param users rows of the report (the root user included)
 * @param referenceTime the time ages were measured from (null when the report holds no time)
 * @param threshold the age threshold of the checks
 */
public record CredentialReportSummary(String file, int users, Instant referenceTime, Duration threshold) {
  public static CredentialReportSummary of(CredentialReport report, Duration threshold) {
    return new CredentialReportSummary(report.file(), report.rows().size(),
        CredentialHygiene.referenceTime(report).orElse(null), threshold);
  }
}
