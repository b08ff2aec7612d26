package dev.secureml.operator.sagemaker;

/**
 * Names whom the AWS calls on this thread are made for, e.g. a custom resource's uid, so that
 * a call the {@link RateLimiter} puts off keeps its place in line: the resource comes back at
 * its turn and calls, and nobody who asked later gets ahead of it. Opened around one reconcile
 * (JOSDK never reconciles one resource on two threads at once) and closed after it.
 */
public final class CallerScope implements AutoCloseable {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private final String previous;

  private CallerScope(String previous) {
    this.previous = previous;
  }

  /** Calls on this thread are made for {@code caller} until the scope is closed. */
  public static CallerScope open(String caller) {
    CallerScope scope = new CallerScope(CURRENT.get());
    CURRENT.set(caller);
    return scope;
  }

  /** Whom calls on this thread are made for; null outside any scope. */
  public static String current() {
    return CURRENT.get();
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
