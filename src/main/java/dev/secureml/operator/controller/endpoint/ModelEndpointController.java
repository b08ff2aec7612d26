package dev.secureml.operator.controller.endpoint;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.Phase;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.DeletionRetry;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.InternalErrors;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.PolicyEventSources;
import dev.secureml.operator.controller.PollingSchedule;
import dev.secureml.operator.controller.RetryBackoff;
import dev.secureml.operator.controller.SchemaGate;
import dev.secureml.operator.controller.StableHash;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.Statuses;
import dev.secureml.operator.controller.logs.LogTracking;
import dev.secureml.operator.logs.RedactionScope;
import dev.secureml.operator.metrics.ResourcePhaseMetrics;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.sagemaker.AutoscalingGateway;
import dev.secureml.operator.sagemaker.CallerScope;
import dev.secureml.operator.sagemaker.EndpointGateway;
import dev.secureml.operator.sagemaker.NameConflictException;
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
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * ModelEndpoint: resolve the model -> check policy -> create or update (blue/green, or weights
 * only) -> autoscaling, tags, garbage collection -> report. The SageMaker-side steps live in
 * {@link EndpointReconcileSteps}.
 */
public class ModelEndpointController implements Reconciler<ModelEndpoint>, Cleaner<ModelEndpoint> {
  private final PolicyEngine engine;
  private final EndpointGateway gateway;
  private final AutoscalingGateway autoscaling;
  private final EventRecorder events;
  private final PollingSchedule polling;
  private final RetryBackoff backoff;
  private final ResourcePhaseMetrics phases;
  private final PerResourceState state;
  private final StatusConditions conditions;
  private final LogTracking logs;
  private final InternalErrors internalErrors;
  private final SchemaGate schemaGate;
  private final RolloutPass rollout;
  private final RolloutErrors errors;
  private final EndpointCleanup cleanup;
  private volatile EndpointReconcileSteps steps;

  public ModelEndpointController(PolicyEngine engine, EndpointGateway gateway,
      AutoscalingGateway autoscaling, EventRecorder events, PerResourceState state,
      LogTracking logs, Clock clock) {
    this.engine = engine;
    this.gateway = gateway;
    this.autoscaling = autoscaling;
    this.events = events;
    this.state = state;
    this.polling = state.polling();
    this.backoff = state.backoff();
    this.phases = state.phases();
    this.logs = logs;
    this.conditions = new StatusConditions(clock);
    this.internalErrors = new InternalErrors(events, clock, state);
    this.schemaGate = new SchemaGate(events, clock);
    this.rollout = new RolloutPass(gateway, autoscaling, events, state, conditions);
    this.errors = new RolloutErrors(rollout.report(), events, backoff, polling);
    this.cleanup = new EndpointCleanup(gateway, autoscaling, events, polling);
  }

  @Override
  public List<EventSource<?, ModelEndpoint>> prepareEventSources(
      EventSourceContext<ModelEndpoint> context) {
    var watch = PolicyEventSources.create(context, ModelEndpoint.class, ep -> true);
    // A training job finishing wakes the endpoints that deploy it.
    var trainingJobs = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(SecureTrainingJob.class, ModelEndpoint.class)
            .withName("endpoint-training-jobs")
            .withNamespacesInheritedFromController()
            // A job's log checkpoints change often; only what an endpoint reads wakes it.
            .withOnUpdateFilter((a, b) -> !jobView(a).equals(jobView(b)))
            .withSecondaryToPrimaryMapper(job -> context.getPrimaryCache()
                .list(job.getMetadata().getNamespace())
                .filter(ep -> deploys(ep, job.getMetadata().getName()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()))
            .build(), context);
    this.steps = new EndpointReconcileSteps(engine, watch.lookup(),
        new ModelSourceResolver((ns, name) -> trainingJobs.get(new ResourceID(name, ns)),
            new DeployedModels(gateway, state.memory())), rollout, conditions);
    List<EventSource<?, ModelEndpoint>> sources = new ArrayList<>(watch.sources());
    sources.add(trainingJobs);
    return sources;
  }

  /** What an endpoint reads of its source training job. */
  private static List<Object> jobView(SecureTrainingJob job) {
    var status = job.getStatus();
    return java.util.Arrays.asList(job.getMetadata().getUid(),
        job.getSpec() == null ? null : job.getSpec().image,
        status == null ? null : status.phase,
        status == null ? null : status.modelArtifacts,
        status != null && Conditions.isTrue(status.conditions, Conditions.STALLED));
  }

  private static boolean deploys(ModelEndpoint ep, String jobName) {
    var spec = ep.getSpec();
    if (spec == null) {
      return false;
    }
    if (spec.model != null && jobName.equals(spec.model.fromTrainingJob)) {
      return true;
    }
    return spec.variants != null && spec.variants.stream()
        .anyMatch(v -> v.model != null && jobName.equals(v.model.fromTrainingJob));
  }

  @Override
  public UpdateControl<ModelEndpoint> reconcile(ModelEndpoint ep, Context<ModelEndpoint> ctx) {
    MDC.put("resource", ep.getMetadata().getNamespace() + "/" + ep.getMetadata().getName());
    // Conditions and log lines written in this pass mask the resource's declared secrets.
    RedactionScope secrets = RedactionScope.open(ep);
    CallerScope caller = CallerScope.open(ep.getMetadata().getUid());
    try {
      if (ep.getStatus() == null) {
        return initialStatus(ep);
      }
      ModelEndpointStatus status = ep.getStatus();
      String before = StableHash.of(status);
      FlatRolloutFields.read(status);
      Duration next = null; // a schema violation waits for a new spec
      if (!schemaGate.refuses(ep, status.conditions, phase -> status.phase = phase)) {
        try {
          next = steps.reconcile(ep, status);
          backoff.reset(ep.getMetadata().getUid());
        } catch (SageMakerCallException e) {
          next = errors.onAwsError(ep, status, e);
        } catch (NameConflictException e) {
          next = errors.onNameConflict(ep, status, e);
        }
      }
      status.observedGeneration = ep.getMetadata().getGeneration();
      FlatRolloutFields.mirror(status);
      phases.record(ep.getMetadata().getUid(), status.phase);
      logs.endpoint(ep);
      internalErrors.succeeded(ep);
      UpdateControl<ModelEndpoint> control = before.equals(StableHash.of(status))
          ? UpdateControl.noUpdate() : UpdateControl.patchStatus(ep);
      return next == null ? control : control.rescheduleAfter(next);
    } finally {
      MDC.remove("resource");
      caller.close();
      secrets.close();
    }
  }

  @Override
  public ErrorStatusUpdateControl<ModelEndpoint> updateErrorStatus(ModelEndpoint ep,
      Context<ModelEndpoint> context, Exception e) {
    ModelEndpointStatus status = Statuses.ensure(ep, ModelEndpointStatus::new);
    return internalErrors.report(ep, e, status.conditions, phase -> status.phase = phase,
        gen -> status.observedGeneration = gen);
  }

  /**
   * The first pass only writes an empty status. Every later patch is then a diff against a
   * status that exists, so a pass that starts from a stale cached copy cannot replace the whole
   * status and lose the names of what was created.
   */
  private UpdateControl<ModelEndpoint> initialStatus(ModelEndpoint ep) {
    ModelEndpointStatus status = new ModelEndpointStatus();
    status.phase = Phase.PENDING.value();
    ep.setStatus(status);
    return UpdateControl.patchStatus(ep).rescheduleAfter(Duration.ofMillis(1));
  }

  @Override
  public DeleteControl cleanup(ModelEndpoint ep, Context<ModelEndpoint> context) {
    try (CallerScope caller = CallerScope.open(ep.getMetadata().getUid())) {
      return deleteAndForget(ep, context);
    }
  }

  private DeleteControl deleteAndForget(ModelEndpoint ep, Context<ModelEndpoint> context) {
    ModelEndpointStatus status = ep.getStatus() == null ? new ModelEndpointStatus()
        : ep.getStatus();
    FlatRolloutFields.read(status); // names an older release recorded go too
    try {
      Duration again = cleanup.run(ep, status).again();
      if (again != null) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(again.toMillis());
      }
      return forget(ep);
    } catch (SageMakerCallException e) {
      return DeletionRetry.keepFinalizer(ep, e, backoff, events, Reason.DELETE_FAILED);
    } catch (RuntimeException e) {
      return internalErrors.duringCleanup(ep, status.conditions, e,
          backoff.next(ep.getMetadata().getUid()), context.getClient());
    }
  }

  private DeleteControl forget(ModelEndpoint ep) {
    String uid = ep.getMetadata().getUid();
    internalErrors.succeeded(ep);
    logs.forget(ep);
    state.forget(uid); // polling, backoff, phase gauge and every memory of the rollout steps
    return DeleteControl.defaultDelete();
  }
}
