package dev.secureml.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed CRDs under crds/ must be exactly what the build generates from the API classes. */
class CrdSyncTest {
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  private static final Path COMMITTED = Path.of("crds");

  @Test
  void committedCrdsMatchTheGeneratedOnes() throws IOException {
    List<Path> generated = yamlFiles(GENERATED);
    assertThat(generated).as("generated CRDs in " + GENERATED).isNotEmpty();
    assertThat(names(yamlFiles(COMMITTED))).as("files in crds/").isEqualTo(names(generated));
    for (Path file : generated) {
      assertThat(Files.readString(COMMITTED.resolve(file.getFileName())))
          .as("crds/%s differs from the build's; copy %s to crds/", file.getFileName(), file)
          .isEqualTo(Files.readString(file));
    }
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList();
  }
}
