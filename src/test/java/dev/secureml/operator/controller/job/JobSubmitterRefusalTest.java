package dev.secureml.operator.controller.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.controller.TransientRetry;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.RateLimitedException;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a Create refused as invalid leads to, as the lookup for an owned job goes. */
class JobSubmitterRefusalTest {
  private static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:training-job/j";

  private static SageMakerCallException refused() {
    return new SageMakerCallException("CreateTrainingJob", ErrorKind.TERMINAL,
        "ValidationException", "1 validation error detected", "req-1", null);
  }

  @Test
  void anOwnedJobOfThatNameIsAdopted() {
    OwnedResources.Created created = JobSubmitter.adoptAfterRefusal(refused(),
        () -> Optional.of(ARN));

    assertThat(created).isEqualTo(new OwnedResources.Created(ARN, true));
  }

  @Test
  void withNoOwnedJobTheRefusalIsReported() {
    SageMakerCallException refused = refused();

    assertThatThrownBy(() -> JobSubmitter.adoptAfterRefusal(refused, Optional::empty))
        .isSameAs(refused);
  }

  @Test
  void aLookupDeniedForGoodReportsTheRefusalWithTheLookupAttached() {
    SageMakerCallException refused = refused();
    SageMakerCallException denied = new SageMakerCallException("DescribeTrainingJob",
        ErrorKind.TERMINAL, "AccessDeniedException", "not authorized", "req-2", null);

    assertThatThrownBy(() -> JobSubmitter.adoptAfterRefusal(refused, () -> {
      throw denied;
    })).isSameAs(refused).satisfies(e -> assertThat(e.getSuppressed()).containsExactly(denied));
  }

  @Test
  void aLookupPutOffByTheRateLimiterIsRetriedAtItsTurnAndKeepsTheRefusal() {
    SageMakerCallException refused = refused();
    RateLimitedException putOff = new RateLimitedException("SageMaker",
        "DescribeTrainingJob", Duration.ofSeconds(3));

    assertThatThrownBy(() -> JobSubmitter.adoptAfterRefusal(refused, () -> {
      throw putOff;
    })).isSameAs(putOff).satisfies(e -> assertThat(e.getSuppressed()).containsExactly(refused));
    assertThat(TransientRetry.deferral(putOff)).isPresent(); // rescheduled, not reported
  }

  @Test
  void aThrottledLookupIsRetriedNotReported() {
    SageMakerCallException refused = refused();
    SageMakerCallException throttled = new SageMakerCallException("DescribeTrainingJob",
        ErrorKind.THROTTLED, "ThrottlingException", "Rate exceeded", "req-3", null);

    assertThatThrownBy(() -> JobSubmitter.adoptAfterRefusal(refused, () -> {
      throw throttled;
    })).isSameAs(throttled).satisfies(e -> assertThat(e.getSuppressed()).containsExactly(refused));
  }
}
