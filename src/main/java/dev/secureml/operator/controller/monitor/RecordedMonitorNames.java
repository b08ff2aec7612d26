package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.ResourceMemory;
import dev.secureml.operator.sagemaker.LegacyNames;
import dev.secureml.operator.sagemaker.MonitoringGateway;
import dev.secureml.operator.sagemaker.MonitoringRequestMapper;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.ResourceOwner;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;

/**
 * After an upgrade, keeps a monitor on the schedule and job definition status records under the
 * names an earlier release gave them ({@link LegacyNames}), instead of copies under the new
 * names. Only parts whose ownership tags name this monitor are kept: the legacy names cut off
 * the uid, so two monitors could share one, and a monitor recording another's part moves onto
 * its own and leaves the other's alone.
 */
final class RecordedMonitorNames {
  /** The schedule a pass works on, and what Describe said of it (empty: none of that name). */
  record Schedule(String name, Optional<ObservedSchedule> observed) {}

  private final MonitoringGateway gateway;
  private final EventRecorder events;
  /** The legacy job definition found owned, per monitor, so the check costs calls once. */
  private final ResourceMemory<String> keptDefinition;

  RecordedMonitorNames(MonitoringGateway gateway, EventRecorder events, PerResourceState state) {
    this.gateway = gateway;
    this.events = events;
    this.keptDefinition = state.memory();
  }

  /**
   * The recorded schedule when it exists and is the monitor's; otherwise the schedule under the
   * current name, with whether its tags name the monitor.
   */
  Schedule schedule(DataQualityMonitor m, DataQualityMonitorStatus status, ResourceOwner owner) {
    String current = MonitoringRequestMapper.scheduleName(m, owner.uid());
    String recorded = status.monitoringScheduleName;
    if (recorded != null && !recorded.equals(current)) {
      var described = gateway.describeMonitoringSchedule(recorded);
      if (described.isPresent()) {
        if (gateway.schedules().isOwned(described.get().monitoringScheduleArn(), owner)) {
          return new Schedule(recorded,
              Optional.of(ObservedSchedule.of(recorded, described.get(), true)));
        }
        events.warning(m, Reason.NOT_OWNED, "left Model Monitor schedule " + recorded
            + " untouched: it is not owned by this resource; using " + current + " instead");
      }
    }
    return new Schedule(current, gateway.describeMonitoringSchedule(current)
        .map(d -> ObservedSchedule.of(current, d,
            gateway.schedules().isOwned(d.monitoringScheduleArn(), owner))));
  }

  /**
   * The recorded job definition when it is the legacy name of exactly this content and the
   * monitor owns it; otherwise the definition's own name.
   */
  String jobDefinition(DataQualityMonitorStatus status, String scheduleName,
      CreateDataQualityJobDefinitionRequest definition, ResourceOwner owner) {
    String recorded = status.jobDefinitionName;
    if (recorded == null || recorded.equals(definition.jobDefinitionName())
        || !recorded.equals(LegacyNames.jobDefinition(scheduleName, definition))) {
      return definition.jobDefinitionName();
    }
    if (keptDefinition.get(owner.uid()).filter(recorded::equals).isPresent()
        || ownsDefinition(recorded, owner)) {
      keptDefinition.put(owner.uid(), recorded);
      return recorded;
    }
    return definition.jobDefinitionName();
  }

  private boolean ownsDefinition(String name, ResourceOwner owner) {
    try {
      return gateway.jobDefinitions().findOwned(name, owner).isPresent();
    } catch (NameConflictException e) {
      return false;
    }
  }
}
