package dev.panels.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Authorization code + PKCE (S256) for a public test client, token refresh and logout, as an app would do them. */
public final class OidcClient {

    private final String realmUrl;
    private final String clientId;
    private final String redirectUri;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String verifier;
    private String state;

    /** A token endpoint answer: status and JSON body. */
    public record TokenResponse(int status, JsonNode json) {
        public String accessToken() {
            return json.path("access_token").asText(null);
        }

        public String refreshToken() {
            return json.path("refresh_token").asText(null);
        }

        public String idToken() {
            return json.path("id_token").asText(null);
        }
    }

    public OidcClient(String realmUrl, String clientId, String redirectUri) {
        this(realmUrl, clientId, redirectUri, null);
    }

    /** A confidential client authenticating with {@code client_secret_post}. */
    public OidcClient(String realmUrl, String clientId, String redirectUri, String clientSecret) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.clientSecret = clientSecret;
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** A fresh authorize URL (new PKCE verifier and state each call). */
    public String authorizeUrl(Map<String, String> extra) {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        state = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(b, 12));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", clientId);
        q.put("response_type", "code");
        q.put("redirect_uri", redirectUri);
        q.put("scope", extra.getOrDefault("scope", "openid"));
        q.put("state", state);
        q.put("nonce", "n-" + state);
        q.put("code_challenge", challenge(verifier));
        q.put("code_challenge_method", "S256");
        q.putAll(extra);
        return realmUrl + "/protocol/openid-connect/auth?" + HttpBrowser.encode(q);
    }

    /** Checks the callback's state and exchanges its code. */
    public TokenResponse exchange(String callbackUrl) {
        String returnedState = HttpBrowser.queryParam(callbackUrl, "state");
        if (!state.equals(returnedState)) {
            throw new AssertionError("state mismatch in " + callbackUrl);
        }
        String code = HttpBrowser.queryParam(callbackUrl, "code");
        if (code == null) {
            throw new AssertionError("no code in " + callbackUrl);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        return token(form);
    }

    public TokenResponse refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        return token(form);
    }

    /** RP-initiated back-channel style logout with the refresh token (what a token-mediating backend does). */
    public int logout(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        return post(realmUrl + "/protocol/openid-connect/logout", form).statusCode();
    }

    /** The userinfo endpoint's answer for this access token (status and JSON body). */
    public TokenResponse userinfo(String accessToken) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/userinfo"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + accessToken)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            return new TokenResponse(r.statusCode(), r.body().isBlank() ? KeycloakAdmin.JSON.createObjectNode() : KeycloakAdmin.JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private TokenResponse token(Map<String, String> form) {
        HttpResponse<String> r = post(realmUrl + "/protocol/openid-connect/token", form);
        try {
            return new TokenResponse(r.statusCode(), KeycloakAdmin.JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new AssertionError("token endpoint answered " + r.statusCode() + ": " + r.body());
        }
    }

    private HttpResponse<String> post(String url, Map<String, String> form) {
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(HttpBrowser.encode(form))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the realm's introspection endpoint, asked by this (confidential) client, calls the token active. */
    public boolean active(String accessToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("token", accessToken);
        HttpResponse<String> r = post(realmUrl + "/protocol/openid-connect/token/introspect", form);
        try {
            return r.statusCode() == 200 && KeycloakAdmin.JSON.readTree(r.body()).path("active").asBoolean();
        } catch (IOException e) {
            throw new AssertionError("introspection answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The claims of a token the realm issued, after verifying its signature against the realm's JWKS. */
    public JsonNode verifiedClaims(String jwt) {
        try {
            com.nimbusds.jose.jwk.JWKSet keys = com.nimbusds.jose.jwk.JWKSet.load(
                    URI.create(realmUrl + "/protocol/openid-connect/certs").toURL());
            com.nimbusds.jwt.SignedJWT signed = com.nimbusds.jwt.SignedJWT.parse(jwt);
            com.nimbusds.jose.jwk.JWK key = keys.getKeyByKeyId(signed.getHeader().getKeyID());
            if (!(key instanceof com.nimbusds.jose.jwk.RSAKey rsa) || !signed.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(rsa))) {
                throw new AssertionError("token signature does not verify against " + realmUrl);
            }
            return KeycloakAdmin.JSON.readTree(signed.getPayload().toString());
        } catch (IOException | java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError("cannot verify token: " + e.getMessage(), e);
        }
    }

    /** The (unverified) payload of a JWT, for assertions on claims of a token this test just received. */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return KeycloakAdmin.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static String challenge(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
