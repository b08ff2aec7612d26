package dev.secureml.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

  private static List<Map<String, String>> all(RecordReader reader) {
    List<Map<String, String>> rows = new ArrayList<>();
    reader.forEachRemaining(rows::add);
    return rows;
  }

  private static BufferedReader text(String s) {
    return new BufferedReader(new StringReader(s));
  }

  @Test
  void csvWithHeaderNamesColumnsAndKeepsQuotedCommas() {
    List<Map<String, String>> rows = all(new CsvRecordReader(
        text("a,b,c\n1,\"x, \"\"y\"\"\",\n\n2,z,3.5\r\n"), true, "t.csv"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("a", "1").containsEntry("b", "x, \"y\"")
        .containsEntry("c", "");
    assertThat(rows.get(1)).containsEntry("c", "3.5");
  }

  @Test
  void headerlessCsvColumnsAreNamedLikeModelMonitor() {
    CsvRecordReader reader = new CsvRecordReader(text("1,2\n3,4,5\n"), false, "t.csv");
    List<Map<String, String>> rows = all(reader);
    assertThat(rows.get(0).keySet()).containsExactly("_c0", "_c1");
    assertThat(rows.get(1).keySet()).containsExactly("_c0", "_c1", "_c2");
    assertThat(reader.columnNames()).containsExactly("_c0", "_c1", "_c2");
  }

  @Test
  void csvErrorsNameTheLine() {
    assertThatThrownBy(() -> all(new CsvRecordReader(text("a,b\n1,\"open\n"), true, "t.csv")))
        .isInstanceOf(RecordReader.DataFormatException.class)
        .hasMessageContaining("t.csv line 2");
    assertThatThrownBy(() -> all(new CsvRecordReader(text("a,a\n"), true, "t.csv")))
        .hasMessageContaining("repeated");
  }

  @Test
  void jsonLinesAreFlatObjects() {
    List<Map<String, String>> rows = all(new JsonLinesRecordReader(
        text("{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":2.5}\n{\"a\":2}\n"), "t.jsonl"));
    assertThat(rows.get(0)).containsEntry("a", "1").containsEntry("b", "x")
        .containsEntry("c", null).containsEntry("d", "2.5");
    assertThat(rows.get(1)).containsOnlyKeys("a");
    assertThatThrownBy(() -> all(new JsonLinesRecordReader(text("[1]\n"), "t.jsonl")))
        .hasMessageContaining("t.jsonl line 1: expected a JSON object");
  }

  @Test
  void captureRecordsYieldEndpointInputRows() {
    String b64 = Base64.getEncoder().encodeToString("7,8\n".getBytes(StandardCharsets.UTF_8));
    String lines = String.join("\n",
        "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\","
            + "\"data\":\"1,2.5,TX\\n3,4.5,GA\",\"encoding\":\"CSV\"},\"endpointOutput\":{\"data\":\"0.1\","
            + "\"encoding\":\"CSV\",\"mode\":\"OUTPUT\",\"observedContentType\":\"text/csv\"}},"
            + "\"eventMetadata\":{\"eventId\":\"e1\"},\"eventVersion\":\"0\"}",
        "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"application/json\",\"mode\":\"INPUT\","
            + "\"data\":\"{\\\"roa\\\":0.8,\\\"state\\\":\\\"WI\\\"}\",\"encoding\":\"JSON\"}}}",
        "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\","
            + "\"data\":\"" + b64 + "\",\"encoding\":\"BASE64\"}}}");
    List<Map<String, String>> rows = all(new CaptureRecordReader(text(lines), "capture.jsonl"));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).containsExactly(Map.entry("_c0", "1"), Map.entry("_c1", "2.5"),
        Map.entry("_c2", "TX"));
    assertThat(rows.get(1)).containsEntry("_c2", "GA");
    assertThat(rows.get(2)).containsEntry("roa", "0.8").containsEntry("state", "WI");
    assertThat(rows.get(3)).containsEntry("_c0", "7").containsEntry("_c1", "8");
    assertThatThrownBy(() -> all(new CaptureRecordReader(text("{\"a\":1}"), "c.jsonl")))
        .hasMessageContaining("no captureData.endpointInput");
  }

  private static String captured(String time, String csv) {
    return "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\","
        + "\"mode\":\"INPUT\",\"data\":\"" + csv + "\",\"encoding\":\"CSV\"}},"
        + "\"eventMetadata\":{\"eventId\":\"e\",\"inferenceTime\":\"" + time + "\"},"
        + "\"eventVersion\":\"0\"}";
  }

  @Test
  void captureWindowKeepsRecordsInsideAndSkipsBadLines() {
    String lines = String.join("\n",
        captured("2026-03-01T09:59:59.999Z", "1,a"),
        captured("2026-03-01T10:00:00.000Z", "2,b\\n3,c"),
        "{not json",
        captured("2026-03-01T10:30:00+00:00", "4,d"),
        "{\"captureData\":{\"endpointInput\":{\"data\":\"5,e\"}}}",
        captured("2026-03-01T10:59:59.999Z", "\\\"open,f"),
        captured("2026-03-01T11:00:00Z", "6,g"));
    CaptureRecordReader reader = new CaptureRecordReader(text(lines), "c.jsonl",
        List.of("n", "s"), java.time.Instant.parse("2026-03-01T10:00:00Z"),
        java.time.Instant.parse("2026-03-01T11:00:00Z"), true);

    assertThat(all(reader)).extracting(r -> r.get("n")).containsExactly("2", "3", "4");
    assertThat(reader.recordsRead()).isEqualTo(2);
    assertThat(reader.recordsOutsideWindow()).isEqualTo(2);
    assertThat(reader.malformedRecords()).isEqualTo(3);
    assertThat(reader.firstMalformed()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("c.jsonl line 3: not JSON"));
  }

  @Test
  void withoutSkippingABadCaptureLineFails() {
    CaptureRecordReader reader = new CaptureRecordReader(text(captured("yesterday", "1")),
        "c.jsonl", List.of(), java.time.Instant.EPOCH, java.time.Instant.MAX, false);
    assertThatThrownBy(() -> all(reader))
        .hasMessageContaining("c.jsonl line 1: eventMetadata.inferenceTime is not an RFC 3339");
  }

  @Test
  void valueTypes() {
    assertThat(FeatureType.classify("42")).isEqualTo(FeatureType.Integral);
    assertThat(FeatureType.classify("-7")).isEqualTo(FeatureType.Integral);
    assertThat(FeatureType.classify("4.2")).isEqualTo(FeatureType.Fractional);
    assertThat(FeatureType.classify("1e3")).isEqualTo(FeatureType.Fractional);
    assertThat(FeatureType.classify("NaN")).isEqualTo(FeatureType.String);
    assertThat(FeatureType.classify("1d")).isEqualTo(FeatureType.String);
    assertThat(FeatureType.classify("TX")).isEqualTo(FeatureType.String);
  }
}
