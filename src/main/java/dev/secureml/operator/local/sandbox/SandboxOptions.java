package dev.secureml.operator.local.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The sandbox's settings.
 *
 * @param manifests files or directories to apply
 * @param speed emulator time factor (20 = twenty times faster than SageMaker)
 * @param awsPort emulator port, 0 = any free port
 * @param kubePort embedded API port, 0 = any free port
 * @param json print the final objects as one JSON array instead of a table
 * @param keepRunning keep everything up after settling, with a kubeconfig at {@code kubeconfig}
 */
public record SandboxOptions(List<Path> manifests, Duration timeout, double speed, int awsPort,
    int kubePort, boolean json, boolean keepRunning, Path kubeconfig) {}
