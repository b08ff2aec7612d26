package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.dataquality.BaselineProvider;
import dev.secureml.operator.dataquality.BuiltinMonitoringEngine;
import dev.secureml.operator.dataquality.MonitorInputException;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.InternalErrors;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PolicyEventSources;
import dev.secureml.operator.controller.SchemaGate;
import dev.secureml.operator.controller.SpecHash;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.TransientRetry;
import dev.secureml.operator.logs.RedactionScope;
import dev.secureml.operator.metrics.DriftMetrics;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.sagemaker.AwsErrorClassifier;
import dev.secureml.operator.sagemaker.CallerScope;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.io.UncheckedIOException;
import org.slf4j.MDC;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * DataQualityMonitor: check policy -> wait for the endpoint -> prepare the baseline -> run (the
 * Builtin engine) or follow (Model Monitor) the scheduled runs -> write drift alerts back. The
 * steps live in {@link MonitorReconcileSteps}.
 */
public class DataQualityMonitorController
    implements Reconciler<DataQualityMonitor>, Cleaner<DataQualityMonitor> {
  private final PolicyEngine engine;
  private final BaselineProvider baselines;
  private final BuiltinRuns builtin;
  private final ModelMonitorSync modelMonitor;
  private final EventRecorder events;
  private final DriftMetrics metrics;
  private final PerResourceState state;
  private final StatusConditions conditions;
  private final Clock clock;
  private final InternalErrors internalErrors;
  private final SchemaGate schemaGate;
  private volatile MonitorReconcileSteps steps;

  public DataQualityMonitorController(PolicyEngine engine, BaselineProvider baselines,
      BuiltinMonitoringEngine builtinEngine, ModelMonitorSync modelMonitor, EventRecorder events,
      DriftMetrics metrics, PerResourceState state, Duration captureDelay, Clock clock) {
    this.engine = engine;
    this.baselines = baselines;
    this.builtin = new BuiltinRuns(builtinEngine, clock, captureDelay);
    this.modelMonitor = modelMonitor;
    this.events = events;
    this.metrics = metrics;
    this.state = state;
    this.conditions = new StatusConditions(clock);
    this.clock = clock;
    this.internalErrors = new InternalErrors(events, clock);
    this.schemaGate = new SchemaGate(events, clock);
  }

  @Override
  public List<EventSource<?, DataQualityMonitor>> prepareEventSources(
      EventSourceContext<DataQualityMonitor> context) {
    var watch = PolicyEventSources.create(context, DataQualityMonitor.class, m -> true);
    // The endpoint becoming InService (or losing its capture) wakes its monitors.
    var endpoints = new InformerEventSource<>(
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
    // A retraining job finishing wakes its monitor, which may start the next one.
    var retrainJobs = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(SecureTrainingJob.class, DataQualityMonitor.class)
            .withName("monitor-retrain-jobs")
            .withNamespacesInheritedFromController()
            .withOnUpdateFilter((a, b) -> !jobView(a).equals(jobView(b)))
            .withSecondaryToPrimaryMapper(job -> RetrainTrigger.monitorOf(job)
                .map(monitor -> Set.of(new ResourceID(monitor, job.getMetadata().getNamespace())))
                .orElse(Set.of()))
            .build(), context);
    this.steps = new MonitorReconcileSteps(engine, watch.lookup(),
        (ns, name) -> endpoints.get(new ResourceID(name, ns)), baselines, builtin,
        modelMonitor, new DriftAlerts(events, metrics, clock),
        new RetrainTrigger(events, (ns, name) -> retrainJobs.get(new ResourceID(name, ns))),
        events, conditions, clock);
    List<EventSource<?, DataQualityMonitor>> sources = new ArrayList<>(watch.sources());
    sources.add(endpoints);
    sources.add(retrainJobs);
    return sources;
  }

  /** What a monitor reads of its endpoint. */
  private static List<Object> endpointView(ModelEndpoint ep) {
    var status = ep.getStatus();
    // The generation moves with every spec change (dataCapture among them), status writes do not.
    return java.util.Arrays.asList(ep.getMetadata().getGeneration(),
        status == null ? null : status.endpointName,
        status == null ? null : status.sageMakerStatus);
  }

  /** What a monitor reads of a retraining job: whether it is still in flight. */
  private static List<Object> jobView(SecureTrainingJob job) {
    return List.of(RetrainTrigger.inFlight(job));
  }

  @Override
  public UpdateControl<DataQualityMonitor> reconcile(DataQualityMonitor m,
      Context<DataQualityMonitor> ctx) {
    MDC.put("resource", m.getMetadata().getNamespace() + "/" + m.getMetadata().getName());
    // Conditions and log lines written in this pass mask the resource's declared secrets.
    RedactionScope secrets = RedactionScope.open(m);
    CallerScope caller = CallerScope.open(m.getMetadata().getUid());
    try {
      if (m.getStatus() == null) {
        DataQualityMonitorStatus status = new DataQualityMonitorStatus();
        status.phase = "Pending";
        m.setStatus(status);
        return UpdateControl.patchStatus(m).rescheduleAfter(Duration.ofMillis(1));
      }
      DataQualityMonitorStatus status = m.getStatus();
      String before = SpecHash.of(status);
      String uid = m.getMetadata().getUid();
      Duration next;
      boolean retrying = false;
      try {
        if (schemaGate.refuses(m, status.conditions, phase -> status.phase = phase)) {
          status.nextExecutionTime = null;
          next = null; // only a new spec can change the verdict
        } else {
          next = steps.reconcile(m, status, ctx.getClient());
          state.backoff().reset(uid);
        }
      } catch (MonitorInputException e) {
        next = stalled(m, status, "InvalidInput", e.getMessage());
      } catch (NameConflictException e) {
        next = stalled(m, status, "NameConflict", e.getMessage());
      } catch (SageMakerCallException e) {
        retrying = e.kind().passes();
        next = TransientRetry.deferral(e)
            .orElseGet(() -> onAwsError(m, status, e.kind(), message(e)));
      } catch (SdkException e) {
        // An opened S3 stream failing while read (a checksum mismatch, say).
        ErrorKind kind = AwsErrorClassifier.classify(e);
        retrying = kind.passes();
        next = onAwsError(m, status, kind, "S3: " + awsMessage(e));
      } catch (UncheckedIOException e) {
        // A capture or training-data stream broke off mid-read: read it again later.
        retrying = true;
        next = onAwsError(m, status, ErrorKind.RETRYABLE, "S3: reading failed: "
            + e.getCause().getMessage());
      }
      // Anything else is unexpected: updateErrorStatus reports it and the framework retries.
      if (!retrying) {
        // kstatus: a generation is observed once a pass has judged it, not while it waits on
        // a retry with the previous verdict still in the conditions.
        status.observedGeneration = m.getMetadata().getGeneration();
      }
      state.phases().record(uid, status.phase);
      internalErrors.succeeded(m);
      UpdateControl<DataQualityMonitor> control = before.equals(SpecHash.of(status))
          ? UpdateControl.noUpdate() : UpdateControl.patchStatus(m);
      return next == null ? control : control.rescheduleAfter(next);
    } finally {
      MDC.remove("resource");
      caller.close();
      secrets.close();
    }
  }

  @Override
  public ErrorStatusUpdateControl<DataQualityMonitor> updateErrorStatus(DataQualityMonitor m,
      Context<DataQualityMonitor> context, Exception e) {
    DataQualityMonitorStatus status = m.getStatus() == null ? new DataQualityMonitorStatus()
        : m.getStatus();
    m.setStatus(status);
    status.nextExecutionTime = null;
    return internalErrors.report(m, e, status.conditions, phase -> status.phase = phase,
        gen -> status.observedGeneration = gen);
  }

  private Duration stalled(DataQualityMonitor m, DataQualityMonitorStatus status,
      String reason, String message) {
    status.phase = "Error";
    status.nextExecutionTime = null;
    steps.stalledOnce(m, status, reason, message);
    return state.polling().max(); // data, permissions and the like can be fixed outside
  }

  /** S3 failures read as they always have: "S3: <code>: <message>". */
  private static String message(SageMakerCallException e) {
    return S3ObjectStore.SERVICE.equals(e.service()) ? "S3: " + awsMessage(e.getCause())
        : e.getMessage();
  }

  /** The AWS error code and message, without request ids, so a repeat is recognised. */
  private static String awsMessage(Throwable e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  private Duration onAwsError(DataQualityMonitor m, DataQualityMonitorStatus status,
      ErrorKind kind, String message) {
    if (kind.passes()) {
      return TransientRetry.backOff(m, kind, message, state.backoff(), events);
    }
    return stalled(m, status, "AwsError", message);
  }

  @Override
  public DeleteControl cleanup(DataQualityMonitor m, Context<DataQualityMonitor> context) {
    try (CallerScope caller = CallerScope.open(m.getMetadata().getUid())) {
      return tearDownAndForget(m, context);
    }
  }

  private DeleteControl tearDownAndForget(DataQualityMonitor m,
      Context<DataQualityMonitor> context) {
    DataQualityMonitorStatus status = m.getStatus() == null ? new DataQualityMonitorStatus()
        : m.getStatus();
    try {
      // A schedule created by a pass whose status write was lost is found by its name.
      boolean modelMonitorEngine = m.getSpec() != null
          && m.getSpec().engine == DataQualityMonitorSpec.MonitorEngine.ModelMonitor;
      if (modelMonitor.hasResources(status) || modelMonitorEngine) {
        if (m.getSpec() != null
            && m.getSpec().deletionPolicy == dev.secureml.operator.api.DeletionPolicy.Retain) {
          events.normal(m, "Retained", "deletionPolicy is Retain: the Model Monitor "
              + "schedule and job definitions are left as they are");
        } else if (!modelMonitor.teardown(m, status)) {
          return DeleteControl.noFinalizerRemoval()
              .rescheduleAfter(state.polling().min().toMillis());
        }
      }
    } catch (SageMakerCallException e) {
      return dev.secureml.operator.controller.DeletionRetry.keepFinalizer(m, e, state.backoff(),
          events, "DeleteFailed");
    } catch (RuntimeException e) {
      return internalErrors.duringCleanup(m, status.conditions, e,
          state.backoff().next(m.getMetadata().getUid()), context.getClient());
    }
    state.forget(m.getMetadata().getUid());
    internalErrors.succeeded(m);
    steps.forget(m.getMetadata().getUid());
    metrics.forget(m.getMetadata().getNamespace(), m.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }
}
