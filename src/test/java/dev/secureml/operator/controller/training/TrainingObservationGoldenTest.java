package dev.secureml.operator.controller.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.controller.StableHash;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.job.JobObserver;
import dev.secureml.operator.controller.job.JobSnapshot;
import dev.secureml.operator.controller.job.ObservationDecision;
import dev.secureml.operator.controller.job.ObservationOutcome;
import dev.secureml.operator.controller.job.Observed;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.Golden;
import dev.secureml.operator.sagemaker.RateLimitedException;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import dev.secureml.operator.sagemaker.SdkJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/**
 * Golden: the training observation decision and the status it leaves. Each directory under
 * controller/training-observation holds job.yaml (spec and the status before), what Describe
 * gave (describe.json, the wire body; or describe-error.json: errorKind, errorCode, message,
 * with NOT_FOUND for no job of that name), and the expected outcome.json and status.json.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files, then review the diff.
 */
class TrainingObservationGoldenTest {
  private static final Path ROOT = Path.of("src", "test", "resources", "controller",
      "training-observation");
  /** Reasons and phases as their wire words, as status shows them. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Clock NOW = Clock.fixed(Instant.parse("2025-11-23T14:00:00Z"),
      ZoneOffset.UTC);
  /** The status mapper alone: no policy engine, no gateway. */
  private static final TrainingJobKind KIND = new TrainingJobKind(null, null);

  static Stream<String> cases() {
    return Golden.cases(ROOT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void observationGivesTheGoldenOutcomeAndStatus(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    SecureTrainingJob job = YAML.readValue(dir.resolve("job.yaml").toFile(),
        SecureTrainingJob.class);
    var status = job.getStatus();
    DescribeTrainingJobResponse described = null;
    Observed observed;
    if (Files.exists(dir.resolve("describe.json"))) {
      described = SdkJson.fromJson(JSON.readTree(dir.resolve("describe.json").toFile()),
          DescribeTrainingJobResponse.class);
      observed = Observed.of(Optional.of(KIND.stateOf(described, status.trainingJobName)));
    } else {
      observed = describeError(JSON.readTree(dir.resolve("describe-error.json").toFile()));
    }

    ObservationOutcome outcome = ObservationDecision.decide(observed,
        JobSnapshot.of(KIND.fields(status)), StableHash.of(job.getSpec()), KIND.noun());
    JobObserver.record(KIND, described, outcome, status, new StatusConditions(NOW),
        job.getMetadata().getGeneration());

    assertMatches(JSON.valueToTree(outcome), dir.resolve("outcome.json"));
    assertMatches(JSON.valueToTree(status), dir.resolve("status.json"));
  }

  /** A failed Describe as the gateway reports it; NOT_FOUND is the gateway's empty answer. */
  private static Observed describeError(JsonNode error) {
    ErrorKind kind = ErrorKind.valueOf(error.path("errorKind").asText());
    if (kind == ErrorKind.NOT_FOUND) {
      return Observed.of(Optional.empty());
    }
    SageMakerCallException e = kind == ErrorKind.RATE_LIMITED
        ? new RateLimitedException("SageMaker", "DescribeTrainingJob",
            Duration.ofMillis(error.path("retryAfterMillis").asLong()))
        : new SageMakerCallException("DescribeTrainingJob", kind,
            error.path("errorCode").asText(), error.path("message").asText(), "req-1", null);
    return Observed.failed(e);
  }

  private static void assertMatches(JsonNode actual, Path golden) throws IOException {
    String actualText = JSON.writeValueAsString(actual) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actualText);
    }
    assertThat(golden).as("golden file %s", golden).exists();
    JsonNode expected = JSON.readTree(golden.toFile());
    if (!expected.equals(actual)) {
      assertThat(actualText).as("golden file %s", golden)
          .isEqualTo(JSON.writeValueAsString(expected) + "\n");
    }
  }
}
