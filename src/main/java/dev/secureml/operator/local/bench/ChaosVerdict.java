package dev.secureml.operator.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The goals of a chaos run, each missed one as a sentence: the run fails on any of them. A goal
 * met only because its situation never arose proves nothing, so the situations are goals too.
 */
final class ChaosVerdict {
  private static final String CREATE_TRAINING_JOB = "SageMaker.CreateTrainingJob";

  private ChaosVerdict() {}

  static List<String> violations(ChaosReport r) {
    List<String> missed = new ArrayList<>();
    ChaosOptions o = r.options();
    if (r.restarts().size() < o.restarts()) {
      missed.add("only " + r.restarts().size() + " of " + o.restarts() + " restarts were done");
    }
    int n = 0;
    for (ChaosReport.Restart restart : r.restarts()) {
      n++;
      if (!restart.situationHeld()) {
        missed.add("restart " + n + " (" + restart.moment() + ") did not land in its situation:"
            + " what it awaited never came (" + restart.situation() + ")");
      }
    }
    if (o.throttleRate() + o.serverErrorRate() > 0 && r.faultsInjected() == 0) {
      missed.add("no fault was injected");
    }
    situations(r, missed);
    count(missed, r.duplicates(), "CRs own duplicate SageMaker resources");
    count(missed, r.orphans(), "SageMaker resources (or scaling registrations) outlive their"
        + " deleted CR");
    count(missed, r.unreferenced(), "replaced models or endpoint configs were left behind");
    count(missed, r.unconverged(), "CRs did not converge");
    if (r.convergeSeconds() == null) {
      missed.add("the run did not converge within " + o.timeout().toSeconds() + " s of the"
          + " last fault");
    }
    count(missed, r.logs().lost(), "training log lines were lost");
    count(missed, r.logs().repeated(), "training log lines were delivered more than once");
    return missed;
  }

  /** The lost answers, deletions of running jobs and log lines the claims rest on. */
  private static void situations(ChaosReport r, List<String> missed) {
    long lost = r.lostAnswers().values().stream().mapToLong(Long::longValue).sum();
    if (r.options().lostAnswerRate() > 0 && lost == 0) {
      missed.add("no create answer was lost, so adopting after one was not tested");
    }
    long jobsLost = r.lostAnswers().getOrDefault(CREATE_TRAINING_JOB, 0L);
    if (jobsLost > 0 && r.alreadyExists().getOrDefault(CREATE_TRAINING_JOB, 0L) == 0) {
      missed.add(jobsLost + " CreateTrainingJob answers were lost but no retry was told the job"
          + " already exists: the adopt path was not taken");
    }
    if (r.stopsOnDelete().deletedRunning() == 0) {
      missed.add("no training job was deleted while SageMaker ran it, so stopping on delete was"
          + " not tested");
    }
    if (r.logs().written() == 0) {
      missed.add("no training log line was written (--log-lines-per-second "
          + r.options().logLinesPerSecond() + "), so nothing shows that none are lost");
    }
  }

  private static void count(List<String> missed, long n, String what) {
    if (n > 0) {
      missed.add(n + " " + what);
    }
  }
}
