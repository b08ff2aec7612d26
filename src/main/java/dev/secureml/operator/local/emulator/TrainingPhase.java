package dev.secureml.operator.local.emulator;

/**
 * The secondary statuses a healthy job passes through while InProgress, with how long each
 * lasts at speed 1 (roughly what a small XGBoost job on ml.m5.xlarge shows) and the status
 * message SageMaker records for it.
 */
enum TrainingPhase {
  STARTING("Starting", 60, "Preparing the instances for training"),
  DOWNLOADING("Downloading", 30, "Downloading input data"),
  TRAINING("Training", 120, "Training image download completed. Training in progress."),
  UPLOADING("Uploading", 20, "Uploading generated training model");

  /** A stopped container gets SIGTERM and a grace period; the emulator is quicker than 120 s. */
  static final double STOPPING_SECONDS = 15;

  private final String status;
  private final double seconds;
  private final String message;

  TrainingPhase(String status, double seconds, String message) {
    this.status = status;
    this.seconds = seconds;
    this.message = message;
  }

  String status() {
    return status;
  }

  double seconds() {
    return seconds;
  }

  String message() {
    return message;
  }

  /** Billing and MaxRuntimeInSeconds count from the first phase on the training instances. */
  boolean onInstances() {
    return this != STARTING;
  }
}
