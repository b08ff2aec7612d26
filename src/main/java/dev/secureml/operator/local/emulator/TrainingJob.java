package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One training job's state. The request is kept as sent, because DescribeTrainingJob echoes
 * it; everything that changes over time lives beside it. Callers that read or change several
 * fields together synchronize on the job.
 */
final class TrainingJob extends HostedResource {
  static final String IN_PROGRESS = "InProgress";
  static final String COMPLETED = "Completed";
  static final String FAILED = "Failed";
  static final String STOPPING = "Stopping";
  static final String STOPPED = "Stopped";

  /** One SecondaryStatusTransitions entry; {@code end} is null while it is the current one. */
  record Transition(String status, Instant start, Instant end, String message) {}

  record Metric(String name, double value) {}

  private final List<Transition> transitions = new ArrayList<>();

  private String status = IN_PROGRESS;
  private TrainingPhase phase = TrainingPhase.STARTING;
  private Instant phaseStart;
  private Instant lastModified;
  private Instant trainingStart;
  private Instant trainingEnd;
  private String failureReason;
  private String modelArtifacts;
  private List<Metric> finalMetrics = List.of();
  private Long trainingSeconds;
  private Long billableSeconds;
  private TrainingLogWriter.JobLog containerLog;

  TrainingJob(String name, String arn, ObjectNode request, Instant creationTime, long sequence) {
    super(name, arn, request, creationTime, sequence);
    enter(TrainingPhase.STARTING, creationTime);
  }

  synchronized String status() {
    return status;
  }

  synchronized String secondaryStatus() {
    return transitions.get(transitions.size() - 1).status();
  }

  synchronized boolean isFinished() {
    return status.equals(COMPLETED) || status.equals(FAILED) || status.equals(STOPPED);
  }

  synchronized TrainingPhase phase() {
    return phase;
  }

  synchronized Instant phaseStart() {
    return phaseStart;
  }

  /** Moves to the next InProgress phase at {@code at}. */
  synchronized void enter(TrainingPhase next, Instant at) {
    phase = next;
    phaseStart = at;
    if (next.onInstances() && trainingStart == null) {
      trainingStart = at;
    }
    transition(next.status(), next.message(), at);
  }

  synchronized void beginStopping(Instant at) {
    status = STOPPING;
    phaseStart = at;
    transition(STOPPING, "Stopping the training job", at);
  }

  /** Ends the job: terminal status, final secondary status (whose start and end coincide). */
  synchronized void finish(String finalStatus, String secondary, String message, Instant at) {
    status = finalStatus;
    trainingEnd = at;
    transition(secondary, message, at);
    int last = transitions.size() - 1;
    Transition closing = transitions.get(last);
    transitions.set(last, new Transition(closing.status(), at, at, closing.message()));
  }

  private void transition(String secondary, String message, Instant at) {
    if (!transitions.isEmpty()) {
      int last = transitions.size() - 1;
      Transition open = transitions.get(last);
      transitions.set(last, new Transition(open.status(), open.start(), at, open.message()));
    }
    transitions.add(new Transition(secondary, at, null, message));
    lastModified = at;
  }

  synchronized List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  synchronized Instant lastModified() {
    return lastModified;
  }

  synchronized Instant trainingStart() {
    return trainingStart;
  }

  synchronized Instant trainingEnd() {
    return trainingEnd;
  }

  synchronized String failureReason() {
    return failureReason;
  }

  synchronized void failureReason(String reason) {
    failureReason = reason;
  }

  synchronized String modelArtifacts() {
    return modelArtifacts;
  }

  synchronized void completedWith(String artifacts, List<Metric> metrics) {
    modelArtifacts = artifacts;
    finalMetrics = List.copyOf(metrics);
  }

  synchronized List<Metric> finalMetrics() {
    return finalMetrics;
  }

  synchronized void billing(long training, long billable) {
    trainingSeconds = training;
    billableSeconds = billable;
  }

  synchronized Long trainingSeconds() {
    return trainingSeconds;
  }

  synchronized Long billableSeconds() {
    return billableSeconds;
  }

  /** What the job's containers have logged so far; null until the instances are up. */
  synchronized TrainingLogWriter.JobLog containerLog() {
    return containerLog;
  }

  synchronized void containerLog(TrainingLogWriter.JobLog log) {
    containerLog = log;
  }

  // Convenience reads of the request.

  int instanceCount() {
    return Math.max(1, request().path("ResourceConfig").path("InstanceCount").asInt(1));
  }

  boolean spot() {
    return request().path("EnableManagedSpotTraining").asBoolean(false);
  }

  long maxRuntimeSeconds() {
    return request().path("StoppingCondition").path("MaxRuntimeInSeconds").asLong(86_400);
  }

  String trainingImage() {
    return request().path("AlgorithmSpecification").path("TrainingImage").asText("");
  }

  String outputPath() {
    return request().path("OutputDataConfig").path("S3OutputPath").asText();
  }

  String outputKmsKeyId() {
    return Json.text(request().path("OutputDataConfig"), "KmsKeyId");
  }
}
