package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.MonitoringGateway;
import dev.secureml.operator.sagemaker.MonitoringRequestMapper;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes what a monitor holds in Model Monitor, and only what its ownership tags say is its
 * own: the schedule first, then the job definitions it ran.
 */
final class ModelMonitorTeardown {
  /** A schedule's state while SageMaker deletes it (the SDK's ScheduleStatus lacks it). */
  private static final String DELETING = "Deleting";

  private final MonitoringGateway gateway;
  private final EventRecorder events;

  ModelMonitorTeardown(MonitoringGateway gateway, EventRecorder events) {
    this.gateway = gateway;
    this.events = events;
  }

  /**
   * Deletes the schedule, then every job definition. Returns false while SageMaker still needs
   * time (a schedule being deleted, a definition in use by a run); the caller looks again.
   */
  boolean run(DataQualityMonitor m, DataQualityMonitorStatus status) {
    ResourceOwner owner = ResourceOwner.of(m.getMetadata());
    String scheduleName = status.monitoringScheduleName != null ? status.monitoringScheduleName
        : MonitoringRequestMapper.scheduleName(m, m.getMetadata().getUid());
    var described = gateway.describeMonitoringSchedule(scheduleName);
    if (described.isPresent()) {
      if (!gateway.schedules().isOwned(described.get().monitoringScheduleArn(), owner)) {
        events.warning(m, Reason.NOT_OWNED, "left Model Monitor schedule " + scheduleName
            + " untouched: it is not owned by this resource");
      } else {
        if (!DELETING.equals(described.get().monitoringScheduleStatusAsString())) {
          gateway.deleteMonitoringSchedule(scheduleName);
          events.normal(m, Reason.SCHEDULE_DELETED, "deleted Model Monitor schedule "
              + scheduleName);
        }
        if (gateway.describeMonitoringSchedule(scheduleName).isPresent()) {
          return false;
        }
      }
    }
    status.scheduleDeleted();
    deleteRetired(m, status, owner, status.retiredJobDefinitions);
    return status.retiredJobDefinitions.isEmpty();
  }

  /**
   * Deletes each retired job definition the monitor owns and drops it from status; one still
   * in use by a run stays for the next pass. Another's is left alone, with a Warning.
   */
  void deleteRetired(DataQualityMonitor m, DataQualityMonitorStatus status, ResourceOwner owner,
      List<String> names) {
    for (String name : new ArrayList<>(names)) {
      try {
        if (gateway.jobDefinitions().deleteIfOwned(name, owner)
            == OwnedResources.Deletion.NOT_OWNED) {
          events.warning(m, Reason.NOT_OWNED, "left data quality job definition " + name
              + " untouched: it is not owned by this resource");
        }
        status.retiredJobDefinitionDeleted(name);
      } catch (SageMakerCallException e) {
        if (e.kind() != ErrorKind.RETRYABLE) {
          throw e;
        }
        // still in use by a run: next pass
      }
    }
  }
}
