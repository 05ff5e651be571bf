package dev.panels.app;

import dev.panels.app.medplum.ClinicalTenants;
import dev.panels.app.signin.CookieCrypto;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * All settings of the app, read once through MicroProfile Config. Every key can be overridden by an
 * environment variable (MP Config's mapping: dots and dashes become underscores, upper case), e.g.
 * {@code panels.medplum.fhir-base-url} ← {@code PANELS_MEDPLUM_FHIR_BASE_URL}.
 */
@ApplicationScoped
public class PanelsConfig {

    /** The Keycloak realm URL; the same key the MP-JWT runtime verifies access tokens with. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    /** Keycloak's JWKS; also verifies back-channel logout tokens. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String jwksUrl;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "panels-app")
    String audience;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "30")
    long clockSkewSeconds;

    /** Medplum's FHIR R4 base, e.g. {@code https://medplum.example/fhir/R4}. */
    @Inject
    @ConfigProperty(name = "panels.medplum.fhir-base-url")
    String medplumFhirBaseUrl;

    /** Each organization's Medplum project: {@code <Stytch organization id>=<Medplum project id>,…} (see ClinicalTenants). */
    @Inject
    @ConfigProperty(name = "panels.medplum.projects")
    Optional<String> medplumProjects;

    private ClinicalTenants clinicalTenants;

    /**
     * Keys that open the Medplum token Keycloak seals into {@code medplum_token} (the Keycloak mapper's
     * {@code medplum.token.keys}): comma-separated 256-bit base64url keys, every one opens.
     */
    @Inject
    @ConfigProperty(name = "panels.medplum.token-keys")
    Optional<String> medplumTokenKeys;

    private Optional<CookieCrypto> medplumTokenSeal;

    @Inject
    @ConfigProperty(name = "panels.medplum.connect-timeout-ms", defaultValue = "2000")
    int medplumConnectTimeoutMs;

    @Inject
    @ConfigProperty(name = "panels.medplum.read-timeout-ms", defaultValue = "5000")
    int medplumReadTimeoutMs;

    /** Told to clients in Retry-After when Medplum is unavailable. */
    @Inject
    @ConfigProperty(name = "panels.medplum.retry-after-seconds", defaultValue = "30")
    int medplumRetryAfterSeconds;

    /** How long computing one page's column values may take before the request fails, naming the column. */
    @Inject
    @ConfigProperty(name = "panels.columns.evaluation-budget-ms", defaultValue = "2000")
    long columnEvaluationBudgetMs;

    @Inject
    @ConfigProperty(name = "panels.rows.max-page-size", defaultValue = "100")
    int maxPageSize;

    /**
     * How long a revoked session id is remembered: at least the longest access-token lifetime, so
     * every token of a logged-out session stays refused until it would have expired anyway.
     */
    @Inject
    @ConfigProperty(name = "panels.session.revocation-ttl-seconds", defaultValue = "3600")
    long revocationTtlSeconds;

    /** Also write every audit record to Medplum as a FHIR AuditEvent (as the acting user). */
    @Inject
    @ConfigProperty(name = "panels.audit.medplum", defaultValue = "false")
    boolean auditToMedplum;

    /**
     * The token a Prometheus scraper presents at {@code /metrics} ({@code Authorization: Panels-Metrics …}); unset (or shorter than 16 characters):
     * no metrics endpoint.
     */
    @Inject
    @ConfigProperty(name = "panels.metrics.token")
    Optional<String> metricsToken;

    /**
     * The key each organization's live-update hook secret is derived from ({@code PANELS_LIVE_HOOK_KEY}, see
     * {@link dev.panels.identity.LiveHooks}); unset: no live updates (hooks and {@code /api/live} answer 404).
     */
    @Inject
    @ConfigProperty(name = "panels.live.hook-key")
    Optional<String> liveHookKey;

    private Optional<byte[]> liveKey;

    /** How often each node reads new hook events from the database to fan them out to its streams. */
    @Inject
    @ConfigProperty(name = "panels.live.poll-interval-ms", defaultValue = "250")
    long livePollIntervalMs;

    /** How long hook events are kept for browsers resuming with Last-Event-ID; older gaps reload the whole page. */
    @Inject
    @ConfigProperty(name = "panels.live.retention-minutes", defaultValue = "15")
    long liveRetentionMinutes;

    /** Open live streams one node holds at most; one more is 503 with Retry-After. */
    @Inject
    @ConfigProperty(name = "panels.live.max-streams", defaultValue = "2000")
    int liveMaxStreams;

    /** Open live streams one person may hold on one node (a tab each); one more is 429. */
    @Inject
    @ConfigProperty(name = "panels.live.max-streams-per-person", defaultValue = "20")
    int liveMaxStreamsPerPerson;

    public boolean auditToMedplum() { return auditToMedplum; }
    public Optional<String> metricsToken() { return metricsToken.map(String::strip).filter(t -> t.length() >= 16); }
    public String issuer() { return issuer; }
    public String jwksUrl() { return jwksUrl; }
    /** MP-JWT's accepted audiences, a comma-separated list. */
    public List<String> audiences() {
        return java.util.Arrays.stream(audience.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }
    public Duration clockSkew() { return Duration.ofSeconds(clockSkewSeconds); }
    public String medplumFhirBaseUrl() { return medplumFhirBaseUrl; }

    /** Opens sealed Medplum tokens; empty (logged once) when the keys are missing or malformed: no clinical data then. */
    public synchronized Optional<CookieCrypto> medplumTokenSeal() {
        if (medplumTokenSeal == null) {
            try {
                medplumTokenSeal = Optional.of(new CookieCrypto(medplumTokenKeys.map(k -> List.of(k.split(","))).orElse(List.of()),
                        Clock.systemUTC()));
            } catch (IllegalArgumentException e) {
                Logger.getLogger(PanelsConfig.class.getName()).severe("No clinical data is served: panels.medplum.token-keys: " + e.getMessage());
                medplumTokenSeal = Optional.empty();
            }
        }
        return medplumTokenSeal;
    }

    /** Parsed once; a malformed setting is logged and leaves every organization without clinical data. */
    public synchronized ClinicalTenants clinicalTenants() {
        if (clinicalTenants == null) {
            try {
                clinicalTenants = ClinicalTenants.parse(medplumProjects.orElse(""));
            } catch (IllegalArgumentException e) {
                Logger.getLogger(PanelsConfig.class.getName()).severe("No clinical data is served: " + e.getMessage());
                clinicalTenants = ClinicalTenants.parse("");
            }
        }
        return clinicalTenants;
    }
    /** The live-hook key; empty (logged once) when unset or malformed: live updates are off. */
    public synchronized Optional<byte[]> liveHookKey() {
        if (liveKey == null) {
            try {
                liveKey = liveHookKey.isEmpty() ? Optional.empty() : Optional.of(dev.panels.identity.LiveHooks.key(liveHookKey.get()));
            } catch (IllegalArgumentException e) {
                Logger.getLogger(PanelsConfig.class.getName()).severe("Live updates are off: " + e.getMessage());
                liveKey = Optional.empty();
            }
            if (liveHookKey.isEmpty()) {
                Logger.getLogger(PanelsConfig.class.getName()).info("Live updates are off: panels.live.hook-key is not set");
            }
        }
        return liveKey;
    }
    public Duration livePollInterval() { return Duration.ofMillis(Math.max(50, livePollIntervalMs)); }
    public Duration liveRetention() { return Duration.ofMinutes(Math.max(1, liveRetentionMinutes)); }
    public int liveMaxStreams() { return liveMaxStreams; }
    public int liveMaxStreamsPerPerson() { return liveMaxStreamsPerPerson; }
    public int medplumConnectTimeoutMs() { return medplumConnectTimeoutMs; }
    public int medplumReadTimeoutMs() { return medplumReadTimeoutMs; }
    public int medplumRetryAfterSeconds() { return medplumRetryAfterSeconds; }
    public int maxPageSize() { return maxPageSize; }
    public Duration columnEvaluationBudget() { return Duration.ofMillis(columnEvaluationBudgetMs); }
    public Duration revocationTtl() { return Duration.ofSeconds(revocationTtlSeconds); }
}
