package dev.secureml.operator.controller.job;

import dev.secureml.operator.sagemaker.ErrorKind;
import dev.secureml.operator.sagemaker.NameConflictException;
import dev.secureml.operator.sagemaker.OwnedResources;
import dev.secureml.operator.sagemaker.ResourceOwner;
import dev.secureml.operator.sagemaker.SageMakerCallException;
import dev.secureml.operator.sagemaker.SageMakerNames;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates the SageMaker job under its deterministic name, or adopts the one a previous attempt
 * created (ownership tags match). A lost status write or a restart therefore never creates a
 * second job, and a job of that name owned by anyone else is reported, never used.
 *
 * <p>Create comes first: a job of that name exists only after a lost status write or a restart,
 * and then Create answers "already exists" and the ownership rule decides. Looking first would
 * cost every job a Describe, a call it shares with the status polls of running jobs.
 */
public final class JobSubmitter<R extends CustomResource<?, S>, S, T, Q> {
  private final JobKind<R, S, T, Q, ?> kind;

  JobSubmitter(JobKind<R, S, T, Q, ?> kind) {
    this.kind = kind;
  }

  enum Outcome { CREATED, ADOPTED, NAME_CONFLICT }

  record Result(Outcome outcome, String name, String arn, String message) {}

  /** Throws SageMakerCallException for AWS errors other than "already exists". */
  Result submit(R resource, T settings) {
    ResourceOwner owner = ResourceOwner.of(resource.getMetadata());
    String name = SageMakerNames.forResource(owner);
    String job = "SageMaker " + kind.noun().words() + " " + name;
    try {
      OwnedResources.Created created = createOrAdopt(resource, settings, name, owner);
      return created.adopted()
          ? new Result(Outcome.ADOPTED, name, created.arn(),
              "adopted existing " + job + " (ownership tags match)")
          : new Result(Outcome.CREATED, name, created.arn(), "created " + job);
    } catch (NameConflictException e) {
      return new Result(Outcome.NAME_CONFLICT, name, null, e.getMessage());
    }
  }

  private OwnedResources.Created createOrAdopt(R resource, T settings, String name,
      ResourceOwner owner) {
    try {
      return kind.jobs().createOrAdopt(name, owner,
          () -> kind.create(kind.createRequest(resource, name, settings)));
    } catch (SageMakerCallException e) {
      if (!isValidationRefusal(e)) {
        throw e;
      }
      // SageMaker validates before it checks the name: the job an earlier pass created is
      // adopted even when the request would now be refused (the policy changed meanwhile).
      return adoptAfterRefusal(e, () -> kind.jobs().findOwned(name, owner));
    }
  }

  private static boolean isValidationRefusal(SageMakerCallException e) {
    return e.kind() == ErrorKind.TERMINAL && "ValidationException".equals(e.errorCode());
  }

  /**
   * After Create was refused as invalid: the owned job of that name if there is one, else the
   * refusal. A lookup that failed for good (access denied) leaves the refusal to report, the
   * lookup's failure attached to it.
   */
  static OwnedResources.Created adoptAfterRefusal(SageMakerCallException refused,
      Supplier<Optional<String>> findOwned) {
    Optional<String> arn;
    try {
      arn = findOwned.get();
    } catch (SageMakerCallException lookup) {
      if (lookup.kind().passes()) {
        // Throttled or put off: retried, not reported, as a job an earlier pass created may be
        // there and reporting the refusal would leave it without its resource. The retry asks
        // Create again, which is refused again and creates nothing.
        lookup.addSuppressed(refused);
        throw lookup;
      }
      refused.addSuppressed(lookup);
      throw refused;
    }
    return arn.map(a -> new OwnedResources.Created(a, true)).orElseThrow(() -> refused);
  }
}
