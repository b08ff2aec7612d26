package dev.secureml.operator.local.bench;

import dev.secureml.operator.controller.OperatorAssembly;
import dev.secureml.operator.controller.OperatorSettings;
import dev.secureml.operator.local.bench.ChaosReport.Restart;
import dev.secureml.operator.sagemaker.AwsSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator of a chaos run, stopped and started again on the same API server and emulator,
 * as a Deployment rolls its pod: each start is a new {@link OperatorAssembly} with empty caches
 * and in-memory state, which must pick up from what the cluster and SageMaker hold.
 *
 * <p>Stopping is {@link OperatorAssembly#close()}: graceful, as a pod given SIGTERM (JOSDK stops
 * its controllers, the log forwarder saves the checkpoints of what the sinks accepted). A hard
 * kill (SIGKILL, OOM) cannot be done in-process; after one, the lines accepted since the last
 * saved checkpoint would be forwarded again (at-least-once, with the same event ids).
 */
final class RestartingOperator implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KubernetesClient client;
  private final AwsSettings aws;
  private final OperatorSettings settings;
  private final Instant origin;
  private final List<Restart> restarts = new ArrayList<>();
  private OperatorAssembly running;

  /** @param origin the run's start, from which restart moments are counted */
  RestartingOperator(KubernetesClient client, AwsSettings aws, OperatorSettings settings,
      Instant origin) {
    this.client = client;
    this.aws = aws;
    this.settings = settings;
    this.origin = origin;
  }

  /** Starts an operator and waits until its informers have synced. */
  synchronized void start() throws InterruptedException {
    if (running != null) {
      throw new IllegalStateException("the operator is running already");
    }
    running = OperatorAssembly.create(client, aws, settings, new SimpleMeterRegistry());
    running.start();
    awaitReady(running);
  }

  /** Waits until the operator's informers have synced and its controllers run. */
  static void awaitReady(OperatorAssembly operator) throws InterruptedException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (!operator.isReady()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the operator did not become ready within "
            + READY_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Stops the operator gracefully and starts a new one.
   *
   * @param moment what the run was doing: the restart's place in the report
   * @param situation what was in flight, in a few words
   * @param held whether the run got into the situation the restart was meant for
   */
  synchronized void restart(ChaosPlan.Moment moment, String situation, boolean held)
      throws InterruptedException {
    Instant stopping = Instant.now();
    stop();
    Instant stopped = Instant.now();
    start();
    Instant ready = Instant.now();
    restarts.add(new Restart(moment.name().toLowerCase(java.util.Locale.ROOT),
        seconds(origin, stopping), situation, seconds(stopping, stopped),
        seconds(stopping, ready), held));
  }

  synchronized List<Restart> restarts() {
    return List.copyOf(restarts);
  }

  private void stop() {
    if (running != null) {
      OperatorAssembly stopping = running;
      running = null;
      stopping.close();
    }
  }

  @Override
  public synchronized void close() {
    stop();
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
