package dev.secureml.operator.api;

import java.util.Optional;

/**
 * Every value of {@code status.phase}, the short word of the printer column, for every kind. A
 * <em>terminal</em> phase is an end: the resource stays there until its spec changes or it is
 * deleted, and the operator stops polling it.
 *
 * <p>While SageMaker works, the phase is SageMaker's own state (a training job's secondary status,
 * an endpoint's status, a schedule's status); a state AWS adds later than this list shows as
 * {@link #UNKNOWN}, its name kept in {@code status.sageMakerStatus}.
 */
public enum Phase {
  // The operator's own words.
  PENDING("Pending"),
  REJECTED("Rejected", true),
  ERROR("Error"),
  UNKNOWN("Unknown"),
  WAITING_FOR_TRAINING_JOB("WaitingForTrainingJob"),
  WAITING_FOR_ENDPOINT("WaitingForEndpoint"),
  UPDATE_FAILED("UpdateFailed"),
  // SageMaker training jobs: primary states, then secondary states shown while InProgress.
  IN_PROGRESS("InProgress"),
  COMPLETED("Completed", true),
  FAILED("Failed", true),
  STOPPING("Stopping"),
  STOPPED("Stopped", true),
  STARTING("Starting"),
  LAUNCHING_ML_INSTANCES("LaunchingMLInstances"),
  PREPARING_TRAINING_STACK("PreparingTrainingStack"),
  DOWNLOADING("Downloading"),
  DOWNLOADING_TRAINING_IMAGE("DownloadingTrainingImage"),
  TRAINING("Training"),
  UPLOADING("Uploading"),
  INTERRUPTED("Interrupted"),
  MAX_RUNTIME_EXCEEDED("MaxRuntimeExceeded"),
  MAX_WAIT_TIME_EXCEEDED("MaxWaitTimeExceeded"),
  RESTARTING("Restarting"),
  // SageMaker endpoints.
  CREATING("Creating"),
  UPDATING("Updating"),
  SYSTEM_UPDATING("SystemUpdating"),
  ROLLING_BACK("RollingBack"),
  IN_SERVICE("InService"),
  DELETING("Deleting"),
  OUT_OF_SERVICE("OutOfService"),
  UPDATE_ROLLBACK_FAILED("UpdateRollbackFailed"),
  // Model Monitor schedules.
  SCHEDULED("Scheduled");

  private static final StatusWords<Phase> WORDS = new StatusWords<>(values(), Phase::value);

  private final String value;
  private final boolean terminal;

  Phase(String value) {
    this(value, false);
  }

  Phase(String value, boolean terminal) {
    this.value = value;
    this.terminal = terminal;
  }

  /** The word written into {@code status.phase}. */
  public String value() {
    return value;
  }

  /** True for an end the resource leaves only by a spec change or deletion. */
  public boolean terminal() {
    return terminal;
  }

  /** The phase with this exact value, if it is one of ours. */
  public static Optional<Phase> of(String value) {
    return WORDS.of(value);
  }


  /** A SageMaker state shown as the phase; a state this list does not know yet is UNKNOWN. */
  public static Phase ofSageMakerState(String state) {
    return of(state).orElse(UNKNOWN);
  }

  @Override
  public String toString() {
    return value;
  }
}
