package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What wakes a monitor besides its own changes: its endpoint, and its retraining jobs. */
final class MonitorEventSources {
  private MonitorEventSources() {}

  /** The endpoint becoming InService (or losing its capture) wakes its monitors. */
  static InformerEventSource<ModelEndpoint, DataQualityMonitor> endpoints(
      EventSourceContext<DataQualityMonitor> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(ModelEndpoint.class, DataQualityMonitor.class)
            .withName("monitor-endpoints")
            .withNamespacesInheritedFromController()
            // Log checkpoints and the like change endpoints often: only what a monitor reads
            // wakes it.
            .withOnUpdateFilter((a, b) -> !endpointView(a).equals(endpointView(b)))
            .withSecondaryToPrimaryMapper(ep -> context.getPrimaryCache()
                .list(ep.getMetadata().getNamespace())
                .filter(m -> m.getSpec() != null
                    && ep.getMetadata().getName().equals(m.getSpec().endpointRef))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()))
            .build(), context);
  }

  /** A retraining job finishing wakes its monitor, which may start the next one. */
  static InformerEventSource<SecureTrainingJob, DataQualityMonitor> retrainJobs(
      EventSourceContext<DataQualityMonitor> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(SecureTrainingJob.class, DataQualityMonitor.class)
            .withName("monitor-retrain-jobs")
            .withNamespacesInheritedFromController()
            .withOnUpdateFilter((a, b) -> !jobView(a).equals(jobView(b)))
            .withSecondaryToPrimaryMapper(job -> RetrainTrigger.monitorOf(job)
                .map(monitor -> Set.of(new ResourceID(monitor, job.getMetadata().getNamespace())))
                .orElse(Set.of()))
            .build(), context);
  }

  /** What a monitor reads of its endpoint. */
  private static List<Object> endpointView(ModelEndpoint ep) {
    var status = ep.getStatus();
    // The generation moves with every spec change (dataCapture among them), status writes do not.
    return Arrays.asList(ep.getMetadata().getGeneration(),
        status == null ? null : status.endpointName,
        status == null ? null : status.sageMakerStatus);
  }

  /** What a monitor reads of a retraining job: whether it is still in flight. */
  private static List<Object> jobView(SecureTrainingJob job) {
    return List.of(RetrainTrigger.inFlight(job));
  }
}
