package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.organizationsmembers.CreateRequest;
import com.stytch.java.b2b.models.organizationsmembers.CreateRequestOptions;
import com.stytch.java.b2b.models.organizationsmembers.DeleteRequest;
import com.stytch.java.b2b.models.organizationsmembers.DeleteRequestOptions;
import com.stytch.java.common.OptionalClientConfig;
import dev.panels.identity.MemberUserIds;
import dev.panels.testsupport.HttpBrowser;
import dev.panels.testsupport.KeycloakAdmin;
import dev.panels.testsupport.OidcClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three identity planes bound together, on the real Keycloak with the realm export as shipped: a person in two
 * Stytch organizations signs into each, in turn and at once, and every session carries its own organization, roles and
 * Medplum project; identity data is Stytch's, not the user's; Medplum knows a user by the Keycloak subject, never by an
 * email; a re-created member starts from nothing; a deleted membership ends only its own sessions.
 */
class IdentityBindingIT {

    static final String NORTHWIND = "organization-test-11111111-1111-4111-8111-111111111111";
    static final String RIVERSIDE = "organization-test-22222222-2222-4222-8222-222222222222";
    static final String CASEY = "casey.both@shared.example";
    static final String CASEY_NORTHWIND = "member-test-11111111-aaaa-4aaa-8aaa-000000000003";
    static final String CASEY_RIVERSIDE = "member-test-22222222-bbbb-4bbb-8bbb-000000000003";
    static final String CASEY_PHONE = "+15555550103";
    static final String SAM = "sam.builder@riverside.example";
    static final String SAM_MEMBER = "member-test-22222222-bbbb-4bbb-8bbb-000000000002";
    static final String RITA = "rita.admin@riverside.example";
    static final String RITA_MEMBER = "member-test-22222222-bbbb-4bbb-8bbb-000000000001";

    static KeycloakServer kc;
    static StytchB2BClient stytch;
    /** IdP settings this class changes, with the values to restore. */
    static Map<String, String> restore = Map.of();

    @BeforeAll
    static void setUp() {
        kc = KeycloakServer.get();
        stytch = new StytchB2BClient(kc.stytch().projectId(), kc.stytch().secret(), new OptionalClientConfig(kc.stytch().baseUrl()));
        // Check the Stytch session at every refresh (the export reuses a check for 30 s), so a member deleted in Stytch
        // shows at the next refresh; and let this class's many sign-ins from one address past the email limits (tested
        // in StytchSignInIT). Restored afterwards.
        Map<String, String> settings = new java.util.LinkedHashMap<>(RELAXED_LIMITS);
        settings.put("stytchSessionCheckSeconds", "0");
        restore = PanelsRealm.overrideIdp(kc, settings);
    }

    @AfterAll
    static void tearDown() {
        if (kc != null) {
            PanelsRealm.restoreIdp(kc, restore);
        }
        if (stytch != null) {
            stytch.close();
        }
    }

    /** Email and address limits high enough for a class that signs the same people in many times from one address. */
    static final Map<String, String> RELAXED_LIMITS = Map.of("stytchRateLimitPerEmail", "50", "stytchRateLimitPerIp", "500");

    // ---------------------------------------------------------------- a person in two organizations

    @Test
    void oneBrowserSignsIntoNorthwindThenRiversideThenNorthwindWithNoExtraPageAndEachSessionIsItsOwnOrganization() {
        OidcClient client = PanelsAppSignIn.client(kc);
        HttpBrowser browser = PanelsAppSignIn.browser();

        OidcClient.TokenResponse northwind = PanelsAppSignIn.signIn(kc, client, browser, CASEY, NORTHWIND, CASEY_PHONE);
        assertNorthwindViewer(northwind.accessToken());
        assertThat(client.logout(northwind.refreshToken())).isEqualTo(204);

        OidcClient.TokenResponse riverside = PanelsAppSignIn.signIn(kc, client, browser, CASEY, RIVERSIDE, null);
        assertRiversideEditor(riverside.accessToken());
        assertThat(client.logout(riverside.refreshToken())).isEqualTo(204);

        OidcClient.TokenResponse again = PanelsAppSignIn.signIn(kc, client, browser, CASEY, NORTHWIND, CASEY_PHONE);
        assertNorthwindViewer(again.accessToken());
        assertThat(client.logout(again.refreshToken())).isEqualTo(204);

        // Identity admins see one user per membership, each a member of its own organization only.
        JsonNode users = kc.admin().get(KeycloakServer.PANELS_REALM + "/users?exact=true&email=" + KeycloakAdmin.enc(CASEY));
        List<String> usernames = new ArrayList<>();
        users.forEach(u -> usernames.add(u.path("username").asText()));
        assertThat(usernames).containsExactlyInAnyOrder(CASEY_NORTHWIND, CASEY_RIVERSIDE);
        assertThat(memberUsernames("northwind")).contains(CASEY_NORTHWIND).doesNotContain(CASEY_RIVERSIDE);
        assertThat(memberUsernames("riverside")).contains(CASEY_RIVERSIDE).doesNotContain(CASEY_NORTHWIND);
    }

    @Test
    void twoBrowsersHoldANorthwindAndARiversideSessionAtOnceEachWithItsOwnRolesAndClinicalData() throws Exception {
        OidcClient client = PanelsAppSignIn.client(kc);
        OidcClient.TokenResponse northwind = PanelsAppSignIn.signIn(kc, client, PanelsAppSignIn.browser(), CASEY, NORTHWIND, CASEY_PHONE);
        OidcClient.TokenResponse riverside = PanelsAppSignIn.signIn(kc, client, PanelsAppSignIn.browser(), CASEY, RIVERSIDE, null);

        OidcClient.TokenResponse northwindLater = client.refresh(northwind.refreshToken());
        OidcClient.TokenResponse riversideLater = client.refresh(riverside.refreshToken());

        assertThat(northwindLater.status()).as(northwindLater.json().toString()).isEqualTo(200);
        assertThat(riversideLater.status()).as(riversideLater.json().toString()).isEqualTo(200);
        assertNorthwindViewer(northwindLater.accessToken());
        assertRiversideEditor(riversideLater.accessToken());
        assertThat(patientRecordPrefixes(northwindLater.accessToken())).containsOnly("NW-");
        assertThat(patientRecordPrefixes(riversideLater.accessToken())).containsOnly("RS-");
        client.logout(northwindLater.refreshToken());
        client.logout(riversideLater.refreshToken());
    }

    private static void assertNorthwindViewer(String accessToken) {
        JsonNode claims = OidcClient.claims(accessToken);
        assertThat(claims.path("sub").asText()).isEqualTo(MemberUserIds.userId("panels", CASEY_NORTHWIND));
        assertThat(claims.path("stytch_org_id").asText()).isEqualTo(NORTHWIND);
        assertThat(texts(claims.path("organization"))).containsExactly("northwind");
        assertThat(texts(claims.path("groups"))).contains("panels-viewer").doesNotContain("panels-editor", "panels-admin");
        assertThat(claims.path("medplum_project").asText()).isEqualTo("medplum-project-northwind");
    }

    private static void assertRiversideEditor(String accessToken) {
        JsonNode claims = OidcClient.claims(accessToken);
        assertThat(claims.path("sub").asText()).isEqualTo(MemberUserIds.userId("panels", CASEY_RIVERSIDE));
        assertThat(claims.path("stytch_org_id").asText()).isEqualTo(RIVERSIDE);
        assertThat(texts(claims.path("organization"))).containsExactly("riverside");
        assertThat(texts(claims.path("groups"))).contains("panels-editor").doesNotContain("panels-admin");
        assertThat(claims.path("medplum_project").asText()).isEqualTo("medplum-project-riverside");
    }

    /** The MRN prefixes of the patients this token's Medplum token reads. */
    private static List<String> patientRecordPrefixes(String accessToken) throws IOException, InterruptedException {
        String medplumToken = PanelsRealm.medplumToken(OidcClient.claims(accessToken));
        JsonNode bundle = PanelsRealm.medplumGet(kc, "Patient?_count=50", medplumToken);
        List<String> prefixes = new ArrayList<>();
        bundle.path("entry").forEach(e -> e.path("resource").path("identifier").forEach(id -> {
            if (id.path("system").asText().equals("https://panels.dev/mrn")) {
                prefixes.add(id.path("value").asText().substring(0, 3));
            }
        }));
        assertThat(prefixes).isNotEmpty();
        return prefixes;
    }

    private static List<String> memberUsernames(String organizationAlias) {
        JsonNode orgs = kc.admin().get(KeycloakServer.PANELS_REALM + "/organizations?search=" + organizationAlias + "&exact=false");
        String id = null;
        for (JsonNode o : orgs) {
            if (o.path("alias").asText().equals(organizationAlias)) {
                id = o.path("id").asText();
            }
        }
        assertThat(id).as("Keycloak organization " + organizationAlias).isNotNull();
        List<String> names = new ArrayList<>();
        kc.admin().get(KeycloakServer.PANELS_REALM + "/organizations/" + id + "/members?max=1000").forEach(m -> names.add(m.path("username").asText()));
        return names;
    }

    // ---------------------------------------------------------------- identity data is Stytch's

    @Test
    void theAppsTokenCarriesOnlyItsAudiencesAndRolesAndItsHolderCannotChangeTheirEmailOrName() throws Exception {
        OidcClient client = PanelsAppSignIn.client(kc);
        OidcClient.TokenResponse sam = PanelsAppSignIn.signIn(kc, client, SAM);
        JsonNode claims = OidcClient.claims(sam.accessToken());
        assertThat(texts(claims.path("aud"))).containsExactlyInAnyOrder("panels-app", "account");
        assertThat(texts(claims.path("realm_access").path("roles"))).containsExactlyInAnyOrder("panels-editor", "panels-viewer");
        // the Sessions page's account API needs manage-account (a composite with manage-account-links), nothing more
        assertThat(texts(claims.path("resource_access").path("account").path("roles")))
                .containsExactlyInAnyOrder("manage-account", "manage-account-links");
        assertThat(claims.path("resource_access").size()).isEqualTo(1);

        HttpResponse<String> metadata = account("GET", "/?userProfileMetadata=true", sam.accessToken(), null);
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode profile = KeycloakAdmin.JSON.readTree(metadata.body());
        for (JsonNode attribute : profile.path("userProfileMetadata").path("attributes")) {
            if (List.of("username", "email", "firstName", "lastName").contains(attribute.path("name").asText())) {
                assertThat(attribute.path("readOnly").asBoolean()).as("the account console shows %s read-only", attribute.path("name")).isTrue();
            }
        }

        ObjectNode changed = (ObjectNode) profile.deepCopy();
        changed.remove("userProfileMetadata");
        changed.put("email", RITA);
        HttpResponse<String> emailChange = account("POST", "/", sam.accessToken(), changed.toString());
        ObjectNode renamed = (ObjectNode) profile.deepCopy();
        renamed.remove("userProfileMetadata");
        renamed.put("firstName", "Rita");
        HttpResponse<String> nameChange = account("POST", "/", sam.accessToken(), renamed.toString());

        assertThat(emailChange.statusCode()).as(emailChange.body()).isEqualTo(400);
        assertThat(emailChange.body()).contains("error-user-attribute-read-only").contains("email");
        assertThat(nameChange.statusCode()).as(nameChange.body()).isEqualTo(400);
        JsonNode after = KeycloakAdmin.JSON.readTree(account("GET", "/", sam.accessToken(), null).body());
        assertThat(after.path("email").asText()).isEqualTo(SAM);
        assertThat(after.path("firstName").asText()).isEqualTo("Sam");
        client.logout(sam.refreshToken());
    }

    private static HttpResponse<String> account(String method, String path, String bearer, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(kc.realmUrl(KeycloakServer.PANELS_REALM) + "/account" + path))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- Medplum knows a user by subject

    @Test
    void aMemberWhoseEmailAnAdminChangedIsStillOnlyThemselvesInMedplumAndTheNextSignInRestoresStytchsEmail() throws Exception {
        OidcClient client = PanelsAppSignIn.client(kc);
        OidcClient.TokenResponse sam = PanelsAppSignIn.signIn(kc, client, SAM);
        String samPractitioner = OidcClient.claims(sam.accessToken()).path("fhirUser").asText();
        String subjectToken = kc.medplum().lastSubjectToken();
        String samId = MemberUserIds.userId("panels", SAM_MEMBER);
        assertThat(OidcClient.claims(subjectToken).path("sub").asText()).isEqualTo(samId);

        ObjectNode user = (ObjectNode) kc.admin().get(KeycloakServer.PANELS_REALM + "/users/" + samId);
        user.put("email", RITA);
        kc.admin().put(KeycloakServer.PANELS_REALM + "/users/" + samId, user);
        OidcClient.TokenResponse userinfo = client.userinfo(subjectToken);
        assertThat(userinfo.json().path("email").asText()).as("Keycloak now says Sam's email is Rita's").isEqualTo(RITA);

        OidcClient.TokenResponse bySubject = exchange("riverside-panels-client", subjectToken);
        assertThat(bySubject.status()).as(bySubject.json().toString()).isEqualTo(200);
        assertThat(bySubject.json().path("profile").path("reference").asText()).isEqualTo(samPractitioner);

        // What matching by email would have done with the same token (Medplum's default when "use subject" is off):
        kc.medplum().addClient("medplum-project-riverside", "riverside-by-email",
                kc.realmUrl(KeycloakServer.PANELS_REALM) + "/protocol/openid-connect/userinfo", false, null);
        OidcClient.TokenResponse byEmail = exchange("riverside-by-email", subjectToken);
        assertThat(byEmail.status()).as(byEmail.json().toString()).isEqualTo(200);
        assertThat(byEmail.json().path("profile").path("reference").asText()).as("Rita's Medplum identity").isNotEqualTo(samPractitioner);

        OidcClient.TokenResponse again = PanelsAppSignIn.signIn(kc, client, SAM);
        assertThat(kc.admin().get(KeycloakServer.PANELS_REALM + "/users/" + samId).path("email").asText()).isEqualTo(SAM);
        assertThat(OidcClient.claims(again.accessToken()).path("fhirUser").asText()).isEqualTo(samPractitioner);
        client.logout(sam.refreshToken());
        client.logout(again.refreshToken());
    }

    @Test
    void theSubjectTokenSentToMedplumIsMadeForMedplumAloneAndCarriesNoPanelsRolesOrOrganization() {
        OidcClient client = PanelsAppSignIn.client(kc);
        OidcClient.TokenResponse rita = PanelsAppSignIn.signIn(kc, client, RITA);
        JsonNode access = OidcClient.claims(rita.accessToken());
        JsonNode subject = OidcClient.claims(kc.medplum().lastSubjectToken());

        assertThat(subject.path("sub").asText()).isEqualTo(MemberUserIds.userId("panels", RITA_MEMBER)).isEqualTo(access.path("sub").asText());
        assertThat(subject.path("sid").asText()).isEqualTo(access.path("sid").asText());
        assertThat(texts(subject.path("aud"))).containsExactly("medplum");
        assertThat(subject.path("scope").asText()).isEqualTo("openid");
        List<String> names = new ArrayList<>();
        subject.fieldNames().forEachRemaining(names::add);
        assertThat(names).doesNotContain("groups", "realm_access", "resource_access", "organization", "stytch_org_id",
                "upn", "email", "medplum_token", "medplum_project", "fhirUser");
        assertThat(subject.path("exp").asLong() - subject.path("iat").asLong()).isLessThanOrEqualTo(60);
        client.logout(rita.refreshToken());
    }

    private static OidcClient.TokenResponse exchange(String clientId, String subjectToken) throws IOException, InterruptedException {
        return PanelsRealm.medplumToken(kc, "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&client_id=" + enc(clientId) + "&subject_token=" + enc(subjectToken)
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token"));
    }

    // ---------------------------------------------------------------- memberships come and go in Stytch

    @Test
    void aMemberDeletedAndRecreatedInStytchSignsInAgainAsANewUserWithNothingOfTheOldMembership() throws Exception {
        String email = "drew.recreated@riverside.example";
        OidcClient client = PanelsAppSignIn.client(kc);
        String first = createMember(RIVERSIDE, email, "Drew Recreated", null, List.of("panels-builder"));
        OidcClient.TokenResponse before = PanelsAppSignIn.signIn(kc, client, email);
        JsonNode old = OidcClient.claims(before.accessToken());
        assertThat(old.path("sub").asText()).isEqualTo(MemberUserIds.userId("panels", first));
        assertThat(texts(old.path("groups"))).contains("panels-editor");
        assertThat(old.has("medplum_token")).as("no Medplum membership for this member yet").isFalse();

        PanelsRealm.ok(stytch.getOrganizations().getMembers().deleteCompletable(new DeleteRequest(RIVERSIDE, first), new DeleteRequestOptions()));
        String second = createMember(RIVERSIDE, email, "Drew Recreated", null, List.of("panels-user"));
        String secondUser = MemberUserIds.userId("panels", second);
        String invited = inviteToMedplum("medplum-project-riverside", "riverside-panels-client", "riverside-local-secret-not-for-production",
                secondUser, "Drew", "Recreated", email);
        OidcClient.TokenResponse after = PanelsAppSignIn.signIn(kc, client, email);

        JsonNode now = OidcClient.claims(after.accessToken());
        assertThat(now.path("sub").asText()).isEqualTo(secondUser).isNotEqualTo(old.path("sub").asText());
        assertThat(texts(now.path("groups"))).contains("panels-viewer").doesNotContain("panels-editor");
        assertThat(now.path("fhirUser").asText()).isEqualTo(invited);
        assertThat(client.refresh(before.refreshToken()).status()).as("the deleted membership's session has ended").isEqualTo(400);
        client.logout(after.refreshToken());
    }

    @Test
    void deletingOneMembershipInStytchEndsThatMembershipsSessionsOnly() {
        String email = "erin.both@shared.example";
        createMember(NORTHWIND, email, "Erin Both", "+15555550108", List.of("panels-user"));
        createMember(RIVERSIDE, email, "Erin Both", null, List.of("panels-user"));
        OidcClient client = PanelsAppSignIn.client(kc);
        OidcClient.TokenResponse northwind = PanelsAppSignIn.signIn(kc, client, PanelsAppSignIn.browser(), email, NORTHWIND, "+15555550108");
        OidcClient.TokenResponse riverside = PanelsAppSignIn.signIn(kc, client, PanelsAppSignIn.browser(), email, RIVERSIDE, null);
        String northwindMember = OidcClient.claims(northwind.accessToken()).path("preferred_username").asText();

        PanelsRealm.ok(stytch.getOrganizations().getMembers().deleteCompletable(new DeleteRequest(NORTHWIND, northwindMember),
                new DeleteRequestOptions()));

        assertThat(client.refresh(northwind.refreshToken()).status()).isEqualTo(400);
        OidcClient.TokenResponse stillRiverside = client.refresh(riverside.refreshToken());
        assertThat(stillRiverside.status()).as(stillRiverside.json().toString()).isEqualTo(200);
        assertThat(OidcClient.claims(stillRiverside.accessToken()).path("stytch_org_id").asText()).isEqualTo(RIVERSIDE);
        client.logout(stillRiverside.refreshToken());
    }

    @Test
    void aMemberDemotedOrDeletedInStytchFeelsItAtTheNextRefreshNotTheNextSignIn() {
        String email = "fern.demoted@riverside.example";
        String member = createMember(RIVERSIDE, email, "Fern Demoted", null, List.of("panels-admin"));
        OidcClient client = PanelsAppSignIn.client(kc);
        OidcClient.TokenResponse signedIn = PanelsAppSignIn.signIn(kc, client, email);
        assertThat(texts(OidcClient.claims(signedIn.accessToken()).path("groups"))).contains("panels-admin");

        PanelsRealm.ok(stytch.getOrganizations().getMembers().updateCompletable(new com.stytch.java.b2b.models.organizationsmembers.UpdateRequest(
                RIVERSIDE, member, null, null, null, null, null, null, List.of("panels-user")),
                new com.stytch.java.b2b.models.organizationsmembers.UpdateRequestOptions()));
        OidcClient.TokenResponse demoted = client.refresh(signedIn.refreshToken());

        assertThat(demoted.status()).as(demoted.json().toString()).isEqualTo(200);
        assertThat(texts(OidcClient.claims(demoted.accessToken()).path("groups"))).contains("panels-viewer")
                .doesNotContain("panels-admin", "panels-editor");
        assertThat(texts(OidcClient.claims(demoted.accessToken()).path("realm_access").path("roles"))).doesNotContain("panels-admin");

        PanelsRealm.ok(stytch.getOrganizations().getMembers().deleteCompletable(new DeleteRequest(RIVERSIDE, member), new DeleteRequestOptions()));
        assertThat(client.refresh(demoted.refreshToken()).status()).as("a deleted member's refresh").isEqualTo(400);
    }

    private static String createMember(String organization, String email, String name, String phone, List<String> roles) {
        return PanelsRealm.ok(stytch.getOrganizations().getMembers().createCompletable(
                new CreateRequest(organization, email, name, null, null, null, null, phone, phone != null, roles),
                new CreateRequestOptions())).getMemberId();
    }

    /** What a Medplum project admin does for a new clinician: invite with externalId = the member's Keycloak user id. */
    private static String inviteToMedplum(String project, String clientId, String secret, String externalId, String firstName,
                                          String lastName, String email) throws IOException, InterruptedException {
        OidcClient.TokenResponse admin = PanelsRealm.medplumToken(kc, "grant_type=client_credentials&client_id=" + enc(clientId)
                + "&client_secret=" + enc(secret));
        assertThat(admin.status()).as(admin.json().toString()).isEqualTo(200);
        String body = KeycloakAdmin.JSON.writeValueAsString(Map.of("resourceType", "Practitioner", "firstName", firstName,
                "lastName", lastName, "email", email, "externalId", externalId, "sendEmail", false));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(kc.medplum().baseUrl() + "/admin/projects/" + project + "/invite"))
                .header("Authorization", "Bearer " + admin.accessToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return KeycloakAdmin.JSON.readTree(r.body()).path("profile").path("reference").asText();
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node.asText());
        }
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
