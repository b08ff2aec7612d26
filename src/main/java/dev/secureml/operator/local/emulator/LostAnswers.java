package dev.secureml.operator.local.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Post-commit faults: a create the emulator has carried out is answered with HTTP 500
 * InternalFailure, as AWS can when the request was committed and its answer lost. A client's
 * retry then meets "already exists" and must adopt what it created, by its ownership tags.
 * Counts the faults and the "already exists" answers to creates, so a run can show that the
 * situation arose and was met.
 *
 * <p>Off until {@link #loseAfterCommit} turns it on; its own seeded sequence, drawn only for
 * the chosen operations, leaves the replay of {@link FaultInjector}'s faults unchanged.
 */
public final class LostAnswers {
  /** The creates of the resources the operator owns, as service.operation. */
  public static final Set<String> CREATES = Set.of("SageMaker.CreateTrainingJob",
      "SageMaker.CreateModel", "SageMaker.CreateEndpointConfig", "SageMaker.CreateEndpoint",
      "SageMaker.CreateDataQualityJobDefinition", "SageMaker.CreateMonitoringSchedule");

  private final Random random;
  private final Map<String, AtomicLong> lost = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> alreadyExists = new ConcurrentHashMap<>();
  private volatile Set<String> operations = Set.of();
  private volatile double rate;

  LostAnswers(long seed) {
    this.random = new Random(seed);
  }

  /**
   * From now on this share of the successful calls of these operations is answered 500.
   *
   * @param operations as {@code SageMaker.CreateTrainingJob}
   * @throws IllegalArgumentException for a rate outside 0 to 1
   */
  public void loseAfterCommit(Set<String> operations, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("the share of lost answers must be between 0 and 1,"
          + " not " + rate);
    }
    this.operations = Set.copyOf(operations);
    this.rate = rate;
  }

  /** No more lost answers; the counts stay. */
  public void stop() {
    operations = Set.of();
  }

  /** Post-commit faults injected so far, by service.operation. */
  public Map<String, Long> lost() {
    return snapshot(lost);
  }

  /** "Already exists" answers to creates so far, by service.operation. */
  public Map<String, Long> alreadyExists() {
    return snapshot(alreadyExists);
  }

  /** The fault that replaces the answer to a call the service has just carried out, if any. */
  Optional<AwsServiceException> afterCommit(String service, String operation) {
    String target = service + "." + operation;
    if (rate == 0 || !operations.contains(target)) {
      return Optional.empty();
    }
    double draw;
    synchronized (random) {
      draw = random.nextDouble();
    }
    if (draw >= rate) {
      return Optional.empty();
    }
    lost.computeIfAbsent(target, k -> new AtomicLong()).incrementAndGet();
    return Optional.of(new AwsServiceException("InternalFailure",
        "The request processing has failed because of an unknown error", 500));
  }

  /** Notes an error answer, counting it when it tells a create that the name is taken. */
  void answered(String service, String operation, AwsServiceException error) {
    if (operation.startsWith("Create") && tellsTaken(error)) {
      alreadyExists.computeIfAbsent(service + "." + operation, k -> new AtomicLong())
          .incrementAndGet();
    }
  }

  // SageMaker says so as ResourceInUse (training jobs, monitoring) or as a ValidationException
  // "Cannot create already existing ..." (models, configs, endpoints); Logs as its own code.
  private static boolean tellsTaken(AwsServiceException error) {
    return error.code().equals("ResourceInUse")
        || error.code().equals("ResourceAlreadyExistsException")
        || (error.code().equals("ValidationException") && error.getMessage() != null
            && error.getMessage().startsWith("Cannot create already existing"));
  }

  private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.get()));
    return Map.copyOf(sorted);
  }
}
