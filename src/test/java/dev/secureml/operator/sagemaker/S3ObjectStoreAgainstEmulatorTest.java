package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ObjectStoreAgainstEmulatorTest extends S3ObjectStoreContract {
  private static AwsEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Override
  protected URI endpoint() {
    return emulator.endpoint();
  }

  @Test
  void smallPagesMeanSeveralListCalls() {
    for (int i = 0; i < 10; i++) {
      store.put(uri("paged/" + i), new byte[] {1}, null);
    }
    int before = emulator.journal().operations("S3.ListObjectsV2").size();
    assertThat(new S3ObjectStore(client, 3).list(uri("paged/"))).hasSize(10);
    assertThat(emulator.journal().operations("S3.ListObjectsV2")).hasSize(before + 4);
  }
}
