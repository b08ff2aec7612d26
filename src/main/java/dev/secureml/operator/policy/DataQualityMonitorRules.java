package dev.secureml.operator.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorSpec.Baseline;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.api.DataQualityMonitorSpec.ProcessingResources;
import dev.secureml.operator.api.DataQualityMonitorSpec.Retrain;
import dev.secureml.operator.api.Durations;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import dev.secureml.operator.policy.ResourceRules.InstanceLimits;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DataQualityMonitor's checks: required fields, the baseline's shape, S3 locations and the
 * Model Monitor processing compute. Classification, tags and custom rules are shared with the
 * other kinds and applied by the engine, which also judges the retrain template as a training
 * job; the helpers here move that job's violations under {@value #TEMPLATE_PATH}.
 */
final class DataQualityMonitorRules {
  static final String BASELINE_HINT =
      "set either trainingDataS3Uri, or constraintsS3Uri and statisticsS3Uri";
  /** Model Monitor stops a monitoring job after at most one hour. */
  static final long MODEL_MONITOR_MAX_RUNTIME_SECONDS = 3600;
  static final String TEMPLATE_PATH = "spec.onDrift.retrain.template";

  // "spec." where it starts a field path in a message (not inside an image name or a URI).
  private static final Pattern SPEC_PATH = Pattern.compile("(?<![\\w./:@-])spec\\.");
  // Plain mapper: copies the template field for field, as the API server would store the job.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * @param unresolvable the runtime does not parse, so there is no MaxRuntimeInSeconds to send
   */
  record Processing(List<Violation> violations, boolean unresolvable) {}

  private DataQualityMonitorRules() {}

  /**
   * Fields the CRD schema requires, and a baseline that names exactly one source. Without them
   * nothing can be analysed or written, so these deny even under Audit.
   */
  static List<Violation> missingFields(DataQualityMonitorSpec spec) {
    List<Violation> out = new ArrayList<>();
    ResourceRules.require(out, "spec.endpointRef", spec.endpointRef);
    if (spec.baseline == null) {
      out.add(ResourceRules.missing("spec.baseline"));
    } else {
      baseline(out, spec.baseline);
    }
    ResourceRules.require(out, "spec.outputS3Uri", spec.outputS3Uri);
    ResourceRules.require(out, "spec.dataClassification", spec.dataClassification);
    if (spec.onDrift != null && spec.onDrift.retrain != null
        && spec.onDrift.retrain.template == null) {
      out.add(ResourceRules.missing(TEMPLATE_PATH));
    }
    return out;
  }

  /** Training data to profile, or both files of an existing baseline; not both, not neither. */
  private static void baseline(List<Violation> out, Baseline b) {
    boolean training = !ResourceRules.blank(b.trainingDataS3Uri);
    boolean constraints = !ResourceRules.blank(b.constraintsS3Uri);
    boolean statistics = !ResourceRules.blank(b.statisticsS3Uri);
    if (training && (constraints || statistics)) {
      String others = constraints && statistics ? "constraintsS3Uri and statisticsS3Uri"
          : constraints ? "constraintsS3Uri" : "statisticsS3Uri";
      out.add(new Violation("spec.baseline", "InvalidBaseline", "spec.baseline sets "
          + "trainingDataS3Uri together with " + others + ": " + BASELINE_HINT));
    } else if (!training && !constraints && !statistics) {
      out.add(new Violation("spec.baseline.trainingDataS3Uri", "MissingField",
          "spec.baseline.trainingDataS3Uri is required unless spec.baseline.constraintsS3Uri "
              + "and spec.baseline.statisticsS3Uri are set"));
    } else if (constraints != statistics) {
      String missing = constraints ? "statisticsS3Uri" : "constraintsS3Uri";
      String given = constraints ? "constraintsS3Uri" : "statisticsS3Uri";
      out.add(new Violation("spec.baseline." + missing, "MissingField", "spec.baseline."
          + missing + " is required with spec.baseline." + given));
    }
  }

  /** Every S3 URI the monitor reads or writes: the baseline's, then the output prefix. */
  static List<Violation> s3Locations(CompliancePolicySpec policy, DataQualityMonitorSpec spec) {
    List<Violation> out = new ArrayList<>();
    Baseline b = spec.baseline;
    if (b != null) {
      ResourceRules.s3Location(out, policy, "spec.baseline.trainingDataS3Uri",
          b.trainingDataS3Uri);
      ResourceRules.s3Location(out, policy, "spec.baseline.constraintsS3Uri",
          b.constraintsS3Uri);
      ResourceRules.s3Location(out, policy, "spec.baseline.statisticsS3Uri", b.statisticsS3Uri);
    }
    ResourceRules.s3Location(out, policy, "spec.outputS3Uri", spec.outputS3Uri);
    return out;
  }

  /**
   * The Model Monitor processing job (engine ModelMonitor only; Builtin runs in the operator):
   * the instance type against the training allow-list, one instance, and a runtime within both
   * Model Monitor's hour and the policy's limit. The smaller of the two limits is reported.
   */
  static Processing processing(CompliancePolicySpec policy, DataQualityMonitorSpec spec) {
    List<Violation> out = new ArrayList<>();
    if (spec.engine != MonitorEngine.ModelMonitor) {
      return new Processing(out, false);
    }
    InstanceLimits limits = InstanceLimits.training(policy);
    ResourceRules.instanceType(out, limits, "spec.resources.instanceType", instanceType(spec));
    // Model Monitor runs one instance; only a policy that skipped validation can refuse that.
    ResourceRules.instanceCount(out, limits, "spec.resources", 1);

    String text = maxRuntime(spec);
    long seconds;
    try {
      seconds = Durations.toSeconds(text);
    } catch (IllegalArgumentException e) {
      out.add(new Violation("spec.resources.maxRuntime", "InvalidDuration", e.getMessage()));
      return new Processing(out, true);
    }
    if (seconds < 1) {
      out.add(new Violation("spec.resources.maxRuntime", "InvalidDuration",
          "maximum runtime must be at least 1s"));
      return new Processing(out, true);
    }
    Long limit = RuntimeRules.policyLimit(policy);
    if (limit != null && limit <= MODEL_MONITOR_MAX_RUNTIME_SECONDS && seconds > limit) {
      out.add(new Violation("spec.resources.maxRuntime", "MaxRuntimeExceeded", "maximum runtime "
          + text + " exceeds the CompliancePolicy's limit of " + Durations.format(limit)));
    } else if (seconds > MODEL_MONITOR_MAX_RUNTIME_SECONDS) {
      out.add(new Violation("spec.resources.maxRuntime", "MaxRuntimeExceeded", "maximum runtime "
          + text + " exceeds Model Monitor's limit of "
          + Durations.format(MODEL_MONITOR_MAX_RUNTIME_SECONDS)));
    }
    return new Processing(out, false);
  }

  /** The processing instance type, ml.m5.xlarge when the spec leaves it out. */
  static String instanceType(DataQualityMonitorSpec spec) {
    ProcessingResources r = spec.resources;
    return r == null || ResourceRules.blank(r.instanceType)
        ? ProcessingResources.DEFAULT_INSTANCE_TYPE : r.instanceType;
  }

  private static String maxRuntime(DataQualityMonitorSpec spec) {
    ProcessingResources r = spec.resources;
    return r == null || r.maxRuntime == null ? ProcessingResources.DEFAULT_MAX_RUNTIME
        : r.maxRuntime;
  }

  /** The retrain template, or null when the monitor does not retrain. */
  static TrainingJobTemplateSpec retrainTemplate(DataQualityMonitorSpec spec) {
    return spec.onDrift == null || spec.onDrift.retrain == null ? null
        : spec.onDrift.retrain.template;
  }

  /**
   * The SecureTrainingJob the monitor would create first ({@code <monitor>-retrain-1}, with the
   * template's labels), so it can be judged, custom rules included, before the monitor starts.
   */
  static SecureTrainingJob retrainJob(ObjectMeta monitor, Retrain retrain) {
    String name = monitor == null || monitor.getName() == null ? "" : monitor.getName();
    SecureTrainingJob job = new SecureTrainingJob();
    job.setMetadata(new ObjectMetaBuilder()
        .withName(name + "-retrain-1")
        .withNamespace(monitor == null ? null : monitor.getNamespace())
        .withLabels(retrain.labels == null ? new LinkedHashMap<>()
            : new LinkedHashMap<>(retrain.labels))
        .build());
    job.setSpec(MAPPER.convertValue(retrain.template, SecureTrainingJobSpec.class));
    return job;
  }

  /**
   * A violation of the retrain job, moved under the template: the field, and with
   * {@code inMessage} also field paths the message names (the rules' own messages; a custom
   * rule's message is the policy author's text and stays as written).
   */
  static Violation underTemplate(Violation v, boolean inMessage) {
    String field = v.field().equals("spec") ? TEMPLATE_PATH
        : v.field().startsWith("spec.") ? TEMPLATE_PATH + v.field().substring(4) : v.field();
    String message = !inMessage || v.message() == null ? v.message()
        : SPEC_PATH.matcher(v.message()).replaceAll(Matcher.quoteReplacement(TEMPLATE_PATH + "."));
    return new Violation(field, v.rule(), message);
  }
}
