package dev.secureml.operator.dataquality;

import dev.secureml.operator.drift.CaptureRecordReader;
import dev.secureml.operator.sagemaker.S3Location;
import dev.secureml.operator.sagemaker.S3ObjectStore;
import dev.secureml.operator.sagemaker.S3ObjectSummary;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads the endpoint-input rows an endpoint captured in a time window, from
 * {@code <destination>/<endpoint>/<variant>/yyyy/MM/dd/HH/*.jsonl}: lists the hour folders that
 * overlap the window (every variant), then streams the files one at a time, keeping the records
 * whose {@code eventMetadata.inferenceTime} is in [from, to). A line that cannot be read is
 * skipped and counted, so one bad record does not fail a run.
 */
public final class CaptureWindowReader {
  static final DateTimeFormatter HOUR_PATH =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);

  private final S3ObjectStore store;

  public CaptureWindowReader(S3ObjectStore store) {
    this.store = store;
  }

  /**
   * The captured rows of [from, to); positional columns (CSV, arrays) are named by
   * {@code columnNames}. Lists the files at once and reads them lazily; close the result.
   */
  public Rows read(String captureDestinationS3Uri, String endpointName, Instant from,
      Instant to, List<String> columnNames) {
    if (!from.isBefore(to)) {
      return new Rows(List.of(), from, to, columnNames);
    }
    S3Location endpoint = S3Location.parsePrefix(captureDestinationS3Uri)
        .resolve(endpointName + "/");
    List<String> files = new ArrayList<>();
    for (String variant : store.listFolders(endpoint.uri())) {
      S3Location variantFolder = S3Location.parsePrefix(variant);
      for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to);
          hour = hour.plus(1, ChronoUnit.HOURS)) {
        // A file is written after its records: one last modified before the window starts
        // holds nothing of it, so short windows do not re-read the whole hour. (S3 keeps
        // LastModified to the second, hence the second's margin.)
        store.listObjects(variantFolder.resolve(HOUR_PATH.format(hour)).uri()).stream()
            .filter(o -> !o.uri().endsWith("/"))
            .filter(o -> o.lastModified() == null
                || !o.lastModified().plusSeconds(1).isBefore(from))
            .map(S3ObjectSummary::uri)
            .forEach(files::add);
      }
    }
    return new Rows(files, from, to, columnNames);
  }

  /** The rows of a window, streamed file by file, with counts of what was read and skipped. */
  public final class Rows implements Iterator<Map<String, String>>, Closeable {
    private final List<String> files;
    private final Instant from;
    private final Instant to;
    private final List<String> columnNames;
    private int nextFile;
    private CaptureRecordReader current;
    private long recordsRead;
    private long rowsRead;
    private long outsideWindow;
    private long malformed;
    private String firstMalformed;

    private Rows(List<String> files, Instant from, Instant to, List<String> columnNames) {
      this.files = List.copyOf(files);
      this.from = from;
      this.to = to;
      this.columnNames = List.copyOf(columnNames);
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (current != null) {
          finish();
        }
        if (nextFile >= files.size()) {
          return false;
        }
        current = open(files.get(nextFile++)).orElse(null);
      }
      return true;
    }

    @Override
    public Map<String, String> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      rowsRead++;
      return current.next();
    }

    private Optional<CaptureRecordReader> open(String uri) {
      // A file deleted since the listing (say, by a lifecycle rule) has nothing left to read.
      Optional<InputStream> in = store.open(uri);
      return in.map(stream -> new CaptureRecordReader(new BufferedReader(
          new InputStreamReader(stream, StandardCharsets.UTF_8), 64 * 1024), uri, columnNames,
          from, to, true));
    }

    private void finish() {
      recordsRead += current.recordsRead();
      outsideWindow += current.recordsOutsideWindow();
      malformed += current.malformedRecords();
      if (firstMalformed == null) {
        firstMalformed = current.firstMalformed().orElse(null);
      }
      try {
        current.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        current = null;
      }
    }

    /** The capture files of the window's hour folders, in the order they are read. */
    public List<String> files() {
      return files;
    }

    /** Capture records read inside the window (from the files finished so far). */
    public long recordsRead() {
      return recordsRead + (current == null ? 0 : current.recordsRead());
    }

    /** Rows returned so far; a record can hold several rows. */
    public long rowsRead() {
      return rowsRead;
    }

    /** Records in the listed files whose inference time is outside the window. */
    public long recordsOutsideWindow() {
      return outsideWindow + (current == null ? 0 : current.recordsOutsideWindow());
    }

    /** Lines skipped because they could not be read. */
    public long malformedRecords() {
      return malformed + (current == null ? 0 : current.malformedRecords());
    }

    /** Why the first skipped line could not be read, naming its file and line. */
    public Optional<String> firstMalformed() {
      return Optional.ofNullable(firstMalformed != null ? firstMalformed
          : current == null ? null : current.firstMalformed().orElse(null));
    }

    @Override
    public void close() {
      if (current != null) {
        finish();
      }
      nextFile = files.size();
    }
  }
}
