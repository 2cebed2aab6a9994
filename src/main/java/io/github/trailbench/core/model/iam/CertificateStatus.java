package io.github.trailbench.core.model.iam;

import java.time.Instant;

/** One X.509 signing-certificate slot (1 or 2) of a credential report row. */
public record CertificateStatus(int slot, ReportValue<Boolean> active, ReportValue<Instant> lastRotated) {}
