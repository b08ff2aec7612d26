package dev.secureml.operator.dataquality;

import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The monitor's S3 side against the project's emulator. */
class MonitorS3AgainstEmulatorTest {
  private static AwsEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Nested
  class Baselines extends BaselineProviderContract {
    @Override
    protected URI endpoint() {
      return emulator.endpoint();
    }
  }

  @Nested
  class CaptureWindows extends CaptureWindowReaderContract {
    @Override
    protected URI endpoint() {
      return emulator.endpoint();
    }
  }

  @Nested
  class Engine extends BuiltinMonitoringEngineContract {
    @Override
    protected URI endpoint() {
      return emulator.endpoint();
    }
  }
}
