package dev.secureml.operator.local.bench;

import dev.secureml.operator.local.emulator.EmulatorInventory;
import dev.secureml.operator.local.emulator.EmulatorInventory.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every training job whose CR was deleted while SageMaker ran it must have been stopped: the
 * emulator shows it Stopping or Stopped (only an accepted StopTrainingJob leads there). A job
 * that finished on its own before its CR left the API server needed no stop (the operator saw
 * it finished); one that finished later ran on unowned, an orphan that merely completed.
 */
final class StopOnDeleteAudit {
  private static final Set<String> STOPPED = Set.of("Stopping", "Stopped");

  /**
   * @param deletedRunning jobs whose CR was deleted while SageMaker showed them InProgress
   * @param stopped of those, Stopping or Stopped
   * @param finishedFirst of those, Completed or Failed before their CR was gone
   * @param pending of those, still InProgress or with their CR not yet gone: judged later (a
   *     running job of a gone CR is an orphan to {@link SageMakerAudit} meanwhile)
   * @param neverStopped the others, each as a sentence: finished after their CR was gone
   */
  record Result(int deletedRunning, int stopped, int finishedFirst, int pending,
      List<String> neverStopped) {}

  private StopOnDeleteAudit() {}

  /**
   * @param deletedRunning SageMaker job name to the {@code namespace/name} of its deleted CR
   * @param jobGone when that CR left the API server, if it has
   */
  static Result check(Map<String, String> deletedRunning, EmulatorInventory inventory,
      Function<String, Optional<Instant>> jobGone) {
    int stopped = 0;
    int finishedFirst = 0;
    int pending = 0;
    List<String> neverStopped = new ArrayList<>();
    for (Map.Entry<String, String> e : deletedRunning.entrySet()) {
      Optional<JobState> job = inventory.trainingJob(e.getKey());
      Optional<Instant> gone = jobGone.apply(e.getValue());
      if (job.isPresent() && STOPPED.contains(job.get().status())) {
        stopped++;
      } else if (job.isEmpty() || job.get().ended() == null || gone.isEmpty()) {
        pending++;
      } else if (!job.get().ended().isAfter(gone.get())) {
        finishedFirst++;
      } else {
        neverStopped.add("training job " + e.getKey() + " of deleted SecureTrainingJob "
            + e.getValue() + " was deleted while running but never stopped (" + job.get().status()
            + " after its CR was gone)");
      }
    }
    return new Result(deletedRunning.size(), stopped, finishedFirst, pending,
        List.copyOf(neverStopped));
  }
}
