package dev.secureml.operator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.local.DriftPlan.ColumnShift;
import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

class TrafficGeneratorTest {
  private static final Path DATA = Path.of("examples/data/fdic-bank-failures.csv");

  @Test
  void loadRowsDropsTheHeaderAndTheLabelColumn(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "failed,a,b\n1,0.5,CA\n\n0,0.7,NY\n");
    assertThat(TrafficGenerator.loadRows(csv)).containsExactly("0.5,CA", "0.7,NY");

    List<String> fdic = TrafficGenerator.loadRows(DATA);
    assertThat(fdic).hasSizeGreaterThanOrEqualTo(300);
    assertThat(fdic.get(0).split(",")).hasSize(8);
  }

  @Test
  void loadColumnsNamesTheColumnsLoadRowsSends(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "failed, a ,b\n1,0.5,CA\n");
    assertThat(TrafficGenerator.loadColumns(csv)).containsExactly("a", "b");

    assertThat(TrafficGenerator.loadColumns(DATA)).containsExactly("tier1_capital_ratio",
        "npl_ratio", "roa", "roe", "loan_to_deposit", "liquid_assets_ratio",
        "total_assets_musd", "state");
  }

  @Test
  void shiftsTheChosenColumnsOnlyAfterThePlannedNumberOfRequests() throws Exception {
    RecordingClient client = new RecordingClient();
    List<String> rows = List.of("10.00,1.50,850.0,TX", "12.00,0.50,120.5,CA");
    DriftPlan plan = DriftPlan.afterRequests(4, ColumnShift.multiply("tier1", 0.5),
        ColumnShift.multiply("npl", 4));
    try (TrafficGenerator traffic = new TrafficGenerator(client,
        List.of("tier1", "npl", "assets", "state"), rows, 500)) {
      traffic.start("ep", plan);
      waitFor(() -> client.bodies.size() >= 8);
      assertThat(traffic.shifted("ep")).isTrue();
      assertThat(traffic.shifted("other")).isFalse();
    }

    assertThat(client.bodies.subList(0, 8)).containsExactly(
        "10.00,1.50,850.0,TX", "12.00,0.50,120.5,CA", "10.00,1.50,850.0,TX",
        "12.00,0.50,120.5,CA",
        "5.00,6.00,850.0,TX", "6.00,2.00,120.5,CA", "5.00,6.00,850.0,TX", "6.00,2.00,120.5,CA");
  }

  @Test
  void shiftStartsAfterThePlannedTime() throws Exception {
    RecordingClient client = new RecordingClient();
    try (TrafficGenerator traffic = new TrafficGenerator(client, List.of("x", "y"),
        List.of("1,2"), 100)) {
      traffic.start("ep", DriftPlan.after(Duration.ofMillis(300), ColumnShift.add("y", 10)));
      Thread.sleep(150);
      assertThat(traffic.shifted("ep")).isFalse();
      assertThat(client.bodies).isNotEmpty().containsOnly("1,2");
      waitFor(() -> traffic.shifted("ep"));
      int shiftedAt = client.bodies.size();
      waitFor(() -> client.bodies.size() > shiftedAt + 2);
    }
    assertThat(client.bodies).startsWith("1,2").endsWith("1,12");
    int firstShifted = client.bodies.indexOf("1,12");
    assertThat(client.bodies.subList(firstShifted, client.bodies.size())).containsOnly("1,12");
  }

  @Test
  void planNamingAColumnTheRowsLackIsRefusedBeforeSending() {
    RecordingClient client = new RecordingClient();
    try (TrafficGenerator traffic = new TrafficGenerator(client, List.of("x"), List.of("1"),
        100)) {
      assertThatThrownBy(() -> traffic.start("ep",
              DriftPlan.afterRequests(0, ColumnShift.add("failed", 1))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'failed'");
      assertThat(traffic.sent("ep")).isZero();
    }
  }

  @Test
  void sendsRowsRoundRobinAtTheGivenRateAndStops() throws Exception {
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults().withSpeed(1000));
        SageMakerClient sageMaker = AwsTestClients.sageMaker(emulator.endpoint());
        SageMakerRuntimeClient runtime = AwsTestClients.sageMakerRuntime(emulator.endpoint())) {
      sageMaker.createModel(b -> b.modelName("tg-model").primaryContainer(c -> c
          .image("111122223333.dkr.ecr.us-east-1.amazonaws.com/approved/xgboost:1.7-1")));
      sageMaker.createEndpointConfig(b -> b.endpointConfigName("tg-config")
          .productionVariants(v -> v.variantName("AllTraffic").modelName("tg-model")
              .instanceType("ml.m5.large").initialInstanceCount(1)));
      sageMaker.createEndpoint(b -> b.endpointName("tg-ep").endpointConfigName("tg-config"));
      waitInService(sageMaker, "tg-ep");

      TrafficGenerator traffic = new TrafficGenerator(runtime, List.of("1,2", "3,4", "5,6"), 50);
      long started = System.nanoTime();
      traffic.start("tg-ep");
      traffic.start("tg-ep"); // a second start is a no-op
      Thread.sleep(1000);
      traffic.stop("tg-ep");
      double seconds = (System.nanoTime() - started) / 1e9;
      long sent = traffic.sent("tg-ep");
      assertThat(sent).isBetween((long) (30 * seconds), (long) (50 * seconds) + 2);
      assertThat(traffic.failed("tg-ep")).isZero();
      Thread.sleep(100);
      assertThat(traffic.sent("tg-ep")).isEqualTo(sent);
      List<JournalEntry> invocations = emulator.journal()
          .operations("SageMakerRuntime.InvokeEndpoint");
      assertThat(invocations).hasSize((int) sent).allMatch(JournalEntry::succeeded);

      traffic.start("no-such-ep");
      Thread.sleep(200);
      traffic.close();
      assertThat(traffic.failed("no-such-ep")).isPositive()
          .isEqualTo(traffic.sent("no-such-ep"));
    }
  }

  /** Keeps the CSV bodies it is sent, in order, and answers every one. */
  private static final class RecordingClient implements SageMakerRuntimeClient {
    final List<String> bodies = new CopyOnWriteArrayList<>();

    @Override
    public InvokeEndpointResponse invokeEndpoint(InvokeEndpointRequest request) {
      bodies.add(request.body().asUtf8String());
      return InvokeEndpointResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "runtime.sagemaker";
    }

    @Override
    public void close() {}
  }

  private static void waitFor(BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static void waitInService(SageMakerClient sageMaker, String name)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!sageMaker.describeEndpoint(b -> b.endpointName(name)).endpointStatusAsString()
        .equals("InService")) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
