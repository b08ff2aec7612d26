package dev.secureml.operator.sagemaker;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One kind of SageMaker resource under the ownership rule: a resource the operator did not
 * create for this custom resource is never adopted, changed or deleted. Whether it did is read
 * from the resource's ownership tags ({@link ResourceOwner#owns}), the only record SageMaker
 * keeps; a name alone proves nothing, as two owners may once have been given the same one.
 *
 * <p>A verdict "owned" is remembered by ARN, so a check every pass costs one ListTags per
 * resource per operator process.
 */
public final class OwnedResources {
  private static final int MAX_REMEMBERED = 10_000;

  /** The outcome of {@link #deleteIfOwned}. */
  public enum Deletion { DELETED, ABSENT, NOT_OWNED }

  /**
   * A resource created, or found already there and owned.
   *
   * @param adopted true when Create said "already exists" and the tags named the owner
   */
  public record Created(String arn, boolean adopted) {}

  private final String kind;
  private final Function<String, Optional<String>> arnOf;
  private final Function<String, Map<String, String>> tagsOf;
  private final Consumer<String> delete;
  /** ARN -> uid of its owner, for resources whose tags were checked. */
  private final Map<String, String> owned = new ConcurrentHashMap<>();

  /**
   * @param kind how messages name the kind, e.g. {@code endpoint configuration}
   * @param arnOf Describe by name: the ARN, or empty when there is none of that name
   * @param tagsOf ListTags by ARN
   * @param delete Delete by name (already gone is fine); null for kinds the operator never
   *     deletes
   */
  OwnedResources(String kind, Function<String, Optional<String>> arnOf,
      Function<String, Map<String, String>> tagsOf, Consumer<String> delete) {
    this.kind = kind;
    this.arnOf = arnOf;
    this.tagsOf = tagsOf;
    this.delete = delete;
  }

  /**
   * Creates the resource, or adopts the one of that name when its tags name the owner.
   *
   * @param create the Create call, returning the new resource's ARN
   * @throws NameConflictException when one of that name exists and is not the owner's
   */
  public Created createOrAdopt(String name, ResourceOwner owner, Supplier<String> create) {
    try {
      String arn = create.get();
      owned.put(arn, owner.uid());
      return new Created(arn, false);
    } catch (SageMakerCallException e) {
      if (e.kind() != ErrorKind.ALREADY_EXISTS) {
        throw e;
      }
      // Deleted again in between: the next pass creates it.
      String arn = arnOf.apply(name).orElseThrow(() -> e.withKind(ErrorKind.RETRYABLE));
      requireOwned(name, arn, owner);
      return new Created(arn, true);
    }
  }

  /**
   * The ARN of the resource of that name when it exists and is the owner's; empty when there
   * is none.
   *
   * @throws NameConflictException when it exists and is not the owner's
   */
  public Optional<String> findOwned(String name, ResourceOwner owner) {
    Optional<String> arn = arnOf.apply(name);
    arn.ifPresent(a -> requireOwned(name, a, owner));
    return arn;
  }

  /**
   * Returns normally when the tags of the resource (name and ARN, as Describe gave them) name
   * the owner.
   *
   * @throws NameConflictException otherwise
   */
  public void requireOwned(String name, String arn, ResourceOwner owner) {
    if (!isOwned(arn, owner)) {
      throw new NameConflictException(kind, name);
    }
  }

  /**
   * Deletes the resource if it is the owner's. Another owner's resource of that name is left
   * as it is (NOT_OWNED), so a name status recorded but never got to create is safe to sweep.
   */
  public Deletion deleteIfOwned(String name, ResourceOwner owner) {
    if (delete == null) {
      throw new IllegalStateException("the operator does not delete a SageMaker " + kind);
    }
    Optional<String> arn = arnOf.apply(name);
    if (arn.isEmpty()) {
      return Deletion.ABSENT;
    }
    if (!isOwned(arn.get(), owner)) {
      return Deletion.NOT_OWNED;
    }
    delete.accept(name);
    owned.remove(arn.get());
    return Deletion.DELETED;
  }

  /** True when the tags of the resource with this ARN name the owner. */
  public boolean isOwned(String arn, ResourceOwner owner) {
    if (owner.uid().equals(owned.get(arn))) {
      return true;
    }
    if (!owner.owns(tagsOf.apply(arn))) {
      return false;
    }
    if (owned.size() >= MAX_REMEMBERED) {
      owned.clear();
    }
    owned.put(arn, owner.uid());
    return true;
  }
}
