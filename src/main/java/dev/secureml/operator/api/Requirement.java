package dev.secureml.operator.api;

/** Whether a security control is forced on by policy or left to the resource. */
public enum Requirement {
  /** Always on; a resource that asks for it off is a violation. */
  Required,
  /** On unless the resource turns it off. */
  Optional
}
