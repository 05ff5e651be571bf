package dev.panels.local.realm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panels.local.StackSettings;
import dev.panels.local.it.SharedStack;
import dev.panels.testsupport.HttpBrowser;
import dev.panels.testsupport.KeycloakAdmin;
import dev.panels.testsupport.KeycloakLoginPage;
import dev.panels.testsupport.OidcClient;
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

    private static KeycloakAdmin admin;
    private static String realmUrl;
    private static String redirectUri;
    private static String secret;

    @BeforeAll
    static void importedRealm() throws Exception {
        StackSettings settings = SharedStack.get().settings();
        admin = new KeycloakAdmin(settings.keycloakUrl(), StackSettings.ADMIN_USER, settings.adminPassword());
        secret = settings.clientSecret();
        realmUrl = settings.issuer();
        redirectUri = settings.appUrl() + "/auth/callback";
    }

    private static OidcClient app() {
        return new OidcClient(realmUrl, CLIENT, redirectUri, secret);
    }

    @Test
    void aRefreshTokenCanBeUsedOnlyOnce() throws Exception {
        OidcClient.TokenResponse tokens = signIn(newUser("panels-viewer"));

        OidcClient.TokenResponse first = app().refresh(tokens.refreshToken());
        OidcClient.TokenResponse reused = app().refresh(tokens.refreshToken());

        assertThat(first.status()).isEqualTo(200);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void accessTokensLiveFiveMinutesAndCarryTheClaimsContract() throws Exception {
        JsonNode claims = app().verifiedClaims(signIn(newUser("panels-editor")).accessToken());

        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(claims.path("iss").asText()).isEqualTo(realmUrl);
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
        String accessToken = signIn(user).accessToken();
        assertThat(app().active(accessToken)).isTrue();

        admin.post("panels/users/" + userId(user) + "/logout", null);

        assertThat(app().active(accessToken)).isFalse();
    }

    @Test
    void askingForTheOrganizationScopeThatIsAlsoADefaultScopeSignsIn() throws Exception {
        // Keycloak 26.7.0 answered 500 "Duplicate key organization" here (keycloak#50882, fixed in 26.7.1).
        String user = newUser("panels-viewer");
        OidcClient client = app();
        String callback = signInAt(client.authorizeUrl(Map.of("scope", "openid organization")), user, password(user));

        assertThat(callback).as("redirect after sign-in").startsWith(redirectUri).contains("code=");
        assertThat(client.exchange(callback).accessToken()).isNotBlank();
    }

    @Test
    void userinfoRefusesTheAppsAccessTokensSoTheyCannotBeExchangedAtMedplum() throws Exception {
        String accessToken = signIn(newUser("panels-viewer")).accessToken();

        assertThat(app().userinfo(accessToken).status()).isEqualTo(401);
    }

    @Test
    void aRedirectUriOutsideTheListIsRefused() throws Exception {
        HttpBrowser browser = new HttpBrowser();
        for (String uri : List.of("https://evil.example/auth/callback", redirectUri + "/../../evil", redirectUri + "x")) {
            HttpBrowser.Page page = browser.getOnce(app().authorizeUrl(Map.of("redirect_uri", uri)));

            assertThat(page.status()).as(uri).isEqualTo(400);
            assertThat(page.body()).as(uri).contains("Invalid parameter: redirect_uri");
        }
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
        String withoutPkce = app().authorizeUrl(Map.of()).replaceAll("&code_challenge(_method)?=[^&]*", "");
        HttpBrowser.Page response = new HttpBrowser().getOnce(withoutPkce);

        String location = response.location().orElse("");
        assertThat(location).startsWith(redirectUri).contains("error=invalid_request");
        assertThat(HttpBrowser.queryParam(location, "error_description")).contains("code_challenge_method");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountTemporarily() throws Exception {
        String user = newUser("panels-viewer");
        for (int attempt = 0; attempt < 5; attempt++) {
            signInAt(app().authorizeUrl(Map.of()), user, "wrong-password");
        }

        JsonNode status = admin.get("panels/attack-detection/brute-force/users/" + userId(user));
        // Locked: either by the failure count or, as here, earlier by the quick-succession check.
        assertThat(status.path("disabled").asBoolean()).isTrue();
        assertThat(status.path("numFailures").asInt()).isPositive();
        // Even the right password is refused while locked.
        assertThat(signInAt(app().authorizeUrl(Map.of()), user, password(user))).doesNotContain("code=");
    }

    @Test
    void aFourthSignInEndsTheOldestOfThreeSessions() throws Exception {
        String user = newUser("panels-viewer");
        for (int i = 0; i < 4; i++) {
            signIn(user);
        }

        JsonNode sessions = admin.get("panels/users/" + userId(user) + "/sessions");
        assertThat(sessions.size()).isEqualTo(3);
    }

    @Test
    void theAppClientLogsOutThroughTheBackChannelWithTheSessionId() throws Exception {
        JsonNode client = admin.get("panels/clients?clientId=" + CLIENT).get(0);

        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("attributes").path("backchannel.logout.url").asText()).endsWith("/auth/backchannel-logout");
        assertThat(client.path("attributes").path("backchannel.logout.session.required").asText()).isEqualTo("true");
        assertThat(client.path("redirectUris").toString()).doesNotContain("*");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** A local user (Keycloak's own password login, for the realm's token and session rules) with a realm role and a Stytch org attribute. */
    private static String newUser(String role) {
        String username = "realm-it-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> user = Map.of("username", username, "email", username + "@it.example", "firstName", "Realm",
                "lastName", "Test", "enabled", true, "emailVerified", true,
                "attributes", Map.of("stytch_organization_id", List.of("organization-test-it")),
                "credentials", List.of(Map.of("type", "password", "value", password(username), "temporary", false)));
        admin.post("panels/users", user);
        admin.post("panels/users/" + userId(username) + "/role-mappings/realm", List.of(admin.get("panels/roles/" + role)));
        return username;
    }

    private static String password(String username) {
        return "Pw-" + username + "-2026!";
    }

    private static String userId(String username) {
        return admin.get("panels/users?exact=true&username=" + username).get(0).path("id").asText();
    }

    private static OidcClient.TokenResponse signIn(String username) {
        OidcClient client = app();
        String callback = signInAt(client.authorizeUrl(Map.of()), username, password(username));
        assertThat(callback).as("redirect after sign-in").startsWith(redirectUri).contains("code=");
        return client.exchange(callback);
    }

    /**
     * Keycloak's login form, page after page (Organizations make the first page ask for the user name only); the
     * callback URL Keycloak redirects to, or "" when Keycloak kept the user on a page (wrong password, locked account).
     */
    private static String signInAt(String authorizeUrl, String username, String password) {
        HttpBrowser browser = new HttpBrowser().stopAt(url -> url.startsWith(redirectUri));
        HttpBrowser.Page page = browser.get(authorizeUrl);
        for (int step = 0; step < 3 && new KeycloakLoginPage(page).showsLoginForm(); step++) {
            page = browser.submit(new KeycloakLoginPage(page).loginForm().with("username", username).with("password", password));
        }
        return page.isRedirect() ? page.location().orElse("") : "";
    }
}
