package dev.secureml.operator.api;

import java.util.Optional;

/**
 * Every reason the operator writes into a condition or an Event: one closed vocabulary, so
 * alerting rules, the Argo CD health script and `kubectl wait` can rely on the words. A
 * <em>terminal</em> reason needs a person to change something (the spec, the policy, a
 * conflicting resource); the operator does not retry it by itself.
 *
 * <p>SageMaker's own states pass through as reasons while a resource is in progress (a training
 * job's secondary status, an endpoint's status); a state AWS adds later than this list arrives as
 * {@link #IN_PROGRESS}, its name kept in the message and in status.
 */
public enum Reason {
  // Policy, input and ownership: a person must act.
  POLICY_VIOLATION("PolicyViolation", true),
  SAGEMAKER_VALIDATION("SageMakerValidation", true),
  NAME_CONFLICT("NameConflict", true),
  SPEC_IMMUTABLE("SpecImmutable", true),
  INVALID_POLICY("InvalidPolicy", true),
  NAMESPACE_CONFLICT("NamespaceConflict", true),
  SCHEMA_VIOLATION("SchemaViolation"),
  INVALID_INPUT("InvalidInput"),
  AUDIT_VIOLATIONS("AuditViolations"),
  COMPLIANT("Compliant"),
  NOT_OWNED("NotOwned"),
  // Faults the operator retries by itself.
  INTERNAL_ERROR("InternalError"),
  AWS_ERROR("AwsError"),
  DESCRIBE_FAILED("DescribeFailed"),
  THROTTLED("Throttled"),
  AWS_UNAVAILABLE("AwsUnavailable"),
  QUEUED("Queued"),
  STOP_FAILED("StopFailed"),
  DELETE_FAILED("DeleteFailed"),
  // Every kind's lifecycle.
  READY("Ready"),
  PENDING("Pending"),
  CREATED("Created"),
  ADOPTED("Adopted"),
  CREATING("Creating"),
  RECREATING("Recreating"),
  UPDATING("Updating"),
  DELETING("Deleting"),
  DELETED("Deleted"),
  RETAINED("Retained"),
  STOP_REQUESTED("StopRequested"),
  TAGS_UPDATED("TagsUpdated"),
  // Training jobs.
  IN_PROGRESS("InProgress"),
  COMPLETED("Completed"),
  STOPPED("Stopped"),
  MAX_RUNTIME_EXCEEDED("MaxRuntimeExceeded"),
  TRAINING_FAILED("TrainingFailed"),
  TRAINING_JOB_NOT_FOUND("TrainingJobNotFound"),
  FAILURE_LOGS("FailureLogs"),
  STARTING("Starting"),
  LAUNCHING_ML_INSTANCES("LaunchingMLInstances"),
  PREPARING_TRAINING_STACK("PreparingTrainingStack"),
  DOWNLOADING("Downloading"),
  DOWNLOADING_TRAINING_IMAGE("DownloadingTrainingImage"),
  TRAINING("Training"),
  UPLOADING("Uploading"),
  STOPPING("Stopping"),
  INTERRUPTED("Interrupted"),
  MAX_WAIT_TIME_EXCEEDED("MaxWaitTimeExceeded"),
  RESTARTING("Restarting"),
  UNKNOWN("Unknown"),
  // Endpoints.
  WAITING_FOR_TRAINING_JOB("WaitingForTrainingJob"),
  TRAINING_JOB_FAILED("TrainingJobFailed"),
  IN_SERVICE("InService"),
  SYSTEM_UPDATING("SystemUpdating"),
  ROLLING_BACK("RollingBack"),
  OUT_OF_SERVICE("OutOfService"),
  UPDATE_ROLLBACK_FAILED("UpdateRollbackFailed"),
  FAILED("Failed"),
  ENDPOINT_FAILED("EndpointFailed"),
  UPDATING_WEIGHTS("UpdatingWeights"),
  UPDATE_FAILED("UpdateFailed"),
  UPDATE_ROLLED_BACK("UpdateRolledBack"),
  GARBAGE_COLLECTED("GarbageCollected"),
  AUTOSCALING("Autoscaling"),
  AUTOSCALING_CLEANUP_FAILED("AutoscalingCleanupFailed"),
  // Data-quality monitors.
  INVALID_SCHEDULE("InvalidSchedule"),
  WAITING_FOR_ENDPOINT("WaitingForEndpoint"),
  DATA_CAPTURE_DISABLED("DataCaptureDisabled"),
  BASELINE_READY("BaselineReady"),
  SCHEDULED("Scheduled"),
  JOB_DEFINITION_CREATED("JobDefinitionCreated"),
  SCHEDULE_CREATED("ScheduleCreated"),
  SCHEDULE_UPDATED("ScheduleUpdated"),
  SCHEDULE_RESTARTED("ScheduleRestarted"),
  SCHEDULE_FAILED("ScheduleFailed"),
  SCHEDULE_DELETED("ScheduleDeleted"),
  MONITORING_RUN_FAILED("MonitoringRunFailed"),
  NO_RESULT("NoResult"),
  VIOLATIONS_FOUND("ViolationsFound"),
  NO_VIOLATIONS("NoViolations"),
  DRIFT_DETECTED("DriftDetected"),
  DRIFT_CLEARED("DriftCleared"),
  RETRAIN_STARTED("RetrainStarted"),
  RETRAIN_FAILED("RetrainFailed"),
  // Log forwarding.
  LOG_ERROR("LogError"),
  LOG_SINK_REJECTED("LogSinkRejected"),
  LOG_SINK_RESUMED("LogSinkResumed"),
  LOG_CHECKPOINT_FAILED("LogCheckpointFailed");

  private static final StatusWords<Reason> WORDS = new StatusWords<>(values(), Reason::value);

  private final String value;
  private final boolean terminal;

  Reason(String value) {
    this(value, false);
  }

  Reason(String value, boolean terminal) {
    this.value = value;
    this.terminal = terminal;
  }

  /** The word written into conditions and Events. */
  public String value() {
    return value;
  }

  /** True when the operator never retries it: a person must change something first. */
  public boolean terminal() {
    return terminal;
  }

  /** The reason with this exact value, if it is one of ours. */
  public static Optional<Reason> of(String value) {
    return WORDS.of(value);
  }

  /**
   * A SageMaker state shown as the reason of an in-progress condition; a state this list does
   * not know yet is {@link #IN_PROGRESS}.
   */
  public static Reason ofSageMakerState(String state) {
    return of(state).orElse(IN_PROGRESS);
  }

  @Override
  public String toString() {
    return value;
  }
}
