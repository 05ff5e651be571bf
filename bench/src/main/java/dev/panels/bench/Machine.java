package dev.panels.bench;

import java.net.InetAddress;

/** The machine a run was measured on, for the report: figures from another machine are not comparable. */
record Machine(String cpu, int cores, long memoryMiB, String jvm, String os) {

    static Machine describe() {
        String cpu = "unknown";
        try {
            cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (java.io.IOException e) {
            // not Linux: the core count and Java version still say a lot
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024 * 1024);
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }
}
