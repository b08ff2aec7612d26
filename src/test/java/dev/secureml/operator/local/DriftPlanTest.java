package dev.secureml.operator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.local.DriftPlan.ColumnShift;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftPlanTest {
  private static final List<String> COLUMNS = List.of("tier1", "npl", "assets", "state");

  @Test
  void shiftsOnlyTheNamedColumnsKeepingTheirDecimals() {
    DriftPlan plan = DriftPlan.afterRequests(0, ColumnShift.multiply("tier1", 0.5),
        ColumnShift.multiply("npl", 4));
    RowShifter shifter = new RowShifter(plan, COLUMNS, 1);

    assertThat(shifter.apply("12.35,1.13,1047.5,TX")).isEqualTo("6.18,4.52,1047.5,TX");
    assertThat(shifter.apply("8,0.25,850,CA")).isEqualTo("4,1.00,850,CA");
  }

  @Test
  void leavesMissingAndNonNumericValuesAndShortRowsAlone() {
    RowShifter shifter = new RowShifter(
        DriftPlan.afterRequests(0, ColumnShift.add("npl", 2), ColumnShift.add("state", 1)),
        COLUMNS, 1);

    assertThat(shifter.apply("12.1,,850,TX")).isEqualTo("12.1,,850,TX");
    assertThat(shifter.apply("12.1")).isEqualTo("12.1");
    assertThat(shifter.apply("12.1,1.5,850,TX")).isEqualTo("12.1,3.5,850,TX");
  }

  @Test
  void replacesWithUniformDrawsFromTheRangeReproducibly() {
    DriftPlan plan = DriftPlan.afterRequests(0, ColumnShift.uniform("assets", 5000, 6000));
    RowShifter a = new RowShifter(plan, COLUMNS, 7);
    RowShifter b = new RowShifter(plan, COLUMNS, 7);

    for (int i = 0; i < 100; i++) {
      String row = a.apply("12.1,1.5,850.0,TX");
      assertThat(row).isEqualTo(b.apply("12.1,1.5,850.0,TX")).startsWith("12.1,1.5,")
          .endsWith(",TX");
      assertThat(Double.parseDouble(row.split(",")[2])).isBetween(5000.0, 6000.0);
    }
  }

  @Test
  void unknownColumnIsRefusedNamingTheColumnsThereAre() {
    DriftPlan plan = DriftPlan.afterRequests(0, ColumnShift.multiply("failed", 2));

    assertThatThrownBy(() -> new RowShifter(plan, COLUMNS, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'failed'").hasMessageContaining("tier1, npl, assets, state");
  }

  @Test
  void describesItselfForTheSandboxLine() {
    DriftPlan plan = DriftPlan.after(Duration.ofSeconds(25),
        ColumnShift.multiply("tier1_capital_ratio", 0.5), ColumnShift.multiply("npl_ratio", 4),
        ColumnShift.add("roa", -1.5), ColumnShift.uniform("roe", 40, 60));

    assertThat(plan.describe()).isEqualTo("tier1_capital_ratio x0.5, npl_ratio x4, roa -1.5, "
        + "roe replaced by uniform 40..60");
    assertThat(plan.columns()).containsExactly("tier1_capital_ratio", "npl_ratio", "roa", "roe");
  }

  @Test
  void refusesPlansThatCannotMeanAnything() {
    assertThatThrownBy(() -> DriftPlan.afterRequests(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DriftPlan.afterRequests(-1, ColumnShift.add("npl", 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DriftPlan.afterRequests(0, ColumnShift.add("npl", 1),
        ColumnShift.multiply("npl", 2))).hasMessageContaining("npl is shifted twice");
    assertThatThrownBy(() -> ColumnShift.uniform("npl", 5, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
