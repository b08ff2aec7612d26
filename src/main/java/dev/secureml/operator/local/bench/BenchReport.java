package dev.secureml.operator.local.bench;

import java.util.List;

/** A bench run: its options, each phase's figures, and the invariants it broke (none, ideally). */
public record BenchReport(BenchOptions options, List<PhaseResult> phases,
    List<String> violations) {

  public boolean passed() {
    return violations.isEmpty();
  }
}
