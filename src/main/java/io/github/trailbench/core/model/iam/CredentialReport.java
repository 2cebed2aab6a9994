package io.github.trailbench.core.model.iam;

import java.util.List;
import java.util.Optional;

/** A credential report: the header as read and one row per user (the root user included). */
public record CredentialReport(String file, List<String> header, List<CredentialReportRow> rows) implements IamSource {
  public CredentialReport {
    header = Copies.list(header);
    rows = Copies.list(rows);
  }

  @Override
  public IamSourceKind kind() {
    return IamSourceKind.CREDENTIAL_REPORT;
  }

  public Optional<CredentialReportRow> root() {
    return rows.stream().filter(CredentialReportRow::isRoot).findFirst();
  }
}
