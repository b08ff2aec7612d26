package dev.secureml.operator.local.sandbox;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.nio.file.Path;
import java.util.List;

/** Fresh copies of the objects in examples/, so tests prove the examples too. */
public final class TestManifests {
  public static final String NAMESPACE = "fraud-models";
  public static final String POLICY = "fraud-team";
  private static final Path EXAMPLES = Path.of("examples");

  private TestManifests() {}

  public static Namespace exampleNamespace() {
    return (Namespace) only(load("00-namespace.yaml"));
  }

  public static CompliancePolicy examplePolicy() {
    return (CompliancePolicy) only(load("01-compliance-policy.yaml"));
  }

  /** The compliant example job, renamed. */
  public static SecureTrainingJob compliantJob(String name) {
    SecureTrainingJob job = (SecureTrainingJob) only(load("10-training-job.yaml"));
    job.getMetadata().setName(name);
    return job;
  }

  /** The non-compliant example job, renamed. */
  public static SecureTrainingJob nonCompliantJob(String name) {
    SecureTrainingJob job = (SecureTrainingJob) only(load("11-training-job-noncompliant.yaml"));
    job.getMetadata().setName(name);
    return job;
  }

  /** The example endpoint (deploys the example training job), renamed. */
  public static ModelEndpoint exampleEndpoint(String name) {
    ModelEndpoint endpoint = (ModelEndpoint) only(load("20-model-endpoint.yaml"));
    endpoint.getMetadata().setName(name);
    return endpoint;
  }

  /** The example monitor (watches the example endpoint, retrains on drift), renamed. */
  public static DataQualityMonitor exampleMonitor(String name) {
    DataQualityMonitor monitor = (DataQualityMonitor) only(load("30-data-quality-monitor.yaml"));
    monitor.getMetadata().setName(name);
    return monitor;
  }

  /** An endpoint serving an explicit image and model artifact, one variant, no extras. */
  public static ModelEndpoint explicitEndpoint(String name) {
    ModelEndpoint endpoint = exampleEndpoint(name);
    var spec = endpoint.getSpec();
    spec.model = new ModelEndpointSpec.ModelSource();
    spec.model.image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1";
    spec.model.modelDataUrl = "s3://fraud-models/artifacts/bank-failure/output/model.tar.gz";
    spec.autoscaling = null;
    spec.dataCapture = null;
    spec.instanceCount = 1;
    return endpoint;
  }

  private static List<HasMetadata> load(String file) {
    return new ManifestLoader().loadFile(EXAMPLES.resolve(file));
  }

  private static HasMetadata only(List<HasMetadata> objects) {
    if (objects.size() != 1) {
      throw new IllegalStateException("expected one object, found " + objects.size());
    }
    return objects.get(0);
  }
}
