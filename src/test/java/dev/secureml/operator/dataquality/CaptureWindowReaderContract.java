package dev.secureml.operator.dataquality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CaptureWindowReader} against a real S3 API, with files in data capture's layout. */
abstract class CaptureWindowReaderContract extends MonitorS3Contract {
  private static final Instant FROM = Instant.parse("2026-03-01T10:30:00Z");
  private static final Instant TO = Instant.parse("2026-03-01T11:30:00Z");
  private static final List<String> COLUMNS = List.of("age", "income", "segment");

  private static String csv(Instant at, String id) {
    return capturedCsv(at, id + ",1000.5,retail");
  }

  private List<Map<String, String>> readAll(CaptureWindowReader.Rows rows) {
    List<Map<String, String>> out = new ArrayList<>();
    rows.forEachRemaining(out::add);
    return out;
  }

  @Test
  void keepsRecordsInsideTheWindowAcrossHourFoldersAndVariants() {
    Instant h09 = Instant.parse("2026-03-01T09:00:00Z");
    Instant h10 = Instant.parse("2026-03-01T10:00:00Z");
    Instant h11 = Instant.parse("2026-03-01T11:00:00Z");
    Instant h12 = Instant.parse("2026-03-01T12:00:00Z");
    putCaptureFile(ENDPOINT, "AllTraffic", h09, "00-00-000-a", List.of(csv(h09, "1")));
    String first = putCaptureFile(ENDPOINT, "AllTraffic", h10, "29-59-000-b", List.of(
        csv(FROM.minusMillis(1), "2"),
        csv(FROM, "3"),
        "{\"truncated\": ",
        capturedJson(Instant.parse("2026-03-01T10:45:00Z"),
            "[{\"age\": 4, \"income\": 1.5, \"segment\": \"business\"},"
                + " {\"age\": 5, \"income\": 2.5, \"segment\": \"private\"}]")));
    putCaptureFile(ENDPOINT, "AllTraffic", h11, "00-00-000-c", List.of(
        capturedCsv(Instant.parse("2026-03-01T11:10:00Z"), "6,7.5,retail\n7,8.5,retail"),
        csv(TO.minusMillis(1), "8"),
        csv(TO, "9")));
    putCaptureFile(ENDPOINT, "Canary", h11, "05-00-000-d", List.of(
        capturedJson(Instant.parse("2026-03-01T11:05:00Z"), "[10, 3.5, \"retail\"]")));
    putCaptureFile(ENDPOINT, "AllTraffic", h12, "00-00-000-e", List.of(csv(h12, "11")));
    putCaptureFile(ENDPOINT + "-2", "AllTraffic", h10, "40-00-000-f",
        List.of(csv(Instant.parse("2026-03-01T10:40:00Z"), "12")));

    CaptureWindowReader.Rows rows = new CaptureWindowReader(store)
        .read(uri("capture"), ENDPOINT, FROM, TO, COLUMNS);
    List<Map<String, String>> read = readAll(rows);
    rows.close();

    assertThat(read).extracting(r -> r.get("age"))
        .containsExactlyInAnyOrder("3", "4", "5", "6", "7", "8", "10");
    assertThat(read).allSatisfy(r -> assertThat(r).containsOnlyKeys(COLUMNS));
    assertThat(read).filteredOn(r -> r.get("age").equals("10")).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("income", "3.5")
            .containsEntry("segment", "retail"));
    assertThat(rows.files()).hasSize(3).allMatch(f -> f.contains("/2026/03/01/10/")
        || f.contains("/2026/03/01/11/")).noneMatch(f -> f.contains(ENDPOINT + "-2"));
    assertThat(rows.recordsRead()).isEqualTo(5);
    assertThat(rows.rowsRead()).isEqualTo(7);
    assertThat(rows.recordsOutsideWindow()).isEqualTo(2);
    assertThat(rows.malformedRecords()).isEqualTo(1);
    assertThat(rows.firstMalformed()).hasValueSatisfying(m -> assertThat(m)
        .startsWith(first + " line 3: not JSON"));
  }

  @Test
  void readsOneFileAtATime() {
    Instant h10 = Instant.parse("2026-03-01T10:00:00Z");
    for (int i = 0; i < 3; i++) {
      putCaptureFile(ENDPOINT, "AllTraffic", h10, "4" + i + "-00-000",
          List.of(csv(h10.plusSeconds(2400 + i), Integer.toString(i))));
    }
    calls.clear();
    CaptureWindowReader.Rows rows = new CaptureWindowReader(store)
        .read(uri("capture/"), ENDPOINT, FROM, TO, COLUMNS);
    assertThat(calls).noneMatch(c -> c.startsWith("GetObject"));

    assertThat(rows.next()).containsEntry("age", "0");
    assertThat(calls).filteredOn(c -> c.startsWith("GetObject")).hasSize(1);
    assertThat(readAll(rows)).hasSize(2);
    assertThat(calls).filteredOn(c -> c.startsWith("GetObject")).hasSize(3);
  }

  @Test
  void nothingCapturedReadsAsNoRows() {
    CaptureWindowReader.Rows rows = new CaptureWindowReader(store)
        .read(uri("capture/"), ENDPOINT, FROM, TO, COLUMNS);
    assertThat(rows.hasNext()).isFalse();
    assertThat(rows.files()).isEmpty();
    assertThat(rows.recordsRead()).isZero();
  }
}
