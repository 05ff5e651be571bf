package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.organizations.Member;
import com.stytch.java.b2b.models.organizationsmembers.SearchRequest;
import com.stytch.java.b2b.models.organizationsmembers.UpdateRequest;
import com.stytch.java.b2b.models.organizationsmembers.UpdateRequestOptions;
import com.stytch.java.b2b.models.sessions.GetRequest;
import com.stytch.java.b2b.models.sessions.MemberSession;
import com.stytch.java.b2b.models.sessions.RevokeRequest;
import com.stytch.java.b2b.models.sessions.RevokeRequestOptions;
import com.stytch.java.common.OptionalClientConfig;
import com.stytch.java.common.StytchResult;
import dev.panels.emulator.common.FaultInjection;
import dev.panels.emulator.stytch.DevInbox;
import dev.panels.testsupport.RateLimitWindows;
import dev.panels.testsupport.HttpBrowser;
import dev.panels.testsupport.KeycloakAdmin;
import dev.panels.testsupport.OidcClient;
import dev.panels.testsupport.StytchSignInPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through the Stytch IdP driven over HTTP as a browser would (cookies, redirects, form posts), against the
 * real Keycloak distribution and the Stytch emulator; results checked at the token endpoint, through admin REST and at
 * Stytch (through the SDK).
 */
class StytchSignInIT {

    static final String RITA = "rita.admin@riverside.example";
    static final String SAM = "sam.builder@riverside.example";
    static final String ADA = "ada.admin@northwind.example";
    static final String BEN = "ben.member@northwind.example";
    static final String CASEY = "casey.both@shared.example";
    /** A Riverside-only member created for the admin-logout test (so other tests' sessions do not interfere). */
    static final String CASEY_PINNED_FREE = "gale.admin-logout@riverside.example";

    static KeycloakServer kc;
    static StytchB2BClient stytch;
    static String linked;
    static String pinned;

    @BeforeAll
    static void setUp() {
        kc = KeycloakServer.get();
        stytch = new StytchB2BClient(kc.stytch().projectId(), kc.stytch().secret(), new OptionalClientConfig(kc.stytch().baseUrl()));
        linked = StytchTestRealm.linked(kc);
        pinned = StytchTestRealm.pinnedRiverside(kc);
        ok(stytch.getOrganizations().getMembers().createCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequest(StytchTestRealm.RIVERSIDE, CASEY_PINNED_FREE,
                        "Gale Logout", null, null, null, null, null, null, List.of("panels-user")),
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequestOptions()));
    }

    @AfterAll
    static void tearDown() {
        if (stytch != null) {
            stytch.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    static OidcClient client(String realm) {
        return new OidcClient(kc.realmUrl(realm), StytchTestRealm.CLIENT_ID, StytchTestRealm.REDIRECT_URI);
    }

    static HttpBrowser browser() {
        return new HttpBrowser().stopAt(u -> u.startsWith(StytchTestRealm.REDIRECT_URI));
    }

    /** Authorize with kc_idp_hint: lands on the Stytch sign-in page. */
    static HttpBrowser.Page stytchPage(HttpBrowser browser, OidcClient client) {
        HttpBrowser.Page page = browser.get(client.authorizeUrl(Map.of("kc_idp_hint", StytchTestRealm.ALIAS)));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.hasElement("stytch-login")).as(page.body()).isTrue();
        return page;
    }

    static HttpBrowser.Page requestLink(HttpBrowser browser, HttpBrowser.Page stytchPage, String email) {
        HttpBrowser.Page check = browser.submit(stytchPage.form("stytch-email-form").with("email", email));
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.hasElement("stytch-check-email")).as(check.body()).isTrue();
        return check;
    }

    static String latestLink(String email) {
        DevInbox.SentEmail mail = kc.stytch().inbox().latestFor(email).orElseThrow();
        assertThat(mail.link()).as("magic link for " + email).isNotNull();
        return mail.link();
    }

    static String latestSmsCode(String email) {
        return kc.stytch().inbox().forEmail(email).stream().filter(m -> m.phone() != null && m.code() != null)
                .findFirst().orElseThrow(() -> new AssertionError("no SMS for " + email)).code();
    }

    /** Follows first-broker-login pages that need no input until the redirect to the client. */
    static String callbackOf(HttpBrowser.Page page) {
        assertThat(page.isRedirect()).as("expected the redirect to the client, got %s %s\n%s", page.status(), page.url(), page.body())
                .isTrue();
        String location = page.location().orElseThrow();
        assertThat(location).startsWith(StytchTestRealm.REDIRECT_URI);
        assertThat(HttpBrowser.queryParam(location, "error")).as(location).isNull();
        return location;
    }

    static List<String> realmRoles(String accessToken) {
        List<String> roles = new ArrayList<>();
        OidcClient.claims(accessToken).path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    static String memberId(String orgId, String email) {
        var r = ok(stytch.getOrganizations().getMembers().searchCompletable(new SearchRequest(List.of(orgId)),
                new com.stytch.java.b2b.models.organizationsmembers.SearchRequestOptions()));
        return r.getMembers().stream().filter(m -> m.getEmailAddress().equalsIgnoreCase(email)).map(Member::getMemberId)
                .findFirst().orElseThrow();
    }

    static List<String> stytchSessionIds(String orgId, String memberId) {
        var r = ok(stytch.getSessions().getCompletable(new GetRequest(orgId, memberId)));
        return r.getMemberSessions().stream().map(MemberSession::getMemberSessionId).toList();
    }

    static <T> T ok(java.util.concurrent.CompletableFuture<StytchResult<T>> f) {
        return PanelsRealm.ok(f);
    }

    /** Full discovery magic-link login of a member of one organization (no MFA), same browser. */
    static OidcClient.TokenResponse magicLinkLogin(String realm, String email) {
        HttpBrowser browser = browser();
        OidcClient client = client(realm);
        HttpBrowser.Page check = requestLink(browser, stytchPage(browser, client), email);
        assertThat(check.text("stytch-sent-to")).contains(email);
        HttpBrowser.Page done = browser.get(latestLink(email));
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(done));
        assertThat(tokens.status()).as(tokens.json().toString()).isEqualTo(200);
        return tokens;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void discoveryMagicLinkWithOneOrganizationSignsInWithMappedRolesOrganizationAndBrokerSession() {
        OidcClient.TokenResponse tokens = magicLinkLogin(linked, RITA);
        JsonNode access = OidcClient.claims(tokens.accessToken());
        assertThat(access.path("email").asText()).isEqualTo(RITA);
        assertThat(realmRoles(tokens.accessToken())).contains("panels-admin").doesNotContain("panels-editor", "panels-viewer");

        String ritaId = memberId(StytchTestRealm.RIVERSIDE, RITA);
        JsonNode user = StytchTestRealm.user(kc, linked, RITA);
        assertThat(user.path("firstName").asText()).isEqualTo("Rita");
        assertThat(user.path("attributes").path("stytch_member_id").get(0).asText()).isEqualTo(ritaId);
        assertThat(user.path("attributes").path("stytch_organization_id").get(0).asText()).isEqualTo(StytchTestRealm.RIVERSIDE);
        assertThat(user.toString()).doesNotContain("session_token", "session_jwt");

        // managed member of the linked Keycloak Organization
        JsonNode orgs = kc.admin().get(linked + "/organizations/members/" + user.path("id").asText() + "/organizations");
        assertThat(orgs.toString()).contains("riverside").doesNotContain("northwind");

        // broker session id = alias + Stytch session id, and that session is active at Stytch
        String sid = access.path("sid").asText();
        JsonNode sessions = kc.admin().get(linked + "/users/" + user.path("id").asText() + "/sessions");
        assertThat(sessions.toString()).contains(sid);
        List<String> stytchSessions = stytchSessionIds(StytchTestRealm.RIVERSIDE, ritaId);
        assertThat(stytchSessions).isNotEmpty();

        JsonNode identities = kc.admin().get(linked + "/users/" + user.path("id").asText() + "/federated-identity");
        assertThat(identities.get(0).path("userId").asText()).isEqualTo(ritaId);

        // events carry the Stytch ids, never a token
        JsonNode events = kc.admin().get(linked + "/events?max=500");
        List<JsonNode> rita = new ArrayList<>();
        events.forEach(e -> {
            if (ritaId.equals(e.path("details").path("stytch_member_id").asText())) {
                rita.add(e);
            }
        });
        assertThat(rita).as(events.toString()).isNotEmpty();
        assertThat(rita).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("IDENTITY_PROVIDER_LOGIN");
            assertThat(e.path("details").path("stytch_step").asText()).isEqualTo("member_authenticated");
            assertThat(e.path("details").path("stytch_organization_id").asText()).isEqualTo(StytchTestRealm.RIVERSIDE);
            assertThat(e.path("details").path("stytch_method").asText()).isEqualTo("discovery_magic_link");
        });
        assertThat(events.toString()).doesNotContain("eyJ").doesNotContain("intermediate_session");
    }

    @Test
    void keycloakLogoutRevokesTheStytchSession() {
        OidcClient.TokenResponse tokens = magicLinkLogin(linked, SAM);
        String samId = memberId(StytchTestRealm.RIVERSIDE, SAM);
        List<String> before = stytchSessionIds(StytchTestRealm.RIVERSIDE, samId);
        assertThat(before).isNotEmpty();
        assertThat(client(linked).logout(tokens.refreshToken())).isEqualTo(204);
        assertThat(stytchSessionIds(StytchTestRealm.RIVERSIDE, samId)).isEmpty();
        assertThat(client(linked).refresh(tokens.refreshToken()).status()).isEqualTo(400);
    }

    @Test
    void anAdminEndingTheSessionRevokesTheStytchSessionToo() {
        OidcClient.TokenResponse tokens = magicLinkLogin(linked, CASEY_PINNED_FREE);
        String member = memberId(StytchTestRealm.RIVERSIDE, CASEY_PINNED_FREE);
        assertThat(stytchSessionIds(StytchTestRealm.RIVERSIDE, member)).hasSize(1);
        String sid = OidcClient.claims(tokens.accessToken()).path("sid").asText();
        kc.admin().delete(linked + "/sessions/" + sid);
        assertThat(stytchSessionIds(StytchTestRealm.RIVERSIDE, member)).isEmpty();
    }

    @Test
    void loginHintPrefillsTheEmail() {
        HttpBrowser browser = browser();
        HttpBrowser.Page page = browser.get(client(linked).authorizeUrl(Map.of("kc_idp_hint", StytchTestRealm.ALIAS,
                "login_hint", "hint.person@riverside.example")));
        assertThat(page.form("stytch-email-form").fields().get("email")).isEqualTo("hint.person@riverside.example");
    }

    @Test
    void stytchSideRevocationEndsTheKeycloakSessionAtTheNextRefresh() {
        OidcClient client = client(linked);
        OidcClient.TokenResponse tokens = magicLinkLogin(linked, RITA);
        OidcClient.TokenResponse refreshed = client.refresh(tokens.refreshToken());
        assertThat(refreshed.status()).as(refreshed.json().toString()).isEqualTo(200);

        String ritaId = memberId(StytchTestRealm.RIVERSIDE, RITA);
        for (String s : stytchSessionIds(StytchTestRealm.RIVERSIDE, ritaId)) {
            ok(stytch.getSessions().revokeCompletable(new RevokeRequest(s), new RevokeRequestOptions()));
        }
        OidcClient.TokenResponse refused = client.refresh(refreshed.refreshToken());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_grant");
        String sid = OidcClient.claims(tokens.accessToken()).path("sid").asText();
        JsonNode user = StytchTestRealm.user(kc, linked, RITA);
        assertThat(kc.admin().get(linked + "/users/" + user.path("id").asText() + "/sessions").toString()).doesNotContain(sid);
    }

    @Test
    void mfaRequiredOrganizationAsksForTheSmsCode() {
        HttpBrowser browser = browser();
        OidcClient client = client(linked);
        requestLink(browser, stytchPage(browser, client), ADA);
        HttpBrowser.Page mfa = browser.get(latestLink(ADA));
        assertThat(mfa.status()).as(mfa.body()).isEqualTo(200);
        assertThat(mfa.hasElement("stytch-mfa-sms-form")).as(mfa.body()).isTrue();
        assertThat(mfa.body()).contains("0101").doesNotContain("+15555550101");

        HttpBrowser.Page wrong = browser.submit(mfa.form("stytch-mfa-sms-form").with("code", "000000".equals(latestSmsCode(ADA)) ? "111111" : "000000"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.hasElement("stytch-mfa-sms-form")).isTrue();

        HttpBrowser.Page done = browser.submit(wrong.form("stytch-mfa-sms-form").with("code", latestSmsCode(ADA)));
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(done));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(realmRoles(tokens.accessToken())).contains("panels-admin");
    }

    @Test
    void oauthThroughThePinnedOrganization() {
        HttpBrowser browser = browser();
        OidcClient client = client(pinned);
        HttpBrowser.Page page = stytchPage(browser, client);
        String oauthUrl = new StytchSignInPage(page).oauthStart();
        assertThat(oauthUrl).contains("/v1/b2b/public/oauth/google/start", "organization_id=" + StytchTestRealm.RIVERSIDE);
        HttpBrowser.Page idp = browser.get(oauthUrl);
        assertThat(idp.status()).as(idp.body()).isEqualTo(200);
        HttpBrowser.Page done = browser.submit(idp.firstForm().with("member_id", memberId(StytchTestRealm.RIVERSIDE, SAM)));
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(done));
        assertThat(OidcClient.claims(tokens.accessToken()).path("email").asText()).isEqualTo(SAM);
    }

    @Test
    void aMemberWithoutASecondFactorEnrollsAPhoneDuringLogin() {
        HttpBrowser browser = browser();
        OidcClient client = client(linked);
        requestLink(browser, stytchPage(browser, client), BEN);
        HttpBrowser.Page enroll = browser.get(latestLink(BEN));
        assertThat(enroll.hasElement("stytch-mfa-phone-form")).as(enroll.body()).isTrue();
        HttpBrowser.Page badPhone = browser.submit(enroll.form("stytch-mfa-phone-form").with("phone", "555-0102"));
        assertThat(badPhone.status()).isEqualTo(400);
        HttpBrowser.Page sms = browser.submit(badPhone.form("stytch-mfa-phone-form").with("phone", "+15555550102"));
        assertThat(sms.hasElement("stytch-mfa-sms-form")).as(sms.body()).isTrue();
        HttpBrowser.Page done = browser.submit(sms.form("stytch-mfa-sms-form").with("code", latestSmsCode(BEN)));
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(done));
        assertThat(realmRoles(tokens.accessToken())).contains("panels-viewer").doesNotContain("panels-admin", "panels-editor");
    }

    @Test
    void twoOrganizationsShowThePickerAndTheChosenOrganizationDecidesTheRoles() {
        HttpBrowser browser = browser();
        OidcClient client = client(linked);
        requestLink(browser, stytchPage(browser, client), CASEY);
        HttpBrowser.Page picker = browser.get(latestLink(CASEY));
        assertThat(picker.status()).as(picker.body()).isEqualTo(200);
        assertThat(picker.buttonValues("organization_id")).containsExactlyInAnyOrder(StytchTestRealm.NORTHWIND, StytchTestRealm.RIVERSIDE);
        assertThat(picker.body()).contains("Riverside Health", "Northwind Clinic");

        HttpBrowser.Page done = browser.submit(picker.form("stytch-organization-form").with("organization_id", StytchTestRealm.RIVERSIDE));
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(done));
        assertThat(realmRoles(tokens.accessToken())).contains("panels-editor").doesNotContain("panels-viewer", "panels-admin");
    }

    @Test
    void organizationNamesAreHtmlEscapedInThePicker() {
        String email = "zoe.markup@shared.example";
        var org = ok(stytch.getOrganizations().createCompletable(
                new com.stytch.java.b2b.models.organizations.CreateRequest("Evil <img src=x onerror=alert(1)> Org", "evil-markup")))
                .getOrganization().getOrganizationId();
        for (String o : List.of(org, StytchTestRealm.RIVERSIDE)) {
            ok(stytch.getOrganizations().getMembers().createCompletable(
                    new com.stytch.java.b2b.models.organizationsmembers.CreateRequest(o, email, "Zoe Markup"),
                    new com.stytch.java.b2b.models.organizationsmembers.CreateRequestOptions()));
        }
        var kcOrg = KeycloakAdmin.JSON.createObjectNode();
        kcOrg.put("name", "Evil markup").put("alias", "evil-markup").put("enabled", true);
        kcOrg.putObject("attributes").putArray("stytch_organization_id").add(org);
        kc.admin().post(linked + "/organizations", kcOrg);

        HttpBrowser browser = browser();
        requestLink(browser, stytchPage(browser, client(linked)), email);
        HttpBrowser.Page picker = browser.get(latestLink(email));
        assertThat(picker.buttonValues("organization_id")).containsExactlyInAnyOrder(org, StytchTestRealm.RIVERSIDE);
        assertThat(picker.body()).contains("Evil &lt;img src=x onerror=alert(1)&gt; Org").doesNotContain("<img src=x");
    }

    @Test
    void aLinkOpenedInAnotherBrowserOnlyGivesACodeThatFinishesTheLoginInTheOriginalTab() {
        HttpBrowser original = browser();
        OidcClient client = client(linked);
        HttpBrowser.Page check = requestLink(original, stytchPage(original, client), SAM);
        String link = latestLink(SAM);

        HttpBrowser other = browser();
        HttpBrowser.Page confirmed = other.get(link);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        String code = confirmed.text("stytch-continuation-code");
        assertThat(code).matches("[0-9]{6}");
        // the other browser got no Keycloak session
        HttpBrowser.Page otherAuth = other.get(client(linked).authorizeUrl(Map.of("prompt", "none")));
        assertThat(HttpBrowser.queryParam(otherAuth.location().orElseThrow(), "error")).isEqualTo("login_required");

        // the original tab sees the link was used, and a wrong code is refused
        String statusUrl = new StytchSignInPage(check).linkStatusUrl();
        assertThat(original.get(statusUrl).body()).contains("\"verified\"");
        String wrongCode = code.equals("000000") ? "000001" : "000000";
        HttpBrowser.Page wrong = original.submit(check.form("stytch-continue-form").with("code", wrongCode));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("That code is not right");

        HttpBrowser.Page done = original.submit(wrong.form("stytch-continue-form").with("code", code));
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(done));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(OidcClient.claims(tokens.accessToken()).path("email").asText()).isEqualTo(SAM);
    }

    @Test
    void aReplayedLinkIsRefusedWithAClearPage() {
        magicLinkLogin(linked, RITA);
        HttpBrowser.Page replay = browser().get(latestLink(RITA));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).contains("no longer valid");
        assertThat(replay.body()).doesNotContain("Exception", "at dev.panels");
    }

    @Test
    void anExpiredLinkIsRefusedWithAClearPage() {
        HttpBrowser browser = browser();
        requestLink(browser, stytchPage(browser, client(linked)), SAM);
        String link = latestLink(SAM);
        kc.stytchClock().advance(java.time.Duration.ofMinutes(16)); // the provider asks Stytch for 15-minute links
        HttpBrowser.Page expired;
        try {
            expired = browser.get(link);
        } finally {
            kc.stytchClock().reset();
        }
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.body()).contains("no longer valid");
        assertThat(expired.hasElement("stytch-retry")).isTrue();
    }

    @Test
    void stytchDownWhenSendingTheEmailGivesARetryPage() {
        HttpBrowser browser = browser();
        OidcClient client = client(linked);
        HttpBrowser.Page page = stytchPage(browser, client);
        kc.stytch().faults().update(new FaultInjection.Settings(0, 0, 503, true));
        HttpBrowser.Page down;
        try {
            down = browser.submit(page.form("stytch-email-form").with("email", RITA));
        } finally {
            kc.stytch().faults().reset();
        }
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("temporarily unavailable");
        HttpBrowser.Page again = browser.get(down.link("stytch-retry"));
        requestLink(browser, again, RITA);
    }

    @Test
    void aPinnedRealmRefusesAMemberOfAnotherOrganization() {
        HttpBrowser browser = browser();
        OidcClient client = client(pinned);
        requestLink(browser, stytchPage(browser, client), BEN);
        HttpBrowser.Page refused = browser.get(latestLink(BEN));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Your organization cannot sign in here");
        assertThat(StytchTestRealm.user(kc, pinned, BEN)).isNull();

        // Casey belongs to both: the pinned realm skips the picker and signs her into Riverside
        HttpBrowser b2 = browser();
        OidcClient c2 = client(pinned);
        requestLink(b2, stytchPage(b2, c2), CASEY);
        OidcClient.TokenResponse tokens = c2.exchange(callbackOf(b2.get(latestLink(CASEY))));
        assertThat(realmRoles(tokens.accessToken())).contains("panels-editor");
    }

    @Test
    void passwordLoginInAPinnedRealmAndAClearWrongPasswordPage() {
        HttpBrowser browser = browser();
        OidcClient client = client(pinned);
        HttpBrowser.Page page = stytchPage(browser, client);
        HttpBrowser.Page wrong = browser.submit(page.form("stytch-password-form").with("email", SAM).with("password", "not-it"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong email or password");
        HttpBrowser.Page done = browser.submit(wrong.form("stytch-password-form").with("email", SAM).with("password", "sam-Riverside-1"));
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(done));
        assertThat(realmRoles(tokens.accessToken())).contains("panels-editor");
    }

    @Test
    void ssoThroughTheOrganizationsConnection() {
        HttpBrowser browser = browser();
        OidcClient client = client(pinned);
        HttpBrowser.Page page = stytchPage(browser, client);
        HttpBrowser.Page idp = browser.get(new StytchSignInPage(page).ssoStart());
        assertThat(idp.status()).as(idp.body()).isEqualTo(200);
        String rita = memberId(StytchTestRealm.RIVERSIDE, RITA);
        HttpBrowser.Page done = browser.submit(idp.firstForm().with("member_id", rita));
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(done));
        assertThat(OidcClient.claims(tokens.accessToken()).path("email").asText()).isEqualTo(RITA);
    }

    @Test
    void aRoleRemovedInStytchIsRemovedAtTheNextLogin() {
        String email = "dana.sync@riverside.example";
        ok(stytch.getOrganizations().getMembers().createCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequest(StytchTestRealm.RIVERSIDE, email, "Dana Sync",
                        null, null, null, null, null, null, List.of("panels-builder", "panels-user")),
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequestOptions()));
        OidcClient.TokenResponse first = magicLinkLogin(linked, email);
        assertThat(realmRoles(first.accessToken())).contains("panels-editor", "panels-viewer");

        String dana = memberId(StytchTestRealm.RIVERSIDE, email);
        ok(stytch.getOrganizations().getMembers().updateCompletable(new UpdateRequest(StytchTestRealm.RIVERSIDE, dana,
                null, null, null, null, null, null, List.of("panels-user")), new UpdateRequestOptions()));
        OidcClient.TokenResponse second = magicLinkLogin(linked, email);
        assertThat(realmRoles(second.accessToken())).contains("panels-viewer").doesNotContain("panels-editor");
    }

    @Test
    void stytchDownGivesAClearRetryPageAndCreatesNoUser() {
        String email = "erin.down@riverside.example";
        ok(stytch.getOrganizations().getMembers().createCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequest(StytchTestRealm.RIVERSIDE, email, "Erin Down"),
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequestOptions()));
        HttpBrowser browser = browser();
        OidcClient client = client(linked);
        requestLink(browser, stytchPage(browser, client), email);
        String link = latestLink(email);
        FaultInjection faults = kc.stytch().faults();
        faults.update(new FaultInjection.Settings(0, 0, 503, true));
        HttpBrowser.Page down;
        try {
            down = browser.get(link);
        } finally {
            faults.reset();
        }
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("temporarily unavailable");
        assertThat(down.hasElement("stytch-retry")).isTrue();
        assertThat(StytchTestRealm.user(kc, linked, email)).isNull();

        // Stytch never saw the link: "Try again" opens it again and finishes the login once Stytch is back
        assertThat(down.link("stytch-retry")).isEqualTo(link);
        OidcClient.TokenResponse tokens = client.exchange(callbackOf(browser.get(down.link("stytch-retry"))));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(StytchTestRealm.user(kc, linked, email)).isNotNull();
    }

    @Test
    void emailSendsAreRateLimitedPerAddress() {
        HttpBrowser browser = browser();
        OidcClient client = client(linked);
        String email = "flood.target@riverside.example";
        HttpBrowser.Page last = null;
        RateLimitWindows.awaitRoom(RateLimitWindows.PROVIDER_WINDOW, Duration.ofSeconds(60));
        for (int i = 0; i < 21; i++) {
            last = browser.submit(stytchPage(browser, client).form("stytch-email-form").with("email", email));
            if (i < 20) {
                assertThat(last.status()).as("send %d", i + 1).isEqualTo(200);
            }
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.body()).contains("Too many attempts");
        assertThat(kc.stytch().inbox().forEmail(email)).hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void aStrangerWhoUsesUpAPersonsEmailsElsewhereDoesNotLockThePersonOut() {
        OidcClient client = client(linked);
        String victim = "locked.out@riverside.example";
        HttpBrowser stranger = browser().from("203.0.113.66");
        HttpBrowser.Page last = null;
        RateLimitWindows.awaitRoom(RateLimitWindows.PROVIDER_WINDOW, Duration.ofSeconds(60));
        for (int i = 0; i < 21; i++) {
            last = stranger.submit(stytchPage(stranger, client).form("stytch-email-form").with("email", victim));
        }
        assertThat(last.status()).as("the stranger is stopped").isEqualTo(429);

        HttpBrowser victimsBrowser = browser().from("198.51.100.7");
        HttpBrowser.Page sent = victimsBrowser.submit(stytchPage(victimsBrowser, client).form("stytch-email-form").with("email", victim));

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.hasElement("stytch-check-email")).isTrue();
    }

    @Test
    void anOversizedFormFieldIsRefusedWithAClearPage() {
        HttpBrowser browser = browser();
        HttpBrowser.Page page = browser.submit(stytchPage(browser, client(linked)).form("stytch-email-form")
                .with("email", "a".repeat(1000) + "@riverside.example"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("This sign-in request is incomplete or invalid");
    }
}
