package io.github.trailbench.core.policy;

/**
 * An S3 ACL or ownership-controls input that cannot be read: {@code where} is a position inside
 * the input (a JSON path such as {@code Grants[1].Permission}, or {@code line 4, column 9} in XML),
 * which the caller places in its file.
 */
public final class S3AclFormatException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String where;
  private final String reason;

  public S3AclFormatException(String where, String reason) {
    super(where.isEmpty() ? reason : where + ": " + reason);
    this.where = where;
    this.reason = reason;
  }

  public String where() {
    return where;
  }

  public String reason() {
    return reason;
  }
}
