package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainingCurveTest {

  @Test
  void sameJobNameTrainsToTheSameNumbers() {
    assertThat(TrainingCurve.of(job("fraud-xgb", "50"))).isEqualTo(TrainingCurve.of(job("fraud-xgb", "50")));
    assertThat(TrainingCurve.of(job("fraud-xgb", "50")).finalMetrics())
        .isNotEqualTo(TrainingCurve.of(job("churn-xgb", "50")).finalMetrics());
  }

  @Test
  void lossFallsFromChanceToTheFinalValue() {
    TrainingCurve curve = TrainingCurve.of(job("fraud-xgb", "50"));
    assertThat(curve.rounds()).isEqualTo(50);
    assertThat(curve.trainLoss(0)).isLessThan(0.693).isGreaterThan(curve.trainLoss(25));
    assertThat(curve.trainLoss(49)).isEqualTo(curve.finalTrainLoss());
    assertThat(curve.validationLoss(49)).isGreaterThan(curve.trainLoss(49));
    assertThat(curve.validationAuc()).isBetween(0.86, 0.97);
  }

  @Test
  void roundsAreCappedAndDefaulted() {
    assertThat(TrainingCurve.of(job("a", "100000")).rounds()).isEqualTo(200);
    assertThat(TrainingCurve.of(job("a", "many")).rounds()).isEqualTo(10);
  }

  @Test
  void spotBillsLessButNeverNothing() {
    TrainingCurve curve = TrainingCurve.of(job("a", "10"));
    assertThat(curve.billableSeconds(170, false)).isEqualTo(170);
    assertThat(curve.billableSeconds(170, true)).isBetween(1L, 169L);
    assertThat(curve.billableSeconds(1, true)).isEqualTo(1);
  }

  private static TrainingJob job(String name, String rounds) {
    ObjectNode request = Json.object().put("TrainingJobName", name);
    request.putObject("HyperParameters").put("num_round", rounds);
    return new TrainingJob(name, "arn", request, Instant.EPOCH, 1);
  }
}
