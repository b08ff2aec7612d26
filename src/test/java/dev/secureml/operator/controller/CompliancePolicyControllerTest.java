package dev.secureml.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.CompliancePolicyStatus;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.sandbox.TestManifests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompliancePolicyControllerTest {
  private static final String CREATE_TRAINING_JOB = "SageMaker.CreateTrainingJob";
  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void statusListsBoundNamespacesAndGovernedResources() {
    h = OperatorHarness.start().withExamplePolicy();
    h.apply(TestManifests.nonCompliantJob("governed"));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      CompliancePolicy p = h.policy(TestManifests.POLICY);
      assertThat(p.getStatus().boundNamespaces).containsExactly(TestManifests.NAMESPACE);
      assertThat(p.getStatus().governedResources).extracting(r -> r.name)
          .containsExactly("governed");
      assertThat(Conditions.isTrue(statusOf(p).conditions, Conditions.READY)).isTrue();
    });
  }

  @Test
  void twoPoliciesSelectingOneNamespaceAreReportedAsAConflictAndRejectJobs() {
    h = OperatorHarness.start().withExamplePolicy();
    CompliancePolicy second = TestManifests.examplePolicy();
    second.getMetadata().setName("fraud-team-copy");
    h.apply(second);
    h.apply(TestManifests.compliantJob("torn"));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      CompliancePolicy p = h.policy(TestManifests.POLICY);
      assertThat(p.getStatus().conflicts).singleElement().satisfies(c -> {
        assertThat(c.namespace).isEqualTo(TestManifests.NAMESPACE);
        assertThat(c.policies).containsExactly("fraud-team", "fraud-team-copy");
      });
      assertThat(Conditions.find(statusOf(p).conditions, Conditions.READY).get().getReason())
          .isEqualTo("NamespaceConflict");
    });
    var job = h.awaitPhase("torn", "Rejected");
    assertThat(Conditions.find(job.getStatus().conditions, Conditions.STALLED).get().getMessage())
        .contains("fraud-team, fraud-team-copy");
  }

  @Test
  void aRuleThatDoesNotCompileMakesThePolicyNotReady() {
    h = OperatorHarness.start().withExamplePolicy();
    h.editPolicy(TestManifests.POLICY, p -> {
      p.getSpec().rules.add(new CompliancePolicySpec.Rule("broken", "spec.image.startsWith(",
          "never"));
      return p;
    });

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      CompliancePolicy p = h.policy(TestManifests.POLICY);
      var ready = Conditions.find(statusOf(p).conditions, Conditions.READY).orElseThrow();
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("InvalidPolicy");
      assertThat(ready.getMessage()).contains("broken");
    });
  }

  @Test
  void aTypoInAPolicyMakesItNotReadyAndHoldsItsJobsUntilFixed() {
    h = OperatorHarness.start().withExamplePolicy();
    h.editPolicy(TestManifests.POLICY, p -> {
      p.getSpec().rules.get(0).kinds = List.of("SecureTrainingJobs");
      p.getSpec().instances.allowedTypes.add("ml.m5.xlarge ");
      return p;
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var ready = Conditions.find(statusOf(h.policy(TestManifests.POLICY)).conditions,
          Conditions.READY).orElseThrow();
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("InvalidPolicy");
      assertThat(ready.getMessage()).isEqualTo("policy is invalid: instances.allowedTypes[2] "
          + "'ml.m5.xlarge ' contains whitespace, so it matches no instance type; "
          + "rules[0].kinds[0] SecureTrainingJobs is not a kind the operator governs (did you "
          + "mean SecureTrainingJob?); kinds are SecureTrainingJob, ModelEndpoint, "
          + "DataQualityMonitor");
    });

    h.apply(TestManifests.compliantJob("held"));
    SecureTrainingJob held = h.awaitPhase("held", "Rejected");
    assertThat(Conditions.find(held.getStatus().conditions, Conditions.STALLED).orElseThrow()
        .getMessage()).startsWith("metadata.namespace: CompliancePolicy fraud-team is not "
            + "Ready: instances.allowedTypes[2]");
    assertThat(h.emulator.journal().operations(CREATE_TRAINING_JOB)).isEmpty();

    h.editPolicy(TestManifests.POLICY, p -> {
      p.getSpec().rules.get(0).kinds = List.of("SecureTrainingJob");
      p.getSpec().instances.allowedTypes.remove("ml.m5.xlarge ");
      return p;
    });
    h.awaitPhase("held", "Completed");
    assertThat(h.emulator.journal().operations(CREATE_TRAINING_JOB)).hasSize(1);
  }

  /**
   * The policy's status, failing the assertion (so a wait polls again) until the operator has
   * written one: a policy edited right after it was applied may not have a status yet.
   */
  private static CompliancePolicyStatus statusOf(CompliancePolicy p) {
    assertThat(p.getStatus()).as("status of CompliancePolicy %s", p.getMetadata().getName())
        .isNotNull();
    return p.getStatus();
  }
}
