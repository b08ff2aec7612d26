package dev.secureml.operator.controller;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Something a controller remembers per resource (by uid) between reconciles. Made only through
 * {@link PerResourceState#memory}, so deleting the resource forgets it with everything else.
 */
public final class ResourceMemory<V> {
  private final Map<String, V> byUid = new ConcurrentHashMap<>();

  ResourceMemory() {}

  public Optional<V> get(String uid) {
    return Optional.ofNullable(byUid.get(uid));
  }

  /** Remembers {@code value}; returns what was remembered before, if anything. */
  public Optional<V> put(String uid, V value) {
    return Optional.ofNullable(byUid.put(uid, value));
  }

  public V compute(String uid, BiFunction<String, V, V> update) {
    return byUid.compute(uid, update);
  }

  public void forget(String uid) {
    byUid.remove(uid);
  }

  /** How many resources it remembers something for (tests check deleted ones leave nothing). */
  public int size() {
    return byUid.size();
  }
}
