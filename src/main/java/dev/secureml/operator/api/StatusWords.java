package dev.secureml.operator.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The lookup {@link Reason} and {@link Phase} share: a constant by its wire word. */
final class StatusWords<E extends Enum<E>> {
  private final Map<String, E> byValue;

  StatusWords(E[] constants, Function<E, String> value) {
    byValue = Arrays.stream(constants)
        .collect(Collectors.toUnmodifiableMap(value, Function.identity()));
  }

  /** The constant with this exact word; empty for null and for words that are not ours. */
  Optional<E> of(String value) {
    return Optional.ofNullable(value == null ? null : byValue.get(value));
  }
}
