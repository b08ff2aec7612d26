package dev.secureml.operator.controller;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.function.Supplier;

/** A resource's status, made first when it has none (a new resource, or its first error). */
public final class Statuses {
  private Statuses() {}

  /** The resource's status; a fresh one, set on the resource, when it had none. */
  public static <S> S ensure(CustomResource<?, S> resource, Supplier<S> fresh) {
    if (resource.getStatus() == null) {
      resource.setStatus(fresh.get());
    }
    return resource.getStatus();
  }
}
