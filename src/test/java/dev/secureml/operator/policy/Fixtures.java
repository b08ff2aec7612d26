package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import dev.secureml.operator.api.TrainingJobTemplateSpec.Channel;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A compliant policy, a compliant training job, a compliant endpoint and a compliant monitor;
 * each test states only what differs.
 */
final class Fixtures {
  static final String ROLE = "arn:aws:iam::111122223333:role/fraud-sagemaker-execution";
  static final String KEY_INTERNAL =
      "arn:aws:kms:us-east-1:111122223333:key/1111aaaa-2222-bbbb-3333-cccc4444dddd";
  static final String KEY_HC =
      "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-eeee-7777-dddd6666cccc";
  static final String REGISTRY = "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/";
  static final String NAMESPACE = "fraud-models";
  static final NamespaceInfo FRAUD_NS =
      new NamespaceInfo(NAMESPACE, Map.of("secureml.dev/team", "fraud"));

  private Fixtures() {}

  static CompliancePolicy policy(String name, Consumer<CompliancePolicySpec> change) {
    CompliancePolicySpec s = new CompliancePolicySpec();
    s.namespaceSelector = new LabelSelectorBuilder()
        .addToMatchLabels("secureml.dev/team", "fraud").build();
    s.region = "us-east-1";
    s.executionRoleArn = ROLE;
    s.network = new CompliancePolicySpec.Network();
    s.network.subnets = new ArrayList<>(List.of("subnet-0a1b2c3d", "subnet-0e4f5a6b"));
    s.network.securityGroupIds = new ArrayList<>(List.of("sg-0c1d2e3f"));
    s.encryption = new CompliancePolicySpec.Encryption();
    s.encryption.kmsKeyByClassification.put("Internal", KEY_INTERNAL);
    s.encryption.kmsKeyByClassification.put("HighlyConfidential", KEY_HC);
    s.instances = new CompliancePolicySpec.Instances();
    s.instances.allowedTypes = new ArrayList<>(List.of("ml.m5.*", "ml.g5.*"));
    s.instances.maxCount = 8;
    s.images = new CompliancePolicySpec.Images();
    s.images.allowedPrefixes = new ArrayList<>(List.of(REGISTRY));
    s.data = new CompliancePolicySpec.Data();
    s.data.allowedS3Prefixes = new ArrayList<>(List.of("s3://fraud-data/", "s3://fraud-models/"));
    s.limits = new CompliancePolicySpec.Limits();
    s.limits.maxRuntime = "24h";
    s.spot = new CompliancePolicySpec.Spot();
    s.tags = new CompliancePolicySpec.Tags();
    s.tags.required.put("cost-center", "CC-1234");
    change.accept(s);
    CompliancePolicy p = new CompliancePolicy();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    p.setSpec(s);
    return p;
  }

  static CompliancePolicy policy(Consumer<CompliancePolicySpec> change) {
    return policy("fraud-team", change);
  }

  static CompliancePolicy policy() {
    return policy(s -> {});
  }

  static SecureTrainingJob job(Consumer<SecureTrainingJobSpec> change) {
    SecureTrainingJobSpec s = new SecureTrainingJobSpec();
    s.image = REGISTRY + "xgboost:1.7-1";
    s.hyperparameters = new LinkedHashMap<>(Map.of("objective", "binary:logistic"));
    s.inputs = new ArrayList<>(List.of(
        new Channel("train", "s3://fraud-data/fdic/train/", "text/csv"),
        new Channel("validation", "s3://fraud-data/fdic/validation/", null)));
    s.output = new SecureTrainingJobSpec.Output("s3://fraud-models/artifacts/");
    s.resources = new SecureTrainingJobSpec.Resources();
    s.resources.instanceType = "ml.m5.xlarge";
    s.resources.instanceCount = 2;
    s.maxRuntime = "2h";
    s.dataClassification = "HighlyConfidential";
    change.accept(s);
    SecureTrainingJob j = new SecureTrainingJob();
    j.setMetadata(new ObjectMetaBuilder().withName("bank-failure-xgb").withNamespace(NAMESPACE)
        .build());
    j.setSpec(s);
    return j;
  }

  static SecureTrainingJob job() {
    return job(s -> {});
  }

  static final String MODEL_DATA =
      "s3://fraud-models/artifacts/bank-failure-xgb/output/model.tar.gz";

  /**
   * A compliant endpoint: an image with its model data on two ml.m5.large, autoscaling 2-6 and
   * data capture into the models bucket.
   */
  static ModelEndpoint endpoint(Consumer<ModelEndpointSpec> change) {
    ModelEndpointSpec s = new ModelEndpointSpec();
    s.model = source(REGISTRY + "xgboost-serving:1.7-1", MODEL_DATA);
    s.instanceType = "ml.m5.large";
    s.instanceCount = 2;
    s.autoscaling = new ModelEndpointSpec.Autoscaling();
    s.autoscaling.minInstances = 2;
    s.autoscaling.maxInstances = 6;
    s.autoscaling.targetInvocationsPerInstance = 200;
    s.dataCapture = new ModelEndpointSpec.DataCapture();
    s.dataCapture.samplingPercentage = 20;
    s.dataCapture.destinationS3Uri = "s3://fraud-models/capture/";
    s.dataClassification = "HighlyConfidential";
    change.accept(s);
    ModelEndpoint e = new ModelEndpoint();
    e.setMetadata(new ObjectMetaBuilder().withName("bank-failure-endpoint")
        .withNamespace(NAMESPACE).build());
    e.setSpec(s);
    return e;
  }

  static ModelEndpoint endpoint() {
    return endpoint(s -> {});
  }

  /** A compliant monitor: the Builtin engine, profiling training data into the models bucket. */
  static DataQualityMonitor monitor(Consumer<DataQualityMonitorSpec> change) {
    DataQualityMonitorSpec s = new DataQualityMonitorSpec();
    s.endpointRef = "bank-failure-endpoint";
    s.baseline = new DataQualityMonitorSpec.Baseline();
    s.baseline.trainingDataS3Uri = "s3://fraud-data/fdic/train/fdic-train.csv";
    s.outputS3Uri = "s3://fraud-models/monitoring/";
    s.dataClassification = "HighlyConfidential";
    change.accept(s);
    DataQualityMonitor m = new DataQualityMonitor();
    m.setMetadata(new ObjectMetaBuilder().withName("bank-failure-drift").withNamespace(NAMESPACE)
        .build());
    m.setSpec(s);
    return m;
  }

  static DataQualityMonitor monitor() {
    return monitor(s -> {});
  }

  /** Retraining from a compliant template (label trigger=drift), changed by {@code change}. */
  static Consumer<DataQualityMonitorSpec> retrain(
      Consumer<TrainingJobTemplateSpec> change) {
    return m -> {
      m.onDrift = new DataQualityMonitorSpec.OnDrift();
      m.onDrift.retrain = new DataQualityMonitorSpec.Retrain();
      m.onDrift.retrain.labels.put("trigger", "drift");
      TrainingJobTemplateSpec t = new TrainingJobTemplateSpec();
      t.image = REGISTRY + "xgboost:1.7-1";
      t.inputs = new ArrayList<>(List.of(new TrainingJobTemplateSpec.Channel("train",
          "s3://fraud-data/fdic/train/", "text/csv")));
      t.output = new TrainingJobTemplateSpec.Output("s3://fraud-models/artifacts/");
      t.resources = new TrainingJobTemplateSpec.Resources();
      t.resources.instanceType = "ml.m5.xlarge";
      t.maxRuntime = "2h";
      t.dataClassification = "HighlyConfidential";
      change.accept(t);
      m.onDrift.retrain.template = t;
    };
  }

  static ModelEndpointSpec.ModelSource source(String image, String modelDataUrl) {
    ModelEndpointSpec.ModelSource m = new ModelEndpointSpec.ModelSource();
    m.image = image;
    m.modelDataUrl = modelDataUrl;
    return m;
  }

  static ModelEndpointSpec.ModelSource fromTrainingJob(String job) {
    ModelEndpointSpec.ModelSource m = new ModelEndpointSpec.ModelSource();
    m.fromTrainingJob = job;
    return m;
  }

  static ModelEndpointSpec.Variant variant(String name, String instanceType, int count) {
    ModelEndpointSpec.Variant v = new ModelEndpointSpec.Variant();
    v.name = name;
    v.instanceType = instanceType;
    v.instanceCount = count;
    return v;
  }

  /** Turns on spot with valid settings, for cases that change one spot field. */
  static void spot(SecureTrainingJobSpec s) {
    s.spot = new SecureTrainingJobSpec.Spot();
    s.spot.enabled = true;
    s.spot.maxWait = "4h";
    s.spot.checkpointS3Uri = "s3://fraud-models/checkpoints/";
  }

  static SecureTrainingJobSpec.Security security(SecureTrainingJobSpec s) {
    if (s.security == null) {
      s.security = new SecureTrainingJobSpec.Security();
    }
    return s.security;
  }

  static CompliancePolicySpec.Rule rule(String name, String expression, String message) {
    return new CompliancePolicySpec.Rule(name, expression, message);
  }

  static Violation v(String field, String rule, String message) {
    return new Violation(field, rule, message);
  }

  /** A violation of the resource's own CRD schema, reported before any policy rule. */
  static Violation schema(String field, String message) {
    return new Violation(field, PolicyEngine.SCHEMA_VIOLATION, message);
  }

  static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder().addNewMatchExpression().withKey(key)
        .withOperator(operator).withValues(values).endMatchExpression().build();
  }
}
