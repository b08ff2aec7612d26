package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.drift.Violation;
import dev.secureml.operator.drift.ViolationsJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchDriftCommandTest {
  @Test
  void reportsThroughputAndFlagsTheShiftedFeaturesOnly() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new BenchDriftCommand()).setOut(new PrintWriter(out, true))
        .execute("--records", "20000", "--current-records", "5000");
    assertThat(exit).isZero();
    String text = out.toString();
    assertThat(text).contains("records/s").contains("MiB");
    List<Violation> violations = ViolationsJson.read(text.substring(text.indexOf('{')));
    assertThat(violations).extracting(v -> v.featureName() + " " + v.checkType())
        .containsExactlyInAnyOrder("amount baseline_drift_check", "state baseline_drift_check",
            "age completeness_check");
  }
}
