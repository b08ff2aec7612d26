package dev.secureml.operator.logs;

import dev.secureml.operator.testsupport.MotoExtension;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract against moto, an AWS emulator this project did not write. */
class LogForwarderAgainstMotoTest extends LogForwarderContract {
  @RegisterExtension
  static final MotoExtension MOTO = new MotoExtension();

  @Override
  protected URI endpoint() {
    return MOTO.endpoint();
  }
}
