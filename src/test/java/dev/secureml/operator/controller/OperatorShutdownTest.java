package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.compliantJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.NamespaceInfo;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedTrainingSettings;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping the operator (a pod's SIGTERM) lets a reconcile in flight finish its SageMaker calls
 * before the AWS clients close. Otherwise the call fails on the closed client and the status
 * the reconcile still writes can mark the spec as refused by SageMaker, which the next operator
 * never retries: a chaos run found a SecureTrainingJob stuck in phase Error that way.
 */
class OperatorShutdownTest {
  private OperatorHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aReconcileInFlightWhenTheOperatorStopsStillCreatesItsJob() throws Exception {
    CountDownLatch judging = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PolicyEngine slow = new PolicyEngine() {
      @Override
      public Decision<ResolvedTrainingSettings> evaluateTrainingJob(SecureTrainingJob job,
          NamespaceInfo ns, List<CompliancePolicy> policies) {
        judging.countDown();
        awaitUninterruptibly(release); // as a slow call would, interrupted or not
        return super.evaluateTrainingJob(job, ns, policies);
      }
    };
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(20), slow)
        .withExamplePolicy();
    h.apply(compliantJob("in-flight"));
    assertThat(judging.await(30, TimeUnit.SECONDS)).isTrue();

    Thread stopping = new Thread(h::stopOperator, "stopping");
    stopping.start();
    stopping.join(300); // the stop has begun (it returns at once when it does not wait)
    release.countDown();
    stopping.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(stopping.isAlive()).isFalse();
    assertThat(h.emulator.journal().operations("SageMaker.CreateTrainingJob"))
        .filteredOn(JournalEntry::succeeded).hasSize(1);
    SecureTrainingJob job = h.job("in-flight");
    assertThat(job.getStatus().trainingJobName).isNotNull();
    assertThat(job.getStatus().phase).isNotEqualTo("Error");
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
