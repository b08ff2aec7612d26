package dev.secureml.operator.policy;

import dev.secureml.operator.api.CompliancePolicySpec;
import dev.secureml.operator.api.Durations;
import dev.secureml.operator.api.SecureTrainingJobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Runtime and managed-spot rules, and the resolved MaxRuntime / MaxWaitTime.
 *
 * <p>The CRD carries CEL rules for spot too, but the engine re-checks everything: the CLI's
 * offline policy check and older CRD versions do not go through the API server.
 */
final class RuntimeRules {
  /** Runtime of jobs when neither the job nor the policy says: 24 hours. */
  static final long DEFAULT_RUNTIME_SECONDS = 86_400;
  /** SageMaker caps MaxRuntimeInSeconds at 28 days. */
  static final long AWS_MAX_RUNTIME_SECONDS = 28L * 86_400;

  /**
   * @param maxRuntimeSeconds the resolved runtime; null when it cannot be resolved
   * @param maxWaitSeconds the resolved spot wait; null when spot is off or it cannot be resolved
   * @param unresolvable true when a value the SageMaker request needs is missing or malformed,
   *     which denies the job even under Audit
   */
  record Result(List<Violation> violations, Long maxRuntimeSeconds, Long maxWaitSeconds,
      boolean unresolvable) {}

  private RuntimeRules() {}

  /** Runtime violations, then spot violations, in that order. */
  static Result check(CompliancePolicySpec policy, SecureTrainingJobSpec spec) {
    List<Violation> out = new ArrayList<>();
    boolean unresolvable = false;

    Long limit = policyLimit(policy);
    Long requested = null;
    if (spec.maxRuntime != null) {
      try {
        requested = Durations.toSeconds(spec.maxRuntime);
      } catch (IllegalArgumentException e) {
        out.add(new Violation("spec.maxRuntime", "InvalidDuration", e.getMessage()));
        unresolvable = true;
      }
      if (requested != null && requested < 1) {
        out.add(new Violation("spec.maxRuntime", "InvalidDuration",
            "maximum runtime must be at least 1s"));
        requested = null;
        unresolvable = true;
      }
    }
    Long runtime = unresolvable ? null
        : requested != null ? requested : limit != null ? limit : DEFAULT_RUNTIME_SECONDS;
    if (requested != null && limit != null && requested > limit) {
      out.add(new Violation("spec.maxRuntime", "MaxRuntimeExceeded", "maximum runtime "
          + spec.maxRuntime + " exceeds the CompliancePolicy's limit of "
          + Durations.format(limit)));
    } else if (runtime != null && runtime > AWS_MAX_RUNTIME_SECONDS) {
      out.add(new Violation("spec.maxRuntime", "MaxRuntimeExceeded", "maximum runtime "
          + Durations.format(runtime) + " exceeds SageMaker's limit of "
          + Durations.format(AWS_MAX_RUNTIME_SECONDS) + " (28 days)"));
    }

    Long maxWait = null;
    SecureTrainingJobSpec.Spot spot = spec.spot;
    if (spot != null && Boolean.TRUE.equals(spot.enabled)) {
      if (policy.spot != null && Boolean.FALSE.equals(policy.spot.allowed)) {
        out.add(new Violation("spec.spot.enabled", "SpotNotAllowed",
            "managed spot training is not allowed by the CompliancePolicy"));
      }
      if (ResourceRules.blank(spot.checkpointS3Uri)) {
        out.add(new Violation("spec.spot.checkpointS3Uri", "SpotCheckpointRequired",
            "spot.checkpointS3Uri is required when spot.enabled is true"));
      }
      if (spot.maxWait == null) {
        out.add(new Violation("spec.spot.maxWait", "SpotMaxWaitTooShort",
            "spot.maxWait is required with spot and must be at least the maximum runtime"
                + (runtime == null ? "" : " of " + Durations.format(runtime))));
        // Nothing to send as MaxWaitTimeInSeconds: deny even under Audit.
        unresolvable = true;
      } else {
        try {
          maxWait = Durations.toSeconds(spot.maxWait);
        } catch (IllegalArgumentException e) {
          out.add(new Violation("spec.spot.maxWait", "InvalidDuration", e.getMessage()));
          unresolvable = true;
        }
        if (maxWait != null && runtime != null && maxWait < runtime) {
          out.add(new Violation("spec.spot.maxWait", "SpotMaxWaitTooShort", "spot.maxWait "
              + spot.maxWait + " is shorter than the maximum runtime of "
              + Durations.format(runtime)));
        }
      }
    }
    return new Result(out, runtime, maxWait, unresolvable);
  }

  /** The policy's limit in seconds; null when the policy sets none (or it does not parse). */
  static Long policyLimit(CompliancePolicySpec policy) {
    if (policy.limits == null || policy.limits.maxRuntime == null) {
      return null;
    }
    try {
      return Durations.toSeconds(policy.limits.maxRuntime);
    } catch (IllegalArgumentException e) {
      return null; // validatePolicy reports it; evaluation never reaches here then.
    }
  }
}
