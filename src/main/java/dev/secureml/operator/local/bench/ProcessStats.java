package dev.secureml.operator.local.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time, heap after a full GC and resident memory of this JVM. */
final class ProcessStats {
  private ProcessStats() {}

  /** CPU seconds this process has used, all threads, living and finished. */
  static double cpuSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  /** Used heap after asking for full collections until it stops shrinking. */
  static double heapAfterGcMiB() {
    var memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used >= last) {
        break;
      }
      last = used;
    }
    return last / 1024.0 / 1024.0;
  }

  /** VmRSS from /proc/self/status; NaN where there is no /proc. */
  static double rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return Double.NaN;
  }
}
