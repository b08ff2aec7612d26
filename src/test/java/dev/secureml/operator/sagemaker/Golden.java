package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Golden files under src/test/resources/sagemaker. Run with {@code -Dgolden.update=true} to
 * rewrite them from the current output, then review the diff before committing.
 */
public final class Golden {
  static final Path ROOT = Path.of("src", "test", "resources", "sagemaker");
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Golden() {}

  /** The case directories below {@code sagemaker/<suite>}. */
  static Stream<String> cases(String suite) {
    return cases(ROOT.resolve(suite));
  }

  /** The case directories below {@code root}, sorted by name. */
  public static Stream<String> cases(Path root) {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
          .toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T readYaml(Path file, Class<T> type) {
    try {
      return YAML.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The status-mapper golden check: {@code <suite>/<name>/describe.json} (a Describe* wire body)
   * read as {@code type}, turned into a status by {@code toStatus}, must match status.json.
   */
  static <R extends SdkPojo> void assertStatusMatches(String suite, String name, Class<R> type,
      Function<R, Object> toStatus) {
    Path dir = ROOT.resolve(suite).resolve(name);
    R describe = SdkJson.fromJson(readJson(dir.resolve("describe.json")), type);
    assertMatches(JSON.valueToTree(toStatus.apply(describe)), dir.resolve("status.json"));
  }

  /** Compares JSON trees; on a difference, compares the pretty texts so the diff is readable. */
  public static void assertMatches(JsonNode actual, Path golden) {
    try {
      String actualText = JSON.writeValueAsString(actual) + "\n";
      if (Boolean.getBoolean("golden.update")) {
        Files.writeString(golden, actualText);
      }
      JsonNode expected = JSON.readTree(golden.toFile());
      if (!expected.equals(actual)) {
        assertThat(actualText).as("golden file %s", golden)
            .isEqualTo(JSON.writeValueAsString(expected) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
