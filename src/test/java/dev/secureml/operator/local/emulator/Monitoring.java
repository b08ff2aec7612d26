package dev.secureml.operator.local.emulator;

import dev.secureml.operator.drift.Constraints;
import dev.secureml.operator.drift.ConstraintsJson;
import dev.secureml.operator.drift.Statistics;
import dev.secureml.operator.drift.StatisticsAccumulator;
import dev.secureml.operator.drift.StatisticsJson;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.CreateDataQualityJobDefinitionRequest;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInstanceType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3DataDistributionType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3InputMode;
import software.amazon.awssdk.services.sagemaker.model.ProcessingS3UploadMode;
import software.amazon.awssdk.services.sagemaker.model.ScheduleStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The Model Monitor tests' fixture on top of {@link Hosting}: endpoints that capture data,
 * synthetic card transactions (amount, age, tenure, channel), baselines computed from them by
 * the drift analyzer and stored in the emulator's S3, and job definition requests.
 */
final class Monitoring implements AutoCloseable {
  static final String OUTPUT_KMS = "arn:aws:kms:us-east-1:111122223333:key/monitoring-output";
  static final String VOLUME_KMS = "arn:aws:kms:us-east-1:111122223333:key/monitoring-volume";
  static final String ANALYZER =
      "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer";
  static final String BUCKET = "fraud-monitoring";
  static final String REPORTS = "s3://" + BUCKET + "/reports";
  static final List<String> FEATURES = List.of("amount", "age", "tenure", "channel");

  private final Hosting hosting;
  private final S3Client s3;
  private final SageMakerRuntimeClient runtime;

  private Monitoring(Hosting hosting) {
    this.hosting = hosting;
    this.s3 = AwsTestClients.s3(hosting.emulator().endpoint());
    this.runtime = AwsTestClients.sageMakerRuntime(hosting.emulator().endpoint());
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  static Monitoring start(double speed) {
    return new Monitoring(Hosting.start(speed));
  }

  static Monitoring start(EmulatorOptions options) {
    return new Monitoring(Hosting.start(options));
  }

  Hosting hosting() {
    return hosting;
  }

  AwsEmulator emulator() {
    return hosting.emulator();
  }

  SageMakerClient sageMaker() {
    return hosting.sageMaker();
  }

  S3Client s3() {
    return s3;
  }

  @Override
  public void close() {
    s3.close();
    runtime.close();
    hosting.close();
  }

  /** An endpoint capturing every request to {@code s3://fraud-capture/<name>}; not awaited. */
  void capturingEndpoint(String name) {
    hosting.model(name + "-model", Hosting.IMAGE);
    hosting.config(name + "-config", DataCaptureConfig.builder().enableCapture(true)
        .initialSamplingPercentage(100).destinationS3Uri("s3://fraud-capture/" + name)
        .captureOptions(o -> o.captureMode(CaptureMode.INPUT),
            o -> o.captureMode(CaptureMode.OUTPUT)).build(),
        Hosting.variant("AllTraffic", name + "-model", 1, 1f));
    sageMaker().createEndpoint(b -> b.endpointName(name).endpointConfigName(name + "-config"));
  }

  /** Sends the rows to the endpoint, a few per request as a client batches them, then flushes. */
  void send(String endpoint, List<String> rows) {
    for (int i = 0; i < rows.size(); i += 4) {
      String body = String.join("\n", rows.subList(i, Math.min(rows.size(), i + 4)));
      runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType("text/csv")
          .body(SdkBytes.fromUtf8String(body)));
    }
    emulator().flushDataCapture();
  }

  /**
   * Card transactions as CSV rows without header or label: amount (log-normal), age
   * (integral), tenure in years and channel; {@code amountShift} is added to every amount.
   */
  static List<String> transactions(long seed, int n, double amountShift) {
    Random random = new Random(seed);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double amount = Math.exp(4 + 0.8 * random.nextGaussian()) + amountShift;
      int age = 18 + random.nextInt(60);
      double tenure = random.nextDouble() * 10;
      double pick = random.nextDouble();
      String channel = pick < 0.5 ? "web" : pick < 0.8 ? "app" : "branch";
      rows.add(String.format(Locale.ROOT, "%.2f,%d,%.1f,%s", amount, age, tenure, channel));
    }
    return rows;
  }

  /**
   * Baseline files for the training data (the label column left out, as the endpoint never
   * sees it), as the {@code baseline} command computes them, stored under
   * {@code s3://fraud-monitoring/baselines/<name>/}; returns that folder.
   */
  String baseline(String name, List<String> trainingRows) {
    StatisticsAccumulator accumulator = new StatisticsAccumulator();
    for (String row : trainingRows) {
      String[] fields = row.split(",");
      Map<String, String> record = new LinkedHashMap<>();
      for (int i = 0; i < FEATURES.size(); i++) {
        record.put(FEATURES.get(i), fields[i]);
      }
      accumulator.accept(record);
    }
    Statistics statistics = accumulator.result();
    Constraints constraints = Constraints.suggest(statistics,
        Constraints.MonitoringConfig.defaults());
    String folder = "baselines/" + name;
    s3.putObject(b -> b.bucket(BUCKET).key(folder + "/statistics.json"),
        RequestBody.fromString(StatisticsJson.write(statistics)));
    s3.putObject(b -> b.bucket(BUCKET).key(folder + "/constraints.json"),
        RequestBody.fromString(ConstraintsJson.write(constraints)));
    return "s3://" + BUCKET + "/" + folder;
  }

  /** A complete, valid job definition for {@code endpoint}, checked against {@code baseline}. */
  static CreateDataQualityJobDefinitionRequest.Builder definition(String name, String endpoint,
      String baseline) {
    return CreateDataQualityJobDefinitionRequest.builder()
        .jobDefinitionName(name)
        .dataQualityBaselineConfig(c -> c
            .constraintsResource(r -> r.s3Uri(baseline + "/constraints.json"))
            .statisticsResource(r -> r.s3Uri(baseline + "/statistics.json")))
        .dataQualityAppSpecification(a -> a.imageUri(ANALYZER))
        .dataQualityJobInput(i -> i.endpointInput(e -> e.endpointName(endpoint)
            .localPath("/opt/ml/processing/input/endpoint")
            .s3InputMode(ProcessingS3InputMode.FILE)
            .s3DataDistributionType(ProcessingS3DataDistributionType.FULLY_REPLICATED)))
        .dataQualityJobOutputConfig(o -> o.kmsKeyId(OUTPUT_KMS).monitoringOutputs(m -> m
            .s3Output(s -> s.s3Uri(REPORTS).localPath("/opt/ml/processing/output")
                .s3UploadMode(ProcessingS3UploadMode.END_OF_JOB))))
        .jobResources(r -> r.clusterConfig(c -> c.instanceCount(1)
            .instanceType(ProcessingInstanceType.ML_M5_XLARGE).volumeSizeInGB(20)
            .volumeKmsKeyId(VOLUME_KMS)))
        .networkConfig(n -> n.enableNetworkIsolation(true)
            .enableInterContainerTrafficEncryption(true)
            .vpcConfig(v -> v.securityGroupIds("sg-0a1b2c3d").subnets("subnet-0a1b2c3d")))
        .roleArn(Hosting.ROLE)
        .stoppingCondition(s -> s.maxRuntimeInSeconds(1800));
  }

  /** Creates a DataQuality schedule of {@code definition}. */
  void schedule(String name, String definition, String expression) {
    sageMaker().createMonitoringSchedule(b -> b.monitoringScheduleName(name)
        .monitoringScheduleConfig(c -> c.monitoringJobDefinitionName(definition)
            .monitoringType("DataQuality")
            .scheduleConfig(s -> s.scheduleExpression(expression))));
  }

  /** Polls until the schedule shows {@code status}. */
  void waitForSchedule(String name, ScheduleStatus status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    ScheduleStatus now = null;
    while (System.nanoTime() < deadline) {
      now = sageMaker().describeMonitoringSchedule(b -> b.monitoringScheduleName(name))
          .monitoringScheduleStatus();
      if (now == status) {
        return;
      }
      Hosting.sleep(5);
    }
    throw new AssertionError(name + " never reached " + status + "; last " + now);
  }

  /** Polls until the processing job has ended. */
  DescribeProcessingJobResponse waitForJob(String processingJob) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      DescribeProcessingJobResponse job = sageMaker().describeProcessingJob(b -> b
          .processingJobName(processingJob));
      if (job.processingJobStatus() != ProcessingJobStatus.IN_PROGRESS) {
        return job;
      }
      Hosting.sleep(10);
    }
    throw new AssertionError(processingJob + " never ended");
  }
}
