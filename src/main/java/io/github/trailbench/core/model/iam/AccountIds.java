package io.github.trailbench.core.model.iam;

import java.util.Optional;

/** How S3 ACLs name an account: its canonical user id and the e-mail address of its root user. */
public record AccountIds(String accountId, Optional<String> canonicalUserId, Optional<String> email) {}
