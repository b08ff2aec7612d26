package dev.secureml.operator.controller;

import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.logs.RedactionScope;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.Retry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every controller does with an exception it did not expect (JOSDK's error-status hook):
 * the resource becomes Stalled with reason InternalError and a one-line message (exception type
 * and a short, redacted message; never a stack trace), Ready is False, observedGeneration is the
 * generation that failed, and the framework retries with {@link #retry} backoff.
 *
 * <p>JOSDK calls no such hook for cleanup(), and retries a failed cleanup forever and quietly:
 * {@link #duringCleanup} is its counterpart, keeping the finalizer and retrying with backoff.
 *
 * <p>Each is announced once per streak, in one log line and one Warning Event: from the first
 * failure until a pass succeeds ({@link #succeeded}), the same message is not announced again,
 * so a resource that keeps failing the same way retries quietly instead of flooding the log. A
 * different message is a new problem and is announced. Every message masks the secrets the
 * resource declared as well as the default patterns; the stack trace is logged at debug level.
 */
public final class InternalErrors {
  public static final String REASON = Reason.INTERNAL_ERROR.value();
  private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);
  private static final int MAX_MESSAGE = 200;

  private final EventRecorder events;
  private final StatusConditions conditions;
  /** uid -> the message of the failure streak it is in. */
  private final ResourceMemory<String> streaks;

  /** For a controller whose resources are forgotten on delete through {@code state}. */
  public InternalErrors(EventRecorder events, Clock clock, PerResourceState state) {
    this(events, clock, state.<String>memory());
  }

  /**
   * For CompliancePolicies, which have no finalizer (deleting one must never wait for the
   * operator): a policy deleted in the middle of a failure streak leaves its one message here.
   */
  InternalErrors(EventRecorder events, Clock clock) {
    this(events, clock, new ResourceMemory<>());
  }

  private InternalErrors(EventRecorder events, Clock clock, ResourceMemory<String> streaks) {
    this.events = events;
    this.conditions = new StatusConditions(clock);
    this.streaks = streaks;
  }

  /**
   * The framework's retry for unexpected exceptions: exponential from one second (or
   * {@code ceiling} if shorter), doubling, at most {@code ceiling} apart, without a limit on
   * attempts, so a resource recovers by itself once the cause goes away.
   */
  public static Retry retry(Duration ceiling) {
    long max = Math.max(1, ceiling.toMillis());
    return new GenericRetry().setInitialInterval(Math.min(1000, max)).setIntervalMultiplier(2)
        .setMaxInterval(max).withoutMaxAttempts();
  }

  /**
   * Writes the failure into the resource's status and returns the control that patches it and
   * lets the framework retry.
   *
   * @param statusConditions the status's conditions (the status created if it was missing)
   * @param phase sets status.phase; null for kinds without one
   * @param observedGeneration sets status.observedGeneration
   */
  public <P extends HasMetadata> ErrorStatusUpdateControl<P> report(P resource,
      Exception thrown, List<Condition> statusConditions, Consumer<String> phase,
      Consumer<Long> observedGeneration) {
    // The reconcile's scope is closed by now: status, Event and log mask this resource's secrets.
    try (RedactionScope secrets = RedactionScope.open(resource)) {
      Throwable e = unwrapped(thrown);
      Long generation = resource.getMetadata().getGeneration();
      String message = describe(e) + "; retrying with backoff";
      announceOnce(resource, e, message);
      conditions.stalled(statusConditions, Reason.INTERNAL_ERROR, message, generation);
      if (phase != null) {
        phase.accept(Phase.ERROR.value());
      }
      observedGeneration.accept(generation);
      return ErrorStatusUpdateControl.patchStatus(resource);
    }
  }

  /**
   * An unexpected exception while cleaning up: the finalizer stays and cleanup runs again after
   * {@code wait}, so nothing in SageMaker is left behind by accident. Announced once per streak,
   * and then also written into status (Stalled/InternalError, phase Error) if the API server
   * takes it, since cleanup() has no status update of its own.
   *
   * @param statusConditions the status's conditions (a new list when there is no status)
   * @param client writes the status
   */
  public DeleteControl duringCleanup(CustomResource<?, ?> resource,
      List<Condition> statusConditions, RuntimeException thrown, Duration wait,
      KubernetesClient client) {
    try (RedactionScope secrets = RedactionScope.open(resource)) {
      Throwable e = unwrapped(thrown);
      String message = describe(e) + "; the finalizer stays and deleting is retried with "
          + "backoff (spec.deletionPolicy: Retain lets go without cleaning up)";
      if (announceOnce(resource, e, message)) {
        conditions.stalled(statusConditions, Reason.INTERNAL_ERROR, message,
            resource.getMetadata().getGeneration());
        StatusPatch.conditionsAndPhase(client, resource, statusConditions,
            Phase.ERROR.value());
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.toMillis());
    }
  }

  /** One log line and one Warning Event, unless this streak said the same already. */
  private boolean announceOnce(HasMetadata resource, Throwable e, String message) {
    String previous = streaks.put(resource.getMetadata().getUid(), message).orElse(null);
    if (message.equals(previous)) {
      return false;
    }
    LOG.error("{} {}/{}: {}", resource.getKind(), resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(), message);
    LOG.debug("stack trace of the above", redacted(e, 0));
    events.warning(resource, Reason.INTERNAL_ERROR, message);
    return true;
  }

  /** A pass of this resource succeeded: its failure streak, if any, is over. */
  public void succeeded(HasMetadata resource) {
    streaks.forget(resource.getMetadata().getUid());
  }

  /** The framework wraps what the controller threw; the cause is what went wrong. */
  private static Throwable unwrapped(Throwable e) {
    Throwable t = e;
    while (t instanceof OperatorException && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The exception as the log prints it, with every message in its chain redacted. */
  private static Throwable redacted(Throwable e, int depth) {
    String text = e.getMessage() == null ? "" : ": " + RedactionScope.redact(e.getMessage());
    Throwable copy = new Redacted(e.getClass().getName() + text);
    copy.setStackTrace(e.getStackTrace());
    if (e.getCause() != null && e.getCause() != e && depth < 8) {
      copy.initCause(redacted(e.getCause(), depth + 1));
    }
    return copy;
  }

  /** Prints as the original exception did: its class name and (redacted) message. */
  private static final class Redacted extends Exception {
    Redacted(String text) {
      super(text);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }

  /**
   * "NullPointerException: Cannot read field ..." on one line, cut and redacted with the current
   * resource's redactor.
   */
  static String describe(Throwable e) {
    String text = e.getMessage() == null ? "" : e.getMessage().strip();
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline).strip();
    }
    // Redacted before it is cut, so a secret cut in half cannot slip past the patterns.
    text = RedactionScope.redact(text);
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE) + "...";
    }
    String type = e.getClass().getSimpleName();
    return text.isEmpty() ? type : type + ": " + text;
  }
}
