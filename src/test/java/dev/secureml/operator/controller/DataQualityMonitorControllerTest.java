package dev.secureml.operator.controller;

import static dev.secureml.operator.local.sandbox.TestManifests.NAMESPACE;
import static dev.secureml.operator.local.sandbox.TestManifests.explicitEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.Conditions;
import dev.secureml.operator.api.DataQualityMonitor;
import dev.secureml.operator.api.DataQualityMonitorSpec;
import dev.secureml.operator.api.ModelEndpoint;
import dev.secureml.operator.api.ModelEndpointSpec;
import dev.secureml.operator.api.SecureTrainingJob;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.sandbox.TestManifests;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The DataQualityMonitor controller with the Builtin engine, end to end against the emulator. */
class DataQualityMonitorControllerTest {
  static final String KEY =
      "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-eeee-7777-dddd6666cccc";
  static final String TRAINING_DATA = "s3://fraud-data/fdic/train/fdic-train.csv";

  private OperatorHarness h;
  private MonitorTraffic traffic;

  @AfterEach
  void tearDown() {
    if (traffic != null) {
      traffic.close();
    }
    if (h != null) {
      h.close();
    }
  }

  /** Policy, training data in S3, an InService endpoint capturing its traffic, traffic. */
  static OperatorHarness startWithServingEndpoint() throws Exception {
    OperatorHarness h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200))
        .withExamplePolicy();
    try (S3Client s3 = AwsTestClients.s3(h.emulator.endpoint())) {
      s3.createBucket(b -> b.bucket("fraud-data"));
      s3.putObject(b -> b.bucket("fraud-data").key("fdic/train/fdic-train.csv"),
          RequestBody.fromBytes(Files.readAllBytes(Path.of("examples/data/fdic-train.csv"))));
    }
    try (S3Client s3 = AwsTestClients.s3(h.emulator.endpoint())) {
      s3.createBucket(b -> b.bucket("fraud-models"));
    }
    ModelEndpoint ep = explicitEndpoint("ep");
    ep.getSpec().dataCapture = new ModelEndpointSpec.DataCapture();
    ep.getSpec().dataCapture.destinationS3Uri = "s3://fraud-models/capture/";
    h.apply(ep);
    h.awaitEndpointReady("ep");
    return h;
  }

  static DataQualityMonitor monitor(String name, DataQualityMonitorSpec.MonitorEngine engine,
      String schedule) {
    DataQualityMonitor m = new DataQualityMonitor();
    m.getMetadata().setName(name);
    m.getMetadata().setNamespace(NAMESPACE);
    DataQualityMonitorSpec spec = new DataQualityMonitorSpec();
    spec.endpointRef = "ep";
    spec.baseline = new DataQualityMonitorSpec.Baseline();
    spec.baseline.trainingDataS3Uri = TRAINING_DATA;
    spec.baseline.excludeColumns = List.of("failed");
    spec.schedule = schedule;
    spec.engine = engine;
    spec.outputS3Uri = "s3://fraud-models/monitoring/";
    spec.dataClassification = "HighlyConfidential";
    m.setSpec(spec);
    return m;
  }

  /** Whether the monitor's DriftDetected condition has {@code status}. */
  static boolean drift(DataQualityMonitor m, String status) {
    return m.getStatus() != null
        && Conditions.find(m.getStatus().conditions, Conditions.DRIFT_DETECTED)
            .filter(c -> status.equals(c.getStatus())).isPresent();
  }

  private long warnings(String name, String reason) {
    return h.eventsFor(name).stream().filter(e -> reason.equals(e.getReason()))
        .mapToInt(e -> e.getCount() == null ? 1 : e.getCount()).sum();
  }

  private String eventLog(String name) {
    return h.eventsFor(name).stream().map(e -> e.getLastTimestamp() + " " + e.getReason() + " "
        + e.getMessage()).sorted().collect(java.util.stream.Collectors.joining("\n"));
  }

  private void awaitRunsAfter(String name, String scheduledTime, int runs) {
    // Each run has a later scheduledTime; wait until `runs` more have been recorded.
    String[] last = {scheduledTime};
    for (int i = 0; i < runs; i++) {
      DataQualityMonitor m = h.awaitMonitor(name, Duration.ofSeconds(20),
          x -> x.getStatus().lastExecution != null
              && !x.getStatus().lastExecution.scheduledTime.equals(last[0]));
      last[0] = m.getStatus().lastExecution.scheduledTime;
    }
  }

  @Test
  void builtinEngineFindsNoDriftInNormalTrafficThenNamesTheShiftedFeature() throws Exception {
    h = startWithServingEndpoint();
    traffic = new MonitorTraffic(AwsTestClients.sageMakerRuntime(h.emulator.endpoint()),
        h.endpoint("ep").getStatus().endpointName);
    h.apply(monitor("dqm", DataQualityMonitorSpec.MonitorEngine.Builtin, "every 2s"));

    DataQualityMonitor calm = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        m -> m.getStatus() != null && m.getStatus().lastExecution != null
            && "Completed".equals(m.getStatus().lastExecution.status) && drift(m, "False"));
    var status = calm.getStatus();
    assertThat(status.phase).isEqualTo("Scheduled");
    assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
    assertThat(status.baseline.recordCount).isEqualTo(320);
    assertThat(status.baseline.statisticsS3Uri).startsWith("s3://fraud-models/monitoring/baseline/");
    assertThat(status.lastExecution.recordsAnalyzed).isPositive();
    assertThat(status.violations).isEmpty();
    assertThat(status.driftDistances).containsKeys("tier1_capital_ratio", "npl_ratio", "state");
    assertThat(status.appliedPolicy.outputKmsKeyId).isEqualTo(KEY);
    assertThat(status.nextExecutionTime).isNotNull();
    // The three reports, encrypted with the classification's key.
    try (S3Client s3 = AwsTestClients.s3(h.emulator.endpoint())) {
      for (String uri : List.of(status.lastExecution.statisticsS3Uri,
          status.lastExecution.constraintsS3Uri, status.lastExecution.violationsS3Uri)) {
        String key = uri.substring("s3://fraud-models/".length());
        var head = s3.headObject(b -> b.bucket("fraud-models").key(key));
        assertThat(head.serverSideEncryption()).as(uri).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).as(uri).isEqualTo(KEY);
      }
    }

    traffic.scaleTier1(0.4);
    DataQualityMonitor drifting = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        m -> drift(m, "True"));
    assertThat(drifting.getStatus().driftedFeatures).containsExactly("tier1_capital_ratio");
    assertThat(drifting.getStatus().violations).anySatisfy(v -> {
      assertThat(v.feature).isEqualTo("tier1_capital_ratio");
      assertThat(v.check).isEqualTo("baseline_drift_check");
    });
    assertThat(Conditions.find(drifting.getStatus().conditions, Conditions.DRIFT_DETECTED)
        .orElseThrow().getMessage()).startsWith("drift in tier1_capital_ratio (");
    assertThat(drifting.getStatus().driftEpisodes).isEqualTo(1);
    assertThat(drifting.getStatus().driftDistances.get("tier1_capital_ratio")).isGreaterThan(0.5);

    // Drift persists over more runs: still one Warning.
    awaitRunsAfter("dqm", drifting.getStatus().lastExecution.scheduledTime, 2);
    assertThat(drift(h.monitor("dqm"), "True")).isTrue();
    assertThat(warnings("dqm", "DriftDetected")).as(() -> eventLog("dqm")).isEqualTo(1);

    String scrape = h.registry.scrape();
    assertThat(scrape).containsPattern("secureml_drift_distance\\{[^}]*feature=\"tier1_capital_ratio\""
        + "[^}]*monitor=\"dqm\"[^}]*\\} 0\\.[5-9]");
    assertThat(scrape).containsPattern("secureml_monitor_violations_total\\{check=\""
        + "baseline_drift_check\"[^}]*\\} [1-9]");
    assertThat(scrape).containsPattern("secureml_drift_detected\\{[^}]*monitor=\"dqm\"[^}]*\\} 1\\.0");

    traffic.scaleTier1(1.0);
    h.awaitMonitor("dqm", Duration.ofSeconds(30), m -> drift(m, "False"));
    assertThat(h.eventReasons("dqm")).contains("DriftCleared");
    assertThat(warnings("dqm", "DriftDetected")).isEqualTo(1);
    assertThat(h.monitor("dqm").getStatus().violations).isEmpty();
  }

  @Test
  void retrainCreatesExactlyOneJobPerDriftEpisode() throws Exception {
    h = startWithServingEndpoint();
    traffic = new MonitorTraffic(AwsTestClients.sageMakerRuntime(h.emulator.endpoint()),
        h.endpoint("ep").getStatus().endpointName);
    DataQualityMonitor m = monitor("dqm", DataQualityMonitorSpec.MonitorEngine.Builtin,
        "every 2s");
    m.getSpec().onDrift = new DataQualityMonitorSpec.OnDrift();
    m.getSpec().onDrift.retrain = new DataQualityMonitorSpec.Retrain();
    m.getSpec().onDrift.retrain.labels = java.util.Map.of("trigger", "drift");
    m.getSpec().onDrift.retrain.template = TestManifests.compliantJob("template").getSpec();
    h.apply(m);
    h.awaitMonitor("dqm", Duration.ofSeconds(30), x -> drift(x, "False"));
    assertThat(jobs()).isEmpty();

    traffic.scaleTier1(0.4);
    DataQualityMonitor drifting = h.awaitMonitor("dqm", Duration.ofSeconds(30),
        x -> drift(x, "True") && x.getStatus().retrain != null);
    assertThat(drifting.getStatus().retrain.lastJobName).isEqualTo("dqm-retrain-1");
    awaitRunsAfter("dqm", drifting.getStatus().lastExecution.scheduledTime, 3);
    assertThat(jobs()).extracting(j -> j.getMetadata().getName())
        .containsExactly("dqm-retrain-1");
    SecureTrainingJob job = jobs().get(0);
    assertThat(job.getMetadata().getLabels()).containsEntry("trigger", "drift")
        .containsEntry("secureml.dev/monitor", "dqm");
    assertThat(job.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("dqm"));
    assertThat(job.getSpec().image).isEqualTo(m.getSpec().onDrift.retrain.template.image);
    h.awaitPhase("dqm-retrain-1", "Completed");

    // Clears, then a second episode: a second job.
    traffic.scaleTier1(1.0);
    h.awaitMonitor("dqm", Duration.ofSeconds(30), x -> drift(x, "False"));
    traffic.scaleTier1(0.4);
    h.awaitMonitor("dqm", Duration.ofSeconds(30), x -> drift(x, "True")
        && x.getStatus().driftEpisodes == 2 && x.getStatus().retrain.jobsCreated == 2);
    assertThat(jobs()).extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("dqm-retrain-1", "dqm-retrain-2");
    assertThat(h.eventReasons("dqm").stream().filter("RetrainStarted"::equals)).hasSize(2);
  }

  @Test
  void waitsForTheEndpointAndRejectsWhatThePolicyForbids() throws Exception {
    h = OperatorHarness.start(EmulatorOptions.defaults().withSpeed(200)).withExamplePolicy();
    h.apply(monitor("dqm", DataQualityMonitorSpec.MonitorEngine.Builtin, "hourly"));
    h.awaitMonitor("dqm", Duration.ofSeconds(20), x -> x.getStatus() != null
        && "WaitingForEndpoint".equals(x.getStatus().phase));
    assertThat(Conditions.isTrue(h.monitor("dqm").getStatus().conditions,
        Conditions.RECONCILING)).isTrue();

    DataQualityMonitor bad = monitor("bad", DataQualityMonitorSpec.MonitorEngine.Builtin,
        "hourly");
    bad.getSpec().outputS3Uri = "s3://somewhere-else/reports/";
    h.apply(bad);
    DataQualityMonitor rejected = h.awaitMonitor("bad", Duration.ofSeconds(20),
        x -> x.getStatus() != null && "Rejected".equals(x.getStatus().phase));
    assertThat(Conditions.find(rejected.getStatus().conditions, Conditions.STALLED)
        .orElseThrow().getMessage()).contains("spec.outputS3Uri");
    assertThat(h.eventReasons("bad")).contains("PolicyViolation");

    DataQualityMonitor sub = monitor("fast", DataQualityMonitorSpec.MonitorEngine.ModelMonitor,
        "every 10m");
    h.apply(sub);
    DataQualityMonitor refused = h.awaitMonitor("fast", Duration.ofSeconds(20),
        x -> x.getStatus() != null && "Rejected".equals(x.getStatus().phase));
    assertThat(Conditions.find(refused.getStatus().conditions, Conditions.STALLED)
        .orElseThrow().getMessage()).startsWith("spec.schedule:");
  }

  @Test
  void missingTrainingDataIsReportedAndPickedUpOnceUploaded() throws Exception {
    h = startWithServingEndpoint();
    DataQualityMonitor m = monitor("dqm", DataQualityMonitorSpec.MonitorEngine.Builtin,
        "every 2s");
    m.getSpec().baseline.trainingDataS3Uri = "s3://fraud-data/fdic/train/later.csv";
    h.apply(m);
    DataQualityMonitor stalled = h.awaitMonitor("dqm", Duration.ofSeconds(20),
        x -> x.getStatus() != null && "Error".equals(x.getStatus().phase));
    assertThat(Conditions.find(stalled.getStatus().conditions, Conditions.STALLED)
        .orElseThrow().getMessage()).contains("later.csv");
    try (S3Client s3 = AwsTestClients.s3(h.emulator.endpoint())) {
      s3.putObject(b -> b.bucket("fraud-data").key("fdic/train/later.csv"),
          RequestBody.fromBytes(Files.readAllBytes(Path.of("examples/data/fdic-train.csv"))));
    }
    h.awaitMonitor("dqm", Duration.ofSeconds(20), x -> "Scheduled".equals(x.getStatus().phase)
        && x.getStatus().baseline != null);
  }

  private List<SecureTrainingJob> jobs() {
    return h.client.resources(SecureTrainingJob.class).inNamespace(NAMESPACE)
        .withLabel("secureml.dev/monitor", "dqm").list().getItems();
  }
}
