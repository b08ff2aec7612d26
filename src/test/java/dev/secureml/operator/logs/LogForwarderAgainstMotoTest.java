package dev.secureml.operator.logs;

import dev.secureml.operator.testsupport.MotoServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LogForwarderAgainstMotoTest extends LogForwarderContract {
  private static MotoServer moto;

  @BeforeAll
  static void start() {
    moto = MotoServer.startOrSkip();
  }

  @AfterAll
  static void stop() {
    if (moto != null) {
      moto.close();
    }
  }

  @Override
  protected URI endpoint() {
    return moto.endpoint();
  }
}
