package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endpoint's state: the deployment that serves (none while Creating) and the change in
 * flight, due at an instant of the emulated clock. Callers synchronize on the endpoint.
 */
final class Endpoint extends HostedResource {
  static final String CREATING = "Creating";
  static final String IN_SERVICE = "InService";
  static final String UPDATING = "Updating";
  static final String SYSTEM_UPDATING = "SystemUpdating";
  static final String ROLLING_BACK = "RollingBack";
  static final String DELETING = "Deleting";
  static final String FAILED = "Failed";
  static final List<String> STATUSES = List.of("OutOfService", CREATING, UPDATING,
      SYSTEM_UPDATING, ROLLING_BACK, IN_SERVICE, DELETING, FAILED);
  /** Statuses in which neither UpdateEndpoint nor DeleteEndpoint is accepted. */
  static final List<String> IN_PROGRESS = List.of(CREATING, UPDATING, SYSTEM_UPDATING,
      ROLLING_BACK, DELETING);

  /** A configuration with its variants as deployed (or to be deployed). */
  record Deployment(HostedResource config, List<EndpointVariant> variants) {
    Deployment {
      variants = List.copyOf(variants);
    }

    boolean failsHealthCheck() {
      return variants.stream().anyMatch(EndpointVariant::failsHealthCheck);
    }

    ObjectNode dataCapture() {
      return (ObjectNode) config.request().get("DataCaptureConfig");
    }
  }

  /** What happens when {@code due} comes: the target deployment and whether it fails. */
  record Change(String status, Instant start, Instant due, Deployment target) {}

  private String status = CREATING;
  private String failureReason;
  private Instant lastModified;
  private Deployment serving;
  private Change change;
  private final Map<String, AtomicLong> invocations = new ConcurrentHashMap<>();

  Endpoint(String name, String arn, ObjectNode request, Instant creationTime, long sequence) {
    super(name, arn, request, creationTime, sequence);
    this.lastModified = creationTime;
  }

  String status() {
    return status;
  }

  String failureReason() {
    return failureReason;
  }

  Instant lastModified() {
    return lastModified;
  }

  Deployment serving() {
    return serving;
  }

  Change change() {
    return change;
  }

  /** Starts a change: the endpoint shows {@code newStatus} until the change is due. */
  void begin(String newStatus, Instant now, Instant due, Deployment target) {
    status = newStatus;
    change = new Change(newStatus, now, due, target);
    lastModified = now;
  }

  /** The change is over: the endpoint settles in {@code newStatus} with {@code deployment}. */
  void settle(String newStatus, Deployment deployment, Instant at) {
    status = newStatus;
    serving = deployment;
    change = null;
    lastModified = at;
  }

  /**
   * The DataCaptureConfig of the configuration that serves, or of the one being deployed while
   * there is none yet; null when it captures nothing.
   */
  synchronized ObjectNode dataCapture() {
    Deployment shown = serving != null ? serving : change != null ? change.target() : null;
    return shown == null ? null : shown.dataCapture();
  }

  void failureReason(String reason) {
    failureReason = reason;
  }

  /** Counts an invocation of a variant and returns the variant's running total. */
  long invoked(String variant) {
    return invocations.computeIfAbsent(variant, v -> new AtomicLong()).incrementAndGet();
  }
}
