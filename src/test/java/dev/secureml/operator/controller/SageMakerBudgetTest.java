package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.compliantJob;
import static dev.secureml.operator.local.sandbox.TestManifests.explicitEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.sagemaker.RateLimiter;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over the operator's SageMaker budget, resources wait for their turn instead of holding a
 * reconcile thread: every one converges, each is created once, and nothing reports a failure
 * (no Warning Event, no Stalled condition). The limiter here waits at most 200 ms, so nearly
 * every call past the one token is put off; the caller comes back a little before its turn and
 * waits the rest, as a ticket is good until its turn and not after.
 */
class SageMakerBudgetTest {
  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  private static RateLimiter tightBudget() {
    return new RateLimiter(3, 1, Duration.ofMillis(200), System::nanoTime,
        TimeUnit.NANOSECONDS::sleep);
  }

  @Test
  void jobsOverTheBudgetWaitTheirTurnAndNothingReportsAFailure() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200), new PolicyEngine(),
        tightBudget()).withExamplePolicy();
    h.stopOperator();
    List<String> names = IntStream.range(0, 6).mapToObj(i -> "queued-" + i).toList();
    names.forEach(n -> h.apply(compliantJob(n)));
    h.startOperator(); // all six ask for CreateTrainingJob at once

    names.forEach(n -> h.awaitPhase(n, "Completed"));

    assertThat(deferred("CreateTrainingJob")).isPositive();
    assertThat(h.emulator.journal().operations("SageMaker.CreateTrainingJob"))
        .filteredOn(JournalEntry::succeeded).hasSize(names.size());
    for (String name : names) {
      SecureTrainingJob job = h.job(name);
      assertThat(h.eventsFor(name)).noneMatch(e -> "Warning".equals(e.getType()));
      assertThat(Conditions.isTrue(job.getStatus().conditions, Conditions.READY)).isTrue();
    }
  }

  @Test
  void endpointsOverTheBudgetComeUpAndGoAwayWithoutAWarning() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200), new PolicyEngine(),
        tightBudget()).withExamplePolicy();
    h.stopOperator();
    List<String> names = IntStream.range(0, 3).mapToObj(i -> "budget-ep-" + i).toList();
    names.forEach(n -> h.apply(explicitEndpoint(n)));
    h.startOperator();

    List<ModelEndpoint> ready = names.stream().map(h::awaitEndpointReady).toList();
    ready.forEach(ep -> h.client.resource(ep).delete());
    await().atMost(Duration.ofSeconds(40))
        .until(() -> names.stream().allMatch(n -> h.endpoint(n) == null));

    assertThat(deferred("DescribeEndpoint") + deferred("CreateModel")
        + deferred("CreateEndpointConfig") + deferred("CreateEndpoint")).isPositive();
    for (ModelEndpoint ep : ready) {
      String name = ep.getMetadata().getName();
      assertThat(h.eventsFor(name)).noneMatch(e -> "Warning".equals(e.getType()));
      assertThat(h.emulator.arnsTagged(OwnershipTags.of(ep.getMetadata().getNamespace(), name,
          ep.getMetadata().getUid()))).isEmpty();
    }
  }

  private double deferred(String operation) {
    Counter counter = h.registry.find("secureml.sagemaker.deferred")
        .tag("operation", operation).counter();
    return counter == null ? 0 : counter.count();
  }
}
