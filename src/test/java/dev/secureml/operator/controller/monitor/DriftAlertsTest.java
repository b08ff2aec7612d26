package dev.secureml.operator.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.dataquality.ExecutionReport;
import dev.secureml.operator.drift.Violation;
import dev.secureml.operator.drift.Violation.CheckType;
import dev.secureml.operator.metrics.DriftMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events on the edges only, stale copies, failures, bounded status. */
class DriftAlertsTest {
  private final List<String> events = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DriftAlerts alerts;
  private DataQualityMonitor monitor;
  private final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");

  @BeforeEach
  void setUp() {
    EventRecorder recorder = new EventRecorder(null) {
      @Override
      public void normal(HasMetadata about, String reason, String message) {
        events.add("Normal " + reason);
      }

      @Override
      public void warning(HasMetadata about, String reason, String message) {
        events.add("Warning " + reason);
      }
    };
    alerts = new DriftAlerts(recorder, new DriftMetrics(registry), Clock.systemUTC(),
        MonitorStates.fresh());
    monitor = new DataQualityMonitor();
    monitor.getMetadata().setName("dqm");
    monitor.getMetadata().setNamespace("ns");
    monitor.getMetadata().setUid("uid-1");
    monitor.getMetadata().setGeneration(1L);
    monitor.setStatus(new DataQualityMonitorStatus());
  }

  private ExecutionReport run(int hour, String... driftedFeatures) {
    List<Violation> violations = new ArrayList<>();
    for (String f : driftedFeatures) {
      violations.add(new Violation(f, CheckType.baseline_drift_check, "Baseline drift distance: "
          + "0.5 exceeds threshold: 0.1"));
    }
    Instant at = t0.plusSeconds(3600L * hour);
    return new ExecutionReport(at, at.minusSeconds(3600), at,
        ExecutionReport.statusOf(violations), 100, null, "s3://b/s", "s3://b/c", "s3://b/v",
        null, violations, Map.of("amount", driftedFeatures.length > 0 ? 0.5 : 0.02));
  }

  private ExecutionReport noData(int hour) {
    Instant at = t0.plusSeconds(3600L * hour);
    return ExecutionReport.failed(at, at.minusSeconds(3600), at,
        "No captured records between " + at.minusSeconds(3600) + " and " + at, null, 0);
  }

  private DataQualityMonitorStatus status() {
    return monitor.getStatus();
  }

  private boolean drifting() {
    return Conditions.isTrue(status().conditions, Conditions.DRIFT_DETECTED);
  }

  @Test
  void driftStartsOnceAndClearsOnce() {
    alerts.apply(monitor, status(), run(1));
    alerts.apply(monitor, status(), run(2, "amount"));
    alerts.apply(monitor, status(), run(3, "amount"));
    alerts.apply(monitor, status(), run(4, "amount", "age"));
    alerts.apply(monitor, status(), run(5));
    assertThat(events).containsExactly("Warning DriftDetected", "Normal DriftCleared");
    assertThat(status().driftEpisodes).isEqualTo(1);
    assertThat(drifting()).isFalse();
    assertThat(registry.get("secureml.monitor.violations").tag("check", "baseline_drift_check")
        .counter().count()).isEqualTo(4.0);
  }

  @Test
  void aStaleCopyGetsTheRunWrittenAgainWithoutNewEvents() {
    alerts.apply(monitor, status(), run(1));
    // The pass that applied the drifting run lost its status write: the next pass starts from
    // the copy before it.
    DataQualityMonitorStatus before = Serialization.clone(status());
    alerts.apply(monitor, status(), run(2, "amount"));
    assertThat(events).containsExactly("Warning DriftDetected");
    monitor.setStatus(before);

    assertThat(alerts.unrecorded("uid-1", status())).isPresent();
    alerts.apply(monitor, status(), alerts.unrecorded("uid-1", status()).orElseThrow());
    assertThat(drifting()).isTrue();
    assertThat(status().driftEpisodes).isEqualTo(1);
    assertThat(events).containsExactly("Warning DriftDetected");
    assertThat(registry.get("secureml.monitor.executions").tag("status",
        "CompletedWithViolations").counter().count()).isEqualTo(1.0);

    // And from the stale copy the next drifting run does not count as a new episode.
    monitor.setStatus(Serialization.clone(before));
    alerts.apply(monitor, status(), run(3, "amount"));
    assertThat(events).containsExactly("Warning DriftDetected");
    assertThat(status().driftEpisodes).isEqualTo(1);
  }

  @Test
  void failedRunsKeepTheVerdictAndWarnOncePerKindOfFailure() {
    alerts.apply(monitor, status(), run(1, "amount"));
    alerts.apply(monitor, status(), noData(2));
    alerts.apply(monitor, status(), noData(3));
    alerts.apply(monitor, status(), noData(4));
    assertThat(drifting()).isTrue();
    assertThat(status().lastExecution.status).isEqualTo("Failed");
    assertThat(status().violations).hasSize(1);
    assertThat(events).containsExactly("Warning DriftDetected", "Warning MonitoringRunFailed");
  }

  @Test
  void theFirstRunFailingLeavesDriftUnknown() {
    alerts.apply(monitor, status(), noData(1));
    assertThat(Conditions.find(status().conditions, Conditions.DRIFT_DETECTED).orElseThrow()
        .getStatus()).isEqualTo("Unknown");
  }

  @Test
  void manyDriftedFeaturesAreNamedBoundedly() {
    String[] features = IntStream.range(0, 120).mapToObj(i -> String.format("f%03d", i))
        .toArray(String[]::new);
    alerts.apply(monitor, status(), run(1, features));
    assertThat(status().violations).hasSize(DataQualityMonitorStatus.MAX_VIOLATIONS);
    assertThat(status().violationCount).isEqualTo(120);
    assertThat(status().driftedFeatures).hasSize(DriftAlerts.MAX_FEATURES_NAMED);
    String message = Conditions.find(status().conditions, Conditions.DRIFT_DETECTED)
        .orElseThrow().getMessage();
    assertThat(message).startsWith("drift in f000 (baseline_drift_check), f001")
        .contains("and 110 more features: 120 violations");
  }

  @Test
  void gaugesComeBackFromStatusAfterARestart() {
    alerts.apply(monitor, status(), run(1, "amount"));
    SimpleMeterRegistry fresh = new SimpleMeterRegistry();
    DriftAlerts restarted = new DriftAlerts(new EventRecorder(null), new DriftMetrics(fresh),
        Clock.systemUTC(), MonitorStates.fresh());
    restarted.restoreMetrics(monitor, status());
    assertThat(fresh.get("secureml.drift.distance").tag("feature", "amount").gauge().value())
        .isEqualTo(0.5);
    assertThat(fresh.get("secureml.drift.detected").gauge().value()).isEqualTo(1.0);
  }
}
