package dev.panels.emulator.stytch;

import dev.panels.emulator.common.MutableClock;
import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeRequest;
import com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeResponse;
import com.stytch.java.b2b.models.magiclinksdiscovery.AuthenticateRequest;
import com.stytch.java.b2b.models.magiclinksdiscovery.AuthenticateResponse;
import com.stytch.java.b2b.models.magiclinksemaildiscovery.SendRequest;
import com.stytch.java.common.OptionalClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One emulator on a free port and one real SDK client per test class. Besides the sample seed's Keycloak URLs,
 * the test redirect URLs below are registered, as a developer would add them in the Stytch dashboard.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatorTestBase {

    /** Any {@code n} value: {@code http://localhost:18199/page?n=first}. Registered for discovery and login. */
    static final String PAGE = "http://localhost:18199/page?n={}";
    static final String LOGIN = "http://localhost:18199/login";
    static final String LOGIN_A_B = "http://localhost:18199/login?a=b";
    static final String SIGNUP = "http://localhost:18199/signup";

    StytchEmulator emu;
    StytchB2BClient client;

    @BeforeAll
    void startEmulator() {
        emu = StytchEmulator.start(StytchEmulatorConfig.builder().host("127.0.0.1").port(0).clock(clock())
                .redirectUrl("discovery", Seeded.REDIRECT).redirectUrl("login", Seeded.REDIRECT)
                .redirectUrl("signup", Seeded.REDIRECT)
                .redirectUrl("discovery", PAGE).redirectUrl("login", PAGE)
                .redirectUrl("login", LOGIN).redirectUrl("login", LOGIN_A_B).redirectUrl("signup", SIGNUP)
                .build());
        client = new StytchB2BClient(emu.projectId(), emu.secret(), new OptionalClientConfig(emu.baseUrl()));
    }

    /** The emulator's clock; classes that expire tokens override this with a {@link MutableClock}. */
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    @AfterAll
    void stopEmulator() {
        if (client != null) {
            client.close();
        }
        if (emu != null) {
            emu.close();
        }
    }

    /** Sends a discovery magic link and returns the token from the emailed link. */
    String discoveryToken(String email) {
        Sdk.ok(client.getMagicLinks().getEmail().getDiscovery().sendCompletable(new SendRequest(email, Seeded.REDIRECT)));
        String link = emu.inbox().latestFor(email).orElseThrow().link();
        return Sdk.query(link).get("token");
    }

    AuthenticateResponse discover(String email) {
        return Sdk.ok(client.getMagicLinks().getDiscovery()
                .authenticateCompletable(new AuthenticateRequest(discoveryToken(email))));
    }

    /** A full session in an organization without MFA, via discovery magic link and exchange. */
    ExchangeResponse sessionIn(String email, String organizationId) {
        String ist = discover(email).getIntermediateSessionToken();
        return Sdk.ok(client.getDiscovery().getIntermediateSessions()
                .exchangeCompletable(new ExchangeRequest(ist, organizationId)));
    }
}
