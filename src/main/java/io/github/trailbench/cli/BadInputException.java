package io.github.trailbench.cli;

/** Input the user gave us that we cannot use; the message says what and where. Exit code 1. */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
