package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.LogStatus;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointStatus;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.api.SecureTrainingJobStatus;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.kube.EmbeddedKubernetes;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.testsupport.AwsTestClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/** `logs` against the embedded Kubernetes API and the emulator's CloudWatch Logs. */
class LogsCommandTest {
  private static final String NS = TestManifests.NAMESPACE;
  private static final String TRAINING = "/aws/sagemaker/TrainingJobs";

  @TempDir
  static Path dir;
  private static AwsEmulator emulator;
  private static EmbeddedKubernetes kube;
  private static CloudWatchLogsClient cloudWatch;
  private static String previousKubeconfig;

  /** Well inside CloudWatch's accepted range, and before any --since cut-off used below. */
  private final long base = Instant.now().minus(Duration.ofMinutes(5)).toEpochMilli();

  @BeforeAll
  static void start() throws Exception {
    emulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(200));
    kube = EmbeddedKubernetes.start("127.0.0.1", 0);
    cloudWatch = AwsTestClients.logs(emulator.endpoint());
    previousKubeconfig = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", kube.writeKubeconfig(dir.resolve("kubeconfig")).toString());
  }

  @AfterAll
  static void stop() {
    if (previousKubeconfig == null) {
      System.clearProperty("kubeconfig");
    } else {
      System.setProperty("kubeconfig", previousKubeconfig);
    }
    cloudWatch.close();
    kube.close();
    emulator.close();
  }

  @Test
  void printsAllStreamsOfATrainingJobMergedInTimeOrder() {
    trainingJob(NS, "merged", "fraud-models-merged-a1b2c3", null);
    String algo1 = "fraud-models-merged-a1b2c3/algo-1-1700000000";
    String algo2 = "fraud-models-merged-a1b2c3/algo-2-1700000000";
    put(TRAINING, algo1, base, "a1 first", base + 2000, "a1 second", base + 4000, "a1 third\n");
    put(TRAINING, algo2, base + 1000, "a2 first", base + 3000, "a2 second");
    // Another job whose name starts the same: its stream must not show up.
    put(TRAINING, "fraud-models-merged-a1b2c3x/algo-1-1700000000", base + 1500, "not mine");

    Run run = run("stj/merged", "-n", NS);

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out.lines()).containsExactly(
        algo1 + " " + Instant.ofEpochMilli(base) + " a1 first",
        algo2 + " " + Instant.ofEpochMilli(base + 1000) + " a2 first",
        algo1 + " " + Instant.ofEpochMilli(base + 2000) + " a1 second",
        algo2 + " " + Instant.ofEpochMilli(base + 3000) + " a2 second",
        algo1 + " " + Instant.ofEpochMilli(base + 4000) + " a1 third");
  }

  @Test
  void usesTheKubeconfigNamespaceAndTheLongKindName() {
    trainingJob("default", "here", "default-here-0f0f0f", null);
    put(TRAINING, "default-here-0f0f0f/algo-1-1700000000", base, "hello");

    Run run = run("securetrainingjob/here");

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).endsWith(" hello\n");
  }

  @Test
  void sinceKeepsOnlyRecentLines() {
    trainingJob(NS, "recent", "fraud-models-recent-123456", null);
    long now = System.currentTimeMillis();
    put(TRAINING, "fraud-models-recent-123456/algo-1-1700000000",
        now - Duration.ofMinutes(30).toMillis(), "old", now - Duration.ofMinutes(2).toMillis(),
        "new");

    Run run = run("stj/recent", "-n", NS, "--since", "10m");

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out.lines()).hasSize(1).allMatch(l -> l.endsWith(" new"));
  }

  @Test
  void readsAnEndpointsGroupAndToleratesAStreamGoneSinceStatusWasWritten() {
    LogStatus logs = new LogStatus();
    logs.group = "/aws/sagemaker/Endpoints/fraud-models-scoring-abcdef";
    var gone = new LogStatus.StreamCheckpoint();
    gone.name = "AllTraffic/i-0deleted";
    logs.streams.add(gone);
    endpoint("scoring", "fraud-models-scoring-abcdef", logs);
    put(logs.group, "AllTraffic/i-0abc", base, "GET /ping 200");
    put(logs.group, "AllTraffic/i-0def", base + 10, "POST /invocations 200");

    Run run = run("mep/scoring", "-n", NS);

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out.lines()).containsExactly(
        "AllTraffic/i-0abc " + Instant.ofEpochMilli(base) + " GET /ping 200",
        "AllTraffic/i-0def " + Instant.ofEpochMilli(base + 10) + " POST /invocations 200");
  }

  @Test
  void derivesTheEndpointGroupWhenNothingWasForwardedYet() {
    endpoint("fresh", "fraud-models-fresh-fedcba", null);
    put("/aws/sagemaker/Endpoints/fraud-models-fresh-fedcba", "AllTraffic/i-0aaa", base, "up");

    Run run = run("modelendpoint/fresh", "-n", NS);

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).isEqualTo("AllTraffic/i-0aaa " + Instant.ofEpochMilli(base) + " up\n");
  }

  @Test
  void followsNewLinesAndNewStreamsUntilInterrupted() throws Exception {
    trainingJob(NS, "live", "fraud-models-live-777777", null);
    String algo1 = "fraud-models-live-777777/algo-1-1700000000";
    put(TRAINING, algo1, base, "epoch 1");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = cli(out, err);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread follower = new Thread(() -> exit.set(cli.execute("stj/live", "-n", NS, "-f",
        "--poll-interval", "100ms", "--aws-endpoint", emulator.endpoint().toString(),
        "--region", "us-east-1")), "logs-follow");
    follower.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("epoch 1"));
      put(TRAINING, algo1, base + 1000, "epoch 2");
      put(TRAINING, "fraud-models-live-777777/algo-2-1700000000", base + 2000, "worker 2 up");
      await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("worker 2 up"));
    } finally {
      follower.interrupt();
      follower.join(Duration.ofSeconds(20).toMillis());
    }

    assertThat(follower.isAlive()).isFalse();
    assertThat(exit.get()).as(err.toString()).isZero();
    assertThat(out.toString().lines()).extracting(l -> l.substring(l.lastIndexOf(' ') + 1))
        .containsExactly("1", "2", "up");
  }

  @Test
  void saysSoWhenThereAreNoLogsYet() {
    trainingJob(NS, "quiet", "fraud-models-quiet-000000", null);

    Run run = run("stj/quiet", "-n", NS);

    assertThat(run.exit).isZero();
    assertThat(run.out).isEmpty();
    assertThat(run.err).contains("no logs yet in /aws/sagemaker/TrainingJobs "
        + "(streams fraud-models-quiet-000000/*)");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      pod/x           | cannot show logs of 'pod/x': the kind must be stj (securetrainingjob) or mep
      stj             | 'stj' is not a KIND/NAME reference
      stj/            | 'stj/' names no resource; use stj/<name>
      mep/a/b         | 'mep/a/b' names no resource; use mep/<name>
      stj/nope        | securetrainingjob fraud-models/nope not found
      mep/nope        | modelendpoint fraud-models/nope not found
      """)
  void refusesBadReferences(String reference, String message) {
    Run run = run(reference, "-n", NS);
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).startsWith("error: " + message);
    assertThat(run.out).isEmpty();
  }

  @Test
  void refusesResourcesNotSubmittedToSageMaker() {
    SecureTrainingJobStatus rejected = new SecureTrainingJobStatus();
    rejected.phase = "Rejected";
    SecureTrainingJob job = TestManifests.compliantJob("rejected");
    client().resource(job).create();
    job = client().resources(SecureTrainingJob.class).inNamespace(NS).withName("rejected").get();
    job.setStatus(rejected);
    client().resource(job).updateStatus();
    client().resource(TestManifests.exampleEndpoint("pending")).create();

    Run stj = run("stj/rejected", "-n", NS);
    Run mep = run("mep/pending", "-n", NS);

    assertThat(stj.exit).isEqualTo(2);
    assertThat(stj.err).isEqualTo("error: securetrainingjob fraud-models/rejected has no "
        + "SageMaker training job yet (phase Rejected)\n");
    assertThat(mep.exit).isEqualTo(2);
    assertThat(mep.err).isEqualTo("error: modelendpoint fraud-models/pending has no SageMaker "
        + "endpoint yet (not reconciled yet)\n");
  }

  @Test
  void refusesAMalformedSince() {
    Run run = run("stj/x", "--since", "ten minutes");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("is not a duration");
  }

  @Test
  void failsClearlyWhenCloudWatchCannotBeReached() {
    trainingJob(NS, "unreachable", "fraud-models-unreachable-111111", null);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = cli(out, err).execute("stj/unreachable", "-n", NS, "--aws-endpoint",
        "http://127.0.0.1:1", "--region", "us-east-1");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: cannot read CloudWatch Logs "
        + "/aws/sagemaker/TrainingJobs (streams fraud-models-unreachable-111111/*) in us-east-1");
  }

  private static KubernetesClient client() {
    return kube.client();
  }

  private static void trainingJob(String ns, String name, String sageMakerName, LogStatus logs) {
    SecureTrainingJob job = TestManifests.compliantJob(name);
    job.getMetadata().setNamespace(ns);
    client().resource(job).create();
    job = client().resources(SecureTrainingJob.class).inNamespace(ns).withName(name).get();
    SecureTrainingJobStatus status = new SecureTrainingJobStatus();
    status.phase = "Training";
    status.trainingJobName = sageMakerName;
    status.trainingJobArn = "arn:aws:sagemaker:us-east-1:111122223333:training-job/"
        + sageMakerName;
    status.logs = logs;
    job.setStatus(status);
    client().resource(job).updateStatus();
  }

  private static void endpoint(String name, String sageMakerName, LogStatus logs) {
    client().resource(TestManifests.exampleEndpoint(name)).create();
    ModelEndpoint endpoint = client().resources(ModelEndpoint.class).inNamespace(NS)
        .withName(name).get();
    ModelEndpointStatus status = new ModelEndpointStatus();
    status.phase = "InService";
    status.endpointName = sageMakerName;
    status.logs = logs;
    endpoint.setStatus(status);
    client().resource(endpoint).updateStatus();
  }

  /** PutLogEvents of (timestamp, message) pairs, creating the group and stream as needed. */
  private static void put(String group, String stream, Object... timesAndMessages) {
    try {
      cloudWatch.createLogGroup(b -> b.logGroupName(group));
    } catch (ResourceAlreadyExistsException exists) {
      // shared by the tests' jobs
    }
    try {
      cloudWatch.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
    } catch (ResourceAlreadyExistsException exists) {
      // appending to it
    }
    List<InputLogEvent> events = new ArrayList<>();
    for (int i = 0; i < timesAndMessages.length; i += 2) {
      events.add(InputLogEvent.builder().timestamp((Long) timesAndMessages[i])
          .message((String) timesAndMessages[i + 1]).build());
    }
    cloudWatch.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(events));
  }

  private static CommandLine cli(StringWriter out, StringWriter err) {
    CommandLine cli = new CommandLine(new LogsCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--aws-endpoint", emulator.endpoint().toString(), "--region",
        "us-east-1"));
    int exit = cli(out, err).execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  record Run(int exit, String out, String err) {}
}
