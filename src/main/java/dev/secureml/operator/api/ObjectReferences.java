package dev.secureml.operator.api;

/**
 * The CRD rules of a reference to another object (a monitor's endpoint, an endpoint's training
 * job): the plain name of an object in the resource's own namespace. Two CEL rules rather than a
 * schema pattern, so that the API server and the operator both say why a value is refused; at
 * most one of them fails for any value.
 */
final class ObjectReferences {
  /** A '/' would qualify the name with a namespace. */
  static final String NO_NAMESPACE_RULE = "!self.contains('/')";
  /** Else a DNS-1123 subdomain ({@code [.]}: CEL string literals take no {@code \.}). */
  static final String NAME_RULE = "self.contains('/') || self.matches('^"
      + KubernetesNames.LABEL + "([.]" + KubernetesNames.LABEL + ")*$')";

  static final String NO_NAMESPACE = "must not name another namespace: references are "
      + "resolved in the resource's own namespace only, so give just the name of a ";
  static final String NAME = "must be the name of a ";
  static final String NAME_SYNTAX = " in this namespace: at most "
      + KubernetesNames.MAX_NAME_LENGTH + " lower case letters, digits, '-' and '.', starting "
      + "and ending with a letter or digit";

  static final String ENDPOINT_NO_NAMESPACE = NO_NAMESPACE + ModelEndpoint.KIND
      + " in this namespace";
  static final String ENDPOINT_NAME = NAME + ModelEndpoint.KIND + NAME_SYNTAX;
  static final String TRAINING_JOB_NO_NAMESPACE = NO_NAMESPACE + SecureTrainingJob.KIND
      + " in this namespace";
  static final String TRAINING_JOB_NAME = NAME + SecureTrainingJob.KIND + NAME_SYNTAX;

  private ObjectReferences() {}
}
