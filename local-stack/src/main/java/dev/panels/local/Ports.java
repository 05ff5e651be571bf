package dev.panels.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything starts, that every port the stack will listen on is free and used once. Otherwise a server
 * left over from an earlier run (or another program) would answer the health checks and the stack would seem to start.
 */
final class Ports {

    private Ports() {
    }

    static void requireFree(Map<String, Integer> ports) {
        List<String> problems = new ArrayList<>();
        Map<Integer, String> seen = new HashMap<>();
        ports.forEach((what, port) -> {
            String other = seen.putIfAbsent(port, what);
            if (other != null) {
                problems.add("port " + port + " is configured for both " + other + " and " + what);
            } else if (!free(port)) {
                problems.add("port " + port + " for " + what + " is in use (a ./run-local or test stack still running, "
                        + "or another program): stop it, or choose another port");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as servers bind (Jetty, Keycloak, the app servers): a port left in TIME_WAIT by a stopped server is free
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
