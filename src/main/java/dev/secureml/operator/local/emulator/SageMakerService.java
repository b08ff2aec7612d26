package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The SageMaker API: training jobs (create, describe, stop, list) and tags on every resource;
 * Model Monitor and hosting operations go on to {@link MonitoringService} and
 * {@link HostingService}.
 */
final class SageMakerService implements JsonRpcService {
  static final String NOT_FOUND = "Requested resource not found.";

  /** Keyed by lower-case name: names differing only in case collide, as their ARNs do. */
  private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final EmulatedClock clock;
  private final TrainingJobLifecycle lifecycle;
  private final String arnPrefix;
  private final JsonRpcService hosting;
  private final SageMakerTags tags;

  /**
   * @param resources finds every other taggable resource by ARN (null when there is none)
   * @param hosting serves every operation that is not about training jobs or tags
   */
  SageMakerService(String region, String accountId, EmulatedClock clock,
      TrainingJobLifecycle lifecycle, Function<String, Taggable> resources,
      JsonRpcService hosting) {
    this.clock = clock;
    this.lifecycle = lifecycle;
    this.arnPrefix = "arn:aws:sagemaker:" + region + ":" + accountId + ":training-job/";
    this.hosting = hosting;
    this.tags = new SageMakerTags(arn -> arn.startsWith(arnPrefix)
        ? jobs.get(arn.substring(arnPrefix.length()).toLowerCase(Locale.ROOT))
        : resources.apply(arn));
  }

  /** Every training job, in no particular order. */
  Collection<TrainingJob> jobs() {
    return jobs.values();
  }

  @Override
  public JsonNode invoke(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateTrainingJob" -> create(request);
      case "DescribeTrainingJob" -> TrainingJobView.describe(current(find(request)));
      case "StopTrainingJob" -> {
        lifecycle.stop(find(request));
        yield Json.object();
      }
      case "ListTrainingJobs" -> list(request);
      case "AddTags" -> tags.add(request);
      case "ListTags" -> tags.list(request);
      case "DeleteTags" -> tags.delete(request);
      default -> hosting.invoke(operation, request);
    };
  }

  private JsonNode create(JsonNode request) {
    SageMakerValidator.validateCreateTrainingJob(request);
    String name = request.get("TrainingJobName").asText();
    String key = name.toLowerCase(Locale.ROOT);
    String arn = arnPrefix + key;
    TrainingJob job = new TrainingJob(name, arn, request.deepCopy(), clock.now(),
        sequence.incrementAndGet());
    if (jobs.putIfAbsent(key, job) != null) {
      throw new AwsServiceException("ResourceInUse", "Training job names must be unique within"
          + " an AWS account and region, and a training job with this name already exists ("
          + arn + ")");
    }
    lifecycle.track(job);
    return Json.object().put("TrainingJobArn", arn);
  }

  private TrainingJob find(JsonNode request) {
    String name = Json.text(request, "TrainingJobName");
    TrainingJob job = jobs.get(name.toLowerCase(Locale.ROOT));
    if (job == null) {
      throw AwsServiceException.validation(NOT_FOUND);
    }
    return job;
  }

  /** Brings a job up to the present before it is shown, so reads never lag the ticker. */
  private TrainingJob current(TrainingJob job) {
    lifecycle.catchUp(job);
    return job;
  }

  private JsonNode list(JsonNode request) {
    String status = Json.text(request, "StatusEquals");
    String sortBy = Json.text(request, "SortBy");
    String sortOrder = Json.text(request, "SortOrder");
    int max = ListRequests.maxResults(request);
    String contains = Json.text(request, "NameContains");
    Comparator<TrainingJob> order = switch (sortBy == null ? "CreationTime" : sortBy) {
      case "Name" -> Comparator.comparing((TrainingJob j) -> j.name().toLowerCase(Locale.ROOT));
      case "Status" -> Comparator.comparing(TrainingJob::status)
          .thenComparingLong(TrainingJob::sequence);
      default -> Comparator.comparingLong(TrainingJob::sequence);
    };
    if (!"Ascending".equals(sortOrder)) {
      order = order.reversed();
    }
    List<TrainingJob> matching = jobs.values().stream()
        .map(this::current)
        .filter(j -> status == null || j.status().equals(status))
        .filter(j -> contains == null
            || j.name().toLowerCase(Locale.ROOT).contains(contains.toLowerCase(Locale.ROOT)))
        .filter(j -> ListRequests.within(j.creationTime(), request, "CreationTimeAfter",
            "CreationTimeBefore"))
        .filter(j -> ListRequests.within(j.lastModified(), request, "LastModifiedTimeAfter",
            "LastModifiedTimeBefore"))
        .sorted(order).toList();
    return ListRequests.page(matching, request, max, "TrainingJobSummaries", TrainingJob::name,
        TrainingJobView::summary);
  }
}
