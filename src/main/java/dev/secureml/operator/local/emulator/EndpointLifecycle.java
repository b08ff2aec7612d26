package dev.secureml.operator.local.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves endpoints through Creating, Updating, RollingBack and Deleting on the emulated clock.
 * State is a function of time: every read calls {@link #catchUp} first, which applies each
 * change that has come due, stamped with the instant it was due.
 *
 * <p>Emulated durations: Creating 120 s, Updating to a new configuration 120 s, RollingBack
 * 60 s, Updating weights and capacities 30 s, Deleting 20 s. A deployment whose images contain
 * {@code fail} does not pass the ping health check: a new endpoint ends Failed; an update rolls
 * back to the configuration that was serving and keeps the FailureReason.
 */
final class EndpointLifecycle {
  static final double CREATE_SECONDS = 120;
  static final double UPDATE_SECONDS = 120;
  static final double ROLLBACK_SECONDS = 60;
  static final double WEIGHTS_SECONDS = 30;
  static final double DELETE_SECONDS = 20;
  /** Statuses in which the serving deployment's instances run and log. */
  private static final List<String> SERVING = List.of(Endpoint.IN_SERVICE, Endpoint.UPDATING,
      Endpoint.SYSTEM_UPDATING, Endpoint.ROLLING_BACK);

  private final EmulatedClock clock;
  private final EndpointLogWriter logs;

  EndpointLifecycle(EmulatedClock clock, EndpointLogWriter logs) {
    this.clock = clock;
    this.logs = logs;
  }

  void create(Endpoint endpoint, Endpoint.Deployment target) {
    synchronized (endpoint) {
      Instant now = clock.now();
      endpoint.begin(Endpoint.CREATING, now, due(now, CREATE_SECONDS), target);
    }
  }

  void update(Endpoint endpoint, Endpoint.Deployment target) {
    synchronized (endpoint) {
      Instant now = requireUpdatable(endpoint);
      endpoint.begin(Endpoint.UPDATING, now, due(now, UPDATE_SECONDS), target);
    }
  }

  /** Desired weight and instance count by variant name; the configuration stays. */
  void updateWeights(Endpoint endpoint, Map<String, double[]> desired) {
    synchronized (endpoint) {
      Instant now = requireUpdatable(endpoint);
      List<String> unknown = new ArrayList<>(desired.keySet());
      List<EndpointVariant> variants = new ArrayList<>();
      for (EndpointVariant v : endpoint.serving().variants()) {
        double[] wanted = desired.get(v.name());
        unknown.remove(v.name());
        variants.add(wanted == null ? v : v.desire(
            Double.isNaN(wanted[0]) ? v.currentWeight() : wanted[0],
            Double.isNaN(wanted[1]) ? v.currentInstanceCount() : (int) wanted[1]));
      }
      if (!unknown.isEmpty()) {
        throw AwsServiceException.validation("The variant(s) \"" + unknown + "\" are not present"
            + " in endpoint \"" + endpoint.arn() + "\".");
      }
      endpoint.begin(Endpoint.UPDATING, now, due(now, WEIGHTS_SECONDS),
          new Endpoint.Deployment(endpoint.serving().config(), variants));
    }
  }

  void delete(Endpoint endpoint) {
    synchronized (endpoint) {
      Instant now = clock.now();
      advance(endpoint, now);
      requireSettled(endpoint);
      endpoint.begin(Endpoint.DELETING, now, due(now, DELETE_SECONDS), endpoint.serving());
    }
  }

  /** Applies every change due by now; true when the endpoint has finished deleting. */
  boolean catchUp(Endpoint endpoint) {
    synchronized (endpoint) {
      return advance(endpoint, clock.now());
    }
  }

  /** Instance ids, stable for an endpoint, configuration, variant and position. */
  static List<String> instanceIds(String endpoint, String config, String variant, int from,
      int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      byte[] seed = (endpoint + "/" + config + "/" + variant + "/" + i)
          .getBytes(StandardCharsets.UTF_8);
      ids.add("i-0" + UUID.nameUUIDFromBytes(seed).toString().replace("-", "").substring(0, 16));
    }
    return ids;
  }

  private boolean advance(Endpoint endpoint, Instant now) {
    while (endpoint.change() != null && !now.isBefore(endpoint.change().due())) {
      Endpoint.Change change = endpoint.change();
      Instant at = change.due();
      servingLogs(endpoint, at);
      Endpoint.Deployment target = change.target();
      switch (change.status()) {
        case Endpoint.CREATING -> {
          logs.started(endpoint, target, at);
          if (target.failsHealthCheck()) {
            logs.failedHealthCheck(endpoint, target, at);
            endpoint.failureReason(healthCheckFailure(target));
            endpoint.settle(Endpoint.FAILED, null, at);
          } else {
            endpoint.settle(Endpoint.IN_SERVICE, target, at);
          }
        }
        case Endpoint.UPDATING -> {
          if (target.config() == endpoint.serving().config()) {
            endpoint.settle(Endpoint.IN_SERVICE, resized(endpoint, target), at);
          } else {
            logs.started(endpoint, target, at);
            if (target.failsHealthCheck()) {
              logs.failedHealthCheck(endpoint, target, at);
              endpoint.failureReason(healthCheckFailure(target));
              endpoint.begin(Endpoint.ROLLING_BACK, at, due(at, ROLLBACK_SECONDS),
                  endpoint.serving());
            } else {
              endpoint.failureReason(null);
              endpoint.settle(Endpoint.IN_SERVICE, target, at);
            }
          }
        }
        case Endpoint.ROLLING_BACK -> endpoint.settle(Endpoint.IN_SERVICE, target, at);
        case Endpoint.DELETING -> {
          endpoint.settle(Endpoint.DELETING, null, at);
          return true;
        }
        default -> throw new IllegalStateException("No change to " + change.status());
      }
    }
    servingLogs(endpoint, now);
    return endpoint.change() == null && Endpoint.DELETING.equals(endpoint.status());
  }

  /** The serving instances' periodic log lines up to {@code until}; none while deleting. */
  private void servingLogs(Endpoint endpoint, Instant until) {
    if (endpoint.serving() != null && SERVING.contains(endpoint.status())) {
      logs.servingUpTo(endpoint, endpoint.serving(), until);
    }
  }

  /** Weights and counts reach their desired values; added instances get new ids. */
  private static Endpoint.Deployment resized(Endpoint endpoint, Endpoint.Deployment target) {
    List<EndpointVariant> variants = new ArrayList<>();
    for (EndpointVariant v : target.variants()) {
      List<String> ids = new ArrayList<>(v.instanceIds());
      int want = v.desiredInstanceCount();
      if (want > ids.size()) {
        ids.addAll(instanceIds(endpoint.name(), target.config().name(), v.name(), ids.size(),
            want));
      }
      variants.add(v.settled(ids.subList(0, want)));
    }
    return new Endpoint.Deployment(target.config(), variants);
  }

  private Instant requireUpdatable(Endpoint endpoint) {
    Instant now = clock.now();
    advance(endpoint, now);
    requireSettled(endpoint);
    if (Endpoint.FAILED.equals(endpoint.status())) {
      throw AwsServiceException.validation("Cannot update failed endpoint \"" + endpoint.arn()
          + "\". A failed endpoint can only be deleted.");
    }
    return now;
  }

  private static void requireSettled(Endpoint endpoint) {
    if (Endpoint.IN_PROGRESS.contains(endpoint.status())) {
      throw AwsServiceException.validation("Cannot update in-progress endpoint \""
          + endpoint.arn() + "\".");
    }
  }

  private static String healthCheckFailure(Endpoint.Deployment target) {
    String variant = target.variants().stream().filter(EndpointVariant::failsHealthCheck)
        .findFirst().map(EndpointVariant::name).orElse("AllTraffic");
    return "The primary container for production variant " + variant + " did not pass the ping"
        + " health check. Please check CloudWatch logs for this endpoint.";
  }

  private Instant due(Instant from, double emulatedSeconds) {
    return from.plus(clock.real(emulatedSeconds));
  }
}
