package dev.panels.emulator.stytch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stytch.java.b2b.models.magiclinksemail.LoginOrSignupRequest;
import com.stytch.java.b2b.models.magiclinksemail.LoginOrSignupResponse;
import com.stytch.java.b2b.models.magiclinksemaildiscovery.SendRequest;
import com.stytch.java.b2b.models.organizations.CreateRequest;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only registered redirect URLs are used, as with real Stytch: refused through the SDK for magic links, and as a
 * Stytch error (never a redirect) on the browser-facing SSO / OAuth starts.
 */
class RedirectUrlsContractTest extends EmulatorTestBase {

    private static final String UNREGISTERED = "https://attacker.example/steal";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient(); // never follows redirects

    private static void assertRefused(ErrorResponse error, String errorType) {
        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo(errorType);
        assertThat(error.getErrorMessage()).contains("did not match any");
        assertThat(error.getRequestId()).startsWith("request-id-test-");
        assertThat(error.getErrorUrl()).isNotBlank();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A browser start (GET shows the picker, POST redirects) must answer the Stytch error and redirect nowhere. */
    private void assertStartRefused(String pathAndQuery, Map<String, String> pick, String errorType) throws Exception {
        URI uri = URI.create(emu.baseUrl() + pathAndQuery);
        String form = pick.entrySet().stream().map(e -> e.getKey() + "=" + enc(e.getValue())).findFirst().orElseThrow();
        List<HttpResponse<String>> responses = List.of(
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()),
                http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("status_code").asInt()).isEqualTo(400);
            assertThat(body.path("error_type").asText()).isEqualTo(errorType);
            assertThat(body.path("error_message").asText()).isNotBlank();
            assertThat(body.path("error_url").asText()).isNotBlank();
            assertThat(body.path("request_id").asText()).startsWith("request-id-test-");
        }
    }

    @Test
    void discoverySendRefusesAnUnregisteredUrlAndSendsNothing() {
        String email = "unregistered.discovery@example.test";

        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(email, UNREGISTERED)));

        assertRefused(error, "no_match_for_provided_magic_link_url");
        assertThat(emu.inbox().latestFor(email)).isEmpty();
    }

    @Test
    void discoverySendRefusesAUrlRegisteredForAnotherTypeOnly() {
        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(Seeded.SAM_EMAIL, LOGIN)));

        assertRefused(error, "no_match_for_provided_magic_link_url");
    }

    @Test
    void discoverySendRefusesAFragment() {
        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(Seeded.SAM_EMAIL, Seeded.REDIRECT + "#frag")));

        assertRefused(error, "no_match_for_provided_magic_link_url");
    }

    @Test
    void anExtraUnregisteredQueryParameterIsRefused() {
        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(Seeded.SAM_EMAIL, Seeded.REDIRECT + "&extra=1")));

        assertRefused(error, "no_match_for_provided_magic_link_url");
    }

    @Test
    void thePlaceholderNeedsItsParameter() {
        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(Seeded.SAM_EMAIL, "http://localhost:18199/page")));

        assertRefused(error, "no_match_for_provided_magic_link_url");
    }

    @Test
    void orgLoginOrSignupRefusesAnUnregisteredLoginUrl() {
        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(Seeded.RIVERSIDE, Seeded.RITA_EMAIL, UNREGISTERED, null)));

        assertRefused(error, "no_match_for_provided_magic_link_url");
    }

    @Test
    void orgLoginOrSignupRefusesAnUnregisteredSignupUrlEvenWhenItWouldNotBeUsed() {
        String before = emu.inbox().latestFor(Seeded.SAM_EMAIL).map(DevInbox.SentEmail::link).orElse(null);

        ErrorResponse unregistered = Sdk.error(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(Seeded.RIVERSIDE, Seeded.SAM_EMAIL, LOGIN, UNREGISTERED)));
        ErrorResponse loginOnly = Sdk.error(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(Seeded.RIVERSIDE, Seeded.SAM_EMAIL, LOGIN, LOGIN_A_B)));

        assertRefused(unregistered, "no_match_for_provided_magic_link_url");
        assertThat(unregistered.getErrorMessage()).contains("signup_redirect_url");
        assertRefused(loginOnly, "no_match_for_provided_magic_link_url");
        assertThat(emu.inbox().latestFor(Seeded.SAM_EMAIL).map(DevInbox.SentEmail::link).orElse(null)).isEqualTo(before);
    }

    @Test
    void orgLoginOrSignupOfANewMemberNeedsASignupUrlAndCreatesNoMemberWhenRefused() {
        String org = Sdk.ok(client.getOrganizations().createCompletable(new CreateRequest("Redirect Check",
                "redirect-check", null, Map.of(), null, null, List.of("redirect.example"), "RESTRICTED")))
                .getOrganization().getOrganizationId();
        String email = "new.person@redirect.example";

        ErrorResponse error = Sdk.error(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(org, email, LOGIN, LOGIN)));
        LoginOrSignupResponse sent = Sdk.ok(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(org, email, LOGIN, SIGNUP)));

        assertRefused(error, "no_match_for_provided_magic_link_url");
        assertThat(error.getErrorMessage()).contains("signup_redirect_url");
        assertThat(sent.getMemberCreated()).as("the refused request created nobody").isTrue();
        assertThat(emu.inbox().latestFor(email).orElseThrow().link()).startsWith(SIGNUP + "?stytch_token_type=");
    }

    @Test
    void aPlaceholderValueIsAcceptedAndKeptInTheLink() {
        Sdk.ok(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new LoginOrSignupRequest(Seeded.RIVERSIDE, Seeded.SAM_EMAIL, "http://localhost:18199/page?n=42", null)));

        String link = emu.inbox().latestFor(Seeded.SAM_EMAIL).orElseThrow().link();
        assertThat(link).startsWith("http://localhost:18199/page?n=42&stytch_token_type=multi_tenant_magic_links&token=");
    }

    @Test
    void ssoStartRefusesAnUnregisteredUrlWithoutRedirecting() throws Exception {
        assertStartRefused("/v1/public/sso/start?connection_id=" + Seeded.SSO_CONNECTION + "&public_token="
                + emu.publicToken() + "&login_redirect_url=" + enc(UNREGISTERED), Map.of("member_id", Seeded.RITA),
                "no_match_for_provided_sso_url");
        assertStartRefused("/v1/public/sso/start?connection_id=" + Seeded.SSO_CONNECTION + "&public_token="
                + emu.publicToken() + "&login_redirect_url=" + enc(Seeded.REDIRECT)
                + "&signup_redirect_url=" + enc(UNREGISTERED), Map.of("member_id", Seeded.RITA),
                "no_match_for_provided_sso_url");
    }

    @Test
    void oauthStartRefusesAnUnregisteredUrlWithoutRedirecting() throws Exception {
        assertStartRefused("/v1/b2b/public/oauth/google/start?public_token=" + emu.publicToken() + "&slug=riverside"
                + "&login_redirect_url=" + enc(UNREGISTERED), Map.of("member_id", Seeded.SAM),
                "no_match_for_provided_oauth_url");
    }

    @Test
    void oauthDiscoveryStartRefusesAnUnregisteredUrlWithoutRedirecting() throws Exception {
        assertStartRefused("/v1/b2b/public/oauth/google/discovery/start?public_token=" + emu.publicToken()
                + "&discovery_redirect_url=" + enc(UNREGISTERED), Map.of("email_address", Seeded.CASEY_EMAIL),
                "no_match_for_provided_oauth_url");
    }

    @Test
    void browserStartsWithoutAUrlRedirectToTheDefault() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl()
                        + "/v1/b2b/public/oauth/google/discovery/start?public_token=" + emu.publicToken()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email_address=" + enc(Seeded.CASEY_EMAIL))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(Seeded.KEYCLOAK_ENDPOINT + "?stytch_token_type=discovery_oauth&token="));
    }
}
