package dev.panels.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static dev.panels.bench.Report.f;

/** docs/BENCHMARKS.md as the latest run measured it: goals, tables, charts, and the machine. */
final class Markdown {

    private static final String BROKERED_SIGN_IN = "brokered Stytch sign-in";
    private static final String PASSWORD_SIGN_IN = "Keycloak password sign-in";

    private Markdown() {
    }

    static String of(Report report) {
        StringBuilder md = new StringBuilder();
        Machine m = report.machine();
        String server = report.options().server();
        md.append("# Benchmarks\n\n")
                .append("Written by `./run-bench` (see the README); this file is replaced by each run. Latest run: ")
                .append(LocalDate.ofInstant(report.at(), java.time.ZoneOffset.UTC)).append(", app server **").append(server).append("**, on ").append(m.cores())
                .append(" cores (").append(m.cpu()).append("), ").append(m.memoryMiB()).append(" MiB, ").append(m.jvm())
                .append(", ").append(m.os()).append(". One run on a shared machine: read the ratios, not the absolute times. ")
                .append("Every comparison is measured side by side in the same run, warm, with bounded request loops on loopback; ")
                .append("the raw data is in `bench/target/report.json`.\n\n");

        md.append("## Goals\n\n| comparison (same run) | goal | measured | met? |\n|---|---|---|---|\n");
        worklistGoal(report, md);
        signInGoal(report, md);
        concurrencyGoal(report, md);
        refreshGoal(report, md);
        authGoal(report, md);
        heapGoal(report, md);
        liveGoal(report, md);
        md.append('\n');

        md.append("## Worklist page vs the FHIR search it issues\n\n")
                .append("The worklist page of 50 patients (`GET /api/panels/{id}/rows?type=patient&size=50`) against the very search the app ")
                .append("sends for it (`Patient?_count=50&_offset=0&_revinclude=Task:patient`), sent straight to the Medplum stand-in with ")
                .append("the same user's Medplum token; alternating rounds, one client.\n\n")
                .append("| dataset | raw p50 / p95 (ms) | worklist p50 / p95 (ms) | p95 ratio | errors |\n|---|---|---|---|---|\n");
        for (Report.WorklistPair pair : report.worklistPairs()) {
            Load.Result raw = pair.raw();
            Load.Result page = pair.page();
            md.append("| ").append(pair.dataset()).append(" | ")
                    .append(f(raw.p50())).append(" / ").append(f(raw.p95())).append(" | ").append(f(page.p50())).append(" / ")
                    .append(f(page.p95())).append(" | ").append(f(pair.p95Ratio())).append("× | ")
                    .append(raw.errors() + page.errors()).append(" |\n");
        }
        List<Load.Result> r = report.results();
        md.append("\n![worklist vs FHIR](benchmarks/worklist-vs-fhir-").append(server).append(".png)\n\n");

        md.append("## Concurrent clients\n\n");
        Double concurrencyPatients = report.facts().get("concurrencyPatients");
        if (concurrencyPatients != null) {
            md.append("On the last dataset, ").append(Math.round(concurrencyPatients)).append(" patients; a page of 50 with 5 columns.\n\n");
        }
        md.append("| clients | `/api/panels` req/s | p99 (ms) | errors | worklist req/s | p99 (ms) | errors |\n|---|---|---|---|---|---|---|\n");
        for (Load.Result panels : r) {
            if (!panels.name().equals("GET /api/panels")) {
                continue;
            }
            Optional<Load.Result> page = report.result("worklist page of 50", panels.clients());
            md.append("| ").append(panels.clients()).append(" | ").append(f(panels.throughput())).append(" | ").append(f(panels.p99()))
                    .append(" | ").append(panels.errors()).append(" | ")
                    .append(page.map(p -> f(p.throughput()) + " | " + f(p.p99()) + " | " + p.errors()).orElse("— | — | —")).append(" |\n");
        }
        md.append("\n![throughput by clients](benchmarks/concurrency-").append(server).append(".png)\n\n");

        md.append("## Sign-ins and refreshes\n\nOne after another through the same Keycloak, alternating: each sign-in ends with the ")
                .append("code exchanged for tokens; the refresh grants are those of two brokered sessions of the same clinician, one ")
                .append("for the app's client (`medplum` scope) and one for a twin client without it (`").append(Refreshes.TWIN)
                .append("`, created by the bench).\n\n")
                .append("| grant | per second | per core | p50 / p95 (ms) |\n|---|---|---|---|\n");
        for (Load.Result s : r) {
            if (s.name().contains("sign-in") || s.name().startsWith("refresh grant")) {
                md.append("| ").append(s.name()).append(" | ").append(f(s.throughput())).append(" | ")
                        .append(f(s.throughput() / m.cores())).append(" | ").append(f(s.p50())).append(" / ").append(f(s.p95())).append(" |\n");
            }
        }
        authSection(report, md);
        liveSection(report, md);
        md.append("\nKeycloak's own user-event counters for the run (Prometheus, `/metrics` on its management port):\n\n");
        report.userEvents().forEach((labels, value) -> md.append("- `").append(labels).append("`: ").append(Math.round(value)).append('\n'));
        history(report, md);
        md.append("\n## What limits it\n\n");
        Profile.Summary profile = report.profile();
        if (profile == null || profile.samples() == 0) {
            md.append("Not profiled in this run (`./run-bench --jfr` records the app server with JFR, and Keycloak during the ")
                    .append("sign-in comparison, and lists their hot methods here). The worklist's own cost is the app's share above the raw search.\n");
        } else {
            profileTables(md, "The app server's JFR recording of this run (" + profile.samples() + " CPU samples, `bench/target/app-server-"
                    + server + ".jfr`).", profile);
        }
        Profile.Summary keycloak = report.keycloakProfile();
        if (keycloak != null && keycloak.samples() > 0) {
            profileTables(md, "\nKeycloak's JFR recording during the sign-in comparison (" + keycloak.samples()
                    + " CPU samples, `bench/target/keycloak-sign-ins.jfr`); our methods are the provider's.", keycloak);
        }
        return md.toString();
    }

    private static void profileTables(StringBuilder md, String title, Profile.Summary profile) {
        md.append(title).append("\n\n| where samples land (top of stack) | samples |\n|---|---|\n");
        profile.topOfStack().forEach((method, n) -> md.append("| `").append(method).append("` | ").append(n).append(" |\n"));
        md.append("\n| our method they pass through first | samples |\n|---|---|\n");
        profile.ourCode().forEach((method, n) -> md.append("| `").append(method).append("` | ").append(n).append(" |\n"));
    }

    /** Every full run so far (docs/benchmarks/history.json): the before and after of each change. */
    private static void history(Report report, StringBuilder md) {
        md.append("\n## History\n\nHeadline figures of every full run (`docs/benchmarks/history.json`; a commit marked +changes ")
                .append("was measured with the working tree's changes on top). Runs on a shared machine vary by about ±15 %.\n\n")
                .append("| date | commit | server | worklist p95 ratio (worst) | worklist req/s at 8 clients (patients) | its p99 (ms) ")
                .append("| `/api/panels` req/s at 8 | Stytch vs password sign-ins | MP-JWT vs open at 8 | logout refused after (ms) ")
                .append("| Keycloak MiB per 10k sessions, with / without | app live heap after load (MiB) | live write to screen p95, 500 streams (ms) |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (com.fasterxml.jackson.databind.JsonNode run : report.history()) {
            md.append("| ").append(run.path("date").asText()).append(" | `").append(run.path("commit").asText()).append("` | ")
                    .append(run.path("server").asText()).append(" | ").append(History.text(run, "worklistP95Ratio", "×"))
                    .append(" | ").append(History.text(run, "worklistPerSecondAt8", "")).append(run.has("concurrencyPatients")
                            ? " (" + run.path("concurrencyPatients").asInt() / 1000 + "k)" : "").append(" | ")
                    .append(History.text(run, "worklistP99MsAt8", "")).append(" | ")
                    .append(History.text(run, "panelsPerSecondAt8", "")).append(" | ")
                    .append(History.text(run, "stytchVsPasswordSignIns", "×")).append(" | ")
                    .append(History.text(run, "mpJwtVsOpenAt8", "×")).append(" | ").append(History.text(run, "revocationMsMax", ""))
                    .append(" | ").append(History.text(run, "keycloakMiBPer10kSessionsWith", "")).append(" / ")
                    .append(History.text(run, "keycloakMiBPer10kSessionsWithout", "")).append(" | ")
                    .append(History.text(run, "appHeapMiBAfterLoad", "")).append(" | ")
                    .append(History.text(run, "liveP95MsAt500Streams", "")).append(" |\n");
        }
    }

    static Optional<Double> worstWorklistRatio(Report report) {
        return worstWorklistPair(report).map(Report.WorklistPair::p95Ratio);
    }

    private static Optional<Report.WorklistPair> worstWorklistPair(Report report) {
        return report.worklistPairs().stream().max(java.util.Comparator.comparingDouble(Report.WorklistPair::p95Ratio));
    }

    static Optional<Double> signInRatio(Report report) {
        return throughputRatio(result(report, BROKERED_SIGN_IN), result(report, PASSWORD_SIGN_IN));
    }

    private static Optional<Load.Result> result(Report report, String prefix) {
        return report.results().stream().filter(x -> x.name().startsWith(prefix)).findFirst();
    }

    /** {@code ours} over {@code baseline} in throughput, when the run measured both. */
    private static Optional<Double> throughputRatio(Optional<Load.Result> ours, Optional<Load.Result> baseline) {
        return ours.isPresent() && baseline.isPresent()
                ? Optional.of(ours.get().throughput() / baseline.get().throughput()) : Optional.empty();
    }

    private static void worklistGoal(Report report, StringBuilder md) {
        worstWorklistPair(report).ifPresent(worst -> md
                .append("| worklist page vs the raw FHIR search it issues, by dataset and column count | p95 ≤ 1.5× | worst ")
                .append(f(worst.p95Ratio())).append("× | ").append(worst.p95Ratio() <= 1.5 ? "yes" : "no: " + worklistLimit(worst))
                .append(" |\n"));
    }

    /** What the app adds to the search at the dataset of the worst ratio. */
    private static String worklistLimit(Report.WorklistPair worst) {
        return "at " + worst.dataset() + " the page adds " + f(worst.page().p95() - worst.raw().p95()) + " ms at p95 to the search's "
                + f(worst.raw().p95()) + " ms: parsing Medplum's bundle with HAPI and evaluating the columns (see What limits it)";
    }

    private static void signInGoal(Report report, StringBuilder md) {
        Optional<Load.Result> stytch = result(report, BROKERED_SIGN_IN);
        Optional<Load.Result> local = result(report, PASSWORD_SIGN_IN);
        throughputRatio(stytch, local).ifPresent(ratio -> md
                .append("| brokered Stytch sign-in vs Keycloak's own password sign-in, same Keycloak | ≥ 1.0× throughput | ")
                .append(f(ratio)).append("× (").append(f(stytch.get().throughput())).append(" vs ").append(f(local.get().throughput()))
                .append(" sign-ins/s) | ").append(ratio >= 1.0 ? "yes" : "no: " + signInLimit(report)).append(" |\n"));
    }

    /** What the run's Keycloak profile says about the sign-ins, or that there is none. */
    private static String signInLimit(Report report) {
        String calls = "the brokered sign-in makes five or more HTTP calls to the Stytch and Medplum stand-ins, which share the same cores";
        Profile.Summary keycloak = report.keycloakProfile();
        if (keycloak == null || keycloak.samples() == 0) {
            return calls + "; run with `--jfr` to profile Keycloak during the sign-ins";
        }
        String busiest = keycloak.ourCode().keySet().stream().findFirst().map(m -> ", most in `" + m + "`").orElse("");
        return calls + "; in Keycloak's profile of the sign-ins our provider's code is on " + keycloak.ourSamples() + " of "
                + keycloak.samples() + " CPU samples" + busiest + " (see What limits it)";
    }

    private static void refreshGoal(Report report, StringBuilder md) {
        Optional<Load.Result> with = result(report, "refresh grant with the Medplum mapper");
        Optional<Load.Result> without = result(report, "refresh grant without the Medplum mapper");
        throughputRatio(with, without).ifPresent(ratio -> {
            double medplum = report.facts().getOrDefault("medplumTokenRequestsDuringRefreshes", Double.NaN);
            md.append("| refresh-token grant with the Medplum mapper (token cached) vs without it | ≥ 0.9×; no Medplum token request while the token is cached | ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", ratio)).append("× (").append(f(with.get().throughput()))
                    .append(" vs ").append(f(without.get().throughput()))
                    .append(" grants/s); ").append(Math.round(medplum)).append(" Medplum token requests in ").append(with.get().requests())
                    .append(" refreshes | ").append(ratio >= 0.9 && medplum == 0 ? "yes" : "no: with the token cached the mapper still seals it "
                            + "into each access token (JWE) and reads the session's notes: " + f(with.get().p50() - without.get().p50()) + " ms more at p50")
                    .append(" |\n");
        });
    }

    /** At 8 clients: the protected probe over the open one; this run's server, and the other server's latest full run. */
    static Optional<Double> authRatioAt8(Report report) {
        return throughputRatio(report.result(AuthOverhead.PROTECTED, 8), report.result(AuthOverhead.OPEN, 8));
    }

    private static void authGoal(Report report, StringBuilder md) {
        Optional<Double> ratio = authRatioAt8(report);
        if (ratio.isEmpty()) {
            return;
        }
        double revokedAfter = report.facts().getOrDefault("revocationRefusedAfterMsMax", Double.NaN);
        String server = report.options().server();
        md.append("| MP-JWT-protected endpoint vs the same endpoint unprotected, WildFly and Liberty | ≥ 0.9× throughput, while a ")
                .append("back-channel logout takes effect within 1 s | ").append(server).append(": ").append(String.format(java.util.Locale.ROOT, "%.2f", ratio.get()))
                .append("× at 8 clients; ended sessions refused ≤ ").append(Math.round(revokedAfter)).append(" ms after the logout request (")
                .append(Math.round(report.facts().getOrDefault("revocationsMeasured", 0.0))).append(" logouts under load; ≤ ")
                .append(Math.round(report.facts().getOrDefault("revocationRefusedAfterKeycloakAnsweredMsMax", Double.NaN)))
                .append(" ms after Keycloak answered)");
        String other = server.equals("liberty") ? "wildfly" : "liberty";
        Optional<com.fasterxml.jackson.databind.JsonNode> last = History.latest(report.history(), other, "mpJwtVsOpenAt8");
        last.ifPresentOrElse(run -> md.append("; ").append(other).append(" (run of ").append(run.path("date").asText()).append(", `")
                .append(run.path("commit").asText()).append("`): ").append(History.text(run, "mpJwtVsOpenAt8", "×"))
                .append(", refused after ≤ ").append(History.text(run, "revocationMsMax", " ms")),
                () -> md.append("; ").append(other).append(": no full run yet (`./run-bench --server=").append(other).append("`)"));
        boolean met = ratio.get() >= 0.9 && revokedAfter <= 1000
                && last.map(run -> run.path("mpJwtVsOpenAt8").asDouble() >= 0.9 && run.path("revocationMsMax").asDouble() <= 1000).orElse(false);
        md.append(" | ").append(met ? "yes" : "no: the probe does no work of its own, so the ratio is the server's per-request "
                + "authentication cost against nearly nothing (see Authentication cost)").append(" |\n");
    }

    private static void heapGoal(Report report, StringBuilder md) {
        Double with = report.facts().get("keycloakHeapMiBPer10kSessionsWith");
        Double without = report.facts().get("keycloakHeapMiBPer10kSessionsWithout");
        String keycloak = with == null || without == null
                ? "Keycloak: not recorded in this run (the runs of 2026-12-02 kept only 3 sessions per person open, the realm's "
                        + "cap ending the oldest, so their readings measured nothing and were withdrawn; the bench now lifts the cap "
                        + "for its own stack and checks that every session it opened is still open)"
                : f(with) + " MiB with (brokered Stytch sessions, Medplum token cached) vs " + f(without)
                        + " MiB without (password sessions, no `medplum` scope), ± "
                        + f(report.facts().getOrDefault("keycloakHeapMiBPer10kSessionsNoise", Double.NaN))
                        + " MiB (two readings with nothing between, scaled alike), from "
                        + Math.round(report.facts().get("heapSessionsPerKind")) + " open sessions of each kind";
        md.append("| Keycloak heap per 10,000 sessions with our provider and mappers vs without; app heap under the load above | recorded | ")
                .append(keycloak).append("; app live heap ").append(f(report.facts().getOrDefault("appHeapAfterGcMiBBeforeLoad", Double.NaN)))
                .append(" MiB before the concurrency sweep, ").append(f(report.facts().getOrDefault("appHeapAfterGcMiBAfterLoad", Double.NaN)))
                .append(" after it, ").append(f(report.facts().getOrDefault("appHeapAfterGcMiBAfterAuthLoad", Double.NaN)))
                .append(" after the MP-JWT comparison (each after a full GC; History compares runs) | ")
                .append(with == null ? "app: recorded; Keycloak: no" : "recorded").append(" |\n");
    }

    private static void liveGoal(Report report, StringBuilder md) {
        Optional<Load.Result> one = report.result(Live.ONE_STREAM, 1);
        Optional<Load.Result> many = report.result(Live.MANY_STREAMS, Live.STREAMS);
        Double before = report.facts().get("liveHeapMiBNoStreams");
        Double with = report.facts().get("liveHeapMiBStreams");
        if (one.isEmpty() || many.isEmpty() || before == null || with == null) {
            md.append("| live worklists: write in Medplum → rows on screen, p95; app heap with ").append(Live.STREAMS)
                    .append(" open streams | p95 ≤ 2 s, 0 changes missed; heap recorded | not measured in this run | no |\n");
            return;
        }
        boolean met = one.get().p95() <= 2000 && many.get().p95() <= 2000 && one.get().errors() + many.get().errors() == 0;
        md.append("| live worklists: write in Medplum → rows on screen, p95, with 1 and with ").append(Live.STREAMS)
                .append(" open streams on one node; app heap and threads with them | p95 ≤ 2 s, 0 changes missed; heap recorded | ")
                .append(f(one.get().p95())).append(" ms with 1, ").append(f(many.get().p95())).append(" ms with ").append(Live.STREAMS)
                .append(" (").append(many.get().errors() + one.get().errors()).append(" missed); heap ").append(f(before)).append(" → ")
                .append(f(with)).append(" MiB (").append(f((with - before) * 1024 / Live.STREAMS)).append(" KiB per stream), threads ")
                .append(Math.round(report.facts().getOrDefault("liveThreadsNoStreams", Double.NaN))).append(" → ")
                .append(Math.round(report.facts().getOrDefault("liveThreadsStreams", Double.NaN))).append(" | ")
                .append(met ? "yes" : "no").append(" |\n");
    }

    private static void liveSection(Report report, StringBuilder md) {
        md.append("\n## Live worklists\n\nA write is a Task's owner changed in Medplum (the stand-in) with the clinician's Medplum ")
                .append("token; it is on screen when a client doing what the page does (`live.js`: hear the change on its ")
                .append("`/api/live` stream, reload the rows) holds rows showing the new owner. Path: Medplum's rest hook → the app's ")
                .append("`/hooks/medplum/…` → `live_event` in PostgreSQL → the node's feed (reads every 250 ms) → the stream → ")
                .append("`GET …/rows`. One write after another, first with one open stream, then with ").append(Live.STREAMS)
                .append(" open on the same node (one clinician's token; each must hear each change). Heap after a full GC and ")
                .append("threads (jcmd) with none and with all of them open.\n\n")
                .append("| measured | writes | p50 / p95 / p99 (ms) | missed |\n|---|---|---|---|\n");
        for (Load.Result r : report.results()) {
            if (r.name().startsWith("live ")) {
                md.append("| ").append(r.name()).append(" | ").append(r.requests()).append(" | ").append(f(r.p50())).append(" / ")
                        .append(f(r.p95())).append(" / ").append(f(r.p99())).append(" | ").append(r.errors()).append(" |\n");
            }
        }
    }

    private static void authSection(Report report, StringBuilder md) {
        md.append("\nAuthentication cost: `GET /api/bench-probe/protected` with the clinician's access token (the server's MP-JWT check, ")
                .append("then the app's token-type, revocation and role filters) against `GET /api/bench-probe/open` (no token), the same ")
                .append("probe resource the bench adds to a copy of the shipping WAR; alternating rounds. Where the difference goes, from ")
                .append("the JFR recordings of 2026-12-02: on Liberty, its web security collaborator and MP-JWT trust-association ")
                .append("interceptor build a Subject and a JWT principal for every request (the validated token itself is cached); on ")
                .append("WildFly, SmallRye JWT parses and verifies the token on every request and Soteria looks its CDI beans up through ")
                .append("JNDI. The app's own filters (token type, revocation, roles) are a few percent of those samples.\n\n")
                .append("| endpoint | clients | req/s | p50 / p99 (ms) | errors |\n|---|---|---|---|---|\n");
        report.results().stream().filter(x -> x.name().equals(AuthOverhead.PROTECTED) || x.name().equals(AuthOverhead.OPEN))
                .forEach(x -> md.append("| ").append(x.name()).append(" | ").append(x.clients()).append(" | ").append(f(x.throughput()))
                        .append(" | ").append(f(x.p50())).append(" / ").append(f(x.p99())).append(" | ").append(x.errors()).append(" |\n"));
    }

    private static void concurrencyGoal(Report report, StringBuilder md) {
        int errors = report.results().stream().filter(x -> x.name().equals("GET /api/panels") || x.name().equals("worklist page of 50"))
                .mapToInt(Load.Result::errors).sum();
        md.append("| 1 → ").append(report.options().clientLevels().get(report.options().clientLevels().size() - 1))
                .append(" concurrent clients on `/api/panels` and the worklist | curve, p99, zero errors | see below; ")
                .append(errors).append(" errors | ").append(errors == 0 ? "yes" : "no").append(" |\n");
    }
}
