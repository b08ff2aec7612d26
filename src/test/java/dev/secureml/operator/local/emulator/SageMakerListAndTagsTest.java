package dev.secureml.operator.local.emulator;

import static dev.secureml.operator.local.emulator.TrainingJobRequests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/** ListTrainingJobs paging and filters; AddTags and ListTags. */
class SageMakerListAndTagsTest {
  private static AwsEmulator emulator;
  private static SageMakerClient sageMaker;

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(1));
    sageMaker = AwsTestClients.sageMaker(emulator.endpoint());
    for (int i = 1; i <= 7; i++) {
      sageMaker.createTrainingJob(valid("list-job-" + i).build());
    }
    sageMaker.createTrainingJob(valid("other-job").build());
  }

  @AfterAll
  static void stop() {
    sageMaker.close();
    emulator.close();
  }

  @Test
  void pagesThroughJobsNewestFirst() {
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListTrainingJobsResponse page = sageMaker.listTrainingJobs(b -> b.maxResults(3)
          .nameContains("LIST-JOB").nextToken(next));
      page.trainingJobSummaries().forEach(s -> names.add(s.trainingJobName()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("list-job-7", "list-job-6", "list-job-5", "list-job-4",
        "list-job-3", "list-job-2", "list-job-1");
  }

  @Test
  void sdkPaginatorSeesEveryJobOnce() {
    List<String> names = sageMaker.listTrainingJobsPaginator(b -> b.maxResults(2)
            .sortOrder(SortOrder.ASCENDING)).trainingJobSummaries().stream()
        .map(TrainingJobSummary::trainingJobName).toList();
    assertThat(names).startsWith("list-job-1", "list-job-2").contains("other-job")
        .doesNotHaveDuplicates();
  }

  @Test
  void filtersByStatus() {
    sageMaker.stopTrainingJob(b -> b.trainingJobName("other-job"));
    List<TrainingJobSummary> stopping = sageMaker.listTrainingJobs(b -> b
        .statusEquals(TrainingJobStatus.STOPPING)).trainingJobSummaries();
    assertThat(stopping).extracting(TrainingJobSummary::trainingJobName)
        .containsExactly("other-job");
    assertThat(stopping.get(0).secondaryStatusAsString()).isEqualTo("Stopping");
    assertThat(stopping.get(0).creationTime()).isNotNull();
  }

  @Test
  void rejectsAnUnknownStatusFilter() {
    SageMakerException e = catchThrowableOfType(SageMakerException.class,
        () -> sageMaker.listTrainingJobs(b -> b.statusEquals("Running")));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected:"
        + " Value 'Running' at 'statusEquals' failed to satisfy constraint: Member must satisfy"
        + " enum value set: [InProgress, Completed, Failed, Stopping, Stopped, Deleting]");
  }

  @Test
  void tagsFromCreateAndAddTagsAreListed() {
    String arn = sageMaker.describeTrainingJob(b -> b.trainingJobName("list-job-1"))
        .trainingJobArn();
    sageMaker.addTags(b -> b.resourceArn(arn).tags(
        Tag.builder().key("secureml.dev/uid").value("1234-abcd").build(),
        Tag.builder().key("secureml.dev/namespace").value("fraud-prod").build()));
    List<Tag> tags = sageMaker.listTags(b -> b.resourceArn(arn)).tags();
    assertThat(tags).containsExactly(
        Tag.builder().key("secureml.dev/namespace").value("fraud-prod").build(),
        Tag.builder().key("secureml.dev/uid").value("1234-abcd").build());
  }

  @Test
  void listTagsOfUnknownArnIsNotFound() {
    SageMakerException e = catchThrowableOfType(SageMakerException.class, () -> sageMaker
        .listTags(b -> b.resourceArn("arn:aws:sagemaker:us-east-1:111122223333:training-job/x")));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
  }

  @Test
  void describeIsCaseInsensitiveLikeTheArn() {
    assertThat(sageMaker.describeTrainingJob(b -> b.trainingJobName("LIST-JOB-3"))
        .trainingJobName()).isEqualTo("list-job-3");
  }
}
