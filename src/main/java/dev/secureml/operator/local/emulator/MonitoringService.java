package dev.secureml.operator.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Model Monitor (data quality): Create/Describe/Delete/ListDataQualityJobDefinition(s), which
 * are immutable, and Create/Describe/Update/Delete/Stop/Start/ListMonitoringSchedule(s), which
 * {@link MonitoringScheduler} runs. Executions and their processing jobs go on to
 * {@link MonitoringExecutionService}.
 */
final class MonitoringService implements JsonRpcService {
  static final String DATA_QUALITY = "DataQuality";

  private final MonitoringTables tables;
  private final MonitoringScheduler scheduler;
  private final EndpointService endpoints;
  private final EmulatedClock clock;
  private final AtomicLong sequence;
  private final JsonRpcService next;

  /** @param next serves every operation that is not Model Monitor's */
  MonitoringService(MonitoringTables tables, MonitoringScheduler scheduler,
      EndpointService endpoints, EmulatedClock clock, AtomicLong sequence, JsonRpcService next) {
    this.tables = tables;
    this.scheduler = scheduler;
    this.endpoints = endpoints;
    this.clock = clock;
    this.sequence = sequence;
    this.next = new MonitoringExecutionService(tables, scheduler, next);
  }

  /** The endpoint a data quality job definition monitors. */
  static String endpointOf(JsonNode definitionRequest) {
    return definitionRequest.path("DataQualityJobInput").path("EndpointInput")
        .path("EndpointName").asText();
  }

  @Override
  public JsonNode invoke(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateDataQualityJobDefinition" -> createDefinition(request);
      case "DescribeDataQualityJobDefinition" ->
          tables.definitions().find(request).describe("JobDefinitionArn");
      case "DeleteDataQualityJobDefinition" -> deleteDefinition(request);
      case "ListDataQualityJobDefinitions" -> listDefinitions(request);
      case "CreateMonitoringSchedule" -> createSchedule(request);
      case "DescribeMonitoringSchedule" -> MonitoringView.describe(current(request));
      case "UpdateMonitoringSchedule" -> {
        MonitoringSchedule schedule = tables.schedules().find(request);
        ScheduleExpression expression = MonitoringValidator.validateSchedule(request);
        ObjectNode config = (ObjectNode) request.get("MonitoringScheduleConfig").deepCopy();
        scheduler.reconfigure(schedule, config, expression, monitoredEndpoint(config));
        yield Json.object().put("MonitoringScheduleArn", schedule.arn());
      }
      case "DeleteMonitoringSchedule" -> {
        scheduler.delete(tables.schedules().find(request));
        yield Json.object();
      }
      case "StopMonitoringSchedule" -> {
        scheduler.stop(tables.schedules().find(request));
        yield Json.object();
      }
      case "StartMonitoringSchedule" -> {
        scheduler.resume(tables.schedules().find(request));
        yield Json.object();
      }
      case "ListMonitoringSchedules" -> listSchedules(request);
      default -> next.invoke(operation, request);
    };
  }

  private JsonNode createDefinition(JsonNode request) {
    MonitoringValidator.validateCreateJobDefinition(request);
    String name = Json.text(request, "JobDefinitionName");
    HostedResource definition = new HostedResource(name, tables.definitions().arn(name),
        (ObjectNode) request.deepCopy(), clock.now(), sequence.incrementAndGet());
    tables.definitions().add(definition);
    return Json.object().put("JobDefinitionArn", definition.arn());
  }

  private JsonNode deleteDefinition(JsonNode request) {
    HostedResource definition = tables.definitions().find(request);
    List<String> users = tables.schedules().all().stream()
        .filter(s -> usesDefinition(s, definition.name()))
        .map(HostedResource::name).sorted().toList();
    if (!users.isEmpty()) {
      throw new AwsServiceException("ResourceInUse", "Cannot delete job definition \""
          + definition.arn() + "\": it is used by monitoring schedule(s) "
          + String.join(", ", users) + ".");
    }
    tables.definitions().remove(definition);
    return Json.object();
  }

  private static boolean usesDefinition(MonitoringSchedule schedule, String definition) {
    synchronized (schedule) {
      return schedule.definitionName().equalsIgnoreCase(definition);
    }
  }

  private JsonNode listDefinitions(JsonNode request) {
    String endpoint = Json.text(request, "EndpointName");
    return tables.definitions().list(request, "JobDefinitionSummaries",
        d -> endpoint == null || endpoint.equals(endpointOf(d.request())),
        MonitoringView::definitionSummary);
  }

  private JsonNode createSchedule(JsonNode request) {
    ScheduleExpression expression = MonitoringValidator.validateSchedule(request);
    ObjectNode config = (ObjectNode) request.get("MonitoringScheduleConfig").deepCopy();
    String endpoint = monitoredEndpoint(config);
    String name = Json.text(request, "MonitoringScheduleName");
    MonitoringSchedule schedule = new MonitoringSchedule(name, tables.schedules().arn(name),
        (ObjectNode) request.deepCopy(), clock.now(), sequence.incrementAndGet());
    scheduler.configure(schedule, config, expression, endpoint);
    tables.schedules().add(schedule);
    return Json.object().put("MonitoringScheduleArn", schedule.arn());
  }

  /** The endpoint of the configuration's job definition; both must exist. */
  private String monitoredEndpoint(JsonNode config) {
    String name = Json.text(config, "MonitoringJobDefinitionName");
    HostedResource definition;
    try {
      definition = tables.definitions().find(name);
    } catch (AwsServiceException e) {
      throw AwsServiceException.validation("Could not find data quality job definition \""
          + name + "\".");
    }
    String endpoint = endpointOf(definition.request());
    endpoints.findByName(endpoint); // "Could not find endpoint ..." when there is none
    return endpoint;
  }

  private MonitoringSchedule current(JsonNode request) {
    MonitoringSchedule schedule = tables.schedules().find(request);
    scheduler.catchUp(schedule);
    return schedule;
  }

  private JsonNode listSchedules(JsonNode request) {
    String status = Json.text(request, "StatusEquals");
    String type = Json.text(request, "MonitoringTypeEquals");
    String endpoint = Json.text(request, "EndpointName");
    String definition = Json.text(request, "MonitoringJobDefinitionName");
    tables.schedules().all().forEach(scheduler::catchUp);
    return tables.schedules().list(request, "MonitoringScheduleSummaries", s -> {
      synchronized (s) {
        return (status == null || status.equals(s.status()))
            && (type == null || type.equals(s.monitoringType()))
            && (endpoint == null || endpoint.equals(s.endpointName()))
            && (definition == null || definition.equalsIgnoreCase(s.definitionName()));
      }
    }, MonitoringView::scheduleSummary);
  }
}
