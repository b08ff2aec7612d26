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
import dev.secureml.operator.policy.ResolvedTrainingSettings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import dev.secureml.operator.logs.RedactingPrintStream;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.sagemaker.RateLimiter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    public Decision<ResolvedTrainingSettings> evaluateTrainingJob(SecureTrainingJob job,
        NamespaceInfo ns, List<CompliancePolicy> policies) {
      if (failing.get()) {
        failures.incrementAndGet();
        throw new IllegalStateException("policy store unreachable at https://admin:" + SECRET
            + "@policies.internal/\n\tat dev.secureml.somewhere(Somewhere.java:1)");
      }
      return super.evaluateTrainingJob(job, ns, policies);
    }
  }

  /**
   * A rate limiter that lets every SageMaker call through at once, or throws while told to, as
   * a broken dependency inside the gateways would: the exception is not an AWS one.
   */
  static final class FailingLimiter {
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger failures = new AtomicInteger();
    // A clock that never moves: every call after an operation's first asks the sleeper.
    final RateLimiter limiter = new RateLimiter(1e9, 1, () -> 0L, nanos -> {
      if (failing.get()) {
        failures.incrementAndGet();
        throw new IllegalStateException("token cache broken at https://admin:" + SECRET
            + "@vault.internal/\n\tat dev.secureml.somewhere(Somewhere.java:1)");
      }
    });
  }

  /** An engine whose failure quotes a value the job declared under a secret-looking name. */
  static final class QuotingEngine extends PolicyEngine {
    @Override
    public Decision<ResolvedTrainingSettings> evaluateTrainingJob(SecureTrainingJob job,
        NamespaceInfo ns, List<CompliancePolicy> policies) {
      throw new IllegalStateException("cannot judge hyperparameters {" + DECLARED + "}");
    }
  }

  private static final String DECLARED = "Hunter2Secret";
  private OperatorHarness h;
  private PrintStream originalErr;

  @AfterEach
  void tearDown() {
    if (originalErr != null) {
      System.setErr(originalErr);
    }
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
  void unexpectedExceptionWhileDeletingKeepsTheFinalizerIsAnnouncedOnceAndDeletesOnceItsCauseIsGone() {
    FailingLimiter faults = new FailingLimiter();
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200), new PolicyEngine(),
        faults.limiter).withExamplePolicy();
    h.apply(compliantJob("xgb"));
    SecureTrainingJob done = h.awaitPhase("xgb", "Completed");
    Map<String, String> owner = OwnershipTags.of(done.getMetadata().getNamespace(), "xgb",
        done.getMetadata().getUid());
    assertThat(h.emulator.arnsTagged(owner)).isNotEmpty();

    faults.failing.set(true);
    h.client.resource(done).delete();

    // Retried with backoff (the harness caps it at 500 ms), the finalizer kept throughout.
    await().atMost(Duration.ofSeconds(15)).until(() -> faults.failures.get() >= 4);
    SecureTrainingJob stuck = h.job("xgb");
    assertThat(stuck).isNotNull();
    assertThat(stuck.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(stuck.getMetadata().getFinalizers()).isNotEmpty();
    Condition stalled = condition(stuck, Conditions.STALLED);
    assertThat(stalled.getReason()).isEqualTo("InternalError");
    assertThat(stalled.getMessage()).startsWith("IllegalStateException: token cache broken at "
        + "https://admin:***@vault.internal/; the finalizer stays").doesNotContain("\tat ");
    assertThat(stuck.getStatus().phase).isEqualTo("Error");
    List<Event> internal = h.eventsFor("xgb").stream()
        .filter(e -> "InternalError".equals(e.getReason())).toList();
    assertThat(internal).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getMessage()).isEqualTo(stalled.getMessage());
    });

    faults.failing.set(false);
    await().atMost(Duration.ofSeconds(15)).until(() -> h.job("xgb") == null);
    // A training job is never deleted in SageMaker, only stopped: nothing else was made.
    assertThat(h.emulator.arnsTagged(owner)).allMatch(a -> a.contains(":training-job/"));
  }

  @Test
  void internalErrorMessagesMaskTheValuesTheResourceDeclaredSecret() {
    originalErr = System.err;
    ByteArrayOutputStream operatorLog = new ByteArrayOutputStream();
    // As Main does: the operator's own log goes through the redactor to stderr.
    System.setErr(RedactingPrintStream.wrap(new PrintStream(operatorLog, true,
        StandardCharsets.UTF_8)));
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200), new QuotingEngine())
        .withExamplePolicy();
    SecureTrainingJob job = compliantJob("quoted");
    job.getSpec().hyperparameters.put("db_password", DECLARED);
    h.apply(job);

    SecureTrainingJob failed = h.awaitJob("quoted", j -> j.getStatus() != null
        && Conditions.find(j.getStatus().conditions, Conditions.STALLED)
            .filter(c -> "InternalError".equals(c.getReason())).isPresent());
    await().atMost(Duration.ofSeconds(10)).until(() -> h.eventsFor("quoted").stream()
        .anyMatch(e -> "InternalError".equals(e.getReason())));

    assertThat(condition(failed, Conditions.STALLED).getMessage()).isEqualTo(
        "IllegalStateException: cannot judge hyperparameters {***}; retrying with backoff");
    assertThat(Serialization.asJson(failed.getStatus())).doesNotContain(DECLARED);
    assertThat(h.eventsFor("quoted")).allSatisfy(e ->
        assertThat(e.getMessage()).doesNotContain(DECLARED));
    assertThat(operatorLog.toString(StandardCharsets.UTF_8))
        .contains("cannot judge hyperparameters {***}").doesNotContain(DECLARED);
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
