package dev.secureml.operator.api;

import static dev.secureml.operator.api.TrainingJobTemplateSpec.CLASSIFICATION_MAX_LENGTH;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.CLASSIFICATION_PATTERN;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.INSTANCE_TYPE_PATTERN;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.S3_URI_PATTERN;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.TAG_KEYS_MESSAGE;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.TAG_KEYS_RULE;
import static dev.secureml.operator.api.TrainingJobTemplateSpec.TAG_VALUE_PATTERN;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which endpoint to watch, against which baseline, how often, with which engine and thresholds.
 * The operator fills in role, network, KMS keys and tags from the policy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataQualityMonitorSpec {
  /** hourly, daily, every N (Go duration), or a Model Monitor cron expression. */
  public static final String SCHEDULE_PATTERN =
      "^(hourly|daily|every ([0-9]+(h|m|s))+|cron\\(.+\\))$";

  @Required
  @Size(max = KubernetesNames.MAX_NAME_LENGTH)
  @ValidationRule(value = ObjectReferences.NO_NAMESPACE_RULE,
      message = ObjectReferences.ENDPOINT_NO_NAMESPACE)
  @ValidationRule(value = ObjectReferences.NAME_RULE, message = ObjectReferences.ENDPOINT_NAME)
  @JsonPropertyDescription("The name of a ModelEndpoint in this namespace with dataCapture "
      + "enabled; references are resolved in the resource's own namespace only.")
  public String endpointRef;

  @Required
  @JsonPropertyDescription("What normal data looks like: training data the operator profiles, "
      + "or constraints.json and statistics.json made earlier (by Model Monitor or the "
      + "baseline command).")
  public Baseline baseline;

  @Default("hourly")
  @Pattern(SCHEDULE_PATTERN)
  @Size(max = 64)
  @JsonPropertyDescription("When to run: hourly (default), daily (00:00 UTC), 'every 6h' "
      + "(whole hours for ModelMonitor; Builtin also takes minutes or seconds, e.g. 'every "
      + "15m'), or a Model Monitor cron expression: cron(0 * ? * * *), cron(0 H ? * * *), "
      + "cron(0 H/N ? * * *). Each run analyzes the records captured since the previous one.")
  public String schedule = "hourly";

  @Default("Builtin")
  @JsonPropertyDescription("Builtin (default): the operator analyzes the captured data itself. "
      + "ModelMonitor: a SageMaker Model Monitor schedule does (closed to new AWS customers "
      + "since 2026). Both write the same report files.")
  public MonitorEngine engine = MonitorEngine.Builtin;

  @JsonPropertyDescription("Thresholds of the checks (defaults as Model Monitor's).")
  public Thresholds thresholds;

  @Required
  @Pattern(S3_URI_PATTERN)
  @Size(max = 512)
  @JsonPropertyDescription("S3 prefix for the reports (and a computed baseline), inside the "
      + "policy's allowed prefixes; one folder per execution time.")
  public String outputS3Uri;

  @Required
  @Pattern(CLASSIFICATION_PATTERN)
  @Size(max = CLASSIFICATION_MAX_LENGTH)
  @JsonPropertyDescription("Data classification; chooses the KMS key that encrypts the reports.")
  public String dataClassification;

  @JsonPropertyDescription("Compute for Model Monitor processing jobs (engine ModelMonitor only).")
  public ProcessingResources resources;

  @JsonPropertyDescription("What to do when drift is detected (nothing by default).")
  public OnDrift onDrift;

  @Size(max = 40)
  @ValidationRule(value = TAG_KEYS_RULE, message = TAG_KEYS_MESSAGE)
  @JsonPropertyDescription("Extra tags for the SageMaker monitoring resources.")
  public Map<String, @Size(max = 256) @Pattern(TAG_VALUE_PATTERN) String> tags = new LinkedHashMap<>();

  @Default("Delete")
  @JsonPropertyDescription("Delete (default) deletes the Model Monitor schedule and job "
      + "definition with this resource; Retain leaves them. Reports in S3 are always kept.")
  public DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  public enum MonitorEngine { Builtin, ModelMonitor }

  public enum ComparisonMethod { Robust, Simple }

  public enum DataFormat { Csv, JsonLines }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(value = "has(self.trainingDataS3Uri) != (has(self.constraintsS3Uri) && "
      + "has(self.statisticsS3Uri))",
      message = "set either trainingDataS3Uri, or constraintsS3Uri and statisticsS3Uri",
      reason = "FieldValueInvalid")
  @ValidationRule(value = "has(self.constraintsS3Uri) == has(self.statisticsS3Uri)",
      message = "constraintsS3Uri and statisticsS3Uri go together", reason = "FieldValueInvalid")
  public static class Baseline {
    @Pattern(S3_URI_PATTERN)
    @Size(max = 1024)
    @JsonPropertyDescription("Training data (an object, or a prefix of objects) the operator "
        + "profiles into statistics.json and constraints.json under outputS3Uri/baseline/.")
    public String trainingDataS3Uri;

    @JsonPropertyDescription("Format of the training data: Csv or JsonLines (default: from the "
        + "file name, .jsonl/.json is JsonLines, anything else Csv).")
    public DataFormat format;

    @Default("true")
    @JsonPropertyDescription("Whether CSV training data starts with a header row (default true); "
        + "without one columns are named _c0, _c1, ...")
    public Boolean header = true;

    @Size(max = 100)
    @JsonPropertyDescription("Columns of the training data the endpoint does not receive, such "
        + "as the label; captured rows are matched to the remaining columns in order.")
    public List<@Size(max = 256) String> excludeColumns = new ArrayList<>();

    @Pattern(S3_URI_PATTERN)
    @Size(max = 1024)
    @JsonPropertyDescription("An existing constraints.json (Model Monitor format).")
    public String constraintsS3Uri;

    @Pattern(S3_URI_PATTERN)
    @Size(max = 1024)
    @JsonPropertyDescription("An existing statistics.json (Model Monitor format).")
    public String statisticsS3Uri;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Thresholds {
    @Default("0.1")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("baseline_drift_check: largest allowed L-infinity distance between "
        + "the baseline and current distributions (default 0.1).")
    public Double drift = 0.1;

    @Default("Robust")
    @JsonPropertyDescription("Robust (default) also requires the distance to exceed the "
        + "two-sample Kolmogorov-Smirnov critical value, so small windows do not alarm; Simple "
        + "compares with the threshold only.")
    public ComparisonMethod comparisonMethod = ComparisonMethod.Robust;

    @Default("0")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("completeness_check: allowed drop of a feature's completeness below "
        + "the baseline's (default 0: any drop).")
    public Double completeness = 0.0;

    @Default("0.1")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("data_type_check: largest allowed share of values not of the "
        + "baseline type (default 0.1).")
    public Double dataType = 0.1;

    @Default("0.1")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("categorical_values_check: largest allowed share of values outside "
        + "the baseline domain (default 0.1).")
    public Double categoricalDomain = 0.1;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ProcessingResources {
    public static final String DEFAULT_INSTANCE_TYPE = "ml.m5.xlarge";
    public static final int DEFAULT_VOLUME_SIZE_GB = 20;
    public static final String DEFAULT_MAX_RUNTIME = "30m";

    @Default(DEFAULT_INSTANCE_TYPE)
    @Pattern(INSTANCE_TYPE_PATTERN)
    @Size(max = 64)
    @JsonPropertyDescription("Instance type of the processing job (default ml.m5.xlarge).")
    public String instanceType = DEFAULT_INSTANCE_TYPE;

    @Default("20")
    @Min(1)
    @Max(16384)
    @JsonPropertyDescription("Volume size in GB (default 20).")
    public Integer volumeSizeGB = DEFAULT_VOLUME_SIZE_GB;

    @Default(DEFAULT_MAX_RUNTIME)
    @Pattern(Durations.PATTERN)
    @Size(max = Durations.MAX_LENGTH)
    @ValidationRule(value = "duration(self) >= duration('1s') && duration(self) <= "
        + "duration('24h')", message = "must be between 1s and 24h (Model Monitor's limit)")
    @JsonPropertyDescription("Longest a run may take (Go duration, default 30m, 1s to 24h; the "
        + "policy allows at most 1h, the longest run an hourly schedule leaves room for).")
    public String maxRuntime = DEFAULT_MAX_RUNTIME;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class OnDrift {
    @JsonPropertyDescription("Retrain when drift starts: one SecureTrainingJob per drift "
        + "episode, named <monitor>-retrain-<n>, at most one in flight.")
    public Retrain retrain;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Retrain {
    @Size(max = 20)
    @ValidationRule(value = "self.all(k, size(k) >= 1 && size(k) <= 317)",
        message = "label keys must be 1-317 characters long (a 253-character prefix, '/', and "
            + "a 63-character name)")
    @JsonPropertyDescription("Labels for the created SecureTrainingJobs.")
    public Map<String, @Size(max = 63)
        @Pattern("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$") String> labels = new LinkedHashMap<>();

    @Required
    @JsonPropertyDescription("Spec of the SecureTrainingJob to create, under the same policy as "
        + "any other.")
    public TrainingJobTemplateSpec template;
  }
}
