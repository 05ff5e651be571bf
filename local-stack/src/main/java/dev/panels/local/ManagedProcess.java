package dev.panels.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A server process of the stack: output to a log file, a readiness URL, and a stop that takes its children too. */
final class ManagedProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path log;
    private final Process process;

    private ManagedProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ManagedProcess start(String name, List<String> command, Path workDir, Map<String, String> env, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name.toLowerCase().replace(' ', '-') + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new ManagedProcess(name, log, builder.start());
    }

    /**
     * Polls {@code url} until it answers 2xx, the process dies, or the timeout passes; prints progress dots. A process
     * that does not become ready is stopped (nothing else holds it yet), and the failure is rethrown.
     */
    ManagedProcess awaitReady(URI url, Duration timeout) throws InterruptedException {
        try {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
                }
                if (answers(url)) {
                    return this;
                }
                System.out.print('.');
                System.out.flush();
                Thread.sleep(1000);
            }
            throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    static boolean answers(URI url) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The JVM this process is or started (launcher scripts exec or fork it), for tools such as jcmd. */
    Optional<ProcessHandle> jvm() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .reduce((first, later) -> later);
    }

    Path log() {
        return log;
    }

    /**
     * Asks politely (SIGTERM to the whole tree: a launcher script and the JVM it started), waits up to 20 s for every
     * process of it to end, then insists; returns once they are gone, so their ports are free for the next stack.
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(20);
        try {
            for (ProcessHandle handle : tree) {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // insisted on below
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                handle.onExit().join();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
