package dev.secureml.operator.controller.monitor;

import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.DataQualityMonitorStatus;
import dev.secureml.operator.controller.EventRecorder;
import dev.secureml.operator.controller.SpecHash;
import dev.secureml.operator.dataquality.BaselineProvider;
import dev.secureml.operator.dataquality.MonitorBaseline;
import dev.secureml.operator.policy.ResolvedMonitorSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A monitor's baseline, prepared once per change of its inputs and kept per resource; status
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
  private final Map<String, Cached> byUid = new ConcurrentHashMap<>();

  MonitorBaselines(BaselineProvider provider, EventRecorder events, Clock clock) {
    this.provider = provider;
    this.events = events;
    this.clock = clock;
  }

  /** The baseline for this spec, prepared again when its inputs changed or are due a look. */
  MonitorBaseline baseline(DataQualityMonitor m, DataQualityMonitorStatus status,
      ResolvedMonitorSettings settings) {
    DataQualityMonitorSpec spec = m.getSpec();
    // Arrays.asList: List.of throws on the null a missing field leaves.
    String key = SpecHash.of(Arrays.asList(spec.baseline,
        spec.thresholds == null ? "" : spec.thresholds, spec.outputS3Uri,
        String.valueOf(settings.outputKmsKeyId())));
    Cached cached = byUid.get(m.getMetadata().getUid());
    Instant now = clock.instant();
    if (cached != null && cached.key().equals(key)
        && now.isBefore(cached.preparedAt().plus(RECHECK))) {
      return cached.baseline();
    }
    MonitorBaseline baseline = provider.prepare(spec, settings.outputKmsKeyId());
    byUid.put(m.getMetadata().getUid(), new Cached(key, baseline, now));
    DataQualityMonitorStatus.BaselineStatus b = new DataQualityMonitorStatus.BaselineStatus();
    b.statisticsS3Uri = baseline.statisticsS3Uri();
    b.constraintsS3Uri = baseline.constraintsS3Uri();
    b.recordCount = baseline.recordCount();
    b.fingerprint = baseline.fingerprint();
    if (status.baseline == null || !b.fingerprint.equals(status.baseline.fingerprint)) {
      events.normal(m, "BaselineReady", "baseline " + baseline.statisticsS3Uri()
          + (baseline.recordCount() == null ? "" : " from " + baseline.recordCount()
          + " records"));
    }
    status.baseline = b;
    return baseline;
  }

  void forget(String uid) {
    byUid.remove(uid);
  }
}
