package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.panels.emulator.common.FaultInjection;
import dev.panels.testsupport.OidcClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm export's Medplum mapper on the real Keycloak, beside the Medplum stand-in (token exchange mode, the
 * stand-in checking subject tokens at the panels realm's userinfo endpoint): the claims after a Stytch sign-in,
 * where they must not appear, how often Medplum is asked, and a Medplum outage.
 */
class MedplumClaimsIT {

    private static final String RITA_MEMBER = "member-test-22222222-bbbb-4bbb-8bbb-000000000001";
    private static final List<String> MEDPLUM_CLAIMS = List.of("fhirUser", "medplum_project", "medplum_token");

    static KeycloakServer kc;

    @BeforeAll
    static void start() {
        kc = KeycloakServer.get();
    }

    @Test
    void afterAStytchSignInTheAccessTokenCarriesAMedplumTokenTheStandInAcceptsAndRefreshesReuseIt() throws Exception {
        OidcClient client = PanelsAppSignIn.client(kc);
        long tokenRequestsBefore = kc.medplum().tokenRequests();

        OidcClient.TokenResponse tokens = PanelsAppSignIn.signIn(kc, client, "rita.admin@riverside.example");

        JsonNode access = OidcClient.claims(tokens.accessToken());
        String fhirUser = access.path("fhirUser").asText();
        String medplumToken = PanelsRealm.medplumToken(access);
        // What the browser holds is sealed for panels-app: copied out of the access token it is no Medplum credential.
        assertThat(access.path("medplum_token").asText()).doesNotContain(medplumToken);
        assertThat(PanelsRealm.medplumStatus(kc, access.path("medplum_token").asText())).isEqualTo(401);
        assertThat(fhirUser).as(access.toString()).matches("Practitioner/[A-Za-z0-9\\-.]+");
        assertThat(access.path("medplum_project").asText()).isEqualTo("medplum-project-riverside");
        JsonNode practitioner = PanelsRealm.medplumGet(kc, fhirUser, medplumToken);
        assertThat(practitioner.path("identifier").toString()).contains("https://panels.dev/practitioner").contains(RITA_MEMBER);

        assertThat(fieldNames(OidcClient.claims(tokens.idToken()))).doesNotContainAnyElementsOf(MEDPLUM_CLAIMS);
        // Userinfo answers the subject token made for Medplum, without Medplum claims, and refuses the app's own
        // access token: held by the browser, it must not be exchangeable at Medplum for a Medplum login.
        OidcClient.TokenResponse userinfo = client.userinfo(kc.medplum().lastSubjectToken());
        assertThat(userinfo.status()).isEqualTo(200);
        assertThat(userinfo.json().path("email").asText()).isEqualTo("rita.admin@riverside.example");
        assertThat(fieldNames(userinfo.json())).doesNotContainAnyElementsOf(MEDPLUM_CLAIMS);
        assertThat(client.userinfo(tokens.accessToken()).status()).isEqualTo(401);

        String refreshToken = tokens.refreshToken();
        for (int i = 0; i < 20; i++) {
            OidcClient.TokenResponse refreshed = client.refresh(refreshToken);
            assertThat(refreshed.status()).as("refresh %d: %s", i + 1, refreshed.json()).isEqualTo(200);
            refreshToken = refreshed.refreshToken();
            JsonNode claims = OidcClient.claims(refreshed.accessToken());
            assertThat(PanelsRealm.medplumToken(claims)).as("refresh %d", i + 1).isEqualTo(medplumToken);
            assertThat(claims.path("fhirUser").asText()).isEqualTo(fhirUser);
        }
        assertThat(kc.medplum().tokenRequests() - tokenRequestsBefore)
                .as("Medplum token requests for the sign-in and 20 refreshes").isEqualTo(1);
        // (after the count above: this refused attempt is a token request too)
        OidcClient.TokenResponse exchanged = PanelsRealm.medplumToken(kc, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&client_id=riverside-panels-client&subject_token=" + enc(tokens.accessToken())
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token"));
        assertThat(exchanged.status()).as("the browser's access token exchanged at Medplum").isEqualTo(400);
        assertThat(exchanged.json().toString()).doesNotContain("access_token");
        List<JsonNode> obtained = PanelsRealm.events(kc, "TOKEN_EXCHANGE", access.path("sub").asText(),
                e -> access.path("sid").asText().equals(e.path("sessionId").asText()), 1);
        assertThat(obtained).singleElement().satisfies(e -> {
            assertThat(e.path("details").path("token_provider").asText()).isEqualTo("medplum");
            assertThat(e.path("details").path("fhir_user").asText()).isEqualTo(fhirUser);
            assertThat(e.path("clientId").asText()).isEqualTo("panels-app");
            assertThat(e.toString()).doesNotContain(medplumToken);
        });
        signOut(client, refreshToken);
        assertThat(PanelsRealm.medplumStatus(kc, medplumToken)).as("signing out ends the Medplum login too").isEqualTo(401);
    }

    @Test
    void withMedplumDownTheSignInSucceedsWithoutTheClaimsAnEventSaysWhyAndTheNextRefreshRecovers() throws Exception {
        OidcClient client = PanelsAppSignIn.client(kc);
        OidcClient.TokenResponse tokens;
        kc.medplum().faults().update(new FaultInjection.Settings(0, 0, 503, true));
        try {
            tokens = PanelsAppSignIn.signIn(kc, client, "sam.builder@riverside.example");
        } finally {
            kc.medplum().faults().reset();
        }

        JsonNode access = OidcClient.claims(tokens.accessToken());
        assertThat(fieldNames(access)).doesNotContainAnyElementsOf(MEDPLUM_CLAIMS).contains("sub", "sid", "groups");
        List<JsonNode> failures = PanelsRealm.events(kc, "TOKEN_EXCHANGE_ERROR", access.path("sub").asText(),
                e -> access.path("sid").asText().equals(e.path("sessionId").asText()), 1);
        assertThat(failures).singleElement().satisfies(e -> {
            assertThat(e.path("error").asText()).isEqualTo("medplum_unavailable");
            assertThat(e.path("details").path("reason").asText()).contains("HTTP 503");
            assertThat(e.path("details").path("token_provider").asText()).isEqualTo("medplum");
            assertThat(e.path("details").path("medplum_mode").asText()).isEqualTo("token-exchange");
            assertThat(e.path("clientId").asText()).isEqualTo("panels-app");
        });

        OidcClient.TokenResponse refreshed = client.refresh(tokens.refreshToken());
        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode recovered = OidcClient.claims(refreshed.accessToken());
        assertThat(recovered.path("medplum_project").asText()).isEqualTo("medplum-project-riverside");
        assertThat(PanelsRealm.medplumGet(kc, recovered.path("fhirUser").asText(), PanelsRealm.medplumToken(recovered))
                .path("resourceType").asText()).isEqualTo("Practitioner");
        signOut(client, refreshed.refreshToken());
    }

    /** Ends the Keycloak session (and so the member's Stytch session, which other ITs count). */
    private static void signOut(OidcClient client, String refreshToken) {
        assertThat(client.logout(refreshToken)).isEqualTo(204);
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
