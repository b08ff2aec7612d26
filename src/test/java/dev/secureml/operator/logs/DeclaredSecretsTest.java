package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.api.TrainingJobTemplateSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredSecretsTest {
  @Test
  void aJobDeclaresItsSecretNamedValuesAndTheCredentialsInsideAnyValue() {
    SecureTrainingJob job = new SecureTrainingJob();
    SecureTrainingJobSpec spec = new SecureTrainingJobSpec();
    spec.image = "AKIAIOSFODNN7EXAMPLE.dkr.ecr.us-east-1.amazonaws.com/evil/miner:1";
    spec.hyperparameters.put("db_password", "Hunter2Secret");
    spec.hyperparameters.put("objective", "binary:logistic");
    spec.hyperparameters.put("max_tokens", "4096000");
    spec.environment.put("HF_TOKEN", "hf_SecretTok3n");
    spec.tags.put("api-token", "TagT0kenValue");
    spec.inputs = List.of(new TrainingJobTemplateSpec.Channel("train",
        "s3://admin:S3cretPassw0rd@fraud-data/x/", null));
    job.setSpec(spec);

    assertThat(DeclaredSecrets.of(job).values()).containsExactlyInAnyOrder("Hunter2Secret",
        "hf_SecretTok3n", "TagT0kenValue", "S3cretPassw0rd", "AKIAIOSFODNN7EXAMPLE");
  }

  @Test
  void anEndpointDeclaresItsEnvironmentSecrets() {
    ModelEndpoint endpoint = new ModelEndpoint();
    endpoint.setSpec(new ModelEndpointSpec());
    endpoint.getSpec().environment.put("DB_PASSWORD", "EndpointPassw0rd");
    endpoint.getSpec().environment.put("SAGEMAKER_MODEL_SERVER_WORKERS", "2");

    assertThat(DeclaredSecrets.of(endpoint).values()).containsExactly("EndpointPassw0rd");
  }

  @Test
  void aMonitorDeclaresTheSecretsOfItsRetrainTemplate() {
    DataQualityMonitor monitor = new DataQualityMonitor();
    monitor.setSpec(new DataQualityMonitorSpec());
    monitor.getSpec().onDrift = new DataQualityMonitorSpec.OnDrift();
    monitor.getSpec().onDrift.retrain = new DataQualityMonitorSpec.Retrain();
    monitor.getSpec().onDrift.retrain.template = new TrainingJobTemplateSpec();
    monitor.getSpec().onDrift.retrain.template.hyperparameters.put("wandb_api_key", "wandb-0123");

    assertThat(DeclaredSecrets.of(monitor).values()).containsExactly("wandb-0123");
  }

  @Test
  void objectsWithoutASpecDeclareNothing() {
    assertThat(DeclaredSecrets.of(new ConfigMap())).isSameAs(DeclaredSecrets.NONE);
    assertThat(DeclaredSecrets.of(new SecureTrainingJob())).isSameAs(DeclaredSecrets.NONE);
  }

  @Test
  void theRedactorItMakesMasksTheValuesInAnyLine() {
    SecureTrainingJob job = new SecureTrainingJob();
    job.setSpec(new SecureTrainingJobSpec());
    job.getSpec().hyperparameters.put("db_password", "Hunter2Secret");
    job.getSpec().hyperparameters.put("flag", "true");
    LogRedactor redactor = DeclaredSecrets.of(job).applyTo(LogRedactor.defaults());

    assertThat(redactor.redact("login svc/Hunter2Secret ok, flag is true"))
        .isEqualTo("login svc/*** ok, flag is true");
  }
}
