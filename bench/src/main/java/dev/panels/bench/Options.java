package dev.panels.bench;

import java.util.Arrays;
import java.util.List;

/** What the benchmark is asked to run; {@code --quick} shrinks every loop for a smoke run of the harness itself. */
record Options(String server, List<Integer> patients, List<Integer> columns, List<Integer> clientLevels, int baseRequests,
               int signIns, boolean jfr, boolean quick) {

    static Options parse(String[] args) {
        String server = "liberty";
        List<Integer> patients = List.of(2000, 20000);
        boolean quick = false;
        boolean jfr = false;
        for (String arg : args) {
            if (arg.startsWith("--server=")) {
                server = arg.substring("--server=".length());
                if (!server.equals("liberty") && !server.equals("wildfly")) {
                    throw new IllegalArgumentException("--server must be liberty or wildfly, not " + server);
                }
            } else if (arg.startsWith("--patients=")) {
                patients = Arrays.stream(arg.substring("--patients=".length()).split(",")).map(String::trim)
                        .map(Integer::valueOf).toList();
            } else if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--jfr")) {
                jfr = true;
            } else {
                throw new IllegalArgumentException("Unknown option " + arg + " (use --server=liberty|wildfly, --patients=2000,20000, --quick, --jfr)");
            }
        }
        return quick
                ? new Options(server, patients, List.of(5, 20), List.of(1, 4), 40, 5, jfr, true)
                : new Options(server, patients, List.of(5, 20), List.of(1, 2, 4, 8, 16, 32), 200, 20, jfr, false);
    }

    /** Refresh grants per client in the refresh comparison. */
    int refreshes() {
        return signIns * 10;
    }

    /** Calls per side of the MP-JWT comparison: the probe answers in a few milliseconds, so it takes more for stable tails. */
    int authRequests() {
        return baseRequests * 10;
    }

    /** Sessions of each kind whose heap the run measures (all stay open, under Keycloak's 10,000-session cache bound). */
    int heapSessions() {
        return quick ? 5 : 300;
    }

    /** Requests at a concurrency level: enough for stable percentiles, bounded so a run ends in minutes. */
    int requests(int clients) {
        return Math.max(baseRequests, clients * (baseRequests / 8));
    }
}
