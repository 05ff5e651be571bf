package dev.panels.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

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

    public boolean auditToMedplum() { return auditToMedplum; }
    public String issuer() { return issuer; }
    public String jwksUrl() { return jwksUrl; }
    public String audience() { return audience; }
    public Duration clockSkew() { return Duration.ofSeconds(clockSkewSeconds); }
    public String medplumFhirBaseUrl() { return medplumFhirBaseUrl; }
    public int medplumConnectTimeoutMs() { return medplumConnectTimeoutMs; }
    public int medplumReadTimeoutMs() { return medplumReadTimeoutMs; }
    public int medplumRetryAfterSeconds() { return medplumRetryAfterSeconds; }
    public int maxPageSize() { return maxPageSize; }
    public Duration revocationTtl() { return Duration.ofSeconds(revocationTtlSeconds); }
}
