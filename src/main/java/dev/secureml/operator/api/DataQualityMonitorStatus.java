package dev.secureml.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the operator found: the baseline in use, the last run, its violations and drift. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataQualityMonitorStatus {
  /** status.violations keeps at most this many entries; violationCount has the total. */
  public static final int MAX_VIOLATIONS = 50;

  @JsonPropertyDescription("Short summary: Pending, Rejected, WaitingForEndpoint, Baselining, "
      + "Scheduled, Deleting, Error.")
  public String phase;

  @JsonPropertyDescription("Generation of the spec this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("kstatus conditions: Compliant, Ready, Reconciling, Stalled, and "
      + "DriftDetected.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The SageMaker endpoint whose captured data is analyzed.")
  public String endpointName;

  @JsonPropertyDescription("The baseline in use.")
  public BaselineStatus baseline;

  @JsonPropertyDescription("When the next run is due.")
  public String nextExecutionTime;

  @JsonPropertyDescription("The most recent finished run.")
  public Execution lastExecution;

  @JsonPropertyDescription("Violations of the last run (at most 50; violationCount has all).")
  public List<ViolationStatus> violations = new ArrayList<>();

  @JsonPropertyDescription("Number of violations of the last run.")
  public Integer violationCount;

  @JsonPropertyDescription("Features with violations in the last run, sorted.")
  public List<String> driftedFeatures = new ArrayList<>();

  @JsonPropertyDescription("Drift distance of each feature in the last run.")
  public Map<String, Double> driftDistances = new LinkedHashMap<>();

  @JsonPropertyDescription("Drift episodes so far: each start of drift after none counts one.")
  public Long driftEpisodes;

  @JsonPropertyDescription("Retraining started by onDrift.retrain.")
  public RetrainStatus retrain;

  @JsonPropertyDescription("Model Monitor: the monitoring schedule.")
  public String monitoringScheduleName;

  @JsonPropertyDescription("Model Monitor: ARN of the monitoring schedule.")
  public String monitoringScheduleArn;

  @JsonPropertyDescription("Model Monitor: the data-quality job definition in use.")
  public String jobDefinitionName;

  @JsonPropertyDescription("Model Monitor: replaced job definitions still to be deleted.")
  public List<String> retiredJobDefinitions = new ArrayList<>();

  @JsonPropertyDescription("Model Monitor: schedule status (Pending, Scheduled, Stopped, "
      + "Failed).")
  public String scheduleStatus;

  @JsonPropertyDescription("Model Monitor: why the schedule failed.")
  public String scheduleFailureReason;

  @JsonPropertyDescription("Settings the policy enforced.")
  public AppliedPolicy appliedPolicy;

  /** Model Monitor: the schedule in use, as DescribeMonitoringSchedule showed it. */
  public void scheduleSeen(String name, String arn, String status, String failureReason) {
    monitoringScheduleName = name;
    monitoringScheduleArn = arn;
    scheduleStatus = status;
    scheduleFailureReason = failureReason;
  }

  /** Model Monitor: the schedule was created (or adopted); Pending until SageMaker has it. */
  public void scheduleCreated(String name, String arn) {
    monitoringScheduleName = name;
    monitoringScheduleArn = arn;
    scheduleStatus = "Pending";
  }

  /** Model Monitor: a Stopped schedule was started again. */
  public void scheduleRestarted() {
    scheduleStatus = "Scheduled";
  }

  /**
   * Model Monitor: the schedule is gone, and the job definition it ran is retired (deleted
   * next).
   */
  public void scheduleDeleted() {
    scheduleSeen(null, null, null, null);
    jobDefinitionReplaced(null);
  }

  /**
   * Model Monitor: {@code name} is the job definition in use (null: none); the one in use
   * before is retired, to be deleted once no schedule runs it.
   */
  public void jobDefinitionReplaced(String name) {
    if (jobDefinitionName != null && !retiredJobDefinitions.contains(jobDefinitionName)) {
      retiredJobDefinitions.add(jobDefinitionName);
    }
    jobDefinitionName = name;
  }

  /** Model Monitor: a retired job definition is gone (or was never this monitor's). */
  public void retiredJobDefinitionDeleted(String name) {
    retiredJobDefinitions.remove(name);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class BaselineStatus {
    @JsonPropertyDescription("statistics.json in use.")
    public String statisticsS3Uri;

    @JsonPropertyDescription("constraints.json in use (with this spec's thresholds).")
    public String constraintsS3Uri;

    @JsonPropertyDescription("Records profiled, when the operator computed the baseline.")
    public Long recordCount;

    @JsonPropertyDescription("Fingerprint of the baseline inputs and thresholds; a change "
        + "recomputes the baseline.")
    public String fingerprint;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Execution {
    @JsonPropertyDescription("Scheduled time of the run (RFC 3339).")
    public String scheduledTime;

    @JsonPropertyDescription("Start of the window of captured data analyzed.")
    public String windowStart;

    @JsonPropertyDescription("End of the window of captured data analyzed (exclusive).")
    public String windowEnd;

    @JsonPropertyDescription("Completed, CompletedWithViolations or Failed.")
    public String status;

    @JsonPropertyDescription("Captured records analyzed.")
    public Long recordsAnalyzed;

    @JsonPropertyDescription("Why the run failed.")
    public String failureReason;

    @JsonPropertyDescription("statistics.json of the run.")
    public String statisticsS3Uri;

    @JsonPropertyDescription("constraints.json the run checked against.")
    public String constraintsS3Uri;

    @JsonPropertyDescription("constraint_violations.json of the run.")
    public String violationsS3Uri;

    @JsonPropertyDescription("Model Monitor: the processing job of the run.")
    public String processingJobArn;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ViolationStatus {
    @JsonPropertyDescription("Feature (column) name.")
    public String feature;

    @JsonPropertyDescription("data_type_check, completeness_check, baseline_drift_check, "
        + "missing_column_check, extra_column_check or categorical_values_check.")
    public String check;

    @JsonPropertyDescription("What was expected and what was observed.")
    public String description;

    public ViolationStatus() {}

    public ViolationStatus(String feature, String check, String description) {
      this.feature = feature;
      this.check = check;
      this.description = description;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RetrainStatus {
    @JsonPropertyDescription("SecureTrainingJobs created so far (the next name's suffix is "
        + "this plus one).")
    public Long jobsCreated;

    @JsonPropertyDescription("The drift episode the last job was created for.")
    public Long lastEpisode;

    @JsonPropertyDescription("The SecureTrainingJob created last.")
    public String lastJobName;
  }
}
