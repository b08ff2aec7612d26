package dev.secureml.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import dev.secureml.operator.logs.RedactionScope;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusConditionsTest {
  private final StatusConditions conditions = new StatusConditions(Clock.systemUTC());

  private static SecureTrainingJob jobDeclaring(String password) {
    SecureTrainingJob job = new SecureTrainingJob();
    job.setSpec(new SecureTrainingJobSpec());
    job.getSpec().hyperparameters.put("db_password", password);
    return job;
  }

  private static String message(List<Condition> s, String type) {
    return Conditions.find(s, type).map(Condition::getMessage).orElseThrow();
  }

  @Test
  void messagesAreMaskedWithTheReconciledResourcesSecrets() {
    List<Condition> s = new ArrayList<>();
    try (RedactionScope scope = RedactionScope.open(jobDeclaring("Hunter2Secret"))) {
      conditions.stalled(s, Reason.SAGEMAKER_VALIDATION,
          "Value 'Hunter2Secret' at 'hyperParameters' failed", 1L);
      conditions.inProgress(s, Reason.THROTTLED, "s3://a:S3cretPassw0rd@b/ busy", 1L);
    }
    assertThat(message(s, Conditions.STALLED)).isEqualTo("s3://a:***@b/ busy");
    assertThat(s).extracting(Condition::getMessage)
        .noneMatch(m -> m.contains("Hunter2Secret") || m.contains("S3cretPassw0rd"));
  }

  @Test
  void aRepeatedProblemIsRecognisedThoughItsStoredMessageIsMasked() {
    List<Condition> s = new ArrayList<>();
    String problem = "Value 'Hunter2Secret' at 'hyperParameters' failed";
    try (RedactionScope scope = RedactionScope.open(jobDeclaring("Hunter2Secret"))) {
      assertThat(conditions.stalledAnew(s, Reason.SAGEMAKER_VALIDATION, problem, 1L)).isTrue();
      assertThat(conditions.stalledAnew(s, Reason.SAGEMAKER_VALIDATION, problem, 1L)).isFalse();
    }
    assertThat(message(s, Conditions.STALLED))
        .isEqualTo("Value '***' at 'hyperParameters' failed");
  }
}
