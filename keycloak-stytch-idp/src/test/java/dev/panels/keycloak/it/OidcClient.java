package dev.panels.keycloak.it;

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
        return realmUrl + "/protocol/openid-connect/auth?" + Browser.encode(q);
    }

    /** Checks the callback's state and exchanges its code. */
    public TokenResponse exchange(String callbackUrl) {
        String returnedState = Browser.queryParam(callbackUrl, "state");
        if (!state.equals(returnedState)) {
            throw new AssertionError("state mismatch in " + callbackUrl);
        }
        String code = Browser.queryParam(callbackUrl, "code");
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
            return new TokenResponse(r.statusCode(), r.body().isBlank() ? AdminApi.JSON.createObjectNode() : AdminApi.JSON.readTree(r.body()));
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
            return new TokenResponse(r.statusCode(), AdminApi.JSON.readTree(r.body()));
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
                    .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The (unverified) payload of a JWT, for assertions on claims of a token this test just received. */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return AdminApi.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String challenge(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
