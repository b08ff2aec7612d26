package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the operator and SageMaker report about a training job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecureTrainingJobStatus {
  @JsonPropertyDescription("Short summary: Pending, Rejected, Starting, Downloading, Training, "
      + "Uploading, Completed, Stopping, Stopped, Failed, Error.")
  public String phase;

  @JsonPropertyDescription("Generation of the spec this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("kstatus conditions: Compliant, Ready, Reconciling, Stalled.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Name of the SageMaker training job.")
  public String trainingJobName;

  @JsonPropertyDescription("ARN of the SageMaker training job.")
  public String trainingJobArn;

  @JsonPropertyDescription("Hash of the spec that was submitted; a different spec later is "
      + "refused (SpecImmutable).")
  public String submittedSpecHash;

  @JsonPropertyDescription("TrainingJobStatus: InProgress, Completed, Failed, Stopping, Stopped.")
  public String sageMakerStatus;

  @JsonPropertyDescription("SecondaryStatus, e.g. Starting, Downloading, Training, Uploading.")
  public String secondaryStatus;

  @JsonPropertyDescription("SecondaryStatusTransitions as SageMaker reports them.")
  public List<StatusTransition> secondaryStatusTransitions = new ArrayList<>();

  @JsonPropertyDescription("SageMaker's failure reason.")
  public String failureReason;

  @JsonPropertyDescription("When SageMaker started the job.")
  public String trainingStartTime;

  @JsonPropertyDescription("When the job ended.")
  public String trainingEndTime;

  @JsonPropertyDescription("Seconds of training.")
  public Long trainingTimeSeconds;

  @JsonPropertyDescription("Seconds billed.")
  public Long billableTimeSeconds;

  @JsonPropertyDescription("S3 URI of model.tar.gz.")
  public String modelArtifacts;

  @JsonPropertyDescription("Final metric values reported by the algorithm.")
  public Map<String, Double> finalMetrics = new LinkedHashMap<>();

  @JsonPropertyDescription("Forwarded training logs: checkpoints, counts and a tail.")
  public LogStatus logs;

  @JsonPropertyDescription("Settings the policy enforced on the job.")
  public AppliedPolicy appliedPolicy;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StatusTransition {
    @JsonPropertyDescription("Secondary status.")
    public String status;

    @JsonPropertyDescription("When it started.")
    public String startTime;

    @JsonPropertyDescription("When it ended.")
    public String endTime;

    @JsonPropertyDescription("SageMaker's message.")
    public String statusMessage;
  }
}
