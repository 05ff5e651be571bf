package dev.panels.emulator.medplum;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_SECRET;
import static dev.panels.emulator.medplum.TokenRequests.bearer;
import static dev.panels.emulator.medplum.TokenRequests.profile;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /auth/me} in Medplum's shape, requested as Medplum's TypeScript client requests it. */
class AuthMeContractTest {

    private static FakeUserInfo userInfo;
    private static MedplumEmulator medplum;

    @BeforeAll
    static void start() {
        userInfo = new FakeUserInfo();
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(5).patients(10)
                .keycloakUserinfoUrl(userInfo.url()).allowUnsafeOutbound(true).build());
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userInfo.close();
    }

    private static Http.Answer me(String bearer) {
        return Http.get(medplum.baseUrl() + "/auth/me", bearer,
                "Accept", "application/fhir+json, */*; q=0.1", "X-Medplum", "extended");
    }

    @Test
    void aUserLoginSeesItsUserProjectMembershipAndFullProfile() throws Exception {
        Http.Answer token = TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-ada");
        String userId = SignedJWT.parse(token.text("access_token")).getJWTClaimsSet().getSubject();

        Http.Answer me = me(bearer(token));

        assertThat(me.status()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.path("user").path("resourceType").asText()).isEqualTo("User");
        assertThat(body.path("user").path("id").asText()).isEqualTo(userId);
        assertThat(body.path("user").path("email").asText()).isEqualTo("ada.admin@northwind.example");
        assertThat(body.path("project").path("resourceType").asText()).isEqualTo("Project");
        assertThat(body.path("project").path("id").asText()).isEqualTo("medplum-project-northwind");
        assertThat(body.path("project").path("name").asText()).isEqualTo("Northwind Clinic");
        JsonNode membership = body.path("membership");
        assertThat(membership.path("resourceType").asText()).isEqualTo("ProjectMembership");
        assertThat(membership.path("id").asText()).isNotBlank();
        assertThat(membership.path("user").path("reference").asText()).isEqualTo("User/" + userId);
        assertThat(membership.path("profile").path("reference").asText()).isEqualTo(profile(token));
        assertThat(membership.path("admin").asBoolean()).isTrue();
        assertThat(body.path("profile").path("resourceType").asText() + "/" + body.path("profile").path("id").asText())
                .isEqualTo(profile(token));
        assertThat(body.path("profile").path("name").path(0).path("family").asText()).isEqualTo("Admin");
        assertThat(body.path("config").path("resourceType").asText()).isEqualTo("UserConfiguration");
        assertThat(body.has("accessPolicy")).isFalse();
    }

    @Test
    void aClientLoginHasNoUserAndItsProfileIsTheClientApplication() {
        Http.Answer token = TokenRequests.clientCredentials(medplum, NORTHWIND_CLIENT, NORTHWIND_SECRET);

        JsonNode body = me(bearer(token)).json();

        assertThat(body.has("user")).isFalse();
        assertThat(body.path("profile").path("resourceType").asText()).isEqualTo("ClientApplication");
        assertThat(body.path("profile").path("id").asText()).isEqualTo(NORTHWIND_CLIENT);
        assertThat(body.path("membership").path("user").path("reference").asText()).isEqualTo("ClientApplication/" + NORTHWIND_CLIENT);
        assertThat(body.path("project").path("id").asText()).isEqualTo("medplum-project-northwind");
    }

    @Test
    void withoutAValidAccessTokenItIs401() {
        assertThat(me(null).status()).isEqualTo(401);
        assertThat(me("Bearer not-a-token").status()).isEqualTo(401);
        Http.Answer refreshToken = TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-ada");
        assertThat(me("Bearer " + refreshToken.text("refresh_token")).status()).isEqualTo(401);
    }
}
