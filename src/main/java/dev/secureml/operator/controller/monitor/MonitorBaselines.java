package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.api.Reason;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.PerResourceState;
import dev.secureml.operator.controller.ResourceMemory;
import dev.secureml.operator.controller.StableHash;
import dev.secureml.operator.dataquality.BaselineProvider;
import dev.secureml.operator.dataquality.MonitorBaseline;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A monitor's baseline, prepared once per change of its inputs and kept per resource (in
 * {@link PerResourceState}, forgotten with the monitor); status
 * shows the one in use, and a new one says so with a BaselineReady Event.
 */
final class MonitorBaselines {
  /**
   * How long a prepared baseline is used before its inputs are looked at again: training data
   * overwritten in place (same URI, new ETag) then gets a new baseline without a restart. The
   * look is a listing and, when nothing changed, two small reads.
   */
  static final Duration RECHECK = Duration.ofMinutes(10);

  private record Cached(String key, MonitorBaseline baseline, Instant preparedAt) {}

  private final BaselineProvider provider;
  private final EventRecorder events;
  private final Clock clock;
  private final ResourceMemory<Cached> byUid;

  MonitorBaselines(BaselineProvider provider, EventRecorder events, Clock clock,
      PerResourceState state) {
    this.provider = provider;
    this.events = events;
    this.clock = clock;
    this.byUid = state.memory();
  }

  /** The baseline for this spec, prepared again when its inputs changed or are due a look. */
  MonitorBaseline baseline(DataQualityMonitor m, DataQualityMonitorStatus status,
      ResolvedMonitorSettings settings) {
    DataQualityMonitorSpec spec = m.getSpec();
    // Arrays.asList: List.of throws on the null a missing field leaves.
    String key = StableHash.of(Arrays.asList(spec.baseline,
        spec.thresholds == null ? "" : spec.thresholds, spec.outputS3Uri,
        String.valueOf(settings.outputKmsKeyId())));
    Instant now = clock.instant();
    var cached = byUid.get(m.getMetadata().getUid())
        .filter(c -> c.key().equals(key) && now.isBefore(c.preparedAt().plus(RECHECK)));
    if (cached.isPresent()) {
      return cached.get().baseline();
    }
    MonitorBaseline baseline = provider.prepare(spec, settings.outputKmsKeyId());
    byUid.put(m.getMetadata().getUid(), new Cached(key, baseline, now));
    DataQualityMonitorStatus.BaselineStatus b = new DataQualityMonitorStatus.BaselineStatus();
    b.statisticsS3Uri = baseline.statisticsS3Uri();
    b.constraintsS3Uri = baseline.constraintsS3Uri();
    b.recordCount = baseline.recordCount();
    b.fingerprint = baseline.fingerprint();
    if (status.baseline == null || !b.fingerprint.equals(status.baseline.fingerprint)) {
      events.normal(m, Reason.BASELINE_READY, "baseline " + baseline.statisticsS3Uri()
          + (baseline.recordCount() == null ? "" : " from " + baseline.recordCount()
          + " records"));
    }
    status.baseline = b;
    return baseline;
  }
}
