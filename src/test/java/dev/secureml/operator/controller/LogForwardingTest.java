package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.compliantJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.api.LogForwarding;
import dev.secureml.operator.api.SecureTrainingJob;
import com.sun.net.httpserver.HttpServer;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.logs.ForwardedLine;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** Log forwarding through the whole operator: status, sinks, Events, restarts. */
class LogForwardingTest {
  private static final String GROUP = "/aws/sagemaker/TrainingJobs";
  private static final String TOKEN = "Bearer s3cr3t-sink-token";

  private OperatorHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aCompletedJobsLinesAreAllForwardedAndItsStatusKeepsTheCheckpoints() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(100)).withExamplePolicy();
    h.apply(compliantJob("logged"));

    SecureTrainingJob done = h.awaitJob("logged", j -> j.getStatus() != null
        && j.getStatus().logs != null && !j.getStatus().logs.streams.isEmpty()
        && j.getStatus().logs.streams.stream().allMatch(s -> Boolean.TRUE.equals(s.finished)));

    var logs = done.getStatus().logs;
    assertThat(logs.group).isEqualTo(GROUP);
    assertThat(logs.streams).hasSize(2).allSatisfy(s ->
        assertThat(s.name).startsWith(done.getStatus().trainingJobName + "/algo-"));
    long inCloudWatch = countEvents(done.getStatus().trainingJobName);
    assertThat(logs.linesForwarded).isEqualTo(inCloudWatch);
    assertThat(h.forwarded.stream().filter(l -> l.name().equals("logged")).count())
        .isEqualTo(inCloudWatch);
    assertThat(logs.tail).isNotEmpty().hasSizeLessThanOrEqualTo(20);
  }

  @Test
  void everyLineIsForwardedExactlyOnceAcrossAnOperatorRestart() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(15)).withExamplePolicy();
    h.apply(compliantJob("restarted"));
    await().atMost(Duration.ofSeconds(30)).until(() -> h.forwarded.size() > 20);

    h.stopOperator(); // mid-stream: the job is still writing
    h.startOperator();

    SecureTrainingJob done = h.awaitJob("restarted", j -> j.getStatus().logs != null
        && !j.getStatus().logs.streams.isEmpty()
        && j.getStatus().logs.streams.stream().allMatch(s -> Boolean.TRUE.equals(s.finished)));
    List<String> ids = h.forwarded.stream().filter(l -> l.name().equals("restarted"))
        .map(ForwardedLine::eventId).toList();
    assertThat(Set.copyOf(ids)).hasSameSizeAs(ids); // no line twice
    assertThat((long) ids.size()).isEqualTo(countEvents(done.getStatus().trainingJobName));
  }

  @Test
  void aFailedJobGetsErrorEventsAndOneEventWithItsLastLines() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(100)).withExamplePolicy();
    var job = compliantJob("crashed");
    job.getSpec().image = job.getSpec().image.replace("1.7-1", "1.7-fail");
    h.apply(job);

    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
      List<Event> events = h.eventsFor("crashed");
      assertThat(events).extracting(Event::getReason).contains("LogError", "FailureLogs");
      assertThat(events.stream().filter(e -> "FailureLogs".equals(e.getReason())))
          .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("exit code 1"));
    });
    long logErrors = h.eventsFor("crashed").stream()
        .filter(e -> "LogError".equals(e.getReason())).count();
    assertThat(logErrors).isLessThanOrEqualTo(4); // de-duplicated and rate-limited
  }

  @Test
  void forwardingCanBeTurnedOffPerResource() {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(100)).withExamplePolicy();
    var job = compliantJob("quiet");
    job.getSpec().logs = new LogForwarding();
    job.getSpec().logs.forward = false;
    h.apply(job);

    SecureTrainingJob done = h.awaitPhase("quiet", "Completed");

    assertThat(done.getStatus().logs).isNull();
    assertThat(h.forwarded).noneMatch(l -> l.name().equals("quiet"));
  }

  @Test
  void aSinkThatRejectsTheLinesRaisesOneWarningAndGetsThemAllOnceItAcceptsThem()
      throws IOException {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(100)).withExamplePolicy();
    h.apply(new SecretBuilder().withNewMetadata().withName("log-sink")
        .withNamespace(TestManifests.NAMESPACE).endMetadata()
        .addToStringData("Authorization", TOKEN).build());
    AtomicBoolean accepting = new AtomicBoolean();
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/ingest", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = accepting.get() ? 200 : 401;
      if (status == 200) {
        body.lines().forEach(received::add);
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/ingest");
      h.restartOperator(logs -> logs
          .withHttpSink(url, TestManifests.NAMESPACE + "/log-sink", 100)
          .withForwarder(logs.forwarder().withRejectedRetry(Duration.ofSeconds(1),
              Duration.ofSeconds(2))));
      h.apply(compliantJob("rejected"));

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(h.eventsFor("rejected")).extracting(Event::getReason)
              .contains("LogSinkRejected"));
      h.awaitPhase("rejected", "Completed");
      await().atMost(Duration.ofSeconds(20)).until(() -> h.registry
          .find("secureml.logs.sink.rejections").counters().stream()
          .mapToDouble(c -> c.count()).sum() >= 4); // both streams, each retried
      List<Event> warnings = h.eventsFor("rejected").stream()
          .filter(e -> "LogSinkRejected".equals(e.getReason())).toList();
      assertThat(warnings).singleElement().satisfies(e -> {
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getMessage()).contains("http:127.0.0.1:" + receiver.getAddress().getPort())
            .contains("401").doesNotContain(TOKEN);
      });
      assertThat(h.forwarded).noneMatch(l -> l.name().equals("rejected"));

      accepting.set(true); // the receiver is repaired; the operator is not restarted
      SecureTrainingJob done = h.awaitJob("rejected", j -> j.getStatus().logs != null
          && !j.getStatus().logs.streams.isEmpty()
          && j.getStatus().logs.streams.stream().allMatch(s -> Boolean.TRUE.equals(s.finished)));
      long inCloudWatch = countEvents(done.getStatus().trainingJobName);
      assertThat(done.getStatus().logs.linesForwarded).isEqualTo(inCloudWatch);
      assertThat(received).hasSize((int) inCloudWatch);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(h.eventsFor("rejected")).extracting(Event::getReason)
              .containsOnlyOnce("LogSinkResumed"));
    } finally {
      receiver.stop(0);
    }
  }

  private long countEvents(String trainingJobName) {
    try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder()
        .endpointOverride(h.emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test", "test"))).build()) {
      var streams = logs.describeLogStreams(r -> r.logGroupName(GROUP)
          .logStreamNamePrefix(trainingJobName + "/")).logStreams().stream()
          .map(s -> s.logStreamName()).collect(Collectors.toList());
      long total = 0;
      for (String stream : streams) {
        String token = null;
        while (true) {
          final String from = token;
          var page = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(stream)
              .startFromHead(true).nextToken(from));
          total += page.events().size();
          if (page.nextForwardToken().equals(token)) {
            break;
          }
          token = page.nextForwardToken();
        }
      }
      return total;
    }
  }
}
