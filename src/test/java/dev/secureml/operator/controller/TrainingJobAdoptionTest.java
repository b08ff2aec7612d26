package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.compliantJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.sagemaker.OwnershipTags;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerNames;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DataSource;
import software.amazon.awssdk.services.sagemaker.model.S3DataSource;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * A job is submitted with CreateTrainingJob alone; when SageMaker already has a job of its name,
 * the ownership tags decide: the job a lost status write left behind is adopted, another
 * owner's job is a name conflict and is left alone.
 */
class TrainingJobAdoptionTest {
  private static final String CREATE = "SageMaker.CreateTrainingJob";
  private static final Map<String, String> FOREIGN = OwnershipTags.of("other-team", "theirs",
      "0f0f0f0f-0000-4000-8000-000000000000");

  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aJobIsSubmittedWithCreateAloneAndNotLookedUpFirst() {
    h = OperatorHarness.start().withExamplePolicy();
    h.apply(compliantJob("direct"));

    String name = h.awaitPhase("direct", "Completed").getStatus().trainingJobName;

    List<JournalEntry> naming = h.emulator.journal().entries().stream()
        .filter(e -> e.request() != null
            && name.equals(e.request().path("TrainingJobName").asText()))
        .toList();
    assertThat(naming.get(0).target()).isEqualTo(CREATE);
    assertThat(naming.get(0).succeeded()).isTrue();
    assertThat(naming).filteredOn(e -> e.target().equals(CREATE))
        .filteredOn(JournalEntry::succeeded).hasSize(1);
  }

  @Test
  void aJobOfItsNameOwnedByAnotherResourceIsANameConflictAndIsLeftAlone() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(5)).withExamplePolicy();
    h.stopOperator();
    SecureTrainingJob job = h.apply(compliantJob("clash"));
    String name = SageMakerNames.forResource(ResourceOwner.of(job.getMetadata()));
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(h.emulator.endpoint())) {
      sageMaker.createTrainingJob(foreignJob(name));
    }
    h.startOperator();

    SecureTrainingJob stalled = h.awaitJob("clash", j -> j.getStatus() != null
        && Conditions.find(j.getStatus().conditions, Conditions.STALLED)
            .filter(c -> "NameConflict".equals(c.getReason())).isPresent());

    assertThat(stalled.getStatus().trainingJobName).isNull();
    assertThat(stalled.getStatus().phase).isEqualTo("Error");
    assertThat(h.eventsFor("clash")).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("NameConflict");
      assertThat(e.getMessage()).contains(name);
    });
    assertThat(h.emulator.journal().operations(CREATE)).filteredOn(JournalEntry::succeeded)
        .hasSize(1); // theirs
    assertThat(h.emulator.journal().entries()).extracting(JournalEntry::operation)
        .doesNotContain("StopTrainingJob", "AddTags", "DeleteTags");
    assertThat(h.emulator.arnsTagged(FOREIGN)).singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("/" + name.toLowerCase(Locale.ROOT)));
    assertThat(h.emulator.arnsTagged(OwnershipTags.of(job.getMetadata().getNamespace(),
        "clash", job.getMetadata().getUid()))).isEmpty();
  }

  @Test
  void aLostStatusWriteAdoptsTheJobEvenWhenSageMakerWouldNowRefuseTheRequest() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(20)).withExamplePolicy();
    h.apply(compliantJob("refused"));
    String name = h.awaitJob("refused", j -> j.getStatus() != null
        && j.getStatus().trainingJobName != null).getStatus().trainingJobName;

    h.stopOperator();
    var lost = h.job("refused");
    lost.getStatus().trainingJobName = null; // as if the status write had never landed
    lost.getStatus().trainingJobArn = null;
    h.client.resource(lost).updateStatus();
    // SageMaker checks a request before the name: a Create it refuses says nothing of the job.
    h.emulator.refuse("CreateTrainingJob", request -> true, "1 validation error detected: "
        + "Value 'x' at 'hyperParameters' failed to satisfy constraint");
    h.startOperator();

    SecureTrainingJob done = h.awaitPhase("refused", "Completed");
    assertThat(done.getStatus().trainingJobName).isEqualTo(name);
    assertThat(h.eventReasons("refused")).contains("Adopted").doesNotContain(
        "SageMakerValidation");
    assertThat(h.emulator.journal().operations(CREATE)).filteredOn(JournalEntry::succeeded)
        .hasSize(1);
  }

  /** A job another owner created under that name, tagged as theirs. */
  private static CreateTrainingJobRequest foreignJob(String name) {
    return CreateTrainingJobRequest.builder()
        .trainingJobName(name)
        .roleArn("arn:aws:iam::111122223333:role/other-team-execution")
        .algorithmSpecification(AlgorithmSpecification.builder()
            .trainingImage("111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1")
            .trainingInputMode("File").build())
        .inputDataConfig(Channel.builder().channelName("train")
            .dataSource(DataSource.builder().s3DataSource(S3DataSource.builder()
                .s3DataType("S3Prefix").s3Uri("s3://other-data/train/").build()).build())
            .build())
        .outputDataConfig(o -> o.s3OutputPath("s3://other-models/artifacts/"))
        .resourceConfig(r -> r.instanceType("ml.m5.xlarge").instanceCount(1).volumeSizeInGB(30))
        .stoppingCondition(s -> s.maxRuntimeInSeconds(3600))
        .tags(FOREIGN.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
        .build();
  }
}
