package dev.secureml.operator.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

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
