package dev.panels.emulator.medplum;

import dev.panels.emulator.common.ConfigValues;
import dev.panels.emulator.common.FaultInjection;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of one emulator run. {@link #fromEnvironment()} reads {@code medplum.emulator.*} system properties or
 * {@code MEDPLUM_EMULATOR_*} variables (PORT default 8210, HOST, SEED, PATIENTS, KEYCLOAK_USERINFO_URL,
 * ALLOW_UNSAFE_OUTBOUND, TOKEN_LIFETIME_SECONDS) and the fault switches {@code MEDPLUM_EMULATOR_FAULTS_*}
 * (LATENCY_MS, FAILURE_RATE, FAILURE_STATUS, DOWN).
 */
public final class MedplumEmulatorConfig {

    static final String PREFIX = "medplum.emulator";
    public static final int DEFAULT_PORT = 8210;
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_PATIENTS = 2000;
    /** Medplum's own default access token lifetime ({@code DEFAULT_ACCESS_LIFETIME = '1h'} in its keys.ts). */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Medplum's default refresh token lifetime ({@code '2w'}). */
    public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(14);

    private final String host;
    private final int port;
    private final long seed;
    private final int patients;
    private final String keycloakUserinfoUrl;
    private final boolean allowUnsafeOutbound;
    private final Duration tokenLifetime;
    private final FaultInjection faults;
    private final Clock clock;

    private MedplumEmulatorConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.seed = b.seed;
        this.patients = b.patients;
        this.keycloakUserinfoUrl = b.keycloakUserinfoUrl;
        this.allowUnsafeOutbound = b.allowUnsafeOutbound;
        this.tokenLifetime = b.tokenLifetime;
        this.faults = b.faults;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MedplumEmulatorConfig fromEnvironment() {
        String lifetime = ConfigValues.get(PREFIX, "token-lifetime-seconds", null);
        return builder()
                .host(ConfigValues.get(PREFIX, "host", "127.0.0.1"))
                .port(ConfigValues.getInt(PREFIX, "port", DEFAULT_PORT))
                .seed(Long.parseLong(ConfigValues.get(PREFIX, "seed", Long.toString(DEFAULT_SEED)).trim()))
                .patients(ConfigValues.getInt(PREFIX, "patients", DEFAULT_PATIENTS))
                .keycloakUserinfoUrl(ConfigValues.get(PREFIX, "keycloak-userinfo-url", null))
                .allowUnsafeOutbound(strictBoolean("allow-unsafe-outbound", ConfigValues.get(PREFIX, "allow-unsafe-outbound", "false")))
                .tokenLifetime(lifetime == null ? DEFAULT_TOKEN_LIFETIME : Duration.ofSeconds(Long.parseLong(lifetime.trim())))
                .faults(FaultInjection.fromEnvironment(PREFIX + ".faults"))
                .build();
    }

    /** Only {@code true} or {@code false}: a typo must not silently leave outbound calls unchecked or checked. */
    private static boolean strictBoolean(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public String host() { return host; }
    public int port() { return port; }
    public long seed() { return seed; }
    public int patients() { return patients; }
    /**
     * Keycloak's userinfo endpoint: the {@code identityProvider.userInfoUrl} of the seeded ClientApplications. Null
     * seeds them without an identity provider, so token exchange answers {@code Invalid client}.
     */
    public String keycloakUserinfoUrl() { return keycloakUserinfoUrl; }
    /**
     * Medplum's server setting of the same name. False (the default, as in Medplum): calls to an identity
     * provider must be {@code https} and must not reach localhost, loopback, private, link-local or reserved
     * addresses. True lifts that check, which lets whoever configures a ClientApplication make the server call any
     * host its network reaches (server-side request forgery); only for local runs against a local Keycloak.
     */
    public boolean allowUnsafeOutbound() { return allowUnsafeOutbound; }
    public Duration tokenLifetime() { return tokenLifetime; }
    public FaultInjection faults() { return faults; }
    /** Time source for token issue/expiry and resource timestamps (tests move it; runs use the system clock). */
    public Clock clock() { return clock; }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private long seed = DEFAULT_SEED;
        private int patients = DEFAULT_PATIENTS;
        private String keycloakUserinfoUrl;
        private boolean allowUnsafeOutbound;
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private FaultInjection faults = new FaultInjection(FaultInjection.Settings.healthy());
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String host) { this.host = Objects.requireNonNull(host); return this; }
        /** 0 picks a free port. */
        public Builder port(int port) { this.port = port; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder patients(int patients) { this.patients = patients; return this; }
        public Builder keycloakUserinfoUrl(String url) { this.keycloakUserinfoUrl = url == null || url.isBlank() ? null : url; return this; }
        public Builder allowUnsafeOutbound(boolean allow) { this.allowUnsafeOutbound = allow; return this; }
        public Builder tokenLifetime(Duration lifetime) { this.tokenLifetime = Objects.requireNonNull(lifetime); return this; }
        public Builder faults(FaultInjection faults) { this.faults = Objects.requireNonNull(faults); return this; }
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

        public MedplumEmulatorConfig build() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535");
            }
            if (patients < 0 || patients > 200_000) {
                throw new IllegalArgumentException("patients must be between 0 and 200000");
            }
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("token lifetime must be positive");
            }
            return new MedplumEmulatorConfig(this);
        }
    }
}
