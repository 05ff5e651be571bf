package dev.panels.emulator.medplum;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_SECRET;
import static dev.panels.emulator.medplum.TokenRequests.RIVERSIDE_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.bearer;
import static dev.panels.emulator.medplum.TokenRequests.profile;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /admin/projects/{projectId}/invite}: project admins provision members a later exchange finds. */
class InviteContractTest {

    private static FakeUserInfo userInfo;
    private static MedplumEmulator medplum;
    private static String northwindAdmin;

    @BeforeAll
    static void start() {
        userInfo = new FakeUserInfo();
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(6).patients(10)
                .keycloakUserinfoUrl(userInfo.url()).allowUnsafeOutbound(true).build());
        northwindAdmin = bearer(TokenRequests.clientCredentials(medplum, NORTHWIND_CLIENT, NORTHWIND_SECRET));
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userInfo.close();
    }

    private static Http.Answer invite(String projectId, String body, String bearer) {
        return Http.postJson(medplum.baseUrl() + "/admin/projects/" + projectId + "/invite", body, bearer);
    }

    private static String practitioner(String first, String last, String email, String externalId) {
        return "{\"resourceType\":\"Practitioner\",\"firstName\":\"" + first + "\",\"lastName\":\"" + last + "\","
                + (email == null ? "" : "\"email\":\"" + email + "\",")
                + "\"externalId\":\"" + externalId + "\",\"sendEmail\":false,\"admin\":false}";
    }

    @Test
    void anAdminsInviteCreatesAMembershipWithTheExternalIdThatAnExchangeThenFinds() {
        Http.Answer invited = invite(TokenRequests.NORTHWIND, practitioner("Nia", "New", "Nia.New@northwind.example", "kc-id-nia"), northwindAdmin);

        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.text("resourceType")).isEqualTo("ProjectMembership");
        assertThat(invited.text("externalId")).isEqualTo("kc-id-nia");
        assertThat(invited.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-northwind");
        assertThat(invited.json().path("admin").asBoolean()).isFalse();
        String membershipProfile = invited.json().path("profile").path("reference").asText();
        assertThat(membershipProfile).startsWith("Practitioner/");

        userInfo.claims("kc-nia", "{\"sub\":\"kc-id-nia\",\"email\":\"nia.new@northwind.example\"}");
        Http.Answer exchanged = TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-nia");
        assertThat(exchanged.status()).isEqualTo(200);
        assertThat(profile(exchanged)).isEqualTo(membershipProfile);
        Http.Answer me = Http.get(medplum.baseUrl() + "/auth/me", bearer(exchanged));
        assertThat(me.json().path("user").path("email").asText()).isEqualTo("nia.new@northwind.example");
        assertThat(me.json().path("membership").path("id").asText()).isEqualTo(invited.text("id"));
        // The externalId belongs to the northwind membership only.
        assertThat(TokenRequests.exchange(medplum, RIVERSIDE_CLIENT, "kc-nia").outcomeText()).isEqualTo("User not found");

    }

    @Test
    void aServerLevelUserAlreadyInTheProjectIsAConflict() {
        Http.Answer again = invite(TokenRequests.NORTHWIND, practitioner("Ben", "Member", "ben.member@northwind.example", "kc-ben-2"), northwindAdmin);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.outcomeText()).isEqualTo("User is already a member of this project");
    }

    @Test
    void anExternalIdInviteMakesAProjectScopedUserSoTheSameEmailIsNotMatchedAgain() {
        // Medplum scopes a user invited with an externalId to the project and looks up only server-level users by
        // email for a Practitioner invite: a second invite creates a second user rather than a conflict.
        String body = practitioner("Quinn", "Twice", "quinn.twice@northwind.example", "kc-id-quinn");
        Http.Answer first = invite(TokenRequests.NORTHWIND, body, northwindAdmin);
        Http.Answer second = invite(TokenRequests.NORTHWIND, body, northwindAdmin);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("user").path("reference").asText())
                .isNotEqualTo(first.json().path("user").path("reference").asText());
        // The email matched the profile the first invite created, so both memberships share it.
        assertThat(second.json().path("profile").path("reference").asText())
                .isEqualTo(first.json().path("profile").path("reference").asText());
    }

    @Test
    void anAdminUserMayInviteAndAServerLevelUserIsReusedByEmail() throws Exception {
        Http.Answer adaToken = TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-ada");
        String adaUserId = SignedJWT.parse(adaToken.text("access_token")).getJWTClaimsSet().getSubject();
        String rita = bearer(TokenRequests.exchange(medplum, RIVERSIDE_CLIENT, "kc-rita"));

        Http.Answer invited = invite(TokenRequests.RIVERSIDE, practitioner("Ada", "Admin", "Ada.Admin@northwind.example", "kc-ada-rs"), rita);

        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.json().path("user").path("reference").asText()).isEqualTo("User/" + adaUserId);
        assertThat(invited.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-riverside");
    }

    @Test
    void theInviteGoesToTheCallersProjectWhateverThePathSays() {
        Http.Answer invited = invite(TokenRequests.RIVERSIDE, practitioner("Pia", "Path", null, "kc-id-pia"), northwindAdmin);

        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.json().path("project").path("reference").asText()).isEqualTo("Project/medplum-project-northwind");
    }

    @Test
    void nonAdminsAre403AndAnonymousCallers401() {
        String ben = bearer(TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-ben"));

        Http.Answer forbidden = invite(TokenRequests.NORTHWIND, practitioner("Eve", "Sneak", null, "kc-id-eve"), ben);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.text("resourceType")).isEqualTo("OperationOutcome");
        assertThat(forbidden.json().path("issue").path(0).path("code").asText()).isEqualTo("forbidden");

        assertThat(invite(TokenRequests.NORTHWIND, practitioner("Eve", "Sneak", null, "kc-id-eve"), null).status()).isEqualTo(401);
        userInfo.claims("kc-eve", "{\"sub\":\"kc-id-eve\"}");
        assertThat(TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-eve").outcomeText()).isEqualTo("User not found");
    }

    @Test
    void invalidOrUnemulatedRequestsAre400() {
        Http.Answer noLastName = invite(TokenRequests.NORTHWIND,
                "{\"resourceType\":\"Practitioner\",\"firstName\":\"No\",\"externalId\":\"x\"}", northwindAdmin);
        assertThat(noLastName.status()).isEqualTo(400);
        assertThat(noLastName.outcomeText()).isEqualTo("Last name is required");

        Http.Answer neither = invite(TokenRequests.NORTHWIND,
                "{\"resourceType\":\"Practitioner\",\"firstName\":\"No\",\"lastName\":\"One\"}", northwindAdmin);
        assertThat(neither.outcomeText()).isEqualTo("Either email or externalId is required");

        // A policy that does not exist would leave the new member unrestricted: refused, as Medplum's reference check does.
        Http.Answer policy = invite(TokenRequests.NORTHWIND, "{\"resourceType\":\"Practitioner\",\"firstName\":\"A\","
                + "\"lastName\":\"B\",\"externalId\":\"kc-id-ab\",\"accessPolicy\":{\"reference\":\"AccessPolicy/x\"}}", northwindAdmin);
        assertThat(policy.status()).isEqualTo(400);
        assertThat(policy.json().path("issue").path(0).path("expression").path(0).asText()).isEqualTo("accessPolicy");

        // Ignoring the rest would make the new member more powerful than asked: refused instead.
        Http.Answer upsert = invite(TokenRequests.NORTHWIND, "{\"resourceType\":\"Practitioner\",\"firstName\":\"A\","
                + "\"lastName\":\"B\",\"externalId\":\"kc-id-ab\",\"access\":[]}", northwindAdmin);
        assertThat(upsert.status()).isEqualTo(400);
        assertThat(upsert.outcomeText()).contains("access");
    }
}
