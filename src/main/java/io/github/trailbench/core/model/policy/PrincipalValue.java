package io.github.trailbench.core.model.policy;

/** One principal named in a Principal / NotPrincipal element, e.g. (AWS, arn:aws:iam::1:root). */
public record PrincipalValue(PrincipalType type, String value) {
  public static final PrincipalValue ANY = new PrincipalValue(PrincipalType.ANY, "*");

  @Override
  public String toString() {
    return type == PrincipalType.ANY ? "*" : type.json() + ":" + value;
  }
}
