package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ownership rule for one kind, against an in-memory stand-in for SageMaker. */
class OwnedResourcesTest {
  private static final ResourceOwner OWNER = new ResourceOwner("fraud-models", "blue", "uid-1");
  private static final String NAME = "fraud-models-blue-0123456789ab";
  private static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:model/" + NAME;

  private final Map<String, String> arns = new HashMap<>();
  private final Map<String, Map<String, String>> tags = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private final OwnedResources models = new OwnedResources("model",
      name -> {
        calls.add("Describe " + name);
        return Optional.ofNullable(arns.get(name));
      },
      arn -> {
        calls.add("ListTags " + arn);
        return tags.getOrDefault(arn, Map.of());
      },
      name -> {
        calls.add("Delete " + name);
        arns.remove(name);
      });

  @Test
  void createsWhenTheNameIsFree() {
    var created = models.createOrAdopt(NAME, OWNER, () -> ARN);

    assertThat(created).isEqualTo(new OwnedResources.Created(ARN, false));
    assertThat(calls).isEmpty();
  }

  @Test
  void adoptsWhatAlreadyExistsWhenItsTagsNameTheOwner() {
    existing(OWNER.tags());

    var created = models.createOrAdopt(NAME, OWNER, () -> {
      throw alreadyExists();
    });

    assertThat(created).isEqualTo(new OwnedResources.Created(ARN, true));
  }

  static Stream<Arguments> tagsOfAnotherOwner() {
    return Stream.of(
        Arguments.of("another uid", tags("fraud-models", "blue", "uid-2")),
        Arguments.of("another namespace, same uid", tags("other", "blue", "uid-1")),
        Arguments.of("another name, same uid", tags("fraud-models", "green", "uid-1")),
        Arguments.of("no tags at all", Map.of()),
        Arguments.of("uid tag only", Map.of(OwnershipTags.UID, "uid-1")),
        Arguments.of("uid with a trailing space", tags("fraud-models", "blue", "uid-1 ")),
        Arguments.of("uid in upper case", tags("fraud-models", "blue", "UID-1")),
        Arguments.of("keys differing in case", Map.of("SecureML.dev/namespace", "fraud-models",
            "SecureML.dev/name", "blue", "SecureML.dev/uid", "uid-1")),
        Arguments.of("uid as an empty string", tags("fraud-models", "blue", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tagsOfAnotherOwner")
  void aResourceWhoseTagsDoNotNameTheOwnerIsAConflictAndIsNotTouched(String why,
      Map<String, String> foreign) {
    existing(foreign);

    assertThatThrownBy(() -> models.createOrAdopt(NAME, OWNER, () -> {
      throw alreadyExists();
    })).isInstanceOf(NameConflictException.class)
        .hasMessage("a SageMaker model named " + NAME + " already exists and is not owned by "
            + "this resource (its secureml.dev/ ownership tags differ); it is left untouched");
    assertThatThrownBy(() -> models.findOwned(NAME, OWNER))
        .isInstanceOf(NameConflictException.class);
    assertThat(models.deleteIfOwned(NAME, OWNER)).isEqualTo(OwnedResources.Deletion.NOT_OWNED);
    assertThat(calls).noneMatch(c -> c.startsWith("Delete"));
    assertThat(arns).containsKey(NAME);
  }

  @Test
  void otherCreateFailuresPassThrough() {
    SageMakerCallException refused = new SageMakerCallException("CreateModel",
        ErrorKind.TERMINAL, "ValidationException", "bad image", "r-1", null);

    assertThatThrownBy(() -> models.createOrAdopt(NAME, OWNER, () -> {
      throw refused;
    })).isSameAs(refused);
    assertThat(calls).isEmpty();
  }

  @Test
  void aResourceGoneAgainBetweenCreateAndDescribeIsRetried() {
    assertThatThrownBy(() -> models.createOrAdopt(NAME, OWNER, () -> {
      throw alreadyExists();
    })).isInstanceOfSatisfying(SageMakerCallException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE));
  }

  @Test
  void findsNothingWhenThereIsNothing() {
    assertThat(models.findOwned(NAME, OWNER)).isEmpty();
    assertThat(models.deleteIfOwned(NAME, OWNER)).isEqualTo(OwnedResources.Deletion.ABSENT);
    assertThat(calls).containsExactly("Describe " + NAME, "Describe " + NAME);
  }

  @Test
  void deletesWhatTheOwnerOwns() {
    existing(OWNER.tags());

    assertThat(models.deleteIfOwned(NAME, OWNER)).isEqualTo(OwnedResources.Deletion.DELETED);
    assertThat(calls).containsExactly("Describe " + NAME, "ListTags " + ARN, "Delete " + NAME);
  }

  @Test
  void aVerdictOfOwnedIsRememberedSoTagsAreReadOnce() {
    existing(OWNER.tags());

    models.requireOwned(NAME, ARN, OWNER);
    models.requireOwned(NAME, ARN, OWNER);
    assertThat(models.findOwned(NAME, OWNER)).contains(ARN);

    assertThat(calls).filteredOn(c -> c.startsWith("ListTags")).hasSize(1);
    assertThat(models.isOwned(ARN, new ResourceOwner("fraud-models", "blue", "uid-2")))
        .as("remembered for its owner only").isFalse();
  }

  @Test
  void aKindTheOperatorNeverDeletesRefusesToDelete() {
    OwnedResources jobs = new OwnedResources("training job", n -> Optional.empty(),
        a -> Map.of(), null);

    assertThatThrownBy(() -> jobs.deleteIfOwned(NAME, OWNER))
        .isInstanceOf(IllegalStateException.class);
  }

  private void existing(Map<String, String> resourceTags) {
    arns.put(NAME, ARN);
    tags.put(ARN, resourceTags);
  }

  private static Map<String, String> tags(String namespace, String name, String uid) {
    return new LinkedHashMap<>(OwnershipTags.of(namespace, name, uid));
  }

  private static SageMakerCallException alreadyExists() {
    return new SageMakerCallException("CreateModel", ErrorKind.ALREADY_EXISTS,
        "ValidationException", "Cannot create already existing model", "r-1", null);
  }
}
