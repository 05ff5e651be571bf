package dev.panels.emulator.stytch;

import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeRequest;
import com.stytch.java.b2b.models.magiclinksdiscovery.AuthenticateRequest;
import com.stytch.java.b2b.models.magiclinksemaildiscovery.SendRequest;
import com.stytch.java.b2b.models.organizations.CreateRequest;
import com.stytch.java.b2b.models.organizations.GetRequest;
import com.stytch.java.common.OptionalClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** State survives a restart through the snapshot file: organizations, sessions and the JWT signing key. */
class SnapshotTest {

    private static StytchEmulator start(Path snapshot) {
        return StytchEmulator.start(StytchEmulatorConfig.builder().port(0).snapshot(snapshot).build());
    }

    private static StytchB2BClient clientFor(StytchEmulator emu) {
        return new StytchB2BClient(emu.projectId(), emu.secret(), new OptionalClientConfig(emu.baseUrl()));
    }

    @Test
    void stateAndSessionsSurviveARestart(@TempDir Path dir) {
        Path snapshot = dir.resolve("state/stytch.json");
        String orgId;
        String sessionToken;
        String sessionJwt;
        try (StytchEmulator emu = start(snapshot); StytchB2BClient client = clientFor(emu)) {
            assertThat(snapshot).as("written at start").exists();
            orgId = Sdk.ok(client.getOrganizations().createCompletable(new CreateRequest("Snapshot Clinic", "snapshot")))
                    .getOrganization().getOrganizationId();
            Sdk.ok(client.getMagicLinks().getEmail().getDiscovery()
                    .sendCompletable(new SendRequest(Seeded.SAM_EMAIL))); // the seed's default URL
            String token = Sdk.query(emu.inbox().latestFor(Seeded.SAM_EMAIL).orElseThrow().link()).get("token");
            String ist = Sdk.ok(client.getMagicLinks().getDiscovery()
                    .authenticateCompletable(new AuthenticateRequest(token))).getIntermediateSessionToken();
            var session = Sdk.ok(client.getDiscovery().getIntermediateSessions()
                    .exchangeCompletable(new ExchangeRequest(ist, Seeded.RIVERSIDE)));
            sessionToken = session.getSessionToken();
            sessionJwt = session.getSessionJWT();
        }
        assertThat(snapshot).content().contains("Snapshot Clinic").doesNotContain("rita-Riverside-1");

        try (StytchEmulator emu = start(snapshot); StytchB2BClient client = clientFor(emu)) {
            assertThat(Sdk.ok(client.getOrganizations().getCompletable(new GetRequest(orgId)))
                    .getOrganization().getOrganizationSlug()).isEqualTo("snapshot");
            assertThat(Sdk.ok(client.getSessions().authenticateCompletable(
                    new com.stytch.java.b2b.models.sessions.AuthenticateRequest(sessionToken))).getMember().getMemberId())
                    .isEqualTo(Seeded.SAM);
            assertThat(Sdk.ok(client.getSessions().authenticateJwtLocalCompletable(sessionJwt, null, null, 0))
                    .getMemberId()).as("the signing key was restored").isEqualTo(Seeded.SAM);
        }
    }
}
