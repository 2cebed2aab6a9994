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
 * @param unreadExpiration the response's {@code credentials.expiration} as logged when it is in no form
 *     {@link StsTimes} reads; null otherwise
 * @param webIdentityClaims the web identity token's claims an AssumeRoleWithWebIdentity record shows
 *     ({@code cognito-identity.amazonaws.com:sub}, {@code PROVIDER:aud}; see
 *     {@link RequestContextDeriver#webIdentityClaims}), which the session's calls carry; empty otherwise
 * @param byService the issuing call was made by an AWS service (EC2 assuming an instance profile's role)
 */
public record IssuedKey(Map<String, String> sessionTags, String issuedBy, Instant issuedAt, Instant expiration,
    boolean chained, String unreadExpiration, Map<String, String> webIdentityClaims, boolean byService) {
  /** STS API Reference, AssumeRole: role chaining limits a session to one hour. */
  public static final Duration CHAINED_SESSION_LIMIT = Duration.ofHours(1);
  /** STS API Reference, AssumeRole and GetSessionToken: DurationSeconds is at least 900 (15 minutes). */
  public static final Duration SHORTEST_SESSION = Duration.ofMinutes(15);

  public IssuedKey {
    sessionTags = sessionTags == null ? null : Map.copyOf(sessionTags);
    webIdentityClaims = webIdentityClaims == null ? Map.of() : Map.copyOf(webIdentityClaims);
  }

  public IssuedKey(Map<String, String> sessionTags) {
    this(sessionTags, null, null, null, false, null, Map.of(), false);
  }

  public IssuedKey(Map<String, String> sessionTags, String issuedBy, Instant issuedAt, Instant expiration,
      boolean chained) {
    this(sessionTags, issuedBy, issuedAt, expiration, chained, null, Map.of(), false);
  }

  /**
   * Whether a call at {@code time} may come after an expiration the log carries but which could not be
   * read: later than the shortest session STS issues, before any known end. False when the
   * expiration was read, or the call is within the shortest session.
   */
  public boolean mayHaveExpiredUnread(Instant time) {
    if (unreadExpiration == null || time == null) {
      return false;
    }
    Instant end = expiresAt();
    boolean withinShortest = issuedAt != null && !time.isAfter(issuedAt.plus(SHORTEST_SESSION));
    return !withinShortest && (end == null || !time.isAfter(end));
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
