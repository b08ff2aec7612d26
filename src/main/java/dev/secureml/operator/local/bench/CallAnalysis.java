package dev.secureml.operator.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureml.operator.local.bench.PhaseResult.Latency;
import dev.secureml.operator.local.bench.PhaseResult.OperationRow;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.CallCounter.OperationCalls;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.sagemaker.OwnershipTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the emulator's journal and call counts into the figures a phase reports. */
final class CallAnalysis {
  private static final String CREATE = "SageMaker.CreateTrainingJob";
  /** The least an endpoint needs: three creates, one describe while Creating, one InService. */
  private static final Map<String, Double> ENDPOINT_MINIMUM = Map.of("CreateModel", 1.0,
      "CreateEndpointConfig", 1.0, "CreateEndpoint", 1.0, "DescribeEndpoint", 2.0);

  private final AwsEmulator emulator;
  private final List<JournalEntry> creates;

  CallAnalysis(AwsEmulator emulator) {
    this.emulator = emulator;
    this.creates = emulator.journal().operations(CREATE).stream()
        .filter(JournalEntry::succeeded).toList();
  }

  /** Apply -> accepted CreateTrainingJob, by the ownership tags the request carries. */
  Latency createLatency(Map<String, Instant> applied) {
    List<Long> millis = new ArrayList<>();
    for (JournalEntry e : creates) {
      Instant sent = applied.get(owner(e.request()));
      if (sent != null) {
        millis.add(Duration.between(sent, e.time()).toMillis());
      }
    }
    Collections.sort(millis);
    return new Latency(percentile(millis, 0.50), percentile(millis, 0.95),
        percentile(millis, 0.99), percentile(millis, 1.0));
  }

  Instant firstCreate() {
    return creates.stream().map(JournalEntry::time).min(Instant::compareTo).orElse(null);
  }

  Instant lastCreate() {
    return creates.stream().map(JournalEntry::time).max(Instant::compareTo).orElse(null);
  }

  /** The most CreateTrainingJob calls accepted for one SageMaker job name. */
  long createsPerJobMax() {
    return createsByName().values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  long jobsWithoutCreate(int jobs) {
    return Math.max(0, jobs - createsByName().size());
  }

  private Map<String, Long> createsByName() {
    Map<String, Long> byName = new HashMap<>();
    creates.forEach(e -> byName.merge(e.request().path("TrainingJobName").asText(), 1L,
        Long::sum));
    return byName;
  }

  /** Per SageMaker operation, the calls per job or endpoint against the minimum. */
  List<OperationRow> rows(int jobs, int endpoints, double rate, int burst) {
    double describeMinimum = emulator.trainingJobStatusHistory().values().stream()
        .mapToInt(List::size).average().orElse(0);
    long secondBudget = rate == 0 ? 0 : (long) Math.floor(burst + rate);
    List<OperationRow> rows = new ArrayList<>();
    for (OperationCalls c : emulator.calls().snapshot()) {
      if (!c.target().startsWith("SageMaker.")) {
        continue;
      }
      String operation = c.target().substring("SageMaker.".length());
      boolean training = operation.contains("TrainingJob") || endpoints == 0;
      int resources = training ? jobs : endpoints;
      Double minimum = training
          ? operation.equals("CreateTrainingJob") ? Double.valueOf(1.0)
              : operation.equals("DescribeTrainingJob") ? Double.valueOf(describeMinimum) : null
          : ENDPOINT_MINIMUM.get(operation);
      rows.add(new OperationRow(operation, c.total(), c.accepted(), c.refused(),
          c.throttled(), c.serverErrors(), training ? "job" : "endpoint",
          c.total() / (double) resources, minimum, c.busiestSecondAll(), secondBudget));
    }
    return rows;
  }

  long throttles() {
    return emulator.calls().snapshot().stream().mapToLong(OperationCalls::throttled).sum();
  }

  private static String owner(JsonNode request) {
    String namespace = null;
    String name = null;
    for (JsonNode tag : request.path("Tags")) {
      String key = tag.path("Key").asText();
      if (key.equals(OwnershipTags.NAMESPACE)) {
        namespace = tag.path("Value").asText();
      } else if (key.equals(OwnershipTags.NAME)) {
        name = tag.path("Value").asText();
      }
    }
    return BenchWorkload.key(namespace, name);
  }

  static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
