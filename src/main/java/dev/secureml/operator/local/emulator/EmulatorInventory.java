package dev.secureml.operator.local.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What the emulated account holds right now, read straight from the emulator's tables (no API
 * call, so nothing is counted or throttled): SageMaker resources with their status, tags and
 * what they use, Application Auto Scaling's targets and policies, and the training log lines.
 * A chaos run checks the operator's work against it.
 */
public final class EmulatorInventory {
  /**
   * One SageMaker resource.
   *
   * @param type {@code training-job}, {@code model}, {@code endpoint-config}, {@code endpoint},
   *     {@code data-quality-job-definition} or {@code monitoring-schedule}
   * @param status the training job's, endpoint's or schedule's status; null for the others
   * @param uses for an endpoint the configs it serves or is moving to, for a config its models,
   *     for a model its artifacts (ModelDataUrl)
   */
  public record Resource(String type, String name, String status, Map<String, String> tags,
      List<String> uses) {}

  /**
   * A training job's status and, once it has one, the wall-clock instant it reached it.
   *
   * @param ended when it became Completed, Failed or Stopped; null before
   */
  public record JobState(String status, Instant ended) {}

  /** A target-tracking policy (or, with a null name, a scalable target) on a variant. */
  public record Scaling(String resourceId, String policyName) {}

  private final Supplier<Collection<TrainingJob>> jobs;
  private final HostingTables hosting;
  private final MonitoringTables monitoring;
  private final EndpointService endpoints;
  private final AutoScalingService autoScaling;
  private final LogStore logs;

  EmulatorInventory(Supplier<Collection<TrainingJob>> jobs, HostingTables hosting,
      MonitoringTables monitoring, EndpointService endpoints, AutoScalingService autoScaling,
      LogStore logs) {
    this.jobs = jobs;
    this.hosting = hosting;
    this.monitoring = monitoring;
    this.endpoints = endpoints;
    this.autoScaling = autoScaling;
    this.logs = logs;
  }

  /** Every SageMaker resource the account holds now; deleted endpoints are gone. */
  public List<Resource> sageMaker() {
    endpoints.catchUpAll(); // finished deletions leave the table, as DescribeEndpoint would
    List<Resource> all = new ArrayList<>();
    for (TrainingJob job : jobs.get()) {
      all.add(new Resource("training-job", job.name(), job.status(), job.tags(), List.of()));
    }
    hosting.models().all().forEach(m -> all.add(resource("model", m, null,
        m.request().findValuesAsText("ModelDataUrl"))));
    hosting.configs().all().forEach(c -> all.add(resource("endpoint-config", c, null,
        c.request().findValuesAsText("ModelName"))));
    for (Endpoint e : hosting.endpoints().all()) {
      List<String> uses = new ArrayList<>();
      String status;
      synchronized (e) {
        status = e.status();
        if (e.serving() != null) {
          uses.add(e.serving().config().name());
        }
        if (e.change() != null && e.change().target() != null) {
          uses.add(e.change().target().config().name());
        }
      }
      all.add(resource("endpoint", e, status, uses));
    }
    monitoring.definitions().all().forEach(d -> all.add(resource("data-quality-job-definition",
        d, null, List.of())));
    monitoring.schedules().all().forEach(s -> all.add(resource("monitoring-schedule", s,
        s.status(), List.of())));
    return all;
  }

  /** The training job of this name, if the account has it. */
  public Optional<JobState> trainingJob(String name) {
    return jobs.get().stream().filter(j -> j.name().equals(name)).findFirst()
        .map(j -> new JobState(j.status(), j.trainingEnd()));
  }

  /** Scalable targets (policy name null) and scaling policies, by variant resource id. */
  public List<Scaling> scaling() {
    endpoints.catchUpAll(); // a finished endpoint deletion deregisters its targets
    return autoScaling.registrations();
  }

  /**
   * Timestamps of the lines in every stream of {@code group}, by stream name; empty when the
   * group does not exist. Timestamps are unique within a training job's stream.
   */
  public Map<String, List<Long>> logLines(String group) {
    Map<String, List<Long>> lines = new TreeMap<>();
    try {
      List<String> names = logs.streams(group).stream().map(LogStore.StreamInfo::name).toList();
      logs.events(group, names).forEach((stream, events) -> lines.put(stream,
          events.stream().map(LogStore.LogEvent::timestamp).toList()));
    } catch (AwsServiceException noGroup) {
      // no line written yet
    }
    return lines;
  }

  private static Resource resource(String type, HostedResource r, String status,
      List<String> uses) {
    return new Resource(type, r.name(), status, r.tags(), List.copyOf(uses));
  }
}
