package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureml.operator.local.emulator.ServiceModelTrimmer.Botocore;
import dev.secureml.operator.local.emulator.ServiceModelTrimmer.Source;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped service models must be exactly botocore's, trimmed; a newer botocore on the
 * machine, or a hand edit of the copies, fails here. To refresh the copies after a botocore
 * update: {@code mvn -B -o test -Dtest=ServiceModelSyncTest -Dsecureml.writeServiceModels=true}.
 * Without python3 and botocore the comparison is skipped, saying so.
 */
class ServiceModelSyncTest {
  private static final String WRITE = "secureml.writeServiceModels";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Optional<Botocore> BOTOCORE = ServiceModelTrimmer.locateBotocore();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Started on first use, so that writing the models never needs them loaded. */
  private static AwsEmulator emulator;

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  static Stream<Source> sources() {
    return ServiceModelTrimmer.SOURCES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void shippedModelIsBotocoresModelTrimmed(Source source) throws IOException {
    Botocore botocore = requireBotocore();
    JsonNode trimmed = ServiceModelTrimmer.trim(
        ServiceModelTrimmer.readBotocore(botocore.data(), source.botocoreDir()),
        source.operations());
    if (Boolean.getBoolean(WRITE)) {
      Files.createDirectories(ServiceModelTrimmer.RESOURCES);
      Files.writeString(ServiceModelTrimmer.RESOURCES.resolve(source.resource() + ".json"),
          ServiceModelTrimmer.write(trimmed));
      Files.writeString(ServiceModelTrimmer.RESOURCES.resolve("NOTICE"), notice(botocore));
    }
    assertThat(shipped(source))
        .as("aws-models/%s.json differs from botocore %s's %s, trimmed. If botocore was"
            + " updated, rerun this test with -D%s=true and review the diff",
            source.resource(), botocore.version(), source.botocoreDir(), WRITE)
        .isEqualTo(trimmed);
  }

  /** An operation the shipped model lacks would go unvalidated: the emulator must not serve it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void emulatorServesNoOperationOutsideTheShippedModel(Source source) throws Exception {
    Botocore botocore = requireBotocore();
    JsonNode model = ServiceModelTrimmer.readBotocore(botocore.data(), source.botocoreDir());
    String prefix = model.path("metadata").path("targetPrefix").asText();
    List<String> served = new ArrayList<>();
    for (String operation : ServiceModelTrimmer.operationNames(model)) {
      if (!source.operations().contains(operation)
          && !call(prefix + "." + operation).contains("UnknownOperationException")) {
        served.add(operation);
      }
    }
    assertThat(served).as("operations the emulator serves but %s.json does not validate;"
        + " add them to ServiceModelTrimmer.SOURCES", source.resource()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void everyOperationOfTheShippedModelIsServed(Source source) throws Exception {
    JsonNode model = shipped(source);
    String prefix = model.path("metadata").path("targetPrefix").asText();
    List<String> unserved = new ArrayList<>();
    model.path("operations").fieldNames().forEachRemaining(operation -> {
      if (call(prefix + "." + operation).contains("UnknownOperationException")) {
        unserved.add(operation);
      }
    });
    assertThat(unserved).isEmpty();
  }

  private static Botocore requireBotocore() {
    assumeTrue(BOTOCORE.isPresent(), "python3 with botocore not found on this machine:"
        + " the shipped AWS service models cannot be compared with botocore's");
    return BOTOCORE.get();
  }

  private static JsonNode shipped(Source source) throws IOException {
    try (InputStream in = ServiceModel.class.getResourceAsStream(
        "aws-models/" + source.resource() + ".json")) {
      assertThat(in).as("aws-models/%s.json on the class path", source.resource()).isNotNull();
      return MAPPER.readTree(in);
    }
  }

  private static String call(String target) {
    if (emulator == null) {
      emulator = AwsEmulator.start(EmulatorOptions.defaults());
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
          .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String notice(Botocore botocore) {
    StringBuilder text = new StringBuilder("The JSON files in this directory are trimmed copies"
        + " of AWS service models from\nbotocore " + botocore.version()
        + " (https://github.com/boto/botocore): only the request shapes of the\noperations the"
        + " local AWS emulator serves, without documentation. Sources:\n");
    ServiceModelTrimmer.SOURCES.forEach(s -> text.append("  botocore/data/")
        .append(s.botocoreDir()).append("/service-2.json -> ").append(s.resource())
        .append(".json\n"));
    return text.append("\nBotocore\nCopyright 2012-2022 Amazon.com, Inc. or its affiliates."
        + " All Rights Reserved.\n\nLicensed under the Apache License, Version 2.0; see LICENSE"
        + " in this directory.\n").toString();
  }
}
