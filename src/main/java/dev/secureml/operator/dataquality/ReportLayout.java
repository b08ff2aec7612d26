package dev.secureml.operator.dataquality;

import dev.secureml.operator.drift.DataQualityJob;
import dev.secureml.operator.sagemaker.S3Location;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Where one monitoring execution's reports go, as Model Monitor lays them out:
 * {@code <outputS3Uri>/<endpoint>/<monitor>/yyyy/MM/dd/HH/}, plus {@code mm-ss/} when the
 * scheduled time is not a whole hour (sub-hour schedules of the Builtin engine).
 */
public final class ReportLayout {
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE_SECOND =
      DateTimeFormatter.ofPattern("mm-ss/").withZone(ZoneOffset.UTC);

  private ReportLayout() {}

  /** The execution's report folder, an {@code s3://} URI ending in '/'. */
  public static String folder(String outputS3Uri, String endpointName, String monitorName,
      Instant scheduledTime) {
    String path = endpointName + "/" + monitorName + "/" + HOUR.format(scheduledTime);
    if (!scheduledTime.truncatedTo(ChronoUnit.HOURS).equals(scheduledTime)) {
      path += MINUTE_SECOND.format(scheduledTime);
    }
    return S3Location.parsePrefix(outputS3Uri).resolve(path).uri();
  }

  public static String statistics(String folder) {
    return S3Location.parsePrefix(folder).resolve(DataQualityJob.STATISTICS).uri();
  }

  public static String constraints(String folder) {
    return S3Location.parsePrefix(folder).resolve(DataQualityJob.CONSTRAINTS).uri();
  }

  public static String violations(String folder) {
    return S3Location.parsePrefix(folder).resolve(DataQualityJob.VIOLATIONS).uri();
  }
}
