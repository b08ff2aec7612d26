package dev.secureml.operator.logs;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The redactor of the resource the current thread works on, so that whatever a reconcile writes
 * (condition messages, the operator's own log lines) masks that resource's declared secrets
 * without every message having to carry the resource. Outside a scope the default patterns
 * apply. Open it where a reconcile starts and close it where it ends, like the logging MDC.
 */
public final class RedactionScope implements AutoCloseable {
  private static final LogRedactor DEFAULTS = LogRedactor.defaults();
  private static final ThreadLocal<LogRedactor> CURRENT = new ThreadLocal<>();

  private final LogRedactor previous;

  private RedactionScope(LogRedactor previous) {
    this.previous = previous;
  }

  /** Masks the resource's declared secrets on this thread until {@link #close}. */
  public static RedactionScope open(HasMetadata resource) {
    LogRedactor previous = CURRENT.get();
    CURRENT.set(DeclaredSecrets.of(resource).applyTo(DEFAULTS));
    return new RedactionScope(previous);
  }

  /** The current resource's redactor, or the default patterns outside a scope. */
  public static LogRedactor current() {
    LogRedactor redactor = CURRENT.get();
    return redactor == null ? DEFAULTS : redactor;
  }

  /** The text masked by {@link #current()}. */
  public static String redact(String text) {
    return current().redact(text);
  }

  @Override
  public void close() {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
