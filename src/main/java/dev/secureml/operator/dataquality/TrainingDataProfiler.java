package dev.secureml.operator.dataquality;

import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.drift.CsvRecordReader;
import dev.secureml.operator.drift.JsonLinesRecordReader;
import dev.secureml.operator.drift.RecordReader;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsAccumulator;
import dev.secureml.operator.sagemaker.S3Location;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import dev.secureml.operator.sagemaker.S3ObjectSummary;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams training data from S3 (an object, or every object under a prefix) through a
 * {@link StatisticsAccumulator}, one object and one record at a time, so the data never has to
 * fit in memory. CSV (with or without a header) or JSON lines, from the spec's format or each
 * object's name; {@code .gz} objects are gunzipped.
 */
final class TrainingDataProfiler {
  static final String FIELD = "spec.baseline.trainingDataS3Uri";

  private final S3ObjectStore store;

  TrainingDataProfiler(S3ObjectStore store) {
    this.store = store;
  }

  /**
   * The objects holding the training data: the URI itself when it names an object, else the
   * data objects under it as a folder (not "folder" markers, nor names starting with '_' or '.',
   * such as Spark's _SUCCESS).
   */
  List<S3ObjectSummary> objects(String uri) {
    S3Location location = S3Location.parsePrefix(uri);
    boolean folder = location.key().isEmpty() || location.key().endsWith("/");
    if (!folder) {
      Optional<S3ObjectSummary> one = store.head(uri);
      if (one.isPresent()) {
        return List.of(one.get());
      }
    }
    String prefix = folder ? uri : uri + "/";
    List<S3ObjectSummary> objects = store.listObjects(prefix).stream()
        .filter(o -> isDataFile(o.uri())).toList();
    if (objects.isEmpty()) {
      throw new MonitorInputException(folder
          ? FIELD + ": no data objects under " + uri
          : FIELD + ": no object " + uri + ", nor data objects under " + prefix);
    }
    return objects;
  }

  private static boolean isDataFile(String uri) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    return !name.isEmpty() && !name.startsWith("_") && !name.startsWith(".");
  }

  /** The statistics of all records of {@code objects}, without the excluded columns. */
  Statistics profile(DataQualityMonitorSpec.Baseline baseline, List<S3ObjectSummary> objects) {
    Set<String> excluded = new LinkedHashSet<>(baseline.excludeColumns == null ? List.of()
        : baseline.excludeColumns);
    Set<String> seen = new LinkedHashSet<>();
    StatisticsAccumulator accumulator = new StatisticsAccumulator();
    for (S3ObjectSummary object : objects) {
      try (RecordReader reader = open(baseline, object.uri())) {
        while (reader.hasNext()) {
          Map<String, String> record = reader.next();
          for (String column : excluded) {
            if (record.containsKey(column)) {
              seen.add(column);
              record.remove(column);
            }
          }
          accumulator.accept(record);
        }
      } catch (RecordReader.DataFormatException e) {
        throw new MonitorInputException(FIELD + ": cannot read " + format(baseline, object.uri())
            + " data: " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw undecodable(object.uri(), e.getCause());
      } catch (IOException e) {
        throw undecodable(object.uri(), e);
      }
    }
    if (accumulator.itemCount() == 0) {
      throw new MonitorInputException(FIELD + ": no records in " + baseline.trainingDataS3Uri);
    }
    Statistics statistics = accumulator.result();
    List<String> missing = new ArrayList<>(excluded);
    missing.removeAll(seen);
    if (!missing.isEmpty()) {
      throw new MonitorInputException("spec.baseline.excludeColumns: " + missing
          + " not in the training data " + baseline.trainingDataS3Uri + " (its columns: "
          + String.join(", ", statistics.features().stream().map(Statistics.Feature::name)
              .toList()) + ")");
    }
    return statistics;
  }

  /** Bad bytes or a bad gzip stream are the user's; anything else (the network) is not. */
  private static RuntimeException undecodable(String uri, Throwable cause) {
    if (cause instanceof CharacterCodingException) {
      return new MonitorInputException(FIELD + ": " + uri + " is not UTF-8 text", cause);
    }
    if (cause instanceof ZipException || cause instanceof EOFException) {
      return new MonitorInputException(FIELD + ": " + uri + " is not valid gzip", cause);
    }
    return cause instanceof IOException io ? new UncheckedIOException("Cannot read " + uri, io)
        : new IllegalStateException("Cannot read " + uri, cause);
  }

  private RecordReader open(DataQualityMonitorSpec.Baseline baseline, String uri)
      throws IOException {
    InputStream in = store.open(uri).orElseThrow(() -> new MonitorInputException(
        FIELD + ": object " + uri + " disappeared while reading"));
    try {
      if (uri.toLowerCase(Locale.ROOT).endsWith(".gz")) {
        in = new GZIPInputStream(in, 64 * 1024);
      }
      BufferedReader text = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
      skipByteOrderMark(text);
      return format(baseline, uri) == DataQualityMonitorSpec.DataFormat.JsonLines
          ? new JsonLinesRecordReader(text, uri)
          : new CsvRecordReader(text, !Boolean.FALSE.equals(baseline.header), uri);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Spreadsheet exports often start with one; it must not become part of a column name. */
  private static void skipByteOrderMark(BufferedReader text) throws IOException {
    text.mark(1);
    if (text.read() != '\uFEFF') {
      text.reset();
    }
  }

  static DataQualityMonitorSpec.DataFormat format(DataQualityMonitorSpec.Baseline baseline,
      String uri) {
    if (baseline.format != null) {
      return baseline.format;
    }
    String name = uri.toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    return name.endsWith(".jsonl") || name.endsWith(".json")
        ? DataQualityMonitorSpec.DataFormat.JsonLines : DataQualityMonitorSpec.DataFormat.Csv;
  }
}
