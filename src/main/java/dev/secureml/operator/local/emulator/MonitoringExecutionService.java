package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * ListMonitoringExecutions and DescribeProcessingJob, for the processing jobs that monitoring
 * schedules run. Executions of a deleted schedule leave the list; their processing jobs can
 * still be described.
 */
final class MonitoringExecutionService implements JsonRpcService {

  /** An execution as it was when the list was asked for, so sorting sees stable values. */
  private record Row(MonitoringExecution execution, ObjectNode summary, String status,
      Instant scheduledTime, Instant lastModified) {}

  private final MonitoringTables tables;
  private final MonitoringScheduler scheduler;
  private final JsonRpcService next;

  MonitoringExecutionService(MonitoringTables tables, MonitoringScheduler scheduler,
      JsonRpcService next) {
    this.tables = tables;
    this.scheduler = scheduler;
    this.next = next;
  }

  @Override
  public JsonNode invoke(String operation, JsonNode request) {
    return switch (operation) {
      case "ListMonitoringExecutions" -> list(request);
      case "DescribeProcessingJob" -> MonitoringView.describeProcessingJob(find(request));
      default -> next.invoke(operation, request);
    };
  }

  private MonitoringExecution find(JsonNode request) {
    String name = Json.text(request, "ProcessingJobName");
    MonitoringExecution execution = tables.processingJobs().get(name.toLowerCase(Locale.ROOT));
    if (execution == null) {
      throw AwsServiceException.validation("Could not find requested job with name " + name);
    }
    scheduler.catchUp(execution);
    return execution;
  }

  private JsonNode list(JsonNode request) {
    String status = Json.text(request, "StatusEquals");
    String sortBy = Json.text(request, "SortBy");
    String sortOrder = Json.text(request, "SortOrder");
    String type = Json.text(request, "MonitoringTypeEquals");
    int max = ListRequests.maxResults(request);
    String schedule = Json.text(request, "MonitoringScheduleName");
    String endpoint = Json.text(request, "EndpointName");
    String definition = Json.text(request, "MonitoringJobDefinitionName");
    Comparator<Row> order = switch (sortBy == null ? "ScheduledTime" : sortBy) {
      case "Status" -> Comparator.comparing(Row::status);
      case "CreationTime", "ScheduledTime" -> Comparator.comparing(Row::scheduledTime);
      default -> throw new IllegalStateException(sortBy);
    };
    order = order.thenComparingLong(r -> r.execution().sequence());
    if (!"Ascending".equals(sortOrder)) {
      order = order.reversed();
    }
    List<Row> rows = tables.processingJobs().values().stream()
        .filter(e -> tables.schedules().byArn(e.schedule().arn()) == e.schedule())
        .filter(e -> schedule == null || e.schedule().name().equalsIgnoreCase(schedule))
        .filter(e -> endpoint == null || e.endpointName().equals(endpoint))
        .filter(e -> definition == null || e.definition().name().equalsIgnoreCase(definition))
        .filter(e -> type == null || type.equals(MonitoringService.DATA_QUALITY))
        .map(this::row)
        .filter(r -> status == null || r.status().equals(status))
        .filter(r -> ListRequests.within(r.scheduledTime(), request, "ScheduledTimeAfter",
            "ScheduledTimeBefore"))
        .filter(r -> ListRequests.within(r.scheduledTime(), request, "CreationTimeAfter",
            "CreationTimeBefore"))
        .filter(r -> ListRequests.within(r.lastModified(), request, "LastModifiedTimeAfter",
            "LastModifiedTimeBefore"))
        .sorted(order).toList();
    return ListRequests.page(rows, request, max, "MonitoringExecutionSummaries",
        r -> r.execution().processingJobName(), Row::summary);
  }

  private Row row(MonitoringExecution execution) {
    scheduler.catchUp(execution);
    synchronized (execution) {
      return new Row(execution, MonitoringView.summary(execution), execution.status(),
          execution.scheduledTime(), execution.lastModified());
    }
  }
}
