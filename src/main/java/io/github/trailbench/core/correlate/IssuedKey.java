package io.github.trailbench.core.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A temporary key whose issuing call (AssumeRole*, GetSessionToken, GetFederationToken, AssumeRoot)
 * the case holds.
 *
 * @param sessionTags the session tags it was issued with (AssumeRole's {@code tags} and the chain's
 *     {@code incomingTransitiveTags}), by key; null when the log does not carry them (the key came
 *     from AssumeRoleWithSAML or AssumeRoleWithWebIdentity, whose tags are in the assertion or token)
 * @param issuedBy the issuing call's event name ({@code GetSessionToken}); null when not known
 * @param issuedAt when it was issued; null when not known
 * @param expiration the response's {@code credentials.expiration}; null when not logged or not read
 * @param chained issued by an AssumeRole that a role session made (role chaining)
 */
public record IssuedKey(Map<String, String> sessionTags, String issuedBy, Instant issuedAt, Instant expiration,
    boolean chained) {
  /** STS API Reference, AssumeRole: role chaining limits a session to one hour. */
  public static final Duration CHAINED_SESSION_LIMIT = Duration.ofHours(1);

  public IssuedKey {
    sessionTags = sessionTags == null ? null : Map.copyOf(sessionTags);
  }

  public IssuedKey(Map<String, String> sessionTags) {
    this(sessionTags, null, null, null, false);
  }

  /**
   * When the credentials stop working: the logged expiration, and for a chained session at most
   * an hour after it was issued; null when neither is known.
   */
  public Instant expiresAt() {
    Instant cap = chained && issuedAt != null ? issuedAt.plus(CHAINED_SESSION_LIMIT) : null;
    if (expiration == null) {
      return cap;
    }
    return cap != null && cap.isBefore(expiration) ? cap : expiration;
  }

  /** Why {@link #expiresAt} is what it is, in words. */
  public String expiryReason() {
    Instant cap = chained && issuedAt != null ? issuedAt.plus(CHAINED_SESSION_LIMIT) : null;
    if (cap != null && (expiration == null || cap.isBefore(expiration))) {
      return "a role-chained session lasts at most one hour (issued " + issuedAt + " by " + issuedBy + ")";
    }
    return "the expiration " + (issuedBy == null ? "its issuing call" : issuedBy) + " returned";
  }
}
