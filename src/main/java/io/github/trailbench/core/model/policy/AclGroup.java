package io.github.trailbench.core.model.policy;

import java.util.Optional;

/** The Amazon S3 predefined groups an ACL may grant to, by their URI. */
public enum AclGroup {
  /** Anyone, signed or anonymous. */
  ALL_USERS("http://acs.amazonaws.com/groups/global/AllUsers", "AllUsers (anyone, anonymous included)"),
  /** Any AWS account's signed request. */
  AUTHENTICATED_USERS("http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "AuthenticatedUsers (any AWS account)"),
  /** S3 server access log delivery. */
  LOG_DELIVERY("http://acs.amazonaws.com/groups/s3/LogDelivery", "LogDelivery (S3 server access logging)");

  private final String uri;
  private final String label;

  AclGroup(String uri, String label) {
    this.uri = uri;
    this.label = label;
  }

  public String uri() {
    return uri;
  }

  public String label() {
    return label;
  }

  /** The group a URI names; {@code https} and a trailing slash are accepted as S3 does not tell them apart in practice. */
  public static Optional<AclGroup> ofUri(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    String u = uri.strip().replaceFirst("^https://", "http://").replaceFirst("/$", "");
    for (AclGroup g : values()) {
      if (g.uri.equals(u)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
