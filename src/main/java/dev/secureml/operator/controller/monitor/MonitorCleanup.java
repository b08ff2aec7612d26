package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.DeletionPolicy;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.DeletionRetry;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.InternalErrors;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.metrics.DriftMetrics;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;

/**
 * A deleted monitor: its Model Monitor schedule and job definitions go (unless
 * deletionPolicy is Retain), then everything remembered of it: its per-resource state with
 * every memory the steps keep in it, and its drift metrics.
 */
final class MonitorCleanup {
  private final ModelMonitorSync modelMonitor;
  private final EventRecorder events;
  private final PerResourceState state;
  private final InternalErrors internalErrors;
  private final DriftMetrics metrics;

  MonitorCleanup(ModelMonitorSync modelMonitor, EventRecorder events, PerResourceState state,
      InternalErrors internalErrors, DriftMetrics metrics) {
    this.modelMonitor = modelMonitor;
    this.events = events;
    this.state = state;
    this.internalErrors = internalErrors;
    this.metrics = metrics;
  }

  /** Removes the finalizer once SageMaker holds nothing of the monitor, and forgets it. */
  DeleteControl tearDown(DataQualityMonitor m, KubernetesClient client) {
    DataQualityMonitorStatus status = m.getStatus() == null ? new DataQualityMonitorStatus()
        : m.getStatus();
    try {
      // A schedule created by a pass whose status write was lost: teardown finds it by name.
      boolean modelMonitorEngine = m.getSpec() != null
          && m.getSpec().engine == MonitorEngine.ModelMonitor;
      if (modelMonitor.hasResources(status) || modelMonitorEngine) {
        if (m.getSpec() != null && m.getSpec().deletionPolicy == DeletionPolicy.Retain) {
          events.normal(m, Reason.RETAINED, "deletionPolicy is Retain: the Model Monitor "
              + "schedule and job definitions are left as they are");
        } else if (!modelMonitor.teardown(m, status)) {
          return DeleteControl.noFinalizerRemoval()
              .rescheduleAfter(state.polling().min().toMillis());
        }
      }
    } catch (SageMakerCallException e) {
      return DeletionRetry.keepFinalizer(m, e, state.backoff(), events, Reason.DELETE_FAILED);
    } catch (RuntimeException e) {
      return internalErrors.duringCleanup(m, status.conditions, e,
          state.backoff().next(m.getMetadata().getUid()), client);
    }
    state.forget(m.getMetadata().getUid());
    internalErrors.succeeded(m);
    metrics.forget(m.getMetadata().getNamespace(), m.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }
}
