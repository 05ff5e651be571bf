package dev.panels.app.it;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** OIDC back-channel logout: a verified logout token ends the session's live access tokens at once. */
class BackchannelLogoutIT extends DeployedApp {

    private static String form(String token) {
        return "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    @Test
    void logoutRevokesTheSessionsLiveTokenAtOnce() {
        TestIssuer.Token token = TestIssuer.token().groups("panels-viewer");
        TestIssuer.Token otherSession = TestIssuer.token().subject(token.subject()).groups("panels-viewer");
        String access = token.serialize();
        assertThat(api().get("api/me", access).status()).isEqualTo(200);

        Api.Reply logout = api().postForm("auth/backchannel-logout",
                form(TestIssuer.logoutToken(token.sid(), token.subject(), true, null, false)));

        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
        assertThat(logout.header("Cache-Control")).isEqualTo("no-store");
        Api.Reply after = api().get("api/me", access);
        assertThat(after.status()).as(after.toString()).isEqualTo(401);
        assertThat(after.problemType()).isEqualTo("https://panels.dev/problems/session");
        // Only that session ends: the same user's other session goes on.
        assertThat(api().get("api/me", otherSession.serialize()).status()).isEqualTo(200);
    }

    @Test
    void logoutWithoutSidEndsTheSubjectsEarlierTokensOnly() {
        TestIssuer.Token earlier = TestIssuer.token().groups("panels-viewer").issuedSecondsAgo(30);
        TestIssuer.Token otherUser = TestIssuer.token().organization(earlier.organization()).groups("panels-viewer");
        String access = earlier.serialize();

        Api.Reply logout = api().postForm("auth/backchannel-logout",
                form(TestIssuer.logoutToken(null, earlier.subject(), true, null, false)));

        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
        Api.Reply refused = api().get("api/me", access);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.problemType()).isEqualTo("https://panels.dev/problems/session");
        assertThat(api().get("api/me", otherUser.serialize()).status()).isEqualTo(200);
    }

    @Test
    void logoutTokensThatBreakTheSpecAreRefusedAndRevokeNothing() {
        TestIssuer.Token token = TestIssuer.token().groups("panels-viewer");
        String access = token.serialize();

        assertRejected(TestIssuer.logoutToken(token.sid(), token.subject(), true, null, true));   // foreign key
        assertRejected(TestIssuer.logoutToken(token.sid(), token.subject(), false, null, false)); // no event
        assertRejected(TestIssuer.logoutToken(token.sid(), token.subject(), true, "n-1", false)); // nonce present
        assertRejected(TestIssuer.logoutToken(null, null, true, null, false));                     // neither sid nor sub
        assertRejected(token.serialize());                                                         // an access token

        assertThat(api().get("api/me", access).status()).isEqualTo(200);
    }

    private void assertRejected(String logoutToken) {
        Api.Reply reply = api().postForm("auth/backchannel-logout", form(logoutToken));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().getString("error")).isEqualTo("invalid_request");
    }
}
