package io.github.trailbench.core.model.policy;

import java.util.List;

/**
 * One IAM JSON policy document.
 *
 * @param version the {@code Version} element, or {@code null} when absent (then policy variables
 *     are literal text, as with {@code 2008-10-17})
 * @param id the optional {@code Id} element
 * @param statements statements in document order
 * @param source the JSON text the document was read from (kept for display)
 */
public record PolicyDocument(String version, String id, List<Statement> statements, String source) {
  public static final String VERSION_2012 = "2012-10-17";
  public static final String VERSION_2008 = "2008-10-17";

  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /** Whether {@code ${...}} policy variables are interpreted (only in Version 2012-10-17). */
  public boolean variablesEnabled() {
    return VERSION_2012.equals(version);
  }
}
