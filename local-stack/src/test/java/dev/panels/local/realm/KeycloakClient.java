package dev.panels.local.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Talks to a real Keycloak the way the app and a browser do: admin REST with the bootstrap admin, and the
 * authorization code flow with PKCE through Keycloak's own login form (one cookie jar per "browser").
 */
final class KeycloakClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final String baseUrl;
    private final String realm;

    KeycloakClient(String baseUrl, String realm) {
        this.baseUrl = baseUrl;
        this.realm = realm;
    }

    String realmUrl() {
        return baseUrl + "/realms/" + realm;
    }

    // ---- admin REST -------------------------------------------------------------------------------------

    String adminToken(String user, String password) throws IOException, InterruptedException {
        JsonNode token = postForm(HttpClient.newHttpClient(), baseUrl + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", user, "password", password));
        return token.path("access_token").asText();
    }

    HttpResponse<String> admin(String adminToken, String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + adminToken);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- a browser ----------------------------------------------------------------------------------------

    /** A cookie-keeping client that does not follow redirects, so each hop can be inspected. */
    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new LoopbackCookieJar()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Browsers treat http://localhost as a secure context and keep and send it Secure cookies (Keycloak marks its
     * login cookies Secure); java.net's CookieManager drops them over http, so this jar, for one loopback host,
     * keeps them by name and sends those whose path matches.
     */
    private static final class LoopbackCookieJar extends java.net.CookieHandler {
        private final Map<String, java.net.HttpCookie> cookies = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            String header = cookies.values().stream()
                    .filter(cookie -> !cookie.hasExpired())
                    .filter(cookie -> path.startsWith(cookie.getPath() == null ? "/" : cookie.getPath()))
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
            return header.isEmpty() ? Map.of() : Map.of("Cookie", java.util.List.of(header));
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) {
            headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Set-Cookie"))
                    .flatMap(e -> e.getValue().stream())
                    .flatMap(value -> java.net.HttpCookie.parse(value).stream())
                    .forEach(cookie -> {
                        if (cookie.getMaxAge() == 0) {
                            cookies.remove(cookie.getName());
                        } else {
                            cookies.put(cookie.getName(), cookie);
                        }
                    });
        }
    }

    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    String authorizeUrl(String clientId, String redirectUri, Pkce pkce) {
        String query = "client_id=" + enc(clientId) + "&response_type=code&scope=openid&state=s" + System.nanoTime()
                + "&redirect_uri=" + enc(redirectUri) + (pkce == null ? "" : "&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256");
        return realmUrl() + "/protocol/openid-connect/auth?" + query;
    }

    /**
     * Signs in with Keycloak's login form, page after page (Organizations make the first page ask for the user
     * name only); returns the final redirect's Location (carries the code), or "" when Keycloak kept the user on
     * a page (wrong password, locked account).
     */
    String signIn(HttpClient browser, String authorizeUrl, String username, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int step = 0; step < 3 && page.statusCode() == 200; step++) {
            Matcher action = FORM_ACTION.matcher(page.body());
            if (!action.find()) {
                return "";
            }
            page = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        return page.headers().firstValue("Location").orElse("");
    }

    JsonNode exchangeCode(String clientId, String secret, String redirectUri, String location, Pkce pkce)
            throws IOException, InterruptedException {
        String code = queryParam(location, "code");
        return postForm(HttpClient.newHttpClient(), realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "client_id", clientId, "client_secret", secret, "code", code,
                "redirect_uri", redirectUri, "code_verifier", pkce.verifier()));
    }

    HttpResponse<String> refresh(String clientId, String secret, String refreshToken) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "refresh_token", "client_id", clientId,
                        "client_secret", secret, "refresh_token", refreshToken))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> userinfo(String accessToken) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether Keycloak's introspection (asked by the client itself) calls the access token active. */
    boolean active(String clientId, String secret, String accessToken) throws IOException, InterruptedException {
        return postForm(HttpClient.newHttpClient(), realmUrl() + "/protocol/openid-connect/token/introspect",
                Map.of("client_id", clientId, "client_secret", secret, "token", accessToken)).path("active").asBoolean();
    }

    static JsonNode postForm(HttpClient client, String url, Map<String, String> fields) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The claims of a token Keycloak issued, after verifying its signature against the realm's JWKS. */
    JsonNode verifiedClaims(String jwt) throws Exception {
        com.nimbusds.jose.jwk.JWKSet keys = com.nimbusds.jose.jwk.JWKSet.load(
                URI.create(realmUrl() + "/protocol/openid-connect/certs").toURL());
        com.nimbusds.jwt.SignedJWT signed = com.nimbusds.jwt.SignedJWT.parse(jwt);
        com.nimbusds.jose.jwk.RSAKey key = (com.nimbusds.jose.jwk.RSAKey) keys.getKeyByKeyId(signed.getHeader().getKeyID());
        if (key == null || !signed.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))) {
            throw new IllegalStateException("Token signature does not verify against " + realmUrl());
        }
        return JSON.readTree(signed.getPayload().toString());
    }

    static String queryParam(String url, String name) {
        Matcher matcher = Pattern.compile("[?&#]" + name + "=([^&#]*)").matcher(url);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + url);
        }
        return java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
