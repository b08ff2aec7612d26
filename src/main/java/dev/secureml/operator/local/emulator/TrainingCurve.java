package dev.secureml.operator.local.emulator;

import java.util.List;
import java.util.Random;

/**
 * The made-up but plausible learning curve of a job: log-loss falling from chance (0.693)
 * towards a final value, and the final metrics. Seeded by the job name, so the same job name
 * always trains to the same numbers and tests can pin them.
 */
record TrainingCurve(int rounds, double finalTrainLoss, double finalValidationLoss,
    double validationAuc, double spotSavings) {

  private static final double CHANCE_LOSS = 0.693;
  private static final int DEFAULT_ROUNDS = 10;
  private static final int MAX_ROUNDS = 200;

  static TrainingCurve of(TrainingJob job) {
    Random random = new Random(job.name().hashCode());
    double train = 0.08 + random.nextDouble() * 0.17;
    double validation = train + 0.01 + random.nextDouble() * 0.05;
    double auc = 0.86 + random.nextDouble() * 0.11;
    double savings = 0.3 + random.nextDouble() * 0.4;
    return new TrainingCurve(rounds(job), round(train), round(validation), round(auc), savings);
  }

  /** num_round (XGBoost) or epochs, capped so a log stays a sensible size. */
  private static int rounds(TrainingJob job) {
    for (String name : new String[] {"num_round", "num_rounds", "epochs"}) {
      String value = Json.text(job.request().path("HyperParameters"), name);
      if (value != null) {
        try {
          return Math.max(1, Math.min(MAX_ROUNDS, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
          return DEFAULT_ROUNDS;
        }
      }
    }
    return DEFAULT_ROUNDS;
  }

  double trainLoss(int round) {
    return lossAt(round, finalTrainLoss);
  }

  double validationLoss(int round) {
    return lossAt(round, finalValidationLoss);
  }

  /** Validation AUC after a round: from 0.5 (chance) up to the final AUC at the last round. */
  double validationAuc(int round) {
    double remaining = 1.0 - (round + 1.0) / rounds;
    return validationAuc - (validationAuc - 0.5) * remaining * remaining;
  }

  List<TrainingJob.Metric> finalMetrics() {
    return List.of(new TrainingJob.Metric("train:logloss", finalTrainLoss),
        new TrainingJob.Metric("validation:logloss", finalValidationLoss),
        new TrainingJob.Metric("validation:auc", validationAuc));
  }

  /** Spot capacity bills less than the time trained; never more, and at least a second. */
  long billableSeconds(long trainingSeconds, boolean spot) {
    if (!spot || trainingSeconds <= 1) {
      return trainingSeconds;
    }
    return Math.max(1, Math.min(trainingSeconds - 1, Math.round(trainingSeconds * (1 - spotSavings))));
  }

  /** Quadratic approach from chance level at round 0 to the final loss at the last round. */
  private double lossAt(int round, double finalLoss) {
    double remaining = 1.0 - (round + 1.0) / rounds;
    return finalLoss + (CHANCE_LOSS - finalLoss) * remaining * remaining;
  }

  private static double round(double value) {
    return Math.round(value * 1e5) / 1e5;
  }
}
