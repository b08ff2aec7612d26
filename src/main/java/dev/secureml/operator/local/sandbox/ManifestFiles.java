package dev.secureml.operator.local.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The manifest files a path names, and their text, refusing what is not a manifest file. */
final class ManifestFiles {
  /** Larger files are refused unread: a manifest is never megabytes. */
  static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private ManifestFiles() {}

  /** The file itself, or a directory's .yaml and .yml files, all levels down, by name. */
  static List<Path> under(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new BadInputException(path + ": no such file or directory");
    }
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> found = walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
      if (found.isEmpty()) {
        throw new BadInputException(path + ": no .yaml or .yml files in this directory");
      }
      return found;
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException(path + ": cannot read directory: " + e.getMessage());
    }
  }

  /** The file's text: UTF-8, without a byte order mark. */
  static String text(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new BadInputException(file + ": larger than " + MAX_FILE_BYTES / 1024 / 1024
            + " MiB; a manifest is never that large");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + ": not UTF-8 text; save the manifest as UTF-8");
    }
  }
}
