package dev.secureml.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** operator/kubectl-secureml, run through /bin/sh as kubectl would run it. */
class KubectlPluginTest {
  private static final Path PLUGIN = Path.of("operator", "kubectl-secureml").toAbsolutePath();
  private static final Path JAR = Path.of("target", "secure-sagemaker-operator.jar");

  @Test
  void isExecutable() {
    assertThat(Files.isExecutable(PLUGIN)).isTrue();
  }

  @Test
  void runsTheBuiltJarsHelp() throws Exception {
    assumeTrue(Files.isRegularFile(JAR), "build the jar first: mvn -DskipTests package");
    Result result = run(Map.of(), PLUGIN.toString(), "--help");

    assertThat(result.exit).as(result.err).isZero();
    assertThat(result.out).contains("Usage: secure-sagemaker-operator");
  }

  @Test
  void passesItsArgumentsToTheJarUnchanged(@TempDir Path dir) throws Exception {
    Path jar = Files.createFile(dir.resolve("operator.jar"));
    Result result = run(Map.of("JAVA_HOME", fakeJava(dir).toString(),
        "SECUREML_JAR", jar.toString()), PLUGIN.toString(), "logs", "stj/my job", "-f");

    assertThat(result.exit).as(result.err).isZero();
    assertThat(result.out.lines()).containsExactly("-jar", jar.toString(), "logs", "stj/my job",
        "-f");
  }

  @Test
  void aLinkOnThePathStillFindsTheCheckoutsJar(@TempDir Path dir) throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("kubectl-secureml"), PLUGIN);
    Result result = run(Map.of("JAVA_HOME", fakeJava(dir).toString()), link.toString(),
        "--help");

    // Built or not, the jar looked for is the one in this checkout's target/.
    String expected = PLUGIN.getParent() + "/../target/secure-sagemaker-operator.jar";
    assertThat(result.out + result.err).contains(expected);
  }

  @Test
  void explainsAMissingJar() throws Exception {
    Result result = run(Map.of("SECUREML_JAR", "/nonexistent/operator.jar"),
        PLUGIN.toString(), "--help");

    assertThat(result.exit).isEqualTo(1);
    assertThat(result.err).contains("/nonexistent/operator.jar not found")
        .contains("mvn -DskipTests package").contains("SECUREML_JAR");
  }

  @Test
  void explainsAMissingJava(@TempDir Path dir) throws Exception {
    // A PATH with the tools the script needs, and no java.
    Path bin = Files.createDirectory(dir.resolve("bin"));
    for (String tool : List.of("dirname", "readlink")) {
      Files.createSymbolicLink(bin.resolve(tool), which(tool));
    }
    Result result = run(Map.of("PATH", bin.toString(), "JAVA_HOME", ""), PLUGIN.toString(),
        "--help");

    assertThat(result.exit).isEqualTo(127);
    assertThat(result.err).contains("java not found").contains("JAVA_HOME");
  }

  /** A JAVA_HOME whose java prints its arguments, one a line. */
  private static Path fakeJava(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("fake-jdk").resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin.getParent();
  }

  private static Path which(String tool) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(tool + " is not on PATH");
  }

  private static Result run(Map<String, String> env, String script, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", script));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("SECUREML_JAR");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    var out = process.getInputStream();
    var err = process.getErrorStream();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the plugin did not finish in 60 s");
    }
    return new Result(process.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8),
        new String(err.readAllBytes(), StandardCharsets.UTF_8));
  }

  record Result(int exit, String out, String err) {}
}
