package dev.secureml.operator.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureml.operator.api.CompliancePolicy;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec.MonitorEngine;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.controller.PolicyLookup;
import dev.secureml.operator.controller.StatusConditions;
import dev.secureml.operator.controller.monitor.MonitorGate.Admitted;
import dev.secureml.operator.controller.monitor.MonitorGate.Verdict;
import dev.secureml.operator.dataquality.MonitorBaseline;
import dev.secureml.operator.dataquality.ReportReader;
import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.policy.Decision;
import dev.secureml.operator.policy.NamespaceInfo;
import dev.secureml.operator.policy.PolicyEngine;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import dev.secureml.operator.sagemaker.Golden;
import dev.secureml.operator.sagemaker.MonitoringGateway;
import dev.secureml.operator.sagemaker.MonitoringRequestMapper;
import dev.secureml.operator.sagemaker.RateLimiter;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import dev.secureml.operator.sagemaker.SdkJson;
import dev.secureml.operator.testsupport.RecordedEvents;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeMonitoringScheduleResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListMonitoringExecutionsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;

/**
 * Golden cases of the monitor decisions, one directory each under
 * src/test/resources/controller/monitor-sync. Inputs: {@code monitor.yaml} (spec, identity),
 * {@code status.json}, {@code endpoint.yaml} (the endpoint as the informer holds it; absent:
 * none) and SageMaker's answers in the AWS SDK's JSON shape: {@code
 * describe-monitoring-schedule.json} (absent: none of that name), {@code list-tags.json} (the
 * schedule's tags; absent: the monitor's ownership tags), {@code
 * list-monitoring-executions.json}, {@code describe-processing-job.json}.
 *
 * <p>Expected: {@code expected-decision.json} (the gate's verdict, then for Model Monitor the
 * plan, the schedule actions and the runs to record, all from the pure decisions), {@code
 * expected-status.json} (the status the executor leaves) and {@code expected-effects.json} (the
 * SageMaker calls it made, its Events, and what it returned or threw). Every file is compared
 * whole. Run with {@code -Dgolden.update=true} to rewrite the expected files from the current
 * output, then review the diff.
 */
class MonitorSyncGoldenTest {
  private static final Path ROOT = Path.of("src", "test", "resources", "controller",
      "monitor-sync");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** One array element per line, so a changed call or Event is one changed line. */
  private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
      .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final Instant NOW = Instant.parse("2026-03-02T10:20:00Z");
  private static final Duration MIN_POLL = MonitorStates.MIN_POLL;
  private static final Duration MAX_POLL = MonitorStates.MAX_POLL;
  private static final String BASELINE = "s3://fraud-models/monitoring/baseline/0123abcd4567/";

  static Stream<String> cases() {
    return Golden.cases(ROOT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesAndRecordsAsTheGoldenFilesSay(String name) {
    new Case(ROOT.resolve(name)).check();
  }

  /** One directory: its inputs, a fake SageMaker answering from them, what was seen. */
  private static final class Case {
    private final Path dir;
    private final DataQualityMonitor monitor;
    private final DataQualityMonitorStatus status;
    private final Optional<DescribeMonitoringScheduleResponse> schedule;
    private final List<String> calls = new ArrayList<>();
    private final RecordedEvents events = new RecordedEvents();
    private final StatusConditions conditions =
        new StatusConditions(Clock.fixed(NOW, ZoneOffset.UTC));

    Case(Path dir) {
      this.dir = dir;
      this.monitor = Serialization.unmarshal(read("monitor.yaml"), DataQualityMonitor.class);
      this.status = Serialization.unmarshal(read("status.json"),
          DataQualityMonitorStatus.class);
      monitor.setStatus(status);
      this.schedule = optional("describe-monitoring-schedule.json",
          DescribeMonitoringScheduleResponse.class);
    }

    void check() {
      ObjectNode decision = NODES.objectNode();
      ObjectNode effects = NODES.objectNode();
      MonitorGate.ScheduleCheck check = MonitorGate.schedule(monitor.getSpec());
      Decision<ResolvedMonitorSettings> policy = check.refusal() != null ? null
          : new PolicyEngine().evaluateDataQualityMonitor(monitor, namespace(), policies());
      Verdict verdict = check.refusal() != null ? check.refusal()
          : MonitorGate.decide(monitor, policy, endpoint());
      decision.set("gate", tree(verdict));
      if (verdict instanceof Admitted admitted
          && monitor.getSpec().engine == MonitorEngine.ModelMonitor) {
        status.endpointName = admitted.endpointName();
        decideSchedule(decision, check.schedule(), policy.settings());
        syncSchedule(effects, check.schedule(), policy.settings());
      } else {
        effects.set("returned", text(steps().reconcile(monitor, status, null)));
      }
      effects.set("calls", JSON.valueToTree(calls));
      effects.set("events", JSON.valueToTree(events.lines()));
      assertMatches(decision, "expected-decision.json");
      assertMatches(Serialization.jsonMapper().valueToTree(status), "expected-status.json");
      assertMatches(effects, "expected-effects.json");
    }

    /** The pure decisions on what the executor observes: schedule actions, then runs. */
    private void decideSchedule(ObjectNode decision, MonitorSchedule cron,
        ResolvedMonitorSettings settings) {
      ResourceOwner owner = ResourceOwner.of(monitor.getMetadata());
      String scheduleName = MonitoringRequestMapper.scheduleName(monitor, owner.uid());
      SchedulePlan plan = new SchedulePlan(scheduleName, definition(settings).jobDefinitionName(),
          cron.cronExpression().orElseThrow());
      Optional<ObservedSchedule> observed = schedule.map(d -> ObservedSchedule.of(scheduleName,
          d, owner.owns(sageMaker().tagsOf(d.monitoringScheduleArn()))));
      List<ScheduleAction> actions = ScheduleDecision.decide(observed, status, plan);
      decision.set("plan", tree(plan));
      decision.set("actions", tree(actions));
      if (!(actions.get(0) instanceof ScheduleAction.ReportNameConflict)) {
        decision.set("runs", tree(ScheduleRuns.decide(executions().monitoringExecutionSummaries(),
            DriftAlerts.lastRecorded(status), cron,
            actions.get(actions.size() - 1) instanceof ScheduleAction.Settle, NOW, MIN_POLL,
            MAX_POLL)));
      }
    }

    /** The executor against the fake SageMaker: its calls, Events, status and outcome. */
    private void syncSchedule(ObjectNode effects, MonitorSchedule cron,
        ResolvedMonitorSettings settings) {
      ModelMonitorSync sync = new ModelMonitorSync(new MonitoringGateway(sageMaker(),
          new RateLimiter(1000, 1000, new AtomicLong()::get, n -> { }),
          new SimpleMeterRegistry()), new ReportReader(new S3ObjectStore(emptyS3())), events,
          MonitorStates.fresh(), Clock.fixed(NOW, ZoneOffset.UTC));
      try {
        effects.set("returned", tree(sync.step(monitor, status, cron, baseline(), settings)));
      } catch (RuntimeException e) {
        effects.put("threw", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }

    private CreateDataQualityJobDefinitionRequest definition(ResolvedMonitorSettings settings) {
      return MonitoringRequestMapper.toJobDefinitionRequest(monitor, settings,
          status.endpointName, BASELINE + "constraints.json", BASELINE + "statistics.json",
          monitor.getMetadata().getUid());
    }

    private static MonitorBaseline baseline() {
      return new MonitorBaseline("0123abcd4567", new Statistics(0, List.of()),
          new Constraints(List.of(), Constraints.MonitoringConfig.defaults()),
          BASELINE + "statistics.json", BASELINE + "constraints.json", null, List.of());
    }

    /** Gate cases stop before any I/O: nothing past the endpoint check is reached. */
    private MonitorReconcileSteps steps() {
      Optional<ModelEndpoint> endpoint = endpoint();
      return new MonitorReconcileSteps(new PolicyEngine(), new PolicyLookup(null, null) {
        @Override
        public List<CompliancePolicy> policies() {
          return Case.policies();
        }

        @Override
        public NamespaceInfo namespace(String name) {
          return Case.namespace();
        }
      }, (ns, ref) -> endpoint.filter(e -> e.getMetadata().getName().equals(ref)), null,
          null, null, null, null, events, conditions);
    }

    private static List<CompliancePolicy> policies() {
      return List.of(TestManifests.examplePolicy());
    }

    private static NamespaceInfo namespace() {
      var ns = TestManifests.exampleNamespace();
      return new NamespaceInfo(ns.getMetadata().getName(), ns.getMetadata().getLabels());
    }

    private Optional<ModelEndpoint> endpoint() {
      return Files.exists(dir.resolve("endpoint.yaml"))
          ? Optional.of(Serialization.unmarshal(read("endpoint.yaml"), ModelEndpoint.class))
          : Optional.empty();
    }


    private ListMonitoringExecutionsResponse executions() {
      return optional("list-monitoring-executions.json", ListMonitoringExecutionsResponse.class)
          .orElse(ListMonitoringExecutionsResponse.builder().build());
    }

    /** SageMaker answering from the case's files and remembering every call. */
    private FakeModelMonitorApi sageMaker() {
      return new FakeModelMonitorApi(ResourceOwner.of(monitor.getMetadata()), schedule,
          optional("list-tags.json", ListTagsResponse.class), executions(),
          optional("describe-processing-job.json", DescribeProcessingJobResponse.class), calls);
    }

    /** An S3 that holds no reports. */
    private S3Client emptyS3() {
      return new S3Client() {
        @Override
        public ResponseBytes<GetObjectResponse> getObjectAsBytes(GetObjectRequest r) {
          calls.add("S3 GetObject s3://" + r.bucket() + "/" + r.key());
          throw NoSuchKeyException.builder().statusCode(404).awsErrorDetails(
              AwsErrorDetails.builder().errorCode("NoSuchKey").build()).build();
        }

        @Override
        public String serviceName() {
          return "s3";
        }

        @Override
        public void close() {}
      };
    }

    private <T extends SdkPojo> Optional<T> optional(String file, Class<T> type) {
      Path path = dir.resolve(file);
      if (!Files.exists(path)) {
        return Optional.empty();
      }
      try {
        return Optional.of(SdkJson.fromJson(JSON.readTree(path.toFile()), type));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String read(String file) {
      try {
        return Files.readString(dir.resolve(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void assertMatches(JsonNode actual, String file) {
      Path golden = dir.resolve(file);
      try {
        String actualText = PRETTY.writeValueAsString(actual) + "\n";
        if (Boolean.getBoolean("golden.update")) {
          Files.writeString(golden, actualText);
        }
        JsonNode expected = JSON.readTree(golden.toFile());
        if (!expected.equals(actual)) {
          assertThat(actualText).as("golden file %s", golden)
              .isEqualTo(PRETTY.writeValueAsString(expected) + "\n");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Records (actions, verdicts, outcomes, reports) as JSON: a record's components by name, its
   * type as "type" when it is one of several; times and durations as text.
   */
  static JsonNode tree(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Instant || value instanceof Duration || value instanceof Enum<?>) {
      return NODES.textNode(value.toString());
    }
    if (value instanceof Collection<?> items) {
      ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(tree(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
      return object;
    }
    if (value.getClass().isRecord()) {
      ObjectNode object = NODES.objectNode();
      if (value.getClass().getEnclosingClass() != null) {
        object.put("type", value.getClass().getSimpleName());
      }
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true);
          object.set(c.getName(), tree(c.getAccessor().invoke(value)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return object;
    }
    return JSON.valueToTree(value);
  }

  private static JsonNode text(Object value) {
    return value == null ? NODES.nullNode() : NODES.textNode(value.toString());
  }
}
