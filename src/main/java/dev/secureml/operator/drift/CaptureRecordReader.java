package dev.secureml.operator.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads SageMaker data-capture files (JSON lines of
 * {@code {"captureData":{"endpointInput":{"observedContentType","mode","data","encoding"}}}})
 * and yields the rows of each record's endpoint input. {@code encoding} CSV: every line of
 * {@code data} is a row with columns {@code _c0, _c1, ...}; JSON: an object is a row, an array of
 * objects is several rows, an array of scalars is one row {@code _c0, _c1, ...}; BASE64: decoded,
 * then read as CSV or JSON according to {@code observedContentType}. Positional columns can be
 * given names instead of {@code _cN}. Optionally keeps only the records whose
 * {@code eventMetadata.inferenceTime} falls in a time window, and skips (and counts) lines it
 * cannot read instead of failing, so one bad record does not spoil a whole run.
 */
public final class CaptureRecordReader extends RecordReader.LineReader {

  private final List<String> columnNames;
  private final Instant from;
  private final Instant to;
  private final boolean skipMalformed;
  private long recordsRead;
  private long outsideWindow;
  private long malformed;
  private String firstMalformed;

  public CaptureRecordReader(BufferedReader in, String source) {
    this(in, source, List.of());
  }

  /**
   * Names positional columns (CSV rows, arrays of scalars) with {@code columnNames} in order,
   * e.g. the baseline's features without the label; columns beyond them are {@code _cN}.
   */
  public CaptureRecordReader(BufferedReader in, String source, List<String> columnNames) {
    this(in, source, columnNames, null, null, false);
  }

  /**
   * As {@link #CaptureRecordReader(BufferedReader, String, List)}, keeping only records whose
   * {@code eventMetadata.inferenceTime} is in [{@code from}, {@code to}) when both are given (a
   * record without a readable time is then malformed); with {@code skipMalformed} a line that
   * cannot be read is counted and skipped instead of throwing.
   */
  public CaptureRecordReader(BufferedReader in, String source, List<String> columnNames,
      Instant from, Instant to, boolean skipMalformed) {
    super(in, source);
    if ((from == null) != (to == null)) {
      throw new IllegalArgumentException("a window needs both from and to");
    }
    this.columnNames = List.copyOf(columnNames);
    this.from = from;
    this.to = to;
    this.skipMalformed = skipMalformed;
  }

  /** Records read so far (inside the window, when there is one), whatever their row count. */
  public long recordsRead() {
    return recordsRead;
  }

  /** Well-formed records skipped so far because their inference time is outside the window. */
  public long recordsOutsideWindow() {
    return outsideWindow;
  }

  /** Lines skipped so far because they could not be read (only with skipMalformed). */
  public long malformedRecords() {
    return malformed;
  }

  /** Why the first skipped line could not be read, naming the source and line. */
  public Optional<String> firstMalformed() {
    return Optional.ofNullable(firstMalformed);
  }

  @Override
  protected List<Map<String, String>> parse(String line) {
    if (!skipMalformed) {
      return record(line);
    }
    try {
      return record(line);
    } catch (DataFormatException e) {
      malformed++;
      if (firstMalformed == null) {
        firstMalformed = e.getMessage();
      }
      return List.of();
    }
  }

  private List<Map<String, String>> record(String line) {
    JsonNode node;
    try {
      node = JsonLinesRecordReader.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw error("not JSON: " + e.getOriginalMessage());
    }
    if (from != null && node != null) {
      Instant at = inferenceTime(node);
      if (at.isBefore(from) || !at.isBefore(to)) {
        outsideWindow++;
        return List.of();
      }
    }
    List<Map<String, String>> rows = rows(node);
    recordsRead++;
    return rows;
  }

  private Instant inferenceTime(JsonNode record) {
    JsonNode time = record.path("eventMetadata").path("inferenceTime");
    if (!time.isTextual()) {
      throw error("no eventMetadata.inferenceTime");
    }
    try {
      return OffsetDateTime.parse(time.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw error("eventMetadata.inferenceTime is not an RFC 3339 time: " + time.asText());
    }
  }

  private List<Map<String, String>> rows(JsonNode node) {
    JsonNode input = node == null ? null : node.path("captureData").path("endpointInput");
    if (input == null || !input.isObject()) {
      throw error("not a data-capture record: no captureData.endpointInput");
    }
    JsonNode data = input.path("data");
    if (data.isMissingNode() || data.isNull()) {
      return List.of();
    }
    String encoding = input.path("encoding").asText("").toUpperCase(Locale.ROOT);
    String contentType = input.path("observedContentType").asText("").toLowerCase(Locale.ROOT);
    String text = data.isTextual() ? data.asText() : data.toString();
    if (encoding.equals("BASE64")) {
      try {
        text = new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw error("endpointInput.data is not valid base64");
      }
      encoding = contentType.contains("json") ? "JSON" : "CSV";
    } else if (encoding.isEmpty()) {
      encoding = contentType.contains("json") ? "JSON" : "CSV";
    }
    return encoding.equals("JSON") ? json(text) : csv(text);
  }

  private List<Map<String, String>> csv(String text) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (String row : text.split("\n")) {
      if (row.isBlank()) {
        continue;
      }
      List<String> fields = CsvRecordReader.splitLine(row, () -> error("unterminated quoted field"));
      rows.add(positional(fields));
    }
    return rows;
  }

  private List<Map<String, String>> json(String text) {
    JsonNode value;
    try {
      value = JsonLinesRecordReader.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw error("endpointInput.data is not JSON: " + e.getOriginalMessage());
    }
    if (value == null) {
      return List.of();
    }
    if (value.isObject()) {
      return List.of(JsonLinesRecordReader.flat(value));
    }
    if (value.isArray()) {
      if (value.size() > 0 && value.get(0).isObject()) {
        List<Map<String, String>> rows = new ArrayList<>();
        value.forEach(v -> rows.add(JsonLinesRecordReader.flat(v)));
        return rows;
      }
      List<String> fields = new ArrayList<>();
      value.forEach(v -> fields.add(JsonLinesRecordReader.text(v)));
      return List.of(positional(fields));
    }
    return List.of(positional(List.of(value.asText())));
  }

  private Map<String, String> positional(List<String> fields) {
    Map<String, String> record = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      record.put(i < columnNames.size() ? columnNames.get(i) : "_c" + i, fields.get(i));
    }
    return record;
  }
}
