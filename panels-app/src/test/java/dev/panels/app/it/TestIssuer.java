package dev.panels.app.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for Keycloak's realm until it is wired: an RSA key pair whose public half is served as
 * a JWKS on 127.0.0.1, and a builder for access tokens following the app's claims contract.
 */
public final class TestIssuer {

    public static final String REALM_PATH = "/realms/panels-it";
    private static final RSAKey KEY = generate("it-key-1");
    /** A key the servers never see: tokens signed with it must be refused. */
    private static final RSAKey STRANGER_KEY = generate("it-key-1");

    private final HttpServer server;

    private TestIssuer(HttpServer server) {
        this.server = server;
    }

    static TestIssuer start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext(REALM_PATH + "/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return new TestIssuer(server);
    }

    void stop() {
        server.stop(0);
    }

    public static String issuer() {
        return "http://127.0.0.1:" + Integer.getInteger("it.issuer.port") + REALM_PATH;
    }

    public static Token token() {
        return new Token();
    }

    /** A back-channel logout token as Keycloak sends it; each argument may spoil one rule. */
    public static String logoutToken(String sid, String subject, boolean withEvent, String nonce, boolean stranger) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience("panels-app")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
        if (subject != null) {
            claims.subject(subject);
        }
        if (sid != null) {
            claims.claim("sid", sid);
        }
        if (withEvent) {
            claims.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(KEY.getKeyID()).type(new JOSEObjectType("logout+jwt")).build(), claims.build());
            jwt.sign(new RSASSASigner(stranger ? STRANGER_KEY : KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key Keycloak's Medplum mapper and the app share (the servers get it as PANELS_MEDPLUM_TOKEN_KEYS). */
    static final String MEDPLUM_TOKEN_KEY = "aXQtbWVkcGx1bS10b2tlbi1zZWFsaW5nLWtleS0wMDE";

    /** What Keycloak's Medplum mapper puts into {@code medplum_token}: the Medplum token sealed for the app. */
    static String sealed(String medplumToken) {
        return new dev.panels.app.signin.CookieCrypto(List.of(MEDPLUM_TOKEN_KEY), java.time.Clock.systemUTC())
                .seal("medplum-token", Map.of("v", medplumToken), Instant.now().plusSeconds(3600));
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An access token with valid defaults; each method spoils or changes one thing. By default the token is for a
     * fresh organization of its own (panels isolated per test) that has no clinical data, so, as Keycloak's Medplum
     * mapper does for an organization without a Medplum project, it carries no Medplum claims. {@link #in(Medplum.Tenant)}
     * puts it into one of the two organizations with clinical data, with a Medplum token of that organization's project.
     */
    public static final class Token {
        private String issuer = TestIssuer.issuer();
        private List<String> audience = List.of("panels-app");
        private String subject = "user-" + UUID.randomUUID();
        private List<String> groups = List.of("panels-viewer");
        private String organization = "organization-test-" + UUID.randomUUID();
        private String sid = UUID.randomUUID().toString();
        private Instant expires = Instant.now().plusSeconds(300);
        private Instant notBefore = Instant.now().minusSeconds(5);
        private Instant issuedAt;
        private RSAKey signingKey = KEY;
        private boolean unsigned;
        private boolean embeddedJwk;
        private String typ = "Bearer";
        private String fhirUser;
        private Medplum.Tenant medplumTenant;
        private String medplumToken;
        private boolean unsealed;

        public Token issuer(String value) { this.issuer = value; return this; }
        public Token audience(String... value) { this.audience = List.of(value); return this; }
        public Token subject(String value) { this.subject = value; return this; }
        public Token groups(String... value) { this.groups = List.of(value); return this; }
        /** Another organization; its Medplum claims follow it (none for an organization without clinical data). */
        public Token organization(String value) {
            this.organization = value;
            this.medplumTenant = Medplum.Tenant.of(value).orElse(null);
            return this;
        }
        /** A member of the tenant's organization, with a Medplum token of the tenant's project. */
        public Token in(Medplum.Tenant tenant) { return organization(tenant.organization); }
        public Token sid(String value) { this.sid = value; return this; }
        public Token expiredSecondsAgo(long seconds) {
            this.expires = Instant.now().minusSeconds(seconds);
            this.notBefore = expires.minusSeconds(600);
            return this;
        }
        public Token expiresInSeconds(long seconds) {
            this.expires = Instant.now().plusSeconds(seconds);
            return this;
        }
        public Token notBeforeInSeconds(long seconds) {
            this.notBefore = Instant.now().plusSeconds(seconds);
            return this;
        }
        public Token issuedSecondsAgo(long seconds) {
            this.issuedAt = Instant.now().minusSeconds(seconds);
            return this;
        }
        public Token fhirUser(String value) { this.fhirUser = value; return this; }
        /** Replaces the Medplum access token (keeps the project claim of the token's tenant). */
        public Token medplumToken(String value) { this.medplumToken = value; return this; }
        /**
         * Medplum claims of another tenant than the token's organization: what a misconfigured Keycloak (a client of
         * the wrong project) would issue. The app must refuse it.
         */
        public Token medplumOf(Medplum.Tenant tenant) { this.medplumTenant = tenant; return this; }
        /** The Medplum token in clear, as a Keycloak without sealing keys would have written it: the app must not use it. */
        public Token unsealedMedplumToken() { this.unsealed = true; return this; }
        /** As Keycloak's Medplum mapper issues it when Medplum failed: no fhirUser, project or Medplum token. */
        public Token withoutMedplum() { this.medplumTenant = null; this.medplumToken = null; return this; }
        public Token signedByStranger() { this.signingKey = STRANGER_KEY; return this; }
        public Token unsigned() { this.unsigned = true; return this; }
        /** Signed by a stranger's key that the header itself carries ({@code jwk}): a forgery a careless verifier trusts. */
        public Token withEmbeddedJwk() { this.embeddedJwk = true; this.signingKey = STRANGER_KEY; return this; }
        /** Keycloak's {@code typ} claim: {@code Bearer} for access tokens, {@code ID} for ID tokens. */
        public Token typ(String value) { this.typ = value; return this; }

        public String subject() { return subject; }
        public String organization() { return organization; }
        public String sid() { return sid; }
        /** The Medplum token this token carries, or null when it carries none. */
        public String medplumToken() {
            return medplumToken != null ? medplumToken : medplumTenant == null ? null : medplumTenant.token();
        }
        public String fhirUser() { return fhirUser != null ? fhirUser : "Practitioner/" + subject; }

        public String serialize() {
            Instant issuedAt = this.issuedAt != null ? this.issuedAt : notBefore.isAfter(Instant.now()) ? Instant.now() : notBefore;
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .audience(audience)
                    .subject(subject)
                    .claim("upn", subject + "@example.test")
                    .claim("typ", typ)
                    .claim("groups", groups)
                    .claim("sid", sid)
                    .claim("stytch_org_id", organization)
                    .claim("organization", Map.of("org-" + organization, Map.of("id", organization)))
                    .issueTime(Date.from(issuedAt))
                    .notBeforeTime(Date.from(notBefore))
                    .expirationTime(Date.from(expires))
                    .jwtID(UUID.randomUUID().toString());
            if (medplumTenant != null || medplumToken != null) {
                builder.claim("fhirUser", fhirUser()).claim("medplum_token", unsealed ? medplumToken() : sealed(medplumToken()));
                if (medplumTenant != null) {
                    builder.claim("medplum_project", medplumTenant.project);
                }
            }
            JWTClaimsSet claims = builder.build();
            if (unsigned) {
                return new PlainJWT(claims).serialize();
            }
            try {
                JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT);
                if (embeddedJwk) {
                    header.jwk(signingKey.toPublicJWK());
                }
                SignedJWT jwt = new SignedJWT(header.build(), claims);
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
