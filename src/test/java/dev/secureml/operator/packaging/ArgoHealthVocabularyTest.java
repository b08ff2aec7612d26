package dev.secureml.operator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.api.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health script calls a resource Degraded when Ready is False with a reason the
 * operator never retries; its list must be exactly the terminal reasons of {@link Reason}, so a
 * new terminal reason cannot leave Argo CD showing Progressing forever.
 */
class ArgoHealthVocabularyTest {
  private static final Path SCRIPT = Path.of("helm/secure-sagemaker-operator/argocd/health.lua");
  private static final Pattern TERMINAL_TABLE = Pattern.compile(
      "local terminal = \\{(.*?)\\}", Pattern.DOTALL);
  private static final Pattern ENTRY = Pattern.compile("(\\w+)\\s*=\\s*true");

  @Test
  void theScriptsTerminalReasonsAreTheEnumsTerminalReasons() throws IOException {
    Matcher table = TERMINAL_TABLE.matcher(Files.readString(SCRIPT));
    assertThat(table.find()).as("health.lua declares `local terminal = {...}`").isTrue();
    Set<String> inScript = new TreeSet<>();
    Matcher entry = ENTRY.matcher(table.group(1));
    while (entry.find()) {
      inScript.add(entry.group(1));
    }
    Set<String> inEnum = Arrays.stream(Reason.values()).filter(Reason::terminal)
        .map(Reason::value).collect(Collectors.toCollection(TreeSet::new));
    assertThat(inScript).isNotEmpty().isEqualTo(inEnum);
  }
}
