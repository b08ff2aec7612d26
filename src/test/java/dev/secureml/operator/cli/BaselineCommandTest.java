package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BaselineCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new BaselineCommand()).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
  }

  @Test
  void writesStatisticsAndConstraintsFromSeveralFiles() throws Exception {
    Path a = Files.writeString(dir.resolve("a.csv"), "x,s\n1,a\n2,b\n");
    Path b = Files.writeString(dir.resolve("b.csv"), "x,s\n3,a\n");
    Path outDir = dir.resolve("out");
    assertThat(run("--data", a.toString(), "--data", b.toString(), "--out", outDir.toString()))
        .isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode stats = json.readTree(outDir.resolve("statistics.json").toFile());
    assertThat(stats.path("dataset").path("item_count").asLong()).isEqualTo(3);
    JsonNode constraints = json.readTree(outDir.resolve("constraints.json").toFile());
    assertThat(constraints.path("features").get(1).path("string_constraints").path("domains")
        .toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(out.toString()).contains("Baseline of 3 records, 2 features");
  }

  @Test
  void headerlessCsvAndJsonLines() throws Exception {
    Path csv = Files.writeString(dir.resolve("n.csv"), "1,2\n3,4\n");
    assertThat(run("--data", csv.toString(), "--no-header", "--out", dir.resolve("o1").toString()))
        .isZero();
    assertThat(Files.readString(dir.resolve("o1/statistics.json"))).contains("\"_c1\"");
    Path jsonl = Files.writeString(dir.resolve("d.jsonl"), "{\"a\":1.5}\n{\"a\":2}\n");
    assertThat(run("--data", jsonl.toString(), "--format", "jsonl", "--out",
        dir.resolve("o2").toString())).isZero();
    assertThat(Files.readString(dir.resolve("o2/statistics.json")))
        .contains("\"inferred_type\" : \"Fractional\"");
  }

  @Test
  void missingFileAndUnreadableDataExitWithTwo() throws Exception {
    assertThat(run("--data", dir.resolve("nope.csv").toString(), "--out", dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("baseline: cannot read").contains("nope.csv");
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"a\":1}\nnot json\n");
    assertThat(run("--data", bad.toString(), "--format", "jsonl", "--out", dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("bad.jsonl line 2: not JSON");
    Path binary = Files.write(dir.resolve("bin.csv"), new byte[] {'a', '\n', (byte) 0xC3, 0x28});
    assertThat(run("--data", binary.toString(), "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("baseline: cannot read").contains("bin.csv");
    assertThat(run("--data", bad.toString(), "--format", "xml", "--out", dir.toString()))
        .isEqualTo(2);
    Path empty = Files.writeString(dir.resolve("empty.csv"), "a,b\n");
    assertThat(run("--data", empty.toString(), "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no records");
  }
}
