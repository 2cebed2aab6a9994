package io.github.trailbench.core.correlate;

import java.util.Map;

/**
 * A temporary key whose issuing call (AssumeRole*, GetFederationToken, AssumeRoot) the case holds.
 *
 * @param sessionTags the session tags it was issued with (AssumeRole's {@code tags} and the chain's
 *     {@code incomingTransitiveTags}), by key; null when the log does not carry them (the key came
 *     from AssumeRoleWithSAML or AssumeRoleWithWebIdentity, whose tags are in the assertion or token)
 */
public record IssuedKey(Map<String, String> sessionTags) {
  public IssuedKey {
    sessionTags = sessionTags == null ? null : Map.copyOf(sessionTags);
  }
}
