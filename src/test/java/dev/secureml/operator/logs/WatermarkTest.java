package dev.secureml.operator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a FilterLogEvents watermark calls new, and what it keeps in the checkpoint. */
class WatermarkTest {
  private static final long OVERLAP = 10_000;
  private static final long T = 1_700_000_000_000L;

  @Test
  void aNewStreamIsReadFromItsStartAndEveryLineIsNew() {
    Watermark mark = Watermark.fromStart();
    assertThat(mark.readFrom()).isZero();
    assertThat(mark.last()).isNull();
    assertThat(mark.isNew(T, "a")).isTrue();
  }

  @Test
  void linesOfTheLastMillisecondAreSkippedByIdNotByTime() {
    Watermark mark = Watermark.fromStart();
    mark.forwarded(List.of(T, T), List.of("a", "b"), OVERLAP);

    assertThat(mark.isNew(T, "a")).isFalse();
    assertThat(mark.isNew(T, "b")).isFalse();
    assertThat(mark.isNew(T, "c")).as("a third line of the same millisecond, on a later page")
        .isTrue();
    assertThat(mark.isNew(T + 1, "d")).isTrue();
    assertThat(mark.forwardedAt(T)).isEqualTo(2);
  }

  @Test
  void readsStartTheOverlapBehindTheNewestLineAndALateLineInsideItIsNew() {
    Watermark mark = Watermark.fromStart();
    mark.forwarded(List.of(T, T + 5_000, T + 20_000), List.of("a", "b", "c"), OVERLAP);

    assertThat(mark.readFrom()).isEqualTo(T + 10_000);
    assertThat(mark.last()).isEqualTo(T + 20_000);
    assertThat(mark.isNew(T + 20_000, "c")).isFalse();
    assertThat(mark.isNew(T + 15_000, "late")).as("stamped inside the overlap, seen late")
        .isTrue();
    assertThat(mark.isNew(T + 9_999, "too-late")).as("further back: taken as forwarded")
        .isFalse();

    mark.forwarded(List.of(T + 15_000), List.of("late"), OVERLAP);
    assertThat(mark.isNew(T + 15_000, "late")).isFalse();
    assertThat(mark.last()).as("a late line does not move the newest back")
        .isEqualTo(T + 20_000);
  }

  @Test
  void aChattyStreamKeepsABoundedListButAlwaysTheNewestMillisecond() {
    Watermark mark = Watermark.fromStart();
    List<Long> times = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      times.add(T + i);
      ids.add("e" + i);
    }
    mark.forwarded(times, ids, OVERLAP);

    assertThat(mark.entries()).hasSize(Watermark.MAX_IDS);
    assertThat(mark.readFrom()).isEqualTo(T + 200 - Watermark.MAX_IDS);
    assertThat(mark.isNew(T + 199, "e199")).isFalse();
    assertThat(mark.isNew(T + 150, "e150")).isFalse();
    assertThat(mark.isNew(T + 149, "e149")).as("behind the re-read point now").isFalse();

    List<String> burst = IntStream.range(0, 80).mapToObj(i -> "burst" + i).toList();
    mark.forwarded(burst.stream().map(i -> T + 500).toList(), burst, OVERLAP);
    assertThat(mark.entries()).as("more than the list may hold: counted instead").isEmpty();
    assertThat(mark.skipAtLast()).isEqualTo(80);
    assertThat(mark.forwardedAt(T + 500)).isEqualTo(80);
    assertThat(mark.readFrom()).isEqualTo(T + 500);
    assertThat(mark.isNew(T + 500, "burst79", 80)).isFalse();
    assertThat(mark.isNew(T + 500, "more", 81)).as("the 81st line of that millisecond").isTrue();

    mark.forwarded(List.of(T + 501), List.of("next"), OVERLAP);
    assertThat(mark.isNew(T + 500, "burst0", 1)).as("a newer line closes the counted one")
        .isFalse();
    assertThat(mark.skipAtLast()).isNull();
  }

  @Test
  void anIdleStreamKeepsOnlyTheCountOfItsNewestMillisecond() {
    Watermark mark = Watermark.fromStart();
    mark.forwarded(List.of(T, T + 5, T + 5), List.of("a", "b", "c"), OVERLAP);
    assertThat(mark.settle(T + 5 + OVERLAP, OVERLAP)).as("not idle for long enough").isFalse();
    assertThat(mark.settle(T + 6 + OVERLAP, OVERLAP)).isTrue();

    assertThat(mark.entries()).isEmpty();
    assertThat(mark.readFrom()).isEqualTo(T + 5);
    Watermark restored = Watermark.restore(mark.last(), mark.readFrom(), mark.entries(),
        mark.skipAtLast());
    assertThat(restored.isNew(T + 5, "b", 2)).isFalse();
    assertThat(restored.isNew(T + 5, "late", 3)).as("ingested later in that millisecond")
        .isTrue();
    assertThat(restored.isNew(T + 6, "d", 1)).isTrue();
  }

  @Test
  void theCheckpointRestoresTheSameWatermark() {
    Watermark mark = Watermark.fromStart();
    mark.forwarded(List.of(T, T + 3, T + 3), List.of("a", "b", "c"), OVERLAP);

    Watermark restored = Watermark.restore(mark.last(), mark.readFrom(), mark.entries());
    assertThat(restored.readFrom()).isEqualTo(mark.readFrom());
    assertThat(restored.last()).isEqualTo(T + 3);
    assertThat(restored.entries()).containsExactly(T + ":a", (T + 3) + ":b", (T + 3) + ":c");
    assertThat(restored.isNew(T + 3, "c")).isFalse();
    assertThat(restored.isNew(T + 3, "d")).isTrue();
  }

  @Test
  void aHandEditedCheckpointDropsWhatItCannotReadAndStillForwards() {
    Watermark restored = Watermark.restore(T + 10, T, List.of("garbage", ":x", "12:",
        (T - 1) + ":before", (T + 11) + ":after", (T + 10) + ":kept"));
    assertThat(restored.entries()).containsExactly((T + 10) + ":kept");
    assertThat(restored.isNew(T + 10, "kept")).isFalse();
    assertThat(restored.isNew(T + 10, "other")).isTrue();
  }

  @Test
  void aHandEditedCheckpointWithThousandsOfIdsIsHeldToTheBound() {
    List<String> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      entries.add((T + i / 100) + ":id" + i);
    }
    Watermark restored = Watermark.restore(T + 99, T, entries);
    assertThat(restored.entries()).hasSizeLessThanOrEqualTo(Watermark.MAX_IDS);
    assertThat(restored.isNew(T + 99, "id9999", 100)).as("the 100th line of its millisecond").isFalse();
    assertThat(restored.isNew(T + 98, "id9899")).isFalse();
    assertThat(restored.isNew(T + 100, "next")).isTrue();
  }

  @Test
  void aGetLogEventsCheckpointGoesOnFromTheMillisecondAfterItsLastLine() {
    Watermark migrated = Watermark.after(T);
    assertThat(migrated.readFrom()).isEqualTo(T + 1);
    assertThat(migrated.isNew(T, "any")).isFalse();
    assertThat(migrated.isNew(T + 1, "next")).isTrue();
    assertThat(Watermark.restore(T, null, null).readFrom()).isEqualTo(T + 1);
    assertThat(Watermark.after(null).readFrom()).as("nothing forwarded yet").isZero();
  }
}
