package dev.secureml.operator.controller.job;

import dev.secureml.operator.api.AppliedPolicy;
import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.NamespaceInfo;
import dev.secureml.operator.sagemaker.OwnedResources;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import java.util.Optional;

/**
 * One kind of SageMaker job (a training, tuning, batch transform or processing job) as {@link
 * JobLifecycle} runs it. The lifecycle owns what every kind shares: the deterministic name
 * (SageMakerNames), Create first with adoption by ownership tags on "already exists" (and after
 * a ValidationException, when the owned job is there), backoff on throttling and the rate
 * limiter's turn (TransientRetry), adaptive polling (PollingSchedule), spec immutability after
 * submit (status.submittedSpecHash, reason SpecImmutable), stop on delete or keep on Retain
 * (NotOwned, Retained, StopRequested; the finalizer stays while a Stop fails), Events on
 * transitions, and the log-forwarding hooks ({@link JobLogs}).
 *
 * <p>A new kind is this interface implemented, plus a thin controller class. A reviewer checks
 * the four pieces:
 *
 * <ol>
 *   <li><b>Policy rules</b> ({@link #evaluate}): one call to the PolicyEngine's evaluation for
 *       the kind, which allows or denies, names every violation and resolves the settings the
 *       scientist never writes. No rule lives in the kind or the lifecycle.
 *   <li><b>Request mapper</b> ({@link #createRequest}, {@link #appliedPolicy}, {@link
 *       #retainsOnDelete}): spec + resolved settings -> the Create request, a pure function in
 *       {@code sagemaker/} with golden request fixtures. Its tags and status.appliedPolicy both
 *       come from {@code sagemaker/AppliedSettings}, so status shows exactly what was sent.
 *   <li><b>Status mapper</b> ({@link #newStatus}, {@link #fields}, {@link #stateOf}, {@link
 *       #copy}): Describe -> status, a pure function in {@code sagemaker/} with golden status
 *       fixtures; Describe -> {@link JobState} (running, or how it ended, with the Reason, Phase
 *       and message the conditions show), with golden observation fixtures for the kind (one
 *       directory per situation, run through {@link ObservationDecision}).
 *   <li><b>Gateway calls</b> ({@link #describe}, {@link #create}, {@link #stop}, {@link #jobs},
 *       {@link #arnOf}, {@link #running}): rate-limited, metered calls that fail only with a
 *       classified SageMakerCallException; Describe of a missing job is empty; Stop of a job
 *       that is gone or finished returns normally; ownership is read from ListTags.
 * </ol>
 *
 * <p>The thin controller implements Reconciler and Cleaner by handing each call to a {@link
 * JobLifecycle} built from the kind and its {@link JobLogs}, and is registered in
 * OperatorAssembly. The kind's reasons and phases are {@code api/Reason} and {@code api/Phase}
 * values (its not-found reason among them).
 *
 * <p>Nothing else: a kind does not catch exceptions, raise Events, write conditions, choose
 * names, poll or retry; the lifecycle does.
 *
 * @param <R> the custom resource
 * @param <S> its status
 * @param <T> the settings its policy rules resolve
 * @param <Q> the Create request
 * @param <D> the Describe response
 */
public interface JobKind<R extends CustomResource<?, S>, S, T, Q, D> {
  /** The custom resource's class (its informer, its policy wake-ups). */
  Class<R> resourceType();

  /** How messages and reasons name the kind. */
  JobNoun noun();

  // 1. Policy rules

  /** The policy engine's decision for the resource; settings are null when it is denied. */
  Decision<T> evaluate(R resource, NamespaceInfo namespace, List<CompliancePolicy> policies);

  // 2. Request mapper

  /** The Create request for the job of that name, with the resolved settings and owner tags. */
  Q createRequest(R resource, String name, T settings);

  /** What the Create request enforced, for status.appliedPolicy. */
  AppliedPolicy appliedPolicy(R resource, T settings);

  /** True when spec.deletionPolicy is Retain: deleting the resource leaves the job running. */
  boolean retainsOnDelete(R resource);

  // 3. Status mapper

  /** An empty status, for a resource that has none yet. */
  S newStatus();

  /** The lifecycle's fields in the kind's status. */
  JobFields fields(S status);

  /** Where the job stands: a pure reading of the Describe response. */
  JobState stateOf(D described, String name);

  /** Copies what SageMaker reports into the status (Describe is the truth). */
  void copy(D described, S status);

  // 4. Gateway calls

  /** Describe by name; empty when SageMaker has no job of that name. */
  Optional<D> describe(String name);

  /** Create; returns the job's ARN. "Already exists" is an ALREADY_EXISTS failure. */
  String create(Q request);

  /** Stop by name; returns normally when the job is gone or no longer running. */
  void stop(String name);

  /** The kind's jobs under the ownership rule: create-or-adopt, find, ownership by ListTags. */
  OwnedResources jobs();

  /** The job's ARN in a Describe response. */
  String arnOf(D described);

  /** True while the job runs and a Stop would end it. */
  boolean running(D described);
}
