package dev.panels.app.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets in: the MP-JWT verification matrix and role checks, on each server. */
class AuthenticationIT extends DeployedApp {

    @Test
    void meDescribesTheVerifiedCaller() {
        TestIssuer.Token token = TestIssuer.token().in(Medplum.Tenant.NORTHWIND).groups("panels-editor");

        Api.Reply reply = api().get("api/me", token.serialize());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject me = reply.json();
        assertThat(me.getString("subject")).isEqualTo(token.subject());
        assertThat(me.getString("organization")).isEqualTo(token.organization());
        assertThat(me.getJsonArray("roles").getString(0)).isEqualTo("panels-editor");
        assertThat(me.getJsonArray("permissions").toString()).contains("panel:create").doesNotContain("panel:manage-any");
        assertThat(reply.body()).doesNotContain(token.medplumToken());
    }

    @Test
    void missingTokenIsUnauthorized() {
        assertUnauthorized(api().get("api/me", null), true);
    }

    @Test
    void expiredTokenIsUnauthorized() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().expiredSecondsAgo(600).serialize()));
    }

    @Test
    void clockSkewIsSmall() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().expiredSecondsAgo(90).serialize()));
    }

    @Test
    void tokenNotYetValidIsUnauthorized() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().notBeforeInSeconds(600).serialize()));
    }

    @Test
    void tokenFromAnotherIssuerIsUnauthorized() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().issuer("http://127.0.0.1:1/realms/other").serialize()));
    }

    @Test
    void tokenForAnotherAudienceIsUnauthorized() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().audience("some-other-app").serialize()));
    }

    @Test
    void tokenSignedByAnUnknownKeyIsUnauthorized() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().signedByStranger().serialize()));
    }

    @Test
    void unsignedAlgNoneTokenIsUnauthorized() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().unsigned().serialize()));
    }

    @Test
    void aSignedTokenWhoseHeaderWasRewrittenToAlgNoneIsUnauthorized() {
        String[] parts = TestIssuer.token().groups("panels-admin").serialize().split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertUnauthorized(api().get("api/me", none + "." + parts[1] + "." + parts[2]));
        assertUnauthorized(api().get("api/me", none + "." + parts[1] + "."));
    }

    @Test
    void aTokenCarryingItsOwnKeyInTheHeaderIsUnauthorized() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().groups("panels-admin").withEmbeddedJwk().serialize()));
    }

    @Test
    void malformedBearerTokensAreUnauthorizedNotServerErrors() {
        for (String garbage : new String[]{"not-a-jwt", "a.b", "a.b.c", "....", "eyJ9.eyJ9.", "Zm9v.YmFy.YmF6"}) {
            assertUnauthorized(api().get("api/me", garbage));
        }
    }

    @Test
    void anIdTokenIsNotAcceptedAsABearerToken() {
        assertUnauthorized(api().get("api/me", TestIssuer.token().groups("panels-admin").typ("ID").serialize()));
    }

    @Test
    void tokenWithoutAnyPanelsRoleIsForbidden() {
        Api.Reply reply = api().get("api/me", TestIssuer.token().groups("offline_access").serialize());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo("https://panels.dev/problems/permission");
    }

    private static void assertUnauthorized(Api.Reply reply) {
        assertUnauthorized(reply, false);
    }

    private static void assertUnauthorized(Api.Reply reply, boolean missing) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        String expected = "/problems/" + (missing ? "authentication" : "token");
        assertThat(reply.problemType()).endsWith(expected);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at ");
    }
}
