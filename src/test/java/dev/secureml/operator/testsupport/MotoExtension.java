package dev.secureml.operator.testsupport;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One moto server for a test class: {@code @RegisterExtension static final MotoExtension MOTO =
 * new MotoExtension();}. Skips the class when moto is missing, unless CI requires it.
 */
public final class MotoExtension implements BeforeAllCallback, AfterAllCallback {
  private MotoServer moto;

  @Override
  public void beforeAll(ExtensionContext context) {
    moto = MotoServer.startOrSkip();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (moto != null) {
      moto.close();
      moto = null;
    }
  }

  public URI endpoint() {
    return moto.endpoint();
  }
}
