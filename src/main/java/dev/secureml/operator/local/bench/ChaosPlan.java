package dev.secureml.operator.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * What a chaos run will do, drawn from its seed before it starts: which CRs are deleted and
 * which endpoints changed, and when the operator restarts.
 *
 * @param deletedJobs indexes of the SecureTrainingJobs deleted while their jobs run
 * @param deletedEndpoints indexes of the ModelEndpoints deleted while they roll out
 * @param updatedEndpoints indexes of the ModelEndpoints given a new model version
 * @param restarts the moment of each restart, in the order they happen
 * @param createRestartAt share of the CRs applied when the create restart comes (the rest are
 *     applied while the operator stops and starts)
 * @param deleteRestartAt share of the deletions made when the delete restart comes
 * @param updateRestartDelay from the last endpoint spec change to the update restart
 * @param laterRestartDelays before each later restart, in emulated time
 */
record ChaosPlan(Set<Integer> deletedJobs, Set<Integer> deletedEndpoints,
    Set<Integer> updatedEndpoints, List<Moment> restarts, double createRestartAt,
    double deleteRestartAt, Duration updateRestartDelay, List<Duration> laterRestartDelays) {

  /** When a restart comes: in the middle of creates, deletes, endpoint updates, or later on. */
  enum Moment { CREATE, DELETE, UPDATE, LATER }

  static ChaosPlan draw(ChaosOptions o) {
    Random random = new Random(o.seed());
    List<Integer> jobs = shuffled(o.jobs(), random);
    List<Integer> endpoints = shuffled(o.endpoints(), random);
    int deletedEndpoints = ChaosOptions.share(o.endpoints(), ChaosOptions.DELETE_SHARE);
    int updatedEndpoints = Math.min(o.endpoints() - deletedEndpoints,
        ChaosOptions.share(o.endpoints(), ChaosOptions.UPDATE_SHARE));
    List<Moment> moments = new ArrayList<>(List.of(Moment.CREATE, Moment.DELETE));
    if (updatedEndpoints > 0) {
      moments.add(Moment.UPDATE);
    }
    while (moments.size() < o.restarts()) {
      moments.add(Moment.LATER);
    }
    moments = List.copyOf(moments.subList(0, o.restarts()));
    List<Duration> later = new ArrayList<>();
    for (Moment m : moments) {
      if (m == Moment.LATER) {
        later.add(Duration.ofMillis(5_000 + random.nextInt(55_000))); // 5-60 emulated s
      }
    }
    return new ChaosPlan(
        new TreeSet<>(jobs.subList(0, ChaosOptions.share(o.jobs(), ChaosOptions.DELETE_SHARE))),
        new TreeSet<>(endpoints.subList(0, deletedEndpoints)),
        new TreeSet<>(endpoints.subList(deletedEndpoints, deletedEndpoints + updatedEndpoints)),
        moments, 0.25 + 0.5 * random.nextDouble(), 0.25 + 0.5 * random.nextDouble(),
        Duration.ofMillis(random.nextInt(200)), List.copyOf(later));
  }

  boolean restartsAt(Moment moment) {
    return restarts.contains(moment);
  }

  private static List<Integer> shuffled(int n, Random random) {
    List<Integer> all = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(all, random);
    return all;
  }
}
