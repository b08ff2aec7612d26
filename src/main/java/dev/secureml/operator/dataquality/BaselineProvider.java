package dev.secureml.operator.dataquality;

import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.ConstraintsJson;
import dev.secureml.operator.drift.DataQualityJob;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsJson;
import dev.secureml.operator.sagemaker.S3Location;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import dev.secureml.operator.sagemaker.S3ObjectSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Prepares a monitor's baseline: profiles the training data, or reads the given
 * statistics.json and constraints.json; applies the spec's thresholds to the constraints (so
 * both engines check the same effective constraints); and stores the effective files under
 * {@code <outputS3Uri>/baseline/<fingerprint>/}. The fingerprint covers the baseline fields, the
 * thresholds and the input objects' ETags and sizes, so a second call with nothing changed only
 * reads the two stored files back.
 *
 * <p>The user's mistakes throw {@link MonitorInputException}; AWS SDK exceptions propagate.
 */
public final class BaselineProvider {
  /** Bump when the computation changes, so stored baselines are recomputed. */
  private static final String VERSION = "1";
  private static final String STATISTICS_FIELD = "spec.baseline.statisticsS3Uri";
  private static final String CONSTRAINTS_FIELD = "spec.baseline.constraintsS3Uri";

  private final S3ObjectStore store;
  private final TrainingDataProfiler profiler;

  public BaselineProvider(S3ObjectStore store) {
    this.store = store;
    this.profiler = new TrainingDataProfiler(store);
  }

  public MonitorBaseline prepare(DataQualityMonitorSpec spec, String outputKmsKeyId) {
    DataQualityMonitorSpec.Baseline baseline = spec.baseline;
    boolean training = baseline != null && baseline.trainingDataS3Uri != null;
    if (baseline == null || (!training
        && (baseline.statisticsS3Uri == null || baseline.constraintsS3Uri == null))) {
      throw new MonitorInputException("spec.baseline: set either trainingDataS3Uri, or "
          + "constraintsS3Uri and statisticsS3Uri");
    }
    DataQualityMonitorSpec.Thresholds thresholds = EffectiveConstraints.thresholds(spec);
    List<S3ObjectSummary> inputs = training ? profiler.objects(baseline.trainingDataS3Uri)
        : List.of(head(STATISTICS_FIELD, baseline.statisticsS3Uri),
            head(CONSTRAINTS_FIELD, baseline.constraintsS3Uri));
    String fingerprint = fingerprint(baseline, thresholds, inputs, outputKmsKeyId);
    S3Location folder = S3Location.parsePrefix(spec.outputS3Uri)
        .resolve("baseline/" + fingerprint + "/");
    String statisticsUri = folder.resolve(DataQualityJob.STATISTICS).uri();
    String constraintsUri = folder.resolve(DataQualityJob.CONSTRAINTS).uri();

    Optional<MonitorBaseline> stored = readStored(fingerprint, statisticsUri, constraintsUri,
        training);
    if (stored.isPresent()) {
      return stored.get();
    }
    Statistics statistics;
    Constraints constraints;
    if (training) {
      statistics = profiler.profile(baseline, inputs);
      constraints = Constraints.suggest(statistics, Constraints.MonitoringConfig.defaults());
    } else {
      statistics = readStatistics(baseline.statisticsS3Uri);
      constraints = readConstraints(baseline.constraintsS3Uri);
      Set<String> excluded = excluded(baseline, statistics, constraints);
      statistics = EffectiveConstraints.withoutColumns(statistics, excluded);
      constraints = EffectiveConstraints.withoutColumns(constraints, excluded);
    }
    String statisticsJson = StatisticsJson.write(statistics);
    String constraintsJson = ConstraintsJson.write(
        EffectiveConstraints.apply(constraints, thresholds));
    store.put(statisticsUri, statisticsJson.getBytes(StandardCharsets.UTF_8), outputKmsKeyId);
    store.put(constraintsUri, constraintsJson.getBytes(StandardCharsets.UTF_8), outputKmsKeyId);
    // What was stored, read back: a later call that finds the files returns exactly this.
    return baseline(fingerprint, StatisticsJson.read(statisticsJson),
        ConstraintsJson.read(constraintsJson), statisticsUri, constraintsUri, training);
  }

  private Optional<MonitorBaseline> readStored(String fingerprint, String statisticsUri,
      String constraintsUri, boolean training) {
    Optional<byte[]> statistics = store.get(statisticsUri);
    Optional<byte[]> constraints = statistics.isPresent() ? store.get(constraintsUri)
        : Optional.empty();
    if (statistics.isEmpty() || constraints.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(baseline(fingerprint,
          StatisticsJson.read(new String(statistics.get(), StandardCharsets.UTF_8)),
          ConstraintsJson.read(new String(constraints.get(), StandardCharsets.UTF_8)),
          statisticsUri, constraintsUri, training));
    } catch (IllegalArgumentException damaged) {
      return Optional.empty(); // written over below
    }
  }

  private static MonitorBaseline baseline(String fingerprint, Statistics statistics,
      Constraints constraints, String statisticsUri, String constraintsUri, boolean training) {
    List<String> columns = constraints.features().stream().map(Constraints.Feature::name)
        .toList();
    return new MonitorBaseline(fingerprint, statistics, constraints, statisticsUri,
        constraintsUri, training ? statistics.itemCount() : null, columns);
  }

  /** The excluded columns; each must be a feature of the given baseline. */
  private static Set<String> excluded(DataQualityMonitorSpec.Baseline baseline,
      Statistics statistics, Constraints constraints) {
    Set<String> excluded = new LinkedHashSet<>(
        Objects.requireNonNullElse(baseline.excludeColumns, List.of()));
    Set<String> features = new LinkedHashSet<>();
    Stream.concat(constraints.features().stream().map(Constraints.Feature::name),
        statistics.features().stream().map(Statistics.Feature::name)).forEach(features::add);
    List<String> missing = excluded.stream().filter(c -> !features.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new MonitorInputException("spec.baseline.excludeColumns: " + missing
          + " not in the baseline " + baseline.constraintsS3Uri + " (its features: "
          + String.join(", ", features) + ")");
    }
    return excluded;
  }

  private S3ObjectSummary head(String field, String uri) {
    return store.head(uri).orElseThrow(() -> new MonitorInputException(
        field + ": no object " + uri));
  }

  private Statistics readStatistics(String uri) {
    try {
      return StatisticsJson.read(text(STATISTICS_FIELD, uri));
    } catch (IllegalArgumentException e) {
      throw new MonitorInputException(STATISTICS_FIELD + ": " + uri
          + " is not a Model Monitor statistics.json: " + e.getMessage(), e);
    }
  }

  private Constraints readConstraints(String uri) {
    try {
      return ConstraintsJson.read(text(CONSTRAINTS_FIELD, uri));
    } catch (IllegalArgumentException e) {
      throw new MonitorInputException(CONSTRAINTS_FIELD + ": " + uri
          + " is not a Model Monitor constraints.json: " + e.getMessage(), e);
    }
  }

  private String text(String field, String uri) {
    return new String(store.get(uri).orElseThrow(() -> new MonitorInputException(
        field + ": no object " + uri)), StandardCharsets.UTF_8);
  }

  /**
   * 12 hex digits of a SHA-256 over the baseline fields, thresholds, input objects and the key
   * the files are encrypted with (a new classification or key writes them anew under it).
   */
  static String fingerprint(DataQualityMonitorSpec.Baseline baseline,
      DataQualityMonitorSpec.Thresholds thresholds, List<S3ObjectSummary> inputs,
      String kmsKeyId) {
    List<String> lines = new ArrayList<>();
    lines.add("version=" + VERSION);
    lines.add("kmsKeyId=" + kmsKeyId);
    lines.add("trainingDataS3Uri=" + baseline.trainingDataS3Uri);
    lines.add("format=" + baseline.format);
    lines.add("header=" + !Boolean.FALSE.equals(baseline.header));
    lines.add("excludeColumns=" + Objects.requireNonNullElse(baseline.excludeColumns, List.of()));
    lines.add("constraintsS3Uri=" + baseline.constraintsS3Uri);
    lines.add("statisticsS3Uri=" + baseline.statisticsS3Uri);
    lines.add("drift=" + thresholds.drift);
    lines.add("comparisonMethod=" + thresholds.comparisonMethod);
    lines.add("completeness=" + thresholds.completeness);
    lines.add("dataType=" + thresholds.dataType);
    lines.add("categoricalDomain=" + thresholds.categoricalDomain);
    for (S3ObjectSummary input : inputs) {
      lines.add("object=" + input.uri() + " " + input.eTag() + " " + input.size());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
