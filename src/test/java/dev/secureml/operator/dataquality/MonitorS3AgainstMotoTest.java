package dev.secureml.operator.dataquality;

import dev.secureml.operator.testsupport.MotoExtension;
import java.net.URI;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The monitor's S3 side against moto, an S3 this project did not write. */
class MonitorS3AgainstMotoTest {
  @RegisterExtension
  static final MotoExtension MOTO = new MotoExtension();

  @Nested
  class Baselines extends BaselineProviderContract {
    @Override
    protected URI endpoint() {
      return MOTO.endpoint();
    }
  }

  @Nested
  class CaptureWindows extends CaptureWindowReaderContract {
    @Override
    protected URI endpoint() {
      return MOTO.endpoint();
    }
  }

  @Nested
  class Engine extends BuiltinMonitoringEngineContract {
    @Override
    protected URI endpoint() {
      return MOTO.endpoint();
    }
  }
}
