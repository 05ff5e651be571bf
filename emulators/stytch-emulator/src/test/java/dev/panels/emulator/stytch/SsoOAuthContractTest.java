package dev.panels.emulator.stytch;

import com.stytch.java.b2b.models.oauth.AuthenticateRequest;
import com.stytch.java.b2b.models.oauth.AuthenticateResponse;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SSO and OAuth: the browser-facing start pages of the emulated identity provider (plain HTTP, as a browser uses
 * them) and the authenticate calls (real SDK).
 */
class SsoOAuthContractTest extends EmulatorTestBase {

    private final HttpClient http = HttpClient.newHttpClient(); // never follows redirects

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits the picker form as the page does. */
    private HttpResponse<String> pick(String pathAndQuery, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String ssoStart() {
        return "/v1/public/sso/start?connection_id=" + Seeded.SSO_CONNECTION + "&public_token=" + emu.publicToken()
                + "&login_redirect_url=" + URLEncoder.encode(Seeded.REDIRECT, StandardCharsets.UTF_8);
    }

    private String tokenFrom(HttpResponse<String> redirect, String type) {
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(Seeded.REDIRECT + "&stytch_token_type=" + type + "&token=");
        return Sdk.query(location).get("token");
    }

    @Test
    void theSsoStartPageOffersTheConnectionsOrganizationMembers() throws Exception {
        HttpResponse<String> page = get(ssoStart());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Riverside Okta").contains("rita.admin@riverside.example")
                .contains("name=\"member_id\" value=\"" + Seeded.RITA + "\"")
                .doesNotContain(Seeded.ADA_EMAIL);
    }

    @Test
    void pickingAMemberRedirectsWithAnSsoTokenThatAuthenticatesOnce() throws Exception {
        String token = tokenFrom(pick(ssoStart(), Map.of("member_id", Seeded.RITA)), "sso");

        var response = Sdk.ok(client.getSso().authenticateCompletable(
                new com.stytch.java.b2b.models.sso.AuthenticateRequest(token)));
        ErrorResponse reuse = Sdk.error(client.getSso().authenticateCompletable(
                new com.stytch.java.b2b.models.sso.AuthenticateRequest(token)));

        assertThat(response.getMemberAuthenticated()).isTrue();
        assertThat(response.getMemberId()).isEqualTo(Seeded.RITA);
        assertThat(response.getMemberSession().getAuthenticationFactors()).singleElement()
                .satisfies(f -> assertThat(f.getSamlSSOFactor().getId()).isEqualTo(Seeded.SSO_CONNECTION));
        assertThat(reuse.getStatusCode()).isEqualTo(404);
        assertThat(reuse.getErrorType()).isEqualTo("sso_token_not_found");
    }

    @Test
    void aMemberOfAnotherOrganizationCannotBePickedForTheConnection() throws Exception {
        HttpResponse<String> response = pick(ssoStart(), Map.of("member_id", Seeded.ADA));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("member_not_found");
    }

    @Test
    void aWrongPublicTokenOrUnknownConnectionIsRefused() throws Exception {
        assertThat(get("/v1/public/sso/start?connection_id=" + Seeded.SSO_CONNECTION + "&public_token=nope")
                .statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = get("/v1/public/sso/start?connection_id=saml-connection-test-x&public_token="
                + emu.publicToken());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("sso_connection_not_found");
    }

    @Test
    void googleOAuthForAnOrganizationGivesAnOAuthTokenThatAuthenticates() throws Exception {
        String start = "/v1/b2b/public/oauth/google/start?public_token=" + emu.publicToken() + "&slug=riverside"
                + "&login_redirect_url=" + URLEncoder.encode(Seeded.REDIRECT, StandardCharsets.UTF_8);
        assertThat(get(start).body()).contains(Seeded.SAM_EMAIL);

        String token = tokenFrom(pick(start, Map.of("member_id", Seeded.SAM)), "oauth");
        AuthenticateResponse response = Sdk.ok(client.getOauth().authenticateCompletable(new AuthenticateRequest(token)));

        assertThat(response.getMemberId()).isEqualTo(Seeded.SAM);
        assertThat(response.getProviderType()).isEqualTo("Google");
        assertThat(response.getProviderSubject()).isNotBlank();
        assertThat(response.getMemberSession().getAuthenticationFactors()).singleElement()
                .satisfies(f -> assertThat(f.getDeliveryMethod().name()).isEqualTo("OAUTH_GOOGLE"));
        assertThat(Sdk.error(client.getOauth().authenticateCompletable(new AuthenticateRequest(token))).getErrorType())
                .isEqualTo("oauth_token_not_found");
    }

    @Test
    void googleOAuthIsRefusedForAnOrganizationThatDoesNotAllowIt() throws Exception {
        HttpResponse<String> response = get("/v1/b2b/public/oauth/google/start?public_token=" + emu.publicToken()
                + "&organization_id=" + Seeded.NORTHWIND);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("oauth_config_not_found");
    }

    @Test
    void discoveryOAuthListsThePersonsOrganizations() throws Exception {
        String start = "/v1/b2b/public/oauth/google/discovery/start?public_token=" + emu.publicToken()
                + "&discovery_redirect_url=" + URLEncoder.encode(Seeded.REDIRECT, StandardCharsets.UTF_8);
        assertThat(get(start).body()).contains(Seeded.CASEY_EMAIL);

        String token = tokenFrom(pick(start, Map.of("email_address", Seeded.CASEY_EMAIL)), "discovery_oauth");
        var response = Sdk.ok(client.getOauth().getDiscovery().authenticateCompletable(
                new com.stytch.java.b2b.models.oauthdiscovery.AuthenticateRequest(token)));

        assertThat(response.getEmailAddress()).isEqualTo(Seeded.CASEY_EMAIL);
        assertThat(response.getIntermediateSessionToken()).isNotBlank();
        assertThat(response.getDiscoveredOrganizations()).extracting(d -> d.getOrganization().getOrganizationSlug())
                .containsExactlyInAnyOrder("northwind", "riverside");
        assertThat(response.getFullName()).isEqualTo("Casey Both");
    }

    @Test
    void thePickerPageEscapesWhatItEchoes() throws Exception {
        // PAGE accepts any n, so the hostile value passes the redirect URL check and is echoed into the form
        HttpResponse<String> page = get("/v1/public/sso/start?connection_id=" + Seeded.SSO_CONNECTION
                + "&public_token=" + emu.publicToken() + "&login_redirect_url="
                + URLEncoder.encode("http://localhost:18199/page?n=\"><script>alert(1)</script>", StandardCharsets.UTF_8));

        assertThat(page.body()).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
    }
}
