package io.github.trailbench.core.correlate;

/** What an access key id says about its credentials, from its prefix. */
public enum KeyKind {
  /** AKIA…: a long-term key owned by an IAM user (or root). */
  LONG_TERM,
  /** ASIA…: temporary credentials owned by one session. */
  TEMPORARY,
  /** Anything else (redacted, malformed). */
  UNKNOWN;

  public static KeyKind of(String accessKeyId) {
    if (accessKeyId == null) {
      return UNKNOWN;
    }
    if (accessKeyId.startsWith("AKIA")) {
      return LONG_TERM;
    }
    if (accessKeyId.startsWith("ASIA")) {
      return TEMPORARY;
    }
    return UNKNOWN;
  }
}
