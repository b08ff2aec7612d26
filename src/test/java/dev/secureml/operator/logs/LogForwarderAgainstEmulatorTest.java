package dev.secureml.operator.logs;

import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LogForwarderAgainstEmulatorTest extends LogForwarderContract {
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
}
