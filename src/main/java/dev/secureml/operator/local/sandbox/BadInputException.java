package dev.secureml.operator.local.sandbox;

/** Input the sandbox cannot use: an unreadable file, bad YAML, an unknown kind. */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
