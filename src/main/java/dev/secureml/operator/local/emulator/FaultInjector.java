package dev.secureml.operator.local.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, from a seeded random sequence, which requests fail as a busy AWS would: throttling
 * (HTTP 400 "Rate exceeded", which SDKs retry with back-off) or a server fault (500/503).
 * The same seed and request order give the same faults, so a flaky-looking test can be replayed.
 *
 * <p>Faults hit SageMaker alone unless {@link #injectInto} widens them to Application Auto
 * Scaling and CloudWatch Logs (a busy AWS fails them all); {@link #stop} ends them, as when a
 * chaos run lets the system settle. Requests of a service out of scope draw nothing: in the
 * default scope a seed replays the SageMaker faults of a given request order, whatever else
 * is called.
 */
public final class FaultInjector {
  public static final String SAGEMAKER = "SageMaker";
  public static final String AUTO_SCALING = "ApplicationAutoScaling";
  public static final String LOGS = "Logs";
  /** The services faults can be injected into: the JSON services the operator calls. */
  public static final Set<String> SERVICES = Set.of(SAGEMAKER, AUTO_SCALING, LOGS);

  /** Faults injected so far into one service, of one error code and HTTP status. */
  public record Count(String service, String code, int httpStatus, long count) {}

  private final double throttleRate;
  private final double serverErrorRate;
  private final Duration latency;
  private final Random random;
  private final Map<List<Object>, AtomicLong> injected = new ConcurrentHashMap<>();
  private volatile Set<String> scope = Set.of(SAGEMAKER);
  private final LostAnswers lostAnswers;

  FaultInjector(double throttleRate, double serverErrorRate, Duration latency, long seed) {
    this.throttleRate = throttleRate;
    this.serverErrorRate = serverErrorRate;
    this.latency = latency;
    this.random = new Random(seed);
    this.lostAnswers = new LostAnswers(seed);
  }

  /** Post-commit faults: creates carried out whose answer is lost; off until turned on. */
  public LostAnswers lostAnswers() {
    return lostAnswers;
  }

  /**
   * From now on faults (and the extra latency) hit these services, at the configured rates.
   *
   * @throws IllegalArgumentException for a service not in {@link #SERVICES}
   */
  public void injectInto(Set<String> services) {
    for (String s : services) {
      if (!SERVICES.contains(s)) {
        throw new IllegalArgumentException("faults can be injected into " + SERVICES
            + " only, not " + s);
      }
    }
    scope = Set.copyOf(services);
  }

  /** No more faults (lost answers included) or extra latency, for any service. */
  public void stop() {
    scope = Set.of();
    lostAnswers.stop();
  }

  /** Faults injected so far, by service, code and HTTP status. */
  public List<Count> injected() {
    Map<String, Count> sorted = new TreeMap<>();
    injected.forEach((key, n) -> sorted.put(key.toString(), new Count((String) key.get(0),
        (String) key.get(1), (Integer) key.get(2), n.get())));
    return List.copyOf(sorted.values());
  }

  /** The fault to answer this request to {@code service} with, if any. */
  Optional<AwsServiceException> nextFault(String service) {
    if ((throttleRate == 0 && serverErrorRate == 0) || !scope.contains(service)) {
      return Optional.empty();
    }
    double draw;
    boolean unavailable;
    synchronized (random) {
      draw = random.nextDouble();
      unavailable = random.nextBoolean();
    }
    AwsServiceException fault;
    if (draw < throttleRate) {
      fault = new AwsServiceException("ThrottlingException", "Rate exceeded");
    } else if (draw < throttleRate + serverErrorRate) {
      fault = unavailable
          ? new AwsServiceException("ServiceUnavailable", "Service is unavailable", 503)
          : new AwsServiceException("InternalFailure",
              "The request processing has failed because of an unknown error", 500);
    } else {
      return Optional.empty();
    }
    injected.computeIfAbsent(List.of(service, fault.code(), fault.httpStatus()),
        k -> new AtomicLong()).incrementAndGet();
    return Optional.of(fault);
  }

  /** Holds the calling request thread for the configured extra latency. */
  void delay(String service) {
    if (latency.isZero() || !scope.contains(service)) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
