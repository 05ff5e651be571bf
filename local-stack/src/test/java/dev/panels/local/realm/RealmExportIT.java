package dev.panels.local.realm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panels.local.StackSettings;
import dev.panels.local.it.SharedStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * realm-export/panels-realm.json, imported by the real Keycloak distribution at start (--import-realm), has its
 * security settings in force: checked by behaviour, not by reading the file.
 */
class RealmExportIT {

    private static final String CLIENT = "panels-app";
    private static final String SECRET = "panels-local-dev-secret-change-me";

    private static KeycloakClient keycloak;
    private static String adminToken;
    private static String redirectUri;

    @BeforeAll
    static void importedRealm() throws Exception {
        StackSettings settings = SharedStack.get().settings();
        keycloak = new KeycloakClient(settings.keycloakUrl(), "panels");
        adminToken = keycloak.adminToken(StackSettings.ADMIN_USER, "admin");
        redirectUri = settings.appUrl() + "/auth/callback";
    }

    @Test
    void aRefreshTokenCanBeUsedOnlyOnce() throws Exception {
        JsonNode tokens = signIn(newUser("panels-viewer"));

        HttpResponse<String> first = keycloak.refresh(CLIENT, SECRET, tokens.path("refresh_token").asText());
        HttpResponse<String> reused = keycloak.refresh(CLIENT, SECRET, tokens.path("refresh_token").asText());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("invalid_grant");
    }

    @Test
    void accessTokensLiveFiveMinutesAndCarryTheClaimsContract() throws Exception {
        JsonNode claims = keycloak.verifiedClaims(signIn(newUser("panels-editor")).path("access_token").asText());

        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.realmUrl());
        assertThat(claims.path("aud").toString()).contains("\"panels-app\"");
        assertThat(claims.path("sid").asText()).isNotBlank();
        assertThat(claims.path("upn").asText()).startsWith("realm-it-");
        assertThat(claims.path("groups").toString()).contains("panels-editor", "panels-viewer");
        // The tenant is the Stytch organization of the sign-in (a user-session note), never a user attribute: this local
        // user carries the attribute, yet its tokens name no organization (Stytch sign-ins: IdentityBindingIT).
        assertThat(claims.has("stytch_org_id")).isFalse();
    }

    @Test
    void anAccessTokenOfAnEndedSessionIsRefused() throws Exception {
        String user = newUser("panels-viewer");
        String accessToken = signIn(user).path("access_token").asText();
        assertThat(keycloak.active(CLIENT, SECRET, accessToken)).isTrue();

        String userId = userId(user);
        assertThat(keycloak.admin(adminToken, "POST", "/users/" + userId + "/logout", null).statusCode()).isEqualTo(204);

        assertThat(keycloak.active(CLIENT, SECRET, accessToken)).isFalse();
    }

    @Test
    void askingForTheOrganizationScopeThatIsAlsoADefaultScopeSignsIn() throws Exception {
        // Keycloak 26.7.0 answered 500 "Duplicate key organization" here (keycloak#50882, fixed in 26.7.1).
        String user = newUser("panels-viewer");
        KeycloakClient.Pkce pkce = KeycloakClient.Pkce.create();
        String location = keycloak.signIn(KeycloakClient.browser(),
                keycloak.authorizeUrl(CLIENT, redirectUri, pkce).replace("scope=openid", "scope=openid%20organization"), user, password(user));

        assertThat(location).as("redirect after sign-in").startsWith(redirectUri).contains("code=");
        assertThat(keycloak.exchangeCode(CLIENT, SECRET, redirectUri, location, pkce).path("access_token").asText()).isNotBlank();
    }

    @Test
    void userinfoRefusesTheAppsAccessTokensSoTheyCannotBeExchangedAtMedplum() throws Exception {
        String accessToken = signIn(newUser("panels-viewer")).path("access_token").asText();

        assertThat(keycloak.userinfo(accessToken).statusCode()).isEqualTo(401);
    }

    @Test
    void aRedirectUriOutsideTheListIsRefused() throws Exception {
        HttpClient browser = KeycloakClient.browser();
        for (String uri : List.of("https://evil.example/auth/callback", redirectUri + "/../../evil", redirectUri + "x")) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(
                    keycloak.authorizeUrl(CLIENT, uri, KeycloakClient.Pkce.create()))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).as(uri).isEqualTo(400);
            assertThat(page.body()).as(uri).contains("Invalid parameter: redirect_uri");
        }
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
        HttpResponse<String> response = KeycloakClient.browser().send(HttpRequest.newBuilder(URI.create(
                keycloak.authorizeUrl(CLIENT, redirectUri, null))).build(), HttpResponse.BodyHandlers.ofString());

        String location = response.headers().firstValue("Location").orElse("");
        assertThat(location).startsWith(redirectUri).contains("error=invalid_request");
        assertThat(KeycloakClient.queryParam(location, "error_description")).contains("code_challenge_method");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountTemporarily() throws Exception {
        String user = newUser("panels-viewer");
        for (int attempt = 0; attempt < 5; attempt++) {
            keycloak.signIn(KeycloakClient.browser(), keycloak.authorizeUrl(CLIENT, redirectUri, KeycloakClient.Pkce.create()),
                    user, "wrong-password");
        }

        JsonNode status = KeycloakClient.JSON.readTree(keycloak.admin(adminToken, "GET",
                "/attack-detection/brute-force/users/" + userId(user), null).body());
        // Locked: either by the failure count or, as here, earlier by the quick-succession check.
        assertThat(status.path("disabled").asBoolean()).isTrue();
        assertThat(status.path("numFailures").asInt()).isPositive();
        // Even the right password is refused while locked.
        String location = keycloak.signIn(KeycloakClient.browser(),
                keycloak.authorizeUrl(CLIENT, redirectUri, KeycloakClient.Pkce.create()), user, password(user));
        assertThat(location).doesNotContain("code=");
    }

    @Test
    void aFourthSignInEndsTheOldestOfThreeSessions() throws Exception {
        String user = newUser("panels-viewer");
        for (int i = 0; i < 4; i++) {
            signIn(user);
        }

        JsonNode sessions = KeycloakClient.JSON.readTree(
                keycloak.admin(adminToken, "GET", "/users/" + userId(user) + "/sessions", null).body());
        assertThat(sessions.size()).isEqualTo(3);
    }

    @Test
    void theAppClientLogsOutThroughTheBackChannelWithTheSessionId() throws Exception {
        JsonNode client = KeycloakClient.JSON.readTree(keycloak.admin(adminToken, "GET", "/clients?clientId=" + CLIENT, null).body()).get(0);

        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("attributes").path("backchannel.logout.url").asText()).endsWith("/auth/backchannel-logout");
        assertThat(client.path("attributes").path("backchannel.logout.session.required").asText()).isEqualTo("true");
        assertThat(client.path("redirectUris").toString()).doesNotContain("*");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A local user (Keycloak's own password login, for the realm's token and session rules) with a realm role and a Stytch org attribute. */
    private static String newUser(String role) throws Exception {
        String username = "realm-it-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> user = Map.of("username", username, "email", username + "@it.example", "firstName", "Realm",
                "lastName", "Test", "enabled", true, "emailVerified", true,
                "attributes", Map.of("stytch_organization_id", List.of("organization-test-it")),
                "credentials", List.of(Map.of("type", "password", "value", password(username), "temporary", false)));
        assertThat(keycloak.admin(adminToken, "POST", "/users", user).statusCode()).isEqualTo(201);
        JsonNode roleRep = KeycloakClient.JSON.readTree(keycloak.admin(adminToken, "GET", "/roles/" + role, null).body());
        assertThat(keycloak.admin(adminToken, "POST", "/users/" + userId(username) + "/role-mappings/realm",
                List.of(roleRep)).statusCode()).isEqualTo(204);
        return username;
    }

    private static String password(String username) {
        return "Pw-" + username + "-2026!";
    }

    private static String userId(String username) throws Exception {
        return KeycloakClient.JSON.readTree(keycloak.admin(adminToken, "GET", "/users?exact=true&username=" + username, null)
                .body()).get(0).path("id").asText();
    }

    private static JsonNode signIn(String username) throws Exception {
        KeycloakClient.Pkce pkce = KeycloakClient.Pkce.create();
        String location = keycloak.signIn(KeycloakClient.browser(), keycloak.authorizeUrl(CLIENT, redirectUri, pkce),
                username, password(username));
        assertThat(location).as("redirect after sign-in").startsWith(redirectUri).contains("code=");
        return keycloak.exchangeCode(CLIENT, SECRET, redirectUri, location, pkce);
    }
}
