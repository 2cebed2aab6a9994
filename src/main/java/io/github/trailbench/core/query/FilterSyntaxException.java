package io.github.trailbench.core.query;

/** A filter that cannot be parsed; {@link #position()} is the 0-based character offset. */
public final class FilterSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int position;
  private final String reason;

  public FilterSyntaxException(String reason, int position) {
    super(reason + " (at character " + (position + 1) + ")");
    this.reason = reason;
    this.position = position;
  }

  /** 0-based character offset of the problem in the filter text. */
  public int position() {
    return position;
  }

  public String reason() {
    return reason;
  }
}
