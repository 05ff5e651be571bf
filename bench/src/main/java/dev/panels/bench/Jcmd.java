package dev.panels.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK's own jcmd against a JVM of the stack: heap after GC, and JFR recordings started and stopped mid-run. */
final class Jcmd {

    private Jcmd() {
    }

    static String run(ProcessHandle jvm, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(jvm.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
        }
        return out;
    }

    /** Starts a JFR recording ("profile" settings) named {@code name}; {@link #stopRecording} writes it to a file. */
    static void startRecording(ProcessHandle jvm, String name) throws IOException, InterruptedException {
        run(jvm, "JFR.start", "name=" + name, "settings=profile");
    }

    static void stopRecording(ProcessHandle jvm, String name, Path file) throws IOException, InterruptedException {
        run(jvm, "JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }
}
