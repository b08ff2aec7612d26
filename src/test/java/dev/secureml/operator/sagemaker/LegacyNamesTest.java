package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The legacy names are exactly those the previous release gave the golden cases (copied from
 * its golden request files), so a part it created is recognised after an upgrade.
 */
class LegacyNamesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "single-variant, fraud-models-bank-failure-endpoint-710b68,"
          + " fraud-models-bank-failure-endpoint-710b68-26dde7ee,"
          + " fraud-models-bank-failure-endpoint-710b68-AllTraffic-45871ad0",
      "canary-two-variants, marketing-ml-churn-b59189, marketing-ml-churn-b59189-0e772897,"
          + " marketing-ml-churn-b59189-blue-4b9fe498 marketing-ml-churn-b59189-canary-fa83122e",
      "nvme-no-vpc-no-capture, research-sandbox-demo-10de1b,"
          + " research-sandbox-demo-10de1b-753e33e1,"
          + " research-sandbox-demo-10de1b-AllTraffic-1af16a2b"})
  void recognisesTheConfigAndModelsOfThePreviousRelease(String golden, String endpoint,
      String config, String models) {
    HostingPlan legacy = LegacyNames.hostingPlan(HostingPlannerTest.planNamed(golden, endpoint));

    assertThat(legacy.endpointName()).isEqualTo(endpoint);
    assertThat(legacy.endpointConfigName()).isEqualTo(config);
    assertThat(legacy.endpointConfig().endpointConfigName()).isEqualTo(config);
    assertThat(legacy.modelNames()).isEqualTo(List.of(models.split(" ")));
    assertThat(legacy.endpointConfig().productionVariants())
        .extracting(v -> v.modelName()).containsExactlyElementsOf(legacy.variants().stream()
            .map(HostingPlan.Variant::modelName).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "basic, fraud-models-bank-failure-drift-5fcbed, "
          + "fraud-models-bank-failure-drift-5fcbed-f33019",
      "defaults, retail-models-churn-drift-d0ac4d, retail-models-churn-drift-d0ac4d-96481c",
      "nvme-audit-no-vpc, risk-models-risk-drift-e12b03, risk-models-risk-drift-e12b03-b06a3a"})
  void recognisesTheScheduleAndJobDefinitionOfThePreviousRelease(String golden,
      String schedule, String definition) {
    assertThat(LegacyNames.schedule(ResourceOwner.of(
        MonitoringRequestMapperTest.monitor(golden).getMetadata()))).isEqualTo(schedule);
    assertThat(LegacyNames.jobDefinition(schedule,
        MonitoringRequestMapperTest.jobDefinitionFor(golden))).isEqualTo(definition);
  }
}
