package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.panels.identity.MemberUserIds;
import dev.panels.testsupport.OidcClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sharing dialog's member search ({@code /realms/panels/panels-members}) on the realm export as shipped: it
 * answers only the caller's own organization, only to people who may share, only for a live session's token.
 */
class MemberDirectoryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    static KeycloakServer kc;
    static java.util.Map<String, String> restore;

    /** Earlier classes' sign-ins from this address count against the IdP's limits (tested in StytchSignInIT). */
    @BeforeAll
    static void setUp() {
        kc = KeycloakServer.get();
        restore = PanelsRealm.overrideIdp(kc, IdentityBindingIT.RELAXED_LIMITS);
    }

    @org.junit.jupiter.api.AfterAll
    static void tearDown() {
        if (kc != null && restore != null) {
            PanelsRealm.restoreIdp(kc, restore);
        }
    }

    private record Reply(int status, JsonNode json) {
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            json.forEach(m -> ids.add(m.path("id").asText()));
            return ids;
        }
    }

    private static Reply search(String token, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(kc.realmUrl(KeycloakServer.PANELS_REALM) + "/panels-members?" + query));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    private static String userId(String memberId) {
        return MemberUserIds.userId(KeycloakServer.PANELS_REALM, memberId);
    }

    @Test
    void anEditorFindsMembersOfTheirOwnOrganizationOnly() throws Exception {
        OidcClient client = PanelsAppSignIn.client(kc);
        PanelsAppSignIn.signIn(kc, client, IdentityBindingIT.RITA);
        // Casey is in both organizations: one Keycloak user per membership.
        PanelsAppSignIn.signIn(kc, client, PanelsAppSignIn.browser(), IdentityBindingIT.CASEY, IdentityBindingIT.NORTHWIND,
                IdentityBindingIT.CASEY_PHONE);
        String sam = PanelsAppSignIn.signIn(kc, client, IdentityBindingIT.SAM).accessToken();

        Reply rita = search(sam, "q=rita");
        Reply casey = search(sam, "q=casey");
        Reply byId = search(sam, "id=" + userId(IdentityBindingIT.CASEY_NORTHWIND) + "&id=" + userId(IdentityBindingIT.RITA_MEMBER));

        assertThat(rita.status()).as(rita.json().toString()).isEqualTo(200);
        assertThat(rita.ids()).containsExactly(userId(IdentityBindingIT.RITA_MEMBER));
        assertThat(rita.json().get(0).path("email").asText()).isEqualTo(IdentityBindingIT.RITA);
        assertThat(casey.ids()).doesNotContain(userId(IdentityBindingIT.CASEY_NORTHWIND));
        assertThat(byId.ids()).containsExactly(userId(IdentityBindingIT.RITA_MEMBER));
    }

    @Test
    void aViewerMayNotSearch() throws Exception {
        String viewer = PanelsAppSignIn.signIn(kc, PanelsAppSignIn.client(kc), PanelsAppSignIn.browser(), IdentityBindingIT.CASEY,
                IdentityBindingIT.NORTHWIND, IdentityBindingIT.CASEY_PHONE).accessToken();

        Reply reply = search(viewer, "q=ada");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("detail").asText()).contains("share");
    }

    @Test
    void noTokenAForgedTokenOrAnEndedSessionIsRefused() throws Exception {
        OidcClient client = PanelsAppSignIn.client(kc);
        OidcClient.TokenResponse tokens = PanelsAppSignIn.signIn(kc, client, IdentityBindingIT.SAM);
        String[] parts = tokens.accessToken().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(search(null, "q=rita").status()).isEqualTo(401);
        assertThat(search(forged, "q=rita").status()).isEqualTo(401);
        assertThat(search(tokens.accessToken(), "q=rita").status()).isEqualTo(200);
        assertThat(client.logout(tokens.refreshToken())).isEqualTo(204);
        assertThat(search(tokens.accessToken(), "q=rita").status()).as("the session has ended").isEqualTo(401);
    }

    @Test
    void malformedQueriesAreRefused() throws Exception {
        String sam = PanelsAppSignIn.signIn(kc, PanelsAppSignIn.client(kc), IdentityBindingIT.SAM).accessToken();
        String tooMany = String.join("&", Collections.nCopies(51, "id=" + UUID.randomUUID()));

        assertThat(search(sam, "q=r").status()).isEqualTo(400);
        assertThat(search(sam, "").status()).isEqualTo(400);
        assertThat(search(sam, tooMany).status()).isEqualTo(400);
        assertThat(search(sam, "id=..%2Fadmin").status()).isEqualTo(400);
    }
}
