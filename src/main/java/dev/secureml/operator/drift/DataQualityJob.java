package dev.secureml.operator.drift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One data-quality monitoring run, as the Builtin engine does it in place of a Model Monitor
 * processing job: statistics of the current data, checked against a baseline, written as
 * {@code statistics.json} and {@code constraint_violations.json}.
 */
public final class DataQualityJob {
  public static final String STATISTICS = "statistics.json";
  public static final String CONSTRAINTS = "constraints.json";
  public static final String VIOLATIONS = "constraint_violations.json";

  private DataQualityJob() {}

  /** The current data's statistics and its violations of the baseline. */
  public record Result(Statistics statistics, List<Violation> violations) {
    public Result {
      violations = List.copyOf(violations);
    }
  }

  /** Streams {@code current} through an accumulator, then checks it against the baseline. */
  public static Result run(Statistics baseline, Constraints constraints,
      Iterator<Map<String, String>> current, ConstraintChecker checker) {
    Statistics statistics = new StatisticsAccumulator().addAll(current).result();
    return new Result(statistics, checker.check(baseline, constraints, statistics));
  }

  /**
   * As {@link #run(Statistics, Constraints, Iterator, ConstraintChecker)}, with the baseline
   * read from {@code statistics.json} and {@code constraints.json} in {@code baselineDir}.
   */
  public static Result run(Path baselineDir, Iterator<Map<String, String>> current,
      ConstraintChecker checker) throws IOException {
    Statistics baseline = StatisticsJson.read(
        Files.readString(baselineDir.resolve(STATISTICS), StandardCharsets.UTF_8));
    Constraints constraints = ConstraintsJson.read(
        Files.readString(baselineDir.resolve(CONSTRAINTS), StandardCharsets.UTF_8));
    return run(baseline, constraints, current, checker);
  }

  /** Writes {@code statistics.json} and {@code constraint_violations.json} into {@code dir}. */
  public static void write(Result result, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(STATISTICS), StatisticsJson.write(result.statistics()),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(VIOLATIONS), ViolationsJson.write(result.violations()),
        StandardCharsets.UTF_8);
  }
}
