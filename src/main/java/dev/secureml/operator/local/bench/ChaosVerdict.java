package dev.secureml.operator.local.bench;

import java.util.ArrayList;
import java.util.List;

/** The goals of a chaos run, each missed one as a sentence: the run fails on any of them. */
final class ChaosVerdict {
  private ChaosVerdict() {}

  static List<String> violations(ChaosReport r) {
    List<String> missed = new ArrayList<>();
    ChaosOptions o = r.options();
    if (r.restarts().size() < o.restarts()) {
      missed.add("only " + r.restarts().size() + " of " + o.restarts() + " restarts were done");
    }
    if (o.throttleRate() + o.serverErrorRate() > 0 && r.faultsInjected() == 0) {
      missed.add("no fault was injected");
    }
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

  private static void count(List<String> missed, long n, String what) {
    if (n > 0) {
      missed.add(n + " " + what);
    }
  }
}
