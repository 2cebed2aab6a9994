package io.github.trailbench.core.model.iam;

import java.util.Optional;

/** Why a credential report cell holds no value, as AWS spells it in the report. */
public enum NoValue {
  /** {@code N/A}: the field does not apply (no password, key never used, no key in this slot). */
  NOT_APPLICABLE("N/A"),
  /** {@code no_information}: AWS has no record (e.g. password not used since tracking began in Oct 2014). */
  NO_INFORMATION("no_information"),
  /** {@code not_supported}: the field does not exist for this principal (the root user's password fields). */
  NOT_SUPPORTED("not_supported");

  private final String token;

  NoValue(String token) {
    this.token = token;
  }

  /** The literal cell text in the report. */
  public String token() {
    return token;
  }

  /** The reason a cell's literal text stands for, if it is one of the report's tokens (exact case). */
  public static Optional<NoValue> fromToken(String cell) {
    for (NoValue v : values()) {
      if (v.token.equals(cell)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
