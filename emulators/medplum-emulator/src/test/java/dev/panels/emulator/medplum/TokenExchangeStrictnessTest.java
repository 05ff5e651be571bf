package dev.panels.emulator.medplum;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.panels.emulator.medplum.FakeUserInfo.ADA_SUB;
import static dev.panels.emulator.medplum.FakeUserInfo.BEN_SUB;
import static dev.panels.emulator.medplum.FakeUserInfo.SAM_SUB;
import static dev.panels.emulator.medplum.Http.form;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_SECRET;
import static dev.panels.emulator.medplum.TokenRequests.RIVERSIDE;
import static dev.panels.emulator.medplum.TokenRequests.RIVERSIDE_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.bearer;
import static dev.panels.emulator.medplum.TokenRequests.profile;
import static dev.panels.emulator.medplum.TokenRequests.project;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token exchange is exactly as strict as Medplum's: each test here would fail against a stand-in that is more
 * permissive (honours {@code project}, checks secrets instead of the subject token, matches users loosely, keeps
 * deactivated members signed in).
 */
class TokenExchangeStrictnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUserInfo userInfo;
    private static MedplumEmulator medplum;

    @BeforeAll
    static void start() {
        userInfo = new FakeUserInfo();
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(9).patients(20)
                .keycloakUserinfoUrl(userInfo.url()).allowUnsafeOutbound(true).build());
        medplum.addClient(NORTHWIND, "northwind-email-client", userInfo.url(), false, null);
        medplum.addClient(NORTHWIND, "northwind-audience-client", userInfo.url(), true, "panels-medplum");
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userInfo.close();
    }

    private static Http.Answer exchange(String clientId, String subjectToken, String... extra) {
        return TokenRequests.exchange(medplum, clientId, subjectToken, extra);
    }

    private static void assertUserNotFound(Http.Answer answer) throws Exception {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).isEqualTo(JSON.readTree("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":"
                + "\"error\",\"code\":\"invalid\",\"details\":{\"text\":\"User not found\"}}]}"));
    }

    @Test
    void theProjectParameterIsIgnoredTheClientsProjectDecides() throws Exception {
        Http.Answer casey = exchange(RIVERSIDE_CLIENT, "kc-casey-riverside", "project", NORTHWIND);
        assertThat(casey.status()).isEqualTo(200);
        assertThat(project(casey)).isEqualTo("Project/" + RIVERSIDE);

        // Ada has no riverside membership: asking for her own project through the riverside client gets nothing.
        assertUserNotFound(exchange(RIVERSIDE_CLIENT, "kc-ada", "project", NORTHWIND));
    }

    @Test
    void noClientSecretIsCheckedTheSubjectTokenAloneAuthenticates() {
        Http.Answer wrongSecret = exchange(NORTHWIND_CLIENT, "kc-ada", "client_secret", "not-the-secret");
        assertThat(wrongSecret.status()).isEqualTo(200);

        var f = form("grant_type", TokenRequests.EXCHANGE, "subject_token_type", TokenRequests.ACCESS,
                "client_id", NORTHWIND_CLIENT, "subject_token", "kc-ada");
        Http.Answer wrongBasic = Http.postForm(TokenRequests.tokenUrl(medplum), f, Http.basic("someone", "else"));
        assertThat(wrongBasic.status()).isEqualTo(200);
        assertThat(project(wrongBasic)).isEqualTo("Project/" + NORTHWIND);
    }

    @Test
    void theClientIdIsReadFromTheFormBodyOnly() {
        var f = form("grant_type", TokenRequests.EXCHANGE, "subject_token_type", TokenRequests.ACCESS, "subject_token", "kc-ada");
        Http.Answer basicOnly = Http.postForm(TokenRequests.tokenUrl(medplum), f, Http.basic(NORTHWIND_CLIENT, NORTHWIND_SECRET));
        assertThat(basicOnly.text("error_description")).isEqualTo("Invalid client");

        Http.Answer queryOnly = Http.postForm(TokenRequests.tokenUrl(medplum) + "?client_id=" + NORTHWIND_CLIENT, f, null);
        assertThat(queryOnly.text("error_description")).isEqualTo("Invalid client");
    }

    @Test
    void useSubjectFindsTheUserBySubEvenWhenTheEmailIsSomeoneElses() {
        userInfo.claims("kc-ben-with-adas-email", "{\"sub\":\"" + BEN_SUB + "\",\"email\":\"ada.admin@northwind.example\"}");

        Http.Answer mixed = exchange(NORTHWIND_CLIENT, "kc-ben-with-adas-email");

        assertThat(profile(mixed)).isEqualTo(profile(exchange(NORTHWIND_CLIENT, "kc-ben")))
                .isNotEqualTo(profile(exchange(NORTHWIND_CLIENT, "kc-ada")));
    }

    @Test
    void useSubjectMatchesTheExternalIdExactlyAndOnlyInTheClientsProject() throws Exception {
        userInfo.claims("kc-ada-upper", "{\"sub\":\"" + ADA_SUB.toUpperCase() + "\"}");
        assertUserNotFound(exchange(NORTHWIND_CLIENT, "kc-ada-upper"));
        // Casey's northwind Keycloak id is not her riverside membership's externalId.
        assertUserNotFound(exchange(RIVERSIDE_CLIENT, "kc-casey-northwind"));

        userInfo.claims("kc-no-sub", "{\"email\":\"ada.admin@northwind.example\"}");
        Http.Answer noSub = exchange(NORTHWIND_CLIENT, "kc-no-sub");
        assertThat(noSub.status()).isEqualTo(400);
        assertThat(noSub.outcomeText()).isEqualTo("Missing email or externalId");
    }

    @Test
    void anEmailClientFindsTheUserByEmailAndNeverLooksAtEmailVerified() {
        userInfo.claims("kc-unverified", "{\"sub\":\"" + BEN_SUB + "\",\"email\":\"Ada.Admin@Northwind.example\",\"email_verified\":false}");

        Http.Answer answer = exchange("northwind-email-client", "kc-unverified");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(profile(answer)).isEqualTo(profile(exchange(NORTHWIND_CLIENT, "kc-ada")));
        assertThat(answer.json().path("refresh_token").asText()).isNotBlank();

        userInfo.claims("kc-sub-only", "{\"sub\":\"" + ADA_SUB + "\"}");
        assertThat(exchange("northwind-email-client", "kc-sub-only").outcomeText()).isEqualTo("Missing email or externalId");
    }

    @Test
    void membershipIdSelectsAmongTheUsersMembershipsInTheProject() throws Exception {
        Directory.Membership seeded = medplum.directory().byExternalId(NORTHWIND, BEN_SUB).orElseThrow();
        Directory.Membership second = new Directory.Membership("ben-second-membership", NORTHWIND, seeded.user,
                "Practitioner/ben-second-profile", null, false);
        medplum.directory().add(second);
        try {
            assertThat(profile(exchange(NORTHWIND_CLIENT, "kc-ben", "membership_id", second.id))).isEqualTo(second.profile);
            assertThat(profile(exchange(NORTHWIND_CLIENT, "kc-ben", "membership_id", seeded.id))).isEqualTo(seeded.profile);
            // Without membership_id Medplum takes the first it finds, in no defined order.
            assertThat(profile(exchange(NORTHWIND_CLIENT, "kc-ben"))).isIn(seeded.profile, second.profile);

            assertUserNotFound(exchange(NORTHWIND_CLIENT, "kc-ben", "membership_id", "no-such-membership"));
            Directory.Membership caseyRiverside = medplum.directory().byExternalId(RIVERSIDE, FakeUserInfo.CASEY_RIVERSIDE_SUB).orElseThrow();
            assertUserNotFound(exchange(NORTHWIND_CLIENT, "kc-casey-northwind", "membership_id", caseyRiverside.id));
        } finally {
            second.active(false);
        }
    }

    @Test
    void aDeactivatedMembershipIsRefusedAndItsExistingTokenStopsWorking() throws Exception {
        Http.Answer sam = exchange(RIVERSIDE_CLIENT, "kc-sam");
        String bearer = bearer(sam);
        assertThat(Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer).status()).isEqualTo(200);
        assertThat(Http.get(medplum.baseUrl() + "/auth/me", bearer).status()).isEqualTo(200);

        medplum.setMembershipActive(RIVERSIDE, SAM_SUB, false);
        try {
            assertThat(Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer).status()).isEqualTo(401);
            assertThat(Http.get(medplum.baseUrl() + "/auth/me", bearer).status()).isEqualTo(401);
            assertUserNotFound(exchange(RIVERSIDE_CLIENT, "kc-sam"));
        } finally {
            medplum.setMembershipActive(RIVERSIDE, SAM_SUB, true);
        }
        assertThat(Http.get(medplum.fhirBaseUrl() + "/Patient?_count=1", bearer).status()).isEqualTo(200);
    }

    @Test
    void aConfiguredAudienceMustBeInTheSubjectToken() {
        String wrongAudience = unsignedJwt("{\"aud\":\"someone-else\",\"sub\":\"" + ADA_SUB + "\"}");
        String rightAudience = unsignedJwt("{\"aud\":[\"account\",\"panels-medplum\"],\"sub\":\"" + ADA_SUB + "\"}");
        userInfo.claims(wrongAudience, "{\"sub\":\"" + ADA_SUB + "\"}");
        userInfo.claims(rightAudience, "{\"sub\":\"" + ADA_SUB + "\"}");
        userInfo.claims("opaque-for-ada", "{\"sub\":\"" + ADA_SUB + "\"}");

        Http.Answer refused = exchange("northwind-audience-client", wrongAudience);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("error_description")).isEqualTo("Invalid token audience - check your identity provider configuration");
        // An opaque token is judged by the userinfo claims, which name no audience here.
        assertThat(exchange("northwind-audience-client", "opaque-for-ada").status()).isEqualTo(400);
        assertThat(exchange("northwind-audience-client", rightAudience).status()).isEqualTo(200);
        // The seeded clients configure no audience: the same token passes there.
        assertThat(exchange(NORTHWIND_CLIENT, wrongAudience).status()).isEqualTo(200);
    }

    private static String unsignedJwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
