package dev.secureml.operator.api;

/** What a CompliancePolicy does with a violation. */
public enum Enforcement {
  /** Reject the resource: nothing is created in SageMaker. */
  Enforce,
  /** Allow the resource but report every violation in its Compliant condition and in Events. */
  Audit
}
