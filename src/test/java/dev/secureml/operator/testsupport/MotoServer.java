package dev.secureml.operator.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code python3 -m moto.server} on a free port, as an independent reference for the
 * CloudWatch Logs and S3 adapters. Where python3 or moto is missing, every test that asks for
 * the endpoint is skipped with the reason, unless SECUREML_REQUIRE_MOTO=true (as in CI), which
 * turns that into a failure.
 */
public final class MotoServer implements AutoCloseable {
  public static final String REQUIRE_ENV = "SECUREML_REQUIRE_MOTO";
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final URI endpoint;
  /** Why moto cannot run here; null when it runs. */
  private final String unavailable;

  private MotoServer(Process process, Path log, URI endpoint, String unavailable) {
    this.process = process;
    this.log = log;
    this.endpoint = endpoint;
    this.unavailable = unavailable;
  }

  /**
   * Starts moto. When it cannot run, fails if it is required, otherwise returns a stand-in
   * whose {@link #endpoint()} skips the calling test, so each skip shows in the report.
   */
  public static MotoServer startOrSkip() {
    String problem = unavailableReason();
    if (problem != null) {
      if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
        Assertions.fail(REQUIRE_ENV + "=true but moto cannot run: " + problem);
      }
      return new MotoServer(null, null, null, problem);
    }
    try {
      return start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start moto", e);
    }
  }

  /** The running server's URI; skips the calling test when moto is not available. */
  public URI endpoint() {
    if (unavailable != null) {
      Assumptions.abort("moto is not available, skipping (" + unavailable + "); set "
          + REQUIRE_ENV + "=true to make this a failure");
    }
    return endpoint;
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }

  private static MotoServer start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("moto-" + port + "-", ".log");
    Process process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1",
        "-p", String.valueOf(port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    MotoServer server =
        new MotoServer(process, log, URI.create("http://127.0.0.1:" + port), null);
    server.awaitReady();
    return server;
  }

  /** Polls until moto answers HTTP; its S3 answers GET / with a bucket list. */
  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto exited with " + process.exitValue() + ": "
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      try {
        http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
    throw new IllegalStateException("moto did not answer on " + endpoint + " within " + STARTUP);
  }

  /** Null when {@code python3 -c "import moto.server"} works, else why it does not. */
  private static String unavailableReason() {
    try {
      Process probe = new ProcessBuilder("python3", "-c", "import moto.server")
          .redirectErrorStream(true).start();
      if (!probe.waitFor(60, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return "'python3 -c \"import moto.server\"' did not finish within 60 s";
      }
      if (probe.exitValue() != 0) {
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String[] lines = output.strip().split("\n");
        return "python3 cannot import moto.server: " + lines[lines.length - 1];
      }
      return null;
    } catch (IOException e) {
      return "python3 is not installed (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while probing for moto";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
