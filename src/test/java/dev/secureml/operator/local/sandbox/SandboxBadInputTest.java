package dev.secureml.operator.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the sandbox: refused at once with exit code 2 and one line on the console that
 * names file, line and field, before anything starts; never a stack trace, never a timeout.
 */
class SandboxBadInputTest {
  @TempDir
  Path dir;

  static Stream<Arguments> badInputs() {
    String job = "apiVersion: secureml.dev/v1alpha1\nkind: SecureTrainingJob\n";
    return Stream.of(
        arguments("non-DNS name", job + "metadata:\n  name: modèle-fraude-ü\n"
            + "  namespace: fraud-models\n", "FILE:4:3 (document 1, metadata.name): "
            + "SecureTrainingJob.secureml.dev \"modèle-fraude-ü\" is invalid: metadata.name: "
            + "Invalid value: \"modèle-fraude-ü\": " + ManifestLoaderTest.SUBDOMAIN),
        arguments("duplicate key", job + "metadata: {name: a}\nmetadata: {name: b}\n",
            "FILE:4:1 (document 1, metadata): duplicate key \"metadata\" (first at line 3): a "
            + "key may appear once in a mapping"),
        arguments("not YAML", "apiVersion: v1\nkind: [Namespace\n", "FILE:3:1 (document 1, "
            + "kind): not valid YAML: expected ',' or ']', but got <stream end> (while parsing a "
            + "flow sequence at line 2)"),
        arguments("billion laughs", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, "
            + "*b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, "
            + "*d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, "
            + "*f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n",
            "FILE:6:8 (document 1, f[0]): more than 100000 values once aliases are expanded; a "
            + "manifest is never that large"),
        arguments("only comments", "# nothing to apply\n", "no resources found in [FILE]"));
  }

  @Test
  void anUnexpectedErrorIsShownAsOneLine() {
    var error = new IllegalStateException("watch closed\n\tat io.fabric8.Something.run()");

    assertThat(Sandbox.oneLine(error)).isEqualTo("IllegalStateException: watch closed");
    assertThat(Sandbox.oneLine(new NullPointerException()))
        .isEqualTo("java.lang.NullPointerException");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputIsRefusedAtOnceInOneLineWithoutAStackTrace(String name, String yaml,
      String message) throws Exception {
    Path file = dir.resolve("manifest.yaml");
    Files.writeString(file, yaml);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    var options = new SandboxOptions(List.of(file), Duration.ofSeconds(60), 50, 0, 0, false,
        false, Path.of("target/test-sandbox.kubeconfig"));
    long started = System.nanoTime();

    int exit = new Sandbox(options, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

    String console = progress.toString(StandardCharsets.UTF_8);
    assertThat(exit).isEqualTo(Sandbox.EXIT_BAD_INPUT);
    assertThat(console).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(console).isEqualTo("error: " + message.replace("FILE", file.toString())
        + System.lineSeparator());
    assertThat(out.size()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }
}
