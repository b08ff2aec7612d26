package dev.secureml.operator.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.secureml.operator.local.bench.PhaseResult.OperationRow;
import java.io.PrintWriter;
import java.util.Map;

/** Prints a bench report as a table for people or as JSON for tools. */
public final class BenchReportPrinter {
  private BenchReportPrinter() {}

  public static String json(BenchReport report) {
    try {
      return new ObjectMapper().registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the bench report as JSON", e);
    }
  }

  public static void table(BenchReport report, PrintWriter out) {
    BenchOptions o = report.options();
    out.printf("bench: %d SecureTrainingJobs, %d ModelEndpoints in %d namespaces; emulator"
        + " speed x%s; polling %s%n", o.jobs(), o.endpoints(), o.namespaces(),
        number(o.speed()), switch (o.polling()) {
          case FIXED -> "fixed every " + o.fixedInterval().toSeconds() + " s (emulated)";
          case ADAPTIVE -> "adaptive (operator defaults, emulated time)";
          case BOTH -> "adaptive (operator defaults) and fixed every "
              + o.fixedInterval().toSeconds() + " s, emulated time";
        });
    for (PhaseResult p : report.phases()) {
      phase(p, out);
    }
    out.println();
    if (report.passed()) {
      out.println("invariants: all hold (converged, one create per job, no duplicate resources,"
          + " no throttling surfaced, no second over budget)");
    } else {
      report.violations().forEach(v -> out.println("VIOLATED: " + v));
    }
    out.flush();
  }

  private static void phase(PhaseResult p, PrintWriter out) {
    out.println();
    out.printf("== %s: SageMaker budget %s%n", p.name(), p.budget() == 0 ? "lifted"
        : number(p.budget()) + " calls/s per operation, burst " + p.burst());
    out.printf("wall %.1f s, process CPU %.1f s (operator + emulator + API server)%n",
        p.wallSeconds(), p.cpuSeconds());
    out.printf("apply -> CreateTrainingJob: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
        p.createLatencyMs().p50(), p.createLatencyMs().p95(), p.createLatencyMs().p99(),
        p.createLatencyMs().max());
    out.printf("all %d jobs submitted %.1f s after the first apply; first -> last create"
        + " %.1f s%s%n", p.jobs(), p.submitSeconds(), p.paceSeconds(),
        p.expectedSubmitSeconds() == null ? "" : String.format(
            " (token bucket: (N - burst) / rate = %.1f s, %+.1f %%)",
            p.expectedSubmitSeconds(), 100 * (p.paceSeconds() / p.expectedSubmitSeconds() - 1)));
    if (p.convergeSeconds() != null) {
      out.printf("converged after %.1f s: %d/%d jobs Completed, %d/%d endpoints InService%n",
          p.convergeSeconds(), p.jobsCompleted(), p.jobs(), p.endpointsInService(),
          p.endpoints());
    } else {
      out.printf("not waited for convergence: %d/%d jobs Completed, %d/%d endpoints"
          + " InService%n", p.jobsCompleted(), p.jobs(), p.endpointsInService(), p.endpoints());
    }
    out.printf("%-22s %7s %8s %7s %6s %4s %9s %7s %9s %8s%n", "SageMaker operation",
        "calls", "accepted", "refused", "thrott", "5xx", "per", "see-all", "busiest/s",
        "budget/s");
    for (OperationRow r : p.sageMakerCalls()) {
      out.printf("%-22s %7d %8d %7d %6d %4d %9s %7s %9d %8s%n", r.operation(), r.calls(),
          r.accepted(), r.refused(), r.throttled(), r.serverErrors(),
          String.format("%.2f/%s", r.perResource(), r.per().charAt(0)),
          r.minimumPerResource() == null ? "-" : String.format("%.2f", r.minimumPerResource()),
          r.busiestSecond(), r.secondBudget() == 0 ? "lifted" : r.secondBudget());
    }
    out.printf("Kubernetes writes: %.2f per resource;", p.kubeWritesPerResource());
    for (Map.Entry<String, Long> w : p.kubeWrites().entrySet()) {
      out.printf(" %s %d;", w.getKey(), w.getValue());
    }
    out.println();
    out.printf("creates per job (max) %d, jobs never created %d, duplicate SageMaker resources"
        + " %d, throttles at emulator %d, surfaced to resources %d%n", p.createsPerJobMax(),
        p.jobsWithoutCreate(), p.duplicateResources(), p.throttlesAtEmulator(),
        p.throttlesSurfaced());
    if (p.staleness() != null) {
      out.printf("status staleness (SageMaker change -> CR shows it, emulated time): p50 %.1f s,"
          + " p95 %.1f s; %d of %d status changes shown, the rest fell between polls%n",
          p.staleness().p50Seconds(), p.staleness().p95Seconds(), p.staleness().shown(),
          p.staleness().statusChanges());
    }
    if (p.memory() != null) {
      out.printf("memory with %d CRs cached: heap after full GC %.0f MiB (operator, emulator and"
          + " API server in one JVM), of which the operator %.0f MiB (freed when it stops);"
          + " RSS %.0f MiB%n", p.memory().cachedResources(), p.memory().heapAfterGcMiB(),
          p.memory().operatorHeapMiB(), p.memory().rssMiB());
    }
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
