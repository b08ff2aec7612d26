package dev.secureml.operator.cli;

import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.ConstraintsJson;
import dev.secureml.operator.drift.RecordReader;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsAccumulator;
import dev.secureml.operator.drift.StatisticsJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Computes baseline statistics and suggested constraints from training data. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = "Computes statistics.json and constraints.json (Model Monitor's formats) from"
        + " baseline data, streaming, so the data need not fit in memory.")
public class BaselineCommand implements Callable<Integer> {
  static final int EXIT_BAD_INPUT = 2;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "A data file; repeat for several (read as one data set).")
  List<Path> data;

  @Option(names = "--format", defaultValue = "csv",
      description = "csv, jsonl (flat JSON objects) or capture (SageMaker data-capture records)"
          + " (default: ${DEFAULT-VALUE}).")
  RecordReader.Format format;

  @Option(names = "--no-header",
      description = "CSV files have no header line; columns are named _c0, _c1, ...")
  boolean noHeader;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory for statistics.json and constraints.json (created if needed).")
  Path out;

  @Option(names = "--comparison-method", defaultValue = "Robust",
      description = "Drift comparison written to the constraints: Robust or Simple"
          + " (default: ${DEFAULT-VALUE}).")
  Constraints.ComparisonMethod comparisonMethod;

  @Option(names = "--comparison-threshold", defaultValue = "0.1",
      description = "Drift distance above which a feature has drifted (default: ${DEFAULT-VALUE}).")
  double comparisonThreshold;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    for (Path file : data) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        err.println("baseline: cannot read " + file + ": no such readable file");
        return EXIT_BAD_INPUT;
      }
    }
    StatisticsAccumulator accumulator = new StatisticsAccumulator();
    for (Path file : data) {
      try (RecordReader reader = RecordReader.open(file, format, !noHeader)) {
        accumulator.addAll(reader);
      } catch (RecordReader.DataFormatException e) {
        err.println("baseline: unreadable " + format + " data: " + e.getMessage());
        return EXIT_BAD_INPUT;
      } catch (IOException | UncheckedIOException e) {
        err.println("baseline: cannot read " + file + ": " + e.getMessage());
        return EXIT_BAD_INPUT;
      }
    }
    if (accumulator.itemCount() == 0) {
      err.println("baseline: no records in " + data);
      return EXIT_BAD_INPUT;
    }
    Statistics statistics = accumulator.result();
    Constraints constraints = Constraints.suggest(statistics,
        Constraints.MonitoringConfig.defaults().withComparison(comparisonMethod,
            comparisonThreshold));
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("statistics.json"), StatisticsJson.write(statistics),
          StandardCharsets.UTF_8);
      Files.writeString(out.resolve("constraints.json"), ConstraintsJson.write(constraints),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("baseline: cannot write to " + out + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().printf("Baseline of %d records, %d features: %s, %s%n",
        statistics.itemCount(), statistics.features().size(), out.resolve("statistics.json"),
        out.resolve("constraints.json"));
    return 0;
  }
}
