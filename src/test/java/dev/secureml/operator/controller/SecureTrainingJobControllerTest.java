package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.compliantJob;
import static dev.secureml.operator.local.sandbox.TestManifests.nonCompliantJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.SecureTrainingJobStatus;

import io.fabric8.kubernetes.api.model.HasMetadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DeletionPolicy;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SecureTrainingJob controller end to end: embedded API server + AWS emulator. */
class SecureTrainingJobControllerTest {
  private static final String CREATE = "SageMaker.CreateTrainingJob";
  private static final String STOP = "SageMaker.StopTrainingJob";

  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void compliantJobCompletesWithThePolicysSettingsOnTheRequest() {
    h = OperatorHarness.start().withExamplePolicy();
    h.apply(compliantJob("xgb"));

    SecureTrainingJob done = h.awaitPhase("xgb", "Completed");

    var status = done.getStatus();
    assertThat(status.trainingJobName).matches("fraud-models-xgb-[0-9a-f]{12}");
    assertThat(status.trainingJobArn).endsWith(":training-job/" + status.trainingJobName);
    assertThat(status.sageMakerStatus).isEqualTo("Completed");
    assertThat(status.secondaryStatusTransitions).extracting(t -> t.status)
        .containsSubsequence("Starting", "Downloading", "Training", "Uploading", "Completed");
    assertThat(status.modelArtifacts).isEqualTo("s3://fraud-models/artifacts/"
        + status.trainingJobName + "/output/model.tar.gz");
    assertThat(status.observedGeneration).isEqualTo(done.getMetadata().getGeneration());
    assertThat(condition(done, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(condition(done, Conditions.COMPLIANT).getStatus()).isEqualTo("True");
    assertThat(condition(done, Conditions.STALLED).getStatus()).isEqualTo("False");
    assertThat(status.appliedPolicy.policy).isEqualTo("fraud-team");
    assertThat(status.appliedPolicy.roleArn)
        .isEqualTo("arn:aws:iam::111122223333:role/fraud-sagemaker-execution");
    assertThat(h.eventReasons("xgb")).contains("Created", "Training", "Completed");

    List<JsonNode> creates = requests(CREATE);
    assertThat(creates).hasSize(1);
    JsonNode req = creates.get(0);
    String key = "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-eeee-7777-dddd6666cccc";
    assertThat(req.path("RoleArn").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/fraud-sagemaker-execution");
    assertThat(texts(req.path("VpcConfig").path("Subnets")))
        .containsExactly("subnet-0a1b2c3d", "subnet-0e4f5a6b");
    assertThat(texts(req.path("VpcConfig").path("SecurityGroupIds"))).containsExactly("sg-0c1d2e3f");
    assertThat(req.path("OutputDataConfig").path("KmsKeyId").asText()).isEqualTo(key);
    assertThat(req.path("ResourceConfig").path("VolumeKmsKeyId").asText()).isEqualTo(key);
    assertThat(req.path("EnableNetworkIsolation").asBoolean()).isTrue();
    assertThat(req.path("EnableInterContainerTrafficEncryption").asBoolean()).isTrue();
    assertThat(tags(req)).containsEntry("cost-center", "CC-1234")
        .containsEntry("data-owner", "fraud-analytics")
        .containsEntry("project", "bank-failure")
        .containsEntry("secureml.dev/namespace", "fraud-models")
        .containsEntry("secureml.dev/name", "xgb")
        .containsEntry("secureml.dev/uid", done.getMetadata().getUid());
  }

  @Test
  void nonCompliantJobIsStalledWithEveryViolationAndNothingIsCreated() {
    h = OperatorHarness.start().withExamplePolicy();
    h.apply(nonCompliantJob("bigbox"));

    SecureTrainingJob rejected = h.awaitPhase("bigbox", "Rejected");

    Condition stalled = condition(rejected, Conditions.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("PolicyViolation");
    assertThat(stalled.getMessage())
        .contains("spec.resources.instanceType", "ml.p4d.24xlarge")
        .contains("spec.image", "docker.io/library/xgboost:latest");
    assertThat(condition(rejected, Conditions.COMPLIANT).getStatus()).isEqualTo("False");
    assertThat(rejected.getStatus().trainingJobName).isNull();
    assertThat(h.eventReasons("bigbox")).contains("PolicyViolation");
    assertThat(requests(CREATE)).isEmpty();
  }

  @Test
  void rejectedJobIsAdmittedOnceThePolicyAllowsIt() {
    h = OperatorHarness.start().withExamplePolicy();
    var job = nonCompliantJob("later");
    job.getSpec().image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1";
    h.apply(job);
    h.awaitPhase("later", "Rejected");

    h.editPolicy("fraud-team", p -> {
      p.getSpec().instances.allowedTypes.add("ml.p4d.*");
      return p;
    });

    h.awaitPhase("later", "Completed");
    assertThat(requests(CREATE)).hasSize(1);
  }

  @Test
  void failingTrainingEndsStalledWithSageMakersReason() {
    h = OperatorHarness.start().withExamplePolicy();
    var job = compliantJob("broken");
    job.getSpec().image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-fail";
    h.apply(job);

    SecureTrainingJob failed = h.awaitPhase("broken", "Failed");

    assertThat(failed.getStatus().failureReason).isNotBlank();
    Condition stalled = condition(failed, Conditions.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("TrainingFailed");
    assertThat(stalled.getMessage()).contains(failed.getStatus().failureReason);
    assertThat(h.eventReasons("broken")).contains("TrainingFailed");
  }

  @Test
  void deletingARunningJobStopsItInSageMaker() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(5)).withExamplePolicy();
    h.apply(compliantJob("doomed"));
    SecureTrainingJob running = h.awaitJob("doomed", j -> j.getStatus() != null
        && "InProgress".equals(j.getStatus().sageMakerStatus));
    String name = running.getStatus().trainingJobName;

    h.client.resource(running).delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> h.job("doomed") == null);
    assertThat(requests(STOP)).singleElement()
        .satisfies(r -> assertThat(r.path("TrainingJobName").asText()).isEqualTo(name));
  }

  @Test
  void deletingAJobWhoseRecordedNameIsHeldByAnotherOwnerLeavesThatJobRunning() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(5)).withExamplePolicy();
    h.apply(compliantJob("theirs"));
    String foreign = h.awaitJob("theirs", j -> j.getStatus() != null
        && "InProgress".equals(j.getStatus().sageMakerStatus)).getStatus().trainingJobName;

    // A resource whose status names the other owner's job (restored from a backup, edited):
    // written while the operator is down, then deleted.
    h.stopOperator();
    var mine = compliantJob("mine");
    mine.getMetadata().setFinalizers(List.of(
        HasMetadata.getFullResourceName(SecureTrainingJob.class) + "/finalizer"));
    mine = h.apply(mine);
    mine.setStatus(new SecureTrainingJobStatus());
    mine.getStatus().trainingJobName = foreign;
    mine.getStatus().phase = "InProgress";
    h.client.resource(mine).updateStatus();
    h.client.resource(mine).delete();
    h.startOperator();

    await().atMost(Duration.ofSeconds(20)).until(() -> h.job("mine") == null);
    assertThat(requests(STOP)).isEmpty();
    assertThat(h.eventsFor("mine")).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("NotOwned");
      assertThat(e.getMessage()).isEqualTo("left SageMaker training job " + foreign
          + " untouched: it is not owned by this resource");
    });
    assertThat(h.job("theirs").getStatus().sageMakerStatus).isEqualTo("InProgress");
  }

  @Test
  void retainLeavesTheJobRunningWhenTheResourceIsDeleted() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(5)).withExamplePolicy();
    var job = compliantJob("kept");
    job.getSpec().deletionPolicy = DeletionPolicy.Retain;
    h.apply(job);
    SecureTrainingJob running = h.awaitJob("kept", j -> j.getStatus() != null
        && "InProgress".equals(j.getStatus().sageMakerStatus));

    h.client.resource(running).delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> h.job("kept") == null);
    assertThat(requests(STOP)).isEmpty();
  }

  @Test
  void operatorRestartMidFlightCreatesNoSecondJob() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(20)).withExamplePolicy();
    h.apply(compliantJob("restart"));
    h.awaitJob("restart", j -> j.getStatus() != null && j.getStatus().trainingJobName != null);

    h.stopOperator();
    h.startOperator();

    h.awaitPhase("restart", "Completed");
    assertThat(requests(CREATE)).hasSize(1);
  }

  @Test
  void lostStatusWriteAdoptsTheExistingJobInsteadOfCreatingAnother() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(20)).withExamplePolicy();
    h.apply(compliantJob("adopt"));
    SecureTrainingJob submitted = h.awaitJob("adopt",
        j -> j.getStatus() != null && j.getStatus().trainingJobName != null);
    String name = submitted.getStatus().trainingJobName;

    h.stopOperator();
    var lost = h.job("adopt");
    lost.getStatus().trainingJobName = null; // as if the status write had never landed
    lost.getStatus().trainingJobArn = null;
    h.client.resource(lost).updateStatus();
    h.startOperator();

    SecureTrainingJob done = h.awaitPhase("adopt", "Completed");
    assertThat(done.getStatus().trainingJobName).isEqualTo(name);
    assertThat(requests(CREATE)).hasSize(1);
    assertThat(h.eventReasons("adopt")).contains("Adopted");
  }

  @Test
  void throttledSageMakerStillConverges() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200).withThrottleRate(0.5))
        .withExamplePolicy();
    h.apply(compliantJob("busy"));

    h.awaitPhase("busy", "Completed");

    assertThat(h.emulator.journal().entries()).anySatisfy(
        e -> assertThat(e.errorCode()).isEqualTo("ThrottlingException"));
    assertThat(h.emulator.journal().operations(CREATE).stream()
        .filter(e -> e.errorCode() == null).count()).isEqualTo(1);
  }

  @Test
  void changingTheSpecAfterSubmissionIsRefusedAsSpecImmutable() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(5)).withExamplePolicy();
    h.apply(compliantJob("frozen"));
    h.awaitJob("frozen", j -> j.getStatus() != null && j.getStatus().trainingJobName != null);

    h.editJob("frozen", j -> {
      j.getSpec().hyperparameters.put("max_depth", "9");
      return j;
    });

    SecureTrainingJob stalled = h.awaitJob("frozen", j ->
        "SpecImmutable".equals(condition(j, Conditions.STALLED).getReason()));
    assertThat(condition(stalled, Conditions.STALLED).getStatus()).isEqualTo("True");
    assertThat(requests(CREATE)).hasSize(1);
  }

  @Test
  void metricsCountSageMakerCallsAndJobsByPhase() {
    h = OperatorHarness.start().withExamplePolicy();
    h.apply(compliantJob("counted"));
    h.awaitPhase("counted", "Completed");

    String scrape = h.registry.scrape();
    assertThat(scrape).contains("secureml_sagemaker_calls_total{")
        .contains("operation=\"CreateTrainingJob\"")
        .contains("secureml_resources{kind=\"SecureTrainingJob\",phase=\"Completed\"} 1.0");
  }

  private List<JsonNode> requests(String operation) {
    return h.emulator.journal().operations(operation).stream()
        .filter(e -> e.errorCode() == null)
        .map(e -> e.request()).toList();
  }

  private static Condition condition(SecureTrainingJob job, String type) {
    return Conditions.find(job.getStatus().conditions, type)
        .orElse(new Condition(null, null, null, null, "Unknown", type));
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static Map<String, String> tags(JsonNode request) {
    var map = new java.util.LinkedHashMap<String, String>();
    request.path("Tags").forEach(t -> map.put(t.path("Key").asText(), t.path("Value").asText()));
    return map;
  }
}
