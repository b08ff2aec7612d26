package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model walk itself: JSON types, nulls, unknown members, hostile sizes, and patterns that
 * are not plain Java regular expressions.
 */
class RequestShapeValidatorTest {
  private static final RequestShapeValidator SAGEMAKER =
      new RequestShapeValidator(ServiceModel.load("sagemaker"), "ValidationException");

  static Stream<Arguments> wrongJsonTypes() {
    return Stream.of(
        Arguments.of("{\"ResourceConfig\": {\"VolumeSizeInGB\": \"30\"}}",
            "STRING_VALUE can not be converted to an Integer"),
        Arguments.of("{\"ResourceConfig\": {\"VolumeSizeInGB\": 30.5}}",
            "NUMBER_VALUE can not be converted to an Integer"),
        Arguments.of("{\"ResourceConfig\": {\"VolumeSizeInGB\": 99999999999}}",
            "NUMBER_VALUE can not be converted to an Integer"),
        Arguments.of("{\"TrainingJobName\": 7}", "NUMBER_VALUE can not be converted to a String"),
        Arguments.of("{\"EnableManagedSpotTraining\": \"true\"}",
            "STRING_VALUE can not be converted to a Boolean"),
        Arguments.of("{\"ResourceConfig\": []}", "Start of list found where not expected."),
        Arguments.of("{\"Tags\": {\"Key\": \"a\"}}",
            "Start of structure or map found where not expected."),
        Arguments.of("{\"HyperParameters\": {\"depth\": 6}}",
            "NUMBER_VALUE can not be converted to a String"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongJsonTypes")
  void aValueOfTheWrongJsonTypeIsASerializationException(String request, String message) {
    AwsServiceException e = refused("CreateTrainingJob", request);
    assertThat(e.code()).isEqualTo("SerializationException");
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void aNullListElementMustNotBeNull() {
    assertThat(refused("AddTags", "{\"ResourceArn\": \"arn:aws:sagemaker:us-east-1:"
        + "111122223333:model/m\", \"Tags\": [null]}").getMessage())
        .isEqualTo("1 validation error detected: Value null at 'tags.1.member' failed to"
            + " satisfy constraint: Member must not be null");
  }

  @Test
  void membersTheModelDoesNotKnowAreIgnored() {
    assertThatCode(() -> SAGEMAKER.validate("DescribeTrainingJob",
        json("{\"TrainingJobName\": \"job-1\", \"Secret\": {\"x\": [1, 2]}}")))
        .doesNotThrowAnyException();
  }

  @Test
  void anOperationOutsideTheModelPassesUnchecked() {
    assertThatCode(() -> SAGEMAKER.validate("CreateCluster", json("{\"Bad\": 1}")))
        .doesNotThrowAnyException();
  }

  @Test
  void errorsFollowTheModelsMemberOrderWithTheCountInFront() {
    assertThat(refused("CreateEndpoint", "{}").getMessage()).isEqualTo("2 validation errors"
        + " detected: Value null at 'endpointName' failed to satisfy constraint: Member must not"
        + " be null; Value null at 'endpointConfigName' failed to satisfy constraint: Member"
        + " must not be null");
  }

  @Test
  void aHostileMegabyteValueIsRefusedWithoutExhaustingTheStack() {
    ServiceModel model = ServiceModel.from("test", json("{\"operations\": {\"Op\": {\"input\":"
        + " \"In\"}}, \"shapes\": {\"In\": {\"type\": \"structure\", \"members\": {\"Name\":"
        + " \"Name\"}}, \"Name\": {\"type\": \"string\", \"pattern\": \"(a|b)*\"}}}"));
    String hostile = "ab".repeat(500_000) + "c";
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> new RequestShapeValidator(model, "ValidationException").validate("Op",
            Json.MAPPER.createObjectNode().put("Name", hostile)));
    assertThat(e.getMessage()).endsWith("at 'name' failed to satisfy constraint: Member must"
        + " satisfy regular expression pattern: (a|b)*");
  }

  @Test
  void anEcmaScriptCodePointEscapeBecomesJavas() {
    assertThat(ModelShape.javaPattern("Emoji", "\\u{1F600}+").matcher("\uD83D\uDE00\uD83D\uDE00")
        .matches()).isTrue();
  }

  @Test
  void aPatternJavaCannotCompileFailsLoadingAndNamesTheShape() {
    assertThat(catchThrowableOfType(IllegalStateException.class,
        () -> ModelShape.javaPattern("Broken", "[a-")))
        .hasMessageStartingWith("Shape Broken: pattern [a- is not a Java regular expression");
  }

  @Test
  void aModelNamingAnUndefinedShapeFailsLoading() {
    assertThat(catchThrowableOfType(IllegalStateException.class, () -> ServiceModel.from("t",
        json("{\"operations\": {\"Op\": {\"input\": \"Missing\"}}, \"shapes\": {}}"))))
        .hasMessage("Service model t has no shape Missing");
  }

  @Test
  void everyPatternOfTheShippedModelsCompiles() {
    for (String name : new String[] {"sagemaker", "logs", "application-autoscaling"}) {
      assertThat(ServiceModel.load(name).operations()).isNotEmpty();
    }
  }

  private static AwsServiceException refused(String operation, String request) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> SAGEMAKER.validate(operation, json(request)));
    assertThat(e).as("%s %s is refused", operation, request).isNotNull();
    return e;
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
