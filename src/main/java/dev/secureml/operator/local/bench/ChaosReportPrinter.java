package dev.secureml.operator.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.secureml.operator.local.emulator.FaultInjector;
import java.io.PrintWriter;

/** Prints a chaos report as a table for people or as JSON for tools. */
public final class ChaosReportPrinter {
  private ChaosReportPrinter() {}

  public static String json(ChaosReport report) {
    try {
      return new ObjectMapper().registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the chaos report as JSON", e);
    }
  }

  public static void table(ChaosReport r, PrintWriter out) {
    ChaosOptions o = r.options();
    out.printf("bench --chaos: %d SecureTrainingJobs, %d ModelEndpoints (every other one"
        + " autoscaled) in %d namespaces; emulator speed x%s; SageMaker budget %s; seed %d%n",
        o.jobs(), o.endpoints(), o.namespaces(), number(o.speed()),
        r.sageMakerBudget() == 0 ? "lifted" : number(r.sageMakerBudget()) + "/s per operation",
        o.seed());
    out.printf("faults: %s %% ThrottlingException, %s %% HTTP 500/503 on SageMaker, Application"
        + " Auto Scaling and CloudWatch Logs, until after the last restart%n",
        number(100 * o.throttleRate()), number(100 * o.serverErrorRate()));
    out.println();
    out.println("restarts (graceful: OperatorAssembly.close(), as a pod given SIGTERM):");
    out.printf("  %-2s %-7s %7s %7s %7s  %s%n", "#", "moment", "at s", "stop s", "down s",
        "in flight");
    int n = 0;
    for (ChaosReport.Restart x : r.restarts()) {
      out.printf("  %-2d %-7s %7.1f %7.1f %7.1f  %s%s%n", ++n, x.moment(), x.atSeconds(),
          x.stopSeconds(), x.downSeconds(), x.situationHeld() ? "" : "NOT IN ITS SITUATION: ",
          x.situation());
    }
    out.print("deleted:");
    r.deletions().forEach((state, count) -> out.printf(" %d %s;", count, state));
    out.printf("%nendpoints given a new model version (blue/green update): %d%n",
        r.endpointUpdates());
    out.print("faults injected:");
    for (FaultInjector.Count c : r.faults()) {
      out.printf(" %s %s (%d) %d;", c.service(), c.code(), c.httpStatus(), c.count());
    }
    out.printf(" %d in all%n", r.faultsInjected());
    out.printf("create answers lost after the work was done (HTTP 500): %s; \"already exists\""
        + " answers to creates: %s%n", r.lostAnswers(), r.alreadyExists());
    ChaosReport.StopsOnDelete stops = r.stopsOnDelete();
    out.printf("jobs deleted while running: %d; stopped %d, finished before their CR was gone"
        + " %d, never stopped %d (goal 0)%n", stops.deletedRunning(), stops.stopped(),
        stops.finishedFirst(), stops.neverStopped());
    out.println("calls answered, per operation (throttled, 5xx):");
    String service = null;
    for (ChaosReport.OperationCalls c : r.calls()) {
      String[] parts = c.operation().split("\\.", 2);
      if (!parts[0].equals(service)) {
        out.printf("%s  %s:", service == null ? "" : "\n", parts[0]);
        service = parts[0];
      }
      out.printf(" %s %d (%d, %d);", parts[1], c.calls(), c.throttled(), c.serverErrors());
    }
    out.println();
    out.println();
    out.printf("%s; wall %.1f s, process CPU %.1f s (operator + emulator + API server)%n",
        r.convergeSeconds() == null ? "did NOT converge within " + o.timeout().toSeconds()
            + " s of the last fault" : String.format("converged %.1f s after the last fault",
            r.convergeSeconds()), r.wallSeconds(), r.cpuSeconds());
    out.printf("surviving: %d jobs, %d endpoints%n", r.jobsSurviving(), r.endpointsSurviving());
    out.printf("duplicates %d (goal 0), orphans %d (goal 0), replaced parts left behind %d"
        + " (goal 0), CRs not converged %d (goal 0)%n", r.duplicates(), r.orphans(),
        r.unreferenced(), r.unconverged());
    LogTally logs = r.logs();
    out.printf("training log lines of surviving jobs: %d written in %d streams, lost %d"
        + " (goal 0), repeated %d (goal 0; %d of them under a new event id)%n", logs.written(),
        logs.streams(), logs.lost(), logs.repeated(), logs.repeatedUnderNewId());
    out.printf("throttling shown on CRs at the end: %d (retried, not a goal under chaos)%n",
        r.throttlesSurfaced());
    out.println("note: a hard kill (SIGKILL) cannot be done in-process; after one, lines"
        + " received since the last saved checkpoint come again (at-least-once, same event ids)");
    r.problems().forEach(p -> out.println("  " + p));
    out.println();
    if (r.passed()) {
      out.println("goals: all met");
    } else {
      r.violations().forEach(v -> out.println("VIOLATED: " + v));
    }
    out.flush();
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
