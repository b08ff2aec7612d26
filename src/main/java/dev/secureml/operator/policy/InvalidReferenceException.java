package dev.secureml.operator.policy;

/**
 * An S3 URI or image reference that does not parse. The message says what is wrong and is safe
 * to show: it quotes the value only through {@link QuotedValue}, and not at all when the value
 * carries credentials.
 */
public final class InvalidReferenceException extends IllegalArgumentException {
  InvalidReferenceException(String message) {
    super(message);
  }
}
