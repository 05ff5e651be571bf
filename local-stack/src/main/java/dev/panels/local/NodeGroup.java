package dev.panels.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The running nodes of one tier (Keycloak, or the app): each can be stopped and started again on its own. */
final class NodeGroup implements AutoCloseable {

    /** Starts the named node and returns once it is ready. */
    interface Starter {
        ManagedProcess start(String node) throws Exception;
    }

    private final List<String> names;
    private final Starter starter;
    private final Map<String, ManagedProcess> running = new LinkedHashMap<>();

    NodeGroup(List<String> names, Starter starter) {
        this.names = List.copyOf(names);
        this.starter = starter;
    }

    boolean has(String node) {
        return names.contains(node);
    }

    /** Starts every node that is not running, one after the other (the first one prepares shared state). */
    void startAll() throws Exception {
        for (String node : names) {
            if (!running.containsKey(node)) {
                start(node);
            }
        }
    }

    void start(String node) throws Exception {
        if (running.containsKey(node)) {
            throw new IllegalStateException(node + " is already running");
        }
        running.put(node, starter.start(node));
    }

    void stop(String node) {
        ManagedProcess process = running.remove(node);
        if (process == null) {
            throw new IllegalStateException(node + " is not running");
        }
        process.close();
    }

    /** The JVM of the tier's first node (the only one outside a cluster), if it runs. */
    Optional<ProcessHandle> jvm() {
        return Optional.ofNullable(running.get(names.get(0))).flatMap(ManagedProcess::jvm);
    }

    /** Stops the running nodes, newest first. */
    @Override
    public void close() {
        List<String> started = new ArrayList<>(running.keySet());
        for (int i = started.size() - 1; i >= 0; i--) {
            running.remove(started.get(i)).close();
        }
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
