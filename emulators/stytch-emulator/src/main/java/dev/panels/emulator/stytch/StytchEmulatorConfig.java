package dev.panels.emulator.stytch;

import dev.panels.emulator.common.ConfigValues;
import dev.panels.emulator.common.FaultInjection;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** How to start a {@link StytchEmulator}. */
public final class StytchEmulatorConfig {

    /** Settings prefix: system properties {@code stytch.emulator.*}, environment {@code STYTCH_EMULATOR_*}. */
    public static final String PREFIX = "stytch.emulator";
    public static final int DEFAULT_PORT = 8110;

    private final String host;
    private final int port;
    private final Path seed;
    private final Path snapshot;
    private final FaultInjection faults;
    private final Clock clock;
    private final List<Project.RedirectUrl> redirectUrls;

    private StytchEmulatorConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.seed = b.seed;
        this.snapshot = b.snapshot;
        this.faults = b.faults;
        this.clock = b.clock;
        this.redirectUrls = List.copyOf(b.redirectUrls);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code STYTCH_EMULATOR_PORT} (default 8110), {@code _HOST} (127.0.0.1), {@code _SEED} (a seed file; default
     * the bundled sample), {@code _SNAPSHOT} (a state file), and the fault switches {@code _LATENCY_MS},
     * {@code _FAILURE_RATE}, {@code _FAILURE_STATUS}, {@code _DOWN}, and {@code _REDIRECT_URLS} (more registered
     * redirect URLs: whitespace-separated {@code type=url} items, see {@link Builder#redirectUrls(String)}); each
     * also as a {@code stytch.emulator.*} property ({@code stytch.emulator.redirect-urls}).
     */
    public static StytchEmulatorConfig fromEnvironment() {
        String seed = ConfigValues.get(PREFIX, "seed", null);
        String snapshot = ConfigValues.get(PREFIX, "snapshot", null);
        return builder()
                .redirectUrls(ConfigValues.get(PREFIX, "redirect-urls", ""))
                .host(ConfigValues.get(PREFIX, "host", "127.0.0.1"))
                .port(ConfigValues.getInt(PREFIX, "port", DEFAULT_PORT))
                .seed(seed == null ? null : Path.of(seed))
                .snapshot(snapshot == null ? null : Path.of(snapshot))
                .faults(FaultInjection.fromEnvironment(PREFIX))
                .build();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The seed file, or null for the bundled sample seed. */
    public Path seed() {
        return seed;
    }

    /** The snapshot file, or null for memory only. */
    public Path snapshot() {
        return snapshot;
    }

    public FaultInjection faults() {
        return faults;
    }

    public Clock clock() {
        return clock;
    }

    /** Redirect URLs registered on top of the seed's (none are defaults). */
    List<Project.RedirectUrl> redirectUrls() {
        return redirectUrls;
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path seed;
        private Path snapshot;
        private FaultInjection faults = new FaultInjection(FaultInjection.Settings.healthy());
        private Clock clock = Clock.systemUTC();
        private final List<Project.RedirectUrl> redirectUrls = new ArrayList<>();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** A seed file; null (the default) uses the bundled {@code seed/sample-seed.json}. */
        public Builder seed(Path seed) {
            this.seed = seed;
            return this;
        }

        /** A state file: loaded at start when it exists, rewritten after every change and on close. */
        public Builder snapshot(Path snapshot) {
            this.snapshot = snapshot;
            return this;
        }

        public Builder faults(FaultInjection faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        /** The clock for token and session expiry (tests move it to expire things without waiting). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Registers one more redirect URL (not a default) on top of the seed's {@code project.redirect_urls}, as
         * if added in the Stytch dashboard: {@code type} is {@code login}, {@code signup}, {@code invite},
         * {@code reset_password} or {@code discovery}; query-parameter values may be the placeholder {@code {}},
         * e.g. {@code redirectUrl("discovery", keycloak + "/realms/panels/broker/stytch-b2b/endpoint?attempt={}")}.
         * Checked at start.
         */
        public Builder redirectUrl(String type, String url) {
            redirectUrls.add(new Project.RedirectUrl(Objects.requireNonNull(type), Objects.requireNonNull(url), false));
            return this;
        }

        /**
         * Registers what the Keycloak Stytch provider's broker endpoint ({@code <keycloak>/realms/<realm>/broker/<alias>/endpoint})
         * sends: {@code ?attempt={}} as discovery, login and signup URL (magic links) and {@code ?state={}} as login,
         * signup (SSO, OAuth) and discovery URL (discovery OAuth) — what an admin registers in Stytch's dashboard.
         */
        public Builder brokerEndpoint(String endpoint) {
            for (String type : new String[]{"discovery", "login", "signup"}) {
                redirectUrl(type, endpoint + "?attempt={}");
                redirectUrl(type, endpoint + "?state={}");
            }
            return this;
        }

        /**
         * {@link #redirectUrl(String, String)} for each whitespace-separated {@code type=url} item, the format of
         * {@code STYTCH_EMULATOR_REDIRECT_URLS}; null or blank adds nothing.
         */
        public Builder redirectUrls(String items) {
            for (String item : items == null ? new String[0] : items.trim().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(PREFIX + ".redirect-urls: expected type=url items separated by "
                            + "whitespace, got '" + item + "'");
                }
                redirectUrl(item.substring(0, eq), item.substring(eq + 1));
            }
            return this;
        }

        public StytchEmulatorConfig build() {
            return new StytchEmulatorConfig(this);
        }
    }
}
