package dev.secureml.operator.controller;

import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.endpoint.ModelEndpointController;
import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.sagemaker.AwsClientFactory;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import dev.secureml.operator.sagemaker.AwsSettings;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.RateLimiter;
import dev.secureml.operator.sagemaker.TrainingJobGateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Builds the JOSDK operator with every controller, from a Kubernetes client and AWS settings. */
public final class OperatorAssembly implements AutoCloseable {
  private final Operator operator;
  private final SageMakerClient sageMaker;
  private final ApplicationAutoScalingClient applicationAutoScaling;

  private OperatorAssembly(Operator operator, SageMakerClient sageMaker,
      ApplicationAutoScalingClient applicationAutoScaling) {
    this.operator = operator;
    this.sageMaker = sageMaker;
    this.applicationAutoScaling = applicationAutoScaling;
  }

  public static OperatorAssembly create(KubernetesClient client, AwsSettings aws,
      OperatorSettings settings, MeterRegistry registry) {
    Clock clock = Clock.systemUTC();
    AwsClientFactory clients = new AwsClientFactory(aws);
    SageMakerClient sageMaker = clients.sageMaker();
    // One limiter for every SageMaker caller: the quota is per account, not per controller.
    RateLimiter limiter = clients.sageMakerRateLimiter();
    var gateway = new TrainingJobGateway(sageMaker, limiter, registry);
    var engine = new PolicyEngine();
    var events = new EventRecorder(client);

    Operator operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(settings.useServerSideApply())
        .withConcurrentReconciliationThreads(settings.reconcileThreads())
        .withStopOnInformerErrorDuringStartup(true)
        .withCacheSyncTimeout(Duration.ofMinutes(2))
        .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry)
            .build()));
    operator.register(new SecureTrainingJobController(engine, gateway, events,
        new PollingSchedule(settings.pollMin(), settings.pollMax()),
        new RetryBackoff(settings.pollMin(), settings.pollMax()),
        new ResourcePhaseMetrics(registry, SecureTrainingJob.KIND), clock), c -> {
          if (!settings.namespaces().isEmpty()) {
            c.settingNamespaces(settings.namespaces());
          }
        });
    var applicationAutoScaling = clients.applicationAutoScaling();
    operator.register(new ModelEndpointController(engine,
        new EndpointGateway(sageMaker, limiter, registry),
        new AutoscalingGateway(applicationAutoScaling, limiter, registry), events,
        new PollingSchedule(settings.pollMin(), settings.pollMax()),
        new RetryBackoff(settings.pollMin(), settings.pollMax()),
        new ResourcePhaseMetrics(registry, ModelEndpoint.KIND), clock), c -> {
          if (!settings.namespaces().isEmpty()) {
            c.settingNamespaces(settings.namespaces());
          }
        });
    operator.register(new CompliancePolicyController(engine, events, clock));
    return new OperatorAssembly(operator, sageMaker, applicationAutoScaling);
  }

  public void start() {
    operator.start();
  }

  /** True once every informer has synced and the controllers run. */
  public boolean isReady() {
    try {
      return operator.getRuntimeInfo().isStarted()
          && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    operator.stop();
    sageMaker.close();
    applicationAutoScaling.close();
  }
}
