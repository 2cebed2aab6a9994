package io.github.trailbench.store;

/**
 * The case holds something a crash cannot explain, or less than it recorded: it is not opened.
 * The message starts with "case damaged: " and says what disagrees.
 */
public final class CaseDamagedException extends StoreException {
  private static final long serialVersionUID = 1L;

  CaseDamagedException(String what) {
    super("case damaged: " + what);
  }

  CaseDamagedException(String what, Throwable cause) {
    super("case damaged: " + what, cause);
  }
}
