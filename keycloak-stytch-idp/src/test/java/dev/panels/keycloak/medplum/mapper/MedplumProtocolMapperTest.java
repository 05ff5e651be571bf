package dev.panels.keycloak.medplum.mapper;

import dev.panels.emulator.common.EmulatorServer;
import dev.panels.emulator.common.FaultInjection;
import dev.panels.emulator.medplum.MedplumEmulator;
import dev.panels.emulator.medplum.MedplumEmulatorConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapper end to end against the Medplum emulator, with Keycloak's session objects faked. */
class MedplumProtocolMapperTest {

    private static final String ADA_MEMBER = "member-test-11111111-aaaa-4aaa-8aaa-000000000001";
    private static final String SAM_MEMBER = "member-test-22222222-bbbb-4bbb-8bbb-000000000002";
    private static final String NORTHWIND_ORG = "organization-test-11111111-1111-4111-8111-111111111111";
    private static final String RIVERSIDE_ORG = "organization-test-22222222-2222-4222-8222-222222222222";
    private static final String[] MEDPLUM_CLAIMS = {MedplumProtocolMapper.CLAIM_TOKEN, MedplumProtocolMapper.CLAIM_PROJECT,
            MedplumProtocolMapper.CLAIM_FHIR_USER};
    /** Ada's Keycloak user id: the externalId of her Northwind membership in the stand-in. */
    private static final String ADA_SUB = "11669995-aa48-58a4-bbdb-36a437d42181";
    private static final String ORGANIZATIONS = "{\"" + NORTHWIND_ORG + "\": {\"project\": \"medplum-project-northwind\", "
            + "\"clientId\": \"northwind-panels-client\", \"clientSecret\": \"northwind-local-secret-not-for-production\"}, \""
            + RIVERSIDE_ORG + "\": {\"project\": \"medplum-project-riverside\", \"clientId\": \"riverside-panels-client\", "
            + "\"clientSecret\": \"riverside-local-secret-not-for-production\"}}";

    private static final AtomicInteger userinfoCalls = new AtomicInteger();
    private static EmulatorServer userinfo;
    private static MedplumEmulator medplum;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final MedplumProtocolMapper mapper = new MedplumProtocolMapper(new MedplumEvents() {
        @Override
        public void obtained(KeycloakSession s, UserSessionModel us, ClientSessionContext c,
                             String mode, String project, String fhirUser) {
            events.add("obtained " + us.getId() + " " + mode + " " + project + " " + fhirUser);
        }

        @Override
        public void unavailable(KeycloakSession s, UserSessionModel us, ClientSessionContext c,
                                String mode, String reason) {
            events.add("unavailable " + us.getId() + " " + mode + " " + reason);
        }
    });

    @BeforeAll
    static void start() {
        userinfo = EmulatorServer.builder("test-userinfo").port(0)
                .errors((resp, status, type, msg) -> resp.sendError(status))
                .route("/userinfo", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        userinfoCalls.incrementAndGet();
                        if (!"Bearer minted-for-ada".equals(req.getHeader("Authorization"))) {
                            resp.setStatus(401);
                            return;
                        }
                        resp.setContentType("application/json");
                        resp.getWriter().write("{\"sub\":\"" + ADA_SUB + "\",\"email\":\"ada.admin@northwind.example\"}");
                    }
                }).start();
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(5).patients(20)
                .keycloakUserinfoUrl(userinfo.baseUrl() + "/userinfo").allowUnsafeOutbound(true).build());
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userinfo.close();
    }

    private static ProtocolMapperModel model(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(MedplumSettings.BASE_URL, medplum.baseUrl(),
                MedplumSettings.ORGANIZATIONS, ORGANIZATIONS, MedplumSettings.TOKEN_KEYS, MedplumSettingsTest.KEYS));
        config.putAll(extra);
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setProtocolMapper(MedplumProtocolMapper.PROVIDER_ID);
        model.setConfig(config);
        return model;
    }

    private static AccessToken building() {
        AccessToken token = new AccessToken();
        token.id("kc-token-id");
        token.issuer("http://127.0.0.1:1/realms/panels");
        token.subject(ADA_SUB);
        token.type("Bearer");
        token.issuedFor("panels-app");
        token.audience("panels-app", "account");
        token.setSessionId("kc-session-1");
        token.setScope("openid profile email");
        token.getOtherClaims().put("groups", List.of("panels-admin"));
        token.getOtherClaims().put("stytch_org_id", NORTHWIND_ORG);
        AccessToken.Access realmAccess = new AccessToken.Access();
        realmAccess.addRole("panels-admin");
        token.setRealmAccess(realmAccess);
        token.iat(org.keycloak.common.util.Time.currentTimeSeconds());
        token.exp(org.keycloak.common.util.Time.currentTimeSeconds() + 300);
        return token;
    }

    /** What panels-app does with the claim: open it with the shared keys. */
    private static String opened(Object claim) {
        return new SealedValues(MedplumSettingsTest.KEYS, java.time.Clock.systemUTC())
                .open(MedplumProtocolMapper.SEALED_CLAIM, (String) claim).orElseThrow();
    }

    private static int status(String medplumToken) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(medplum.fhirBaseUrl() + "/Patient?_count=1"))
                .header("Authorization", "Bearer " + medplumToken).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A user session as the Stytch provider leaves it: the sign-in's organization and member in its notes. */
    private static Fakes.Session session(String id, String email, String organization, String member) {
        Fakes.Session session = new Fakes.Session(id, Fakes.user("u-" + id, email, Map.of()));
        session.notes.put(MedplumSettings.DEFAULT_ORGANIZATION_NOTE, organization);
        session.notes.put(MedplumSettings.DEFAULT_MEMBER_NOTE, member);
        return session;
    }

    @Test
    void tokenExchangeAddsTheClaimsAndTwentyRefreshesCallMedplumOnce() throws Exception {
        var session = session("us-ada", "ada.admin@northwind.example", NORTHWIND_ORG, ADA_MEMBER);
        List<AccessToken> minted = Fakes.list();
        KeycloakSession keycloak = Fakes.keycloak("minted-for-ada", minted);
        int before = userinfoCalls.get();
        String first = null;

        for (int i = 0; i < 20; i++) {
            AccessToken token = mapper.transformAccessToken(building(), model(Map.of()), keycloak, session.model, null);
            Map<String, Object> claims = token.getOtherClaims();
            assertThat(claims).containsEntry(MedplumProtocolMapper.CLAIM_PROJECT, "medplum-project-northwind")
                    .containsKey(MedplumProtocolMapper.CLAIM_TOKEN);
            assertThat((String) claims.get(MedplumProtocolMapper.CLAIM_FHIR_USER)).startsWith("Practitioner/");
            first = first == null ? (String) claims.get(MedplumProtocolMapper.CLAIM_TOKEN) : first;
            assertThat(opened(claims.get(MedplumProtocolMapper.CLAIM_TOKEN))).isEqualTo(opened(first));
        }

        assertThat(userinfoCalls.get() - before).isEqualTo(1);
        assertThat(minted).hasSize(1);
        AccessToken subject = minted.get(0);
        assertThat(subject.getSessionId()).isEqualTo("kc-session-1");
        assertThat(subject.getSubject()).isEqualTo(ADA_SUB);
        assertThat(subject.getIssuedFor()).isEqualTo("panels-app");
        assertThat(subject.getIssuer()).isEqualTo("http://127.0.0.1:1/realms/panels");
        assertThat(subject.getScope()).isEqualTo("openid");
        assertThat(subject.getAudience()).containsExactly("medplum");
        assertThat(subject.getOtherClaims()).as("no panels claims").isEmpty();
        assertThat(subject.getRealmAccess()).isNull();
        assertThat(subject.getResourceAccess()).isEmpty();
        assertThat(subject.getId()).isNotEqualTo("kc-token-id");
        assertThat(subject.getExp() - subject.getIat()).isLessThanOrEqualTo(60);
        assertThat(status(opened(first))).isEqualTo(200);
        assertThat(status(first)).as("the claim as the browser holds it is no Medplum credential").isEqualTo(401);
        String clear = opened(first);
        assertThat(session.notes.values()).as("session notes hold no Medplum token in clear").noneMatch(v -> v.contains(clear));
        assertThat(session.notes).doesNotContainKey(MedplumProtocolMapper.NOTE_UNAVAILABLE);
        assertThat(events).singleElement().asString()
                .startsWith("obtained us-ada token-exchange medplum-project-northwind Practitioner/");
    }

    @Test
    void refreshesWhileTheMedplumTokenIsCachedWriteNothingToTheSession() {
        var session = session("us-ada", "ada.admin@northwind.example", NORTHWIND_ORG, ADA_MEMBER);
        KeycloakSession keycloak = Fakes.keycloak("minted-for-ada", Fakes.list());
        mapper.transformAccessToken(building(), model(Map.of()), keycloak, session.model, null);
        int afterSignIn = session.writes.get();

        for (int i = 0; i < 19; i++) {
            AccessToken token = mapper.transformAccessToken(building(), model(Map.of()), keycloak, session.model, null);
            assertThat(token.getOtherClaims()).containsKey(MedplumProtocolMapper.CLAIM_TOKEN);
        }

        assertThat(afterSignIn).as("the sign-in keeps the token and the profile in the session").isPositive();
        assertThat(session.writes.get() - afterSignIn).as("session writes in 19 refreshes").isZero();
    }

    @Test
    void idTokenUserinfoAndIntrospectionGetNothing() {
        var session = session("us-ada-2", "ada.admin@northwind.example", NORTHWIND_ORG, ADA_MEMBER);
        KeycloakSession keycloak = Fakes.keycloak("minted-for-ada", Fakes.list());

        IDToken id = mapper.transformIDToken(new IDToken(), model(Map.of()), keycloak, session.model, null);
        AccessToken info = mapper.transformUserInfoToken(building(), model(Map.of()), keycloak, session.model, null);
        AccessToken introspection = mapper.transformIntrospectionToken(building(), model(Map.of()), keycloak, session.model, null);

        assertThat(id.getOtherClaims()).isEmpty();
        assertThat(info.getOtherClaims()).doesNotContainKeys(MEDPLUM_CLAIMS);
        assertThat(introspection.getOtherClaims()).doesNotContainKeys(MEDPLUM_CLAIMS);
    }

    @Test
    void medplumDownLeavesTheClaimsOutAndSaysWhy() {
        var session = session("us-ada-down", "ada.admin@northwind.example", NORTHWIND_ORG, ADA_MEMBER);
        medplum.faults().update(new FaultInjection.Settings(0, 0, 503, true));
        try {
            AccessToken token = mapper.transformAccessToken(building(), model(Map.of()),
                    Fakes.keycloak("minted-for-ada", Fakes.list()), session.model, null);
            assertThat(token.getOtherClaims()).doesNotContainKeys(MedplumProtocolMapper.CLAIM_TOKEN,
                    MedplumProtocolMapper.CLAIM_PROJECT, MedplumProtocolMapper.CLAIM_FHIR_USER);
            assertThat(session.notes.get(MedplumProtocolMapper.NOTE_UNAVAILABLE)).contains("503");
            assertThat(events).singleElement().asString().startsWith("unavailable us-ada-down token-exchange ").contains("HTTP 503");
        } finally {
            medplum.faults().reset();
        }
    }

    @Test
    void clientCredentialsModeSharesTheOrganizationTokenAndFindsEachMembersPractitioner() throws Exception {
        Map<String, String> config = Map.of(MedplumSettings.MODE, "client-credentials");
        var sam = session("us-sam", "sam.builder@riverside.example", RIVERSIDE_ORG, SAM_MEMBER);
        var newcomer = session("us-new", "new@riverside.example", RIVERSIDE_ORG, "member-test-riverside-newcomer");
        KeycloakSession keycloak = Fakes.keycloak("unused", Fakes.list());

        Map<String, Object> samClaims = mapper.transformAccessToken(building(), model(config), keycloak, sam.model, null).getOtherClaims();
        Map<String, Object> newClaims = mapper.transformAccessToken(building(), model(config), keycloak, newcomer.model, null).getOtherClaims();

        assertThat(samClaims).containsEntry(MedplumProtocolMapper.CLAIM_PROJECT, "medplum-project-riverside");
        assertThat(opened(samClaims.get(MedplumProtocolMapper.CLAIM_TOKEN))).isEqualTo(opened(newClaims.get(MedplumProtocolMapper.CLAIM_TOKEN)));
        assertThat(samClaims.get(MedplumProtocolMapper.CLAIM_FHIR_USER)).isNotEqualTo(newClaims.get(MedplumProtocolMapper.CLAIM_FHIR_USER));
        assertThat((String) newClaims.get(MedplumProtocolMapper.CLAIM_FHIR_USER)).startsWith("Practitioner/");
        assertThat(status(opened(samClaims.get(MedplumProtocolMapper.CLAIM_TOKEN)))).isEqualTo(200);
        assertThat(status((String) samClaims.get(MedplumProtocolMapper.CLAIM_TOKEN))).as("the organization's client token stays sealed").isEqualTo(401);
    }

    @Test
    void anOrganizationWithoutAMedplumProjectGetsNoClaimsAndTheReason() {
        var stranger = session("us-x", "x@elsewhere.example", "organization-test-unknown", "m-x");
        var unsigned = new Fakes.Session("us-none", Fakes.user("u-none", "n@northwind.example", Map.of()));
        KeycloakSession keycloak = Fakes.keycloak("minted-for-ada", Fakes.list());

        assertThat(mapper.transformAccessToken(building(), model(Map.of()), keycloak, stranger.model, null).getOtherClaims()).doesNotContainKeys(MEDPLUM_CLAIMS);
        assertThat(mapper.transformAccessToken(building(), model(Map.of()), keycloak, unsigned.model, null).getOtherClaims()).doesNotContainKeys(MEDPLUM_CLAIMS);

        assertThat(stranger.notes.get(MedplumProtocolMapper.NOTE_UNAVAILABLE))
                .isEqualTo("no Medplum project is mapped to Stytch organization organization-test-unknown");
        assertThat(unsigned.notes.get(MedplumProtocolMapper.NOTE_UNAVAILABLE)).contains("carries no Stytch organization");
    }

    @Test
    void aClientOfAnotherProjectIsRefusedWhetherItsTokenIsNewOrCached() {
        // Northwind mapped to its own project but, wrongly, to Riverside's client: Medplum puts the token in Riverside.
        String misconfigured = "{\"" + NORTHWIND_ORG + "\": {\"project\": \"medplum-project-northwind\", "
                + "\"clientId\": \"riverside-panels-client\", \"clientSecret\": \"riverside-local-secret-not-for-production\"}}";
        Map<String, String> config = Map.of(MedplumSettings.MODE, "client-credentials", MedplumSettings.ORGANIZATIONS, misconfigured);
        var ada = session("us-ada-cc", "ada.admin@northwind.example", NORTHWIND_ORG, ADA_MEMBER);
        KeycloakSession keycloak = Fakes.keycloak("unused", Fakes.list());

        for (int i = 0; i < 2; i++) {
            assertThat(mapper.transformAccessToken(building(), model(config), keycloak, ada.model, null).getOtherClaims())
                    .doesNotContainKeys(MEDPLUM_CLAIMS);
        }

        assertThat(ada.notes.get(MedplumProtocolMapper.NOTE_UNAVAILABLE))
                .contains("gave a token for project medplum-project-riverside").contains("mapped to project medplum-project-northwind");
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).startsWith("unavailable us-ada-cc client-credentials"));
    }

    @Test
    void aBrokenConfigurationIsReportedAsTheReasonWithoutFailingTheToken() {
        var session = session("us-bad", "b@northwind.example", NORTHWIND_ORG, ADA_MEMBER);
        AccessToken token = mapper.transformAccessToken(building(), model(Map.of(MedplumSettings.MODE, "magic")),
                Fakes.keycloak("unused", Fakes.list()), session.model, null);

        assertThat(token.getOtherClaims()).doesNotContainKeys(MEDPLUM_CLAIMS);
        assertThat(events).singleElement().asString().isEqualTo("unavailable us-bad magic medplum.mode must be token-exchange or client-credentials");
    }
}
