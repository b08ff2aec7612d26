package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.compliantJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.NamespaceInfo;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedSettings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The framework's error-status hook: an exception the controller did not expect (here from its
 * policy engine) becomes Stalled/InternalError in status with a one-line message, is retried
 * with backoff, is announced once per streak, and the resource recovers once the cause is gone.
 */
class InternalErrorStatusTest {
  private static final String SECRET = "S3cretPassw0rd";

  /** A policy engine that throws while told to, as a broken dependency would. */
  static final class FailingEngine extends PolicyEngine {
    final AtomicBoolean failing = new AtomicBoolean(true);
    final AtomicInteger failures = new AtomicInteger();

    @Override
    public Decision<ResolvedSettings> evaluateTrainingJob(SecureTrainingJob job,
        NamespaceInfo ns, List<CompliancePolicy> policies) {
      if (failing.get()) {
        failures.incrementAndGet();
        throw new IllegalStateException("policy store unreachable at https://admin:" + SECRET
            + "@policies.internal/\n\tat dev.secureml.somewhere(Somewhere.java:1)");
      }
      return super.evaluateTrainingJob(job, ns, policies);
    }
  }

  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void unexpectedExceptionStallsTheResourceOnceAndIsRetriedUntilItsCauseIsGone() {
    FailingEngine engine = new FailingEngine();
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200), engine)
        .withExamplePolicy();
    h.apply(compliantJob("xgb"));

    SecureTrainingJob failed = h.awaitJob("xgb", j -> j.getStatus() != null
        && Conditions.find(j.getStatus().conditions, Conditions.STALLED)
            .filter(c -> "InternalError".equals(c.getReason())).isPresent());

    Condition stalled = condition(failed, Conditions.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getMessage()).isEqualTo("IllegalStateException: policy store unreachable "
        + "at https://admin:***@policies.internal/; retrying with backoff");
    assertThat(condition(failed, Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(condition(failed, Conditions.READY).getReason()).isEqualTo("InternalError");
    assertThat(failed.getStatus().phase).isEqualTo("Error");
    assertThat(failed.getStatus().observedGeneration)
        .isEqualTo(failed.getMetadata().getGeneration());
    assertThat(stalled.getObservedGeneration()).isEqualTo(failed.getMetadata().getGeneration());

    // Retried with backoff (the harness caps it at 500 ms), announced once for the streak.
    await().atMost(Duration.ofSeconds(15)).until(() -> engine.failures.get() >= 4);
    List<Event> internal = h.eventsFor("xgb").stream()
        .filter(e -> "InternalError".equals(e.getReason())).toList();
    assertThat(internal).hasSize(1);
    assertThat(internal.get(0).getType()).isEqualTo("Warning");
    assertThat(internal.get(0).getMessage()).doesNotContain(SECRET).doesNotContain("\tat ");

    engine.failing.set(false);
    SecureTrainingJob recovered = h.awaitPhase("xgb", "Completed");
    assertThat(condition(recovered, Conditions.STALLED).getStatus()).isEqualTo("False");
    assertThat(condition(recovered, Conditions.READY).getStatus()).isEqualTo("True");
  }

  @Test
  void messageIsTheTypeAndFirstLineOnlyCutAndRedacted() {
    assertThat(InternalErrors.describe(new NullPointerException())).isEqualTo(
        "NullPointerException");
    assertThat(InternalErrors.describe(new IllegalArgumentException("x".repeat(500))))
        .isEqualTo("IllegalArgumentException: " + "x".repeat(200) + "...");
    assertThat(InternalErrors.describe(new RuntimeException("token=abc123 failed\nsecond line")))
        .isEqualTo("RuntimeException: token=*** failed");
  }

  private static Condition condition(SecureTrainingJob job, String type) {
    return Conditions.find(job.getStatus().conditions, type).orElseThrow();
  }
}
