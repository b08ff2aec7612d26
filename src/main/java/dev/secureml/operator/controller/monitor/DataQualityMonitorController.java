package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.InternalErrors;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PolicyEventSources;
import dev.secureml.operator.controller.SchemaGate;
import dev.secureml.operator.controller.StableHash;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.Statuses;
import dev.secureml.operator.controller.TransientRetry;
import dev.secureml.operator.dataquality.BaselineProvider;
import dev.secureml.operator.dataquality.BuiltinMonitoringEngine;
import dev.secureml.operator.dataquality.MonitorInputException;
import dev.secureml.operator.logs.RedactionScope;
import dev.secureml.operator.metrics.DriftMetrics;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.sagemaker.AwsErrorClassifier;
import dev.secureml.operator.sagemaker.CallerScope;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * DataQualityMonitor: check policy -> wait for the endpoint -> prepare the baseline -> run (the
 * Builtin engine) or follow (Model Monitor) the scheduled runs -> write drift alerts back. The
 * steps live in {@link MonitorReconcileSteps}; this class turns their failures into status.
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
  private final MonitorCleanup cleanup;
  private volatile MonitorReconcileSteps steps;

  /** When a pass looks again, and whether it waits on a retry of the same verdict. */
  private record Pass(Duration next, boolean retrying) {}

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
    this.internalErrors = new InternalErrors(events, clock, state);
    this.schemaGate = new SchemaGate(events, clock);
    this.cleanup = new MonitorCleanup(modelMonitor, events, state, internalErrors, metrics);
  }

  @Override
  public List<EventSource<?, DataQualityMonitor>> prepareEventSources(
      EventSourceContext<DataQualityMonitor> context) {
    var watch = PolicyEventSources.create(context, DataQualityMonitor.class, m -> true);
    var endpoints = MonitorEventSources.endpoints(context);
    var retrainJobs = MonitorEventSources.retrainJobs(context);
    this.steps = new MonitorReconcileSteps(engine, watch.lookup(),
        (ns, name) -> endpoints.get(new ResourceID(name, ns)),
        new MonitorBaselines(baselines, events, clock, state), builtin, modelMonitor,
        new DriftAlerts(events, metrics, clock, state),
        new RetrainTrigger(events, (ns, name) -> retrainJobs.get(new ResourceID(name, ns)),
            state), events, conditions);
    List<EventSource<?, DataQualityMonitor>> sources = new ArrayList<>(watch.sources());
    sources.add(endpoints);
    sources.add(retrainJobs);
    return sources;
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
        status.phase = Phase.PENDING.value();
        m.setStatus(status);
        return UpdateControl.patchStatus(m).rescheduleAfter(Duration.ofMillis(1));
      }
      DataQualityMonitorStatus status = m.getStatus();
      String before = StableHash.of(status);
      // Anything unexpected escapes: updateErrorStatus reports it and the framework retries.
      Pass pass = attempt(m, status, ctx);
      if (!pass.retrying()) {
        // kstatus: a generation is observed once a pass has judged it, not while it waits on
        // a retry with the previous verdict still in the conditions.
        status.observedGeneration = m.getMetadata().getGeneration();
      }
      state.phases().record(m.getMetadata().getUid(), status.phase);
      internalErrors.succeeded(m);
      UpdateControl<DataQualityMonitor> control = before.equals(StableHash.of(status))
          ? UpdateControl.noUpdate() : UpdateControl.patchStatus(m);
      return pass.next() == null ? control : control.rescheduleAfter(pass.next());
    } finally {
      MDC.remove("resource");
      caller.close();
      secrets.close();
    }
  }

  /** One pass of the steps; the failures the user or AWS can clear become status. */
  private Pass attempt(DataQualityMonitor m, DataQualityMonitorStatus status,
      Context<DataQualityMonitor> ctx) {
    try {
      if (schemaGate.refuses(m, status.conditions, phase -> status.phase = phase)) {
        status.nextExecutionTime = null;
        return new Pass(null, false); // only a new spec can change the verdict
      }
      Duration next = steps.reconcile(m, status, ctx.getClient());
      state.backoff().reset(m.getMetadata().getUid());
      return new Pass(next, false);
    } catch (MonitorInputException e) {
      return new Pass(stalled(m, status, Reason.INVALID_INPUT, e.getMessage()), false);
    } catch (NameConflictException e) {
      return new Pass(stalled(m, status, Reason.NAME_CONFLICT, e.getMessage()), false);
    } catch (SageMakerCallException e) {
      return new Pass(TransientRetry.deferral(e)
          .orElseGet(() -> onAwsError(m, status, e.kind(), message(e))), e.kind().passes());
    } catch (SdkException e) {
      // An opened S3 stream failing while read (a checksum mismatch, say).
      ErrorKind kind = AwsErrorClassifier.classify(e);
      return new Pass(onAwsError(m, status, kind, "S3: " + awsMessage(e)), kind.passes());
    } catch (UncheckedIOException e) {
      // A capture or training-data stream broke off mid-read: read it again later.
      return new Pass(onAwsError(m, status, ErrorKind.RETRYABLE, "S3: reading failed: "
          + e.getCause().getMessage()), true);
    }
  }

  @Override
  public ErrorStatusUpdateControl<DataQualityMonitor> updateErrorStatus(DataQualityMonitor m,
      Context<DataQualityMonitor> context, Exception e) {
    DataQualityMonitorStatus status = Statuses.ensure(m, DataQualityMonitorStatus::new);
    status.nextExecutionTime = null;
    return internalErrors.report(m, e, status.conditions, phase -> status.phase = phase,
        gen -> status.observedGeneration = gen);
  }

  private Duration stalled(DataQualityMonitor m, DataQualityMonitorStatus status,
      Reason reason, String message) {
    status.phase = Phase.ERROR.value();
    status.nextExecutionTime = null;
    steps.stalledOnce(m, status, reason, message);
    return state.polling().max(); // data, permissions and the like can be fixed outside
  }

  /** S3 failures read as they always have: "S3: <code>: <message>". */
  private static String message(SageMakerCallException e) {
    return S3ObjectStore.SERVICE.equals(e.service())
        ? "S3: " + awsMessage(e.getCause() == null ? e : e.getCause()) : e.getMessage();
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
    return stalled(m, status, Reason.AWS_ERROR, message);
  }

  @Override
  public DeleteControl cleanup(DataQualityMonitor m, Context<DataQualityMonitor> context) {
    try (CallerScope caller = CallerScope.open(m.getMetadata().getUid())) {
      return cleanup.tearDown(m, context.getClient());
    }
  }
}
