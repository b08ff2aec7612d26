package dev.secureml.operator.policy;

import dev.secureml.operator.api.Enforcement;
import java.util.List;

/**
 * The policy engine's answer for one resource.
 *
 * @param <S> the resolved settings of the resource's kind ({@link ResolvedTrainingSettings} for
 *     training, {@link ResolvedHostingSettings} for hosting, {@link ResolvedMonitorSettings} for
 *     monitoring)
 * @param policyName the selecting policy, null when none or several select the namespace
 * @param violations every broken rule; with Audit enforcement the resource is still allowed
 * @param settings the resolved settings, null when the resource is denied
 */
public record Decision<S>(String policyName, Enforcement enforcement, List<Violation> violations,
    S settings) {

  public Decision {
    violations = List.copyOf(violations);
  }

  public boolean allowed() {
    return settings != null;
  }

  /** One line for conditions and Events: every violation, separated by "; ". */
  public String summary() {
    return String.join("; ", violations.stream().map(Violation::toString).toList());
  }
}
